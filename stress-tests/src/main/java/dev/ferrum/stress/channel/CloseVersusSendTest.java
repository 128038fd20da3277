package dev.ferrum.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.ferrum.channel.Channel;
import dev.ferrum.channel.DisconnectedException;
import dev.ferrum.channel.Receiver;
import dev.ferrum.channel.Sender;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A send racing the disconnection of the sending side either delivers its message or fails with
 * {@link DisconnectedException}, never both and never neither.
 *
 * <p>One thread sends with one sender handle while another disconnects the channel with a second
 * handle ({@code Sender.disconnect()}, as if every sender had closed). Receivers still drain what
 * was buffered before the disconnection, so the arbiter sees exactly the messages whose send
 * succeeded, and then the disconnection. A send that checked the mark before the disconnection but
 * published its slot after the receivers' final look would be lost though reported sent; one that
 * saw the mark after publishing would be received though reported failed.
 *
 * <p>Results: r1 is the send's result ({@code 1}: sent, {@code 2}: {@code DisconnectedException}),
 * r2 what the arbiter received ({@code 0}: nothing), r3 whether the arbiter's next receive saw the
 * disconnection ({@code 1}).
 */
@JCStressTest
@Outcome(
        id = "1, 9, 1",
        expect = ACCEPTABLE,
        desc = "The send came first: the message was delivered before the disconnection.")
@Outcome(
        id = "2, 0, 1",
        expect = ACCEPTABLE,
        desc = "The disconnection came first: the send failed and delivered nothing.")
@Outcome(
        id = "1, 0, 1",
        expect = FORBIDDEN,
        desc = "Neither: the send reported success, but the message never reached the receiver.")
@Outcome(
        id = "2, 9, 1",
        expect = FORBIDDEN,
        desc = "Both: the send threw, yet the receiver got the message (the caller may resend it).")
@Outcome(
        expect = FORBIDDEN,
        desc = "Any other result: the channel did not end disconnected, or delivered twice.")
@State
public class CloseVersusSendTest {

    private final Sender<Integer> tx;
    private final Sender<Integer> closer;
    private final Receiver<Integer> rx;

    /** A {@code bounded(1)} channel, empty, with two sender handles. */
    public CloseVersusSendTest() {
        Channel<Integer> ch = Channel.bounded(1);
        tx = ch.sender();
        closer = tx.clone();
        rx = ch.receiver();
    }

    /** Sends without waiting; the channel has room, so only the disconnection can stop it. */
    @Actor
    public void sender(III_Result r) {
        try {
            r.r1 = tx.trySend(9) ? 1 : 3;
        } catch (DisconnectedException e) {
            r.r1 = 2;
        }
    }

    /** Disconnects the channel through the other sender handle. */
    @Actor
    public void disconnect() {
        closer.disconnect();
    }

    /** Drains the channel: the message if it was delivered, then the disconnection. */
    @Arbiter
    public void arbiter(III_Result r) {
        try {
            Integer m = rx.tryRecv();
            r.r2 = m == null ? -1 : m;
        } catch (DisconnectedException e) {
            r.r2 = 0;
            r.r3 = 1;
            return;
        }
        try {
            r.r3 = rx.tryRecv() == null ? 0 : 2;
        } catch (DisconnectedException e) {
            r.r3 = 1;
        }
    }
}
