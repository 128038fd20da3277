package dev.ferrum.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.ferrum.channel.Channel;
import dev.ferrum.channel.Receiver;
import dev.ferrum.channel.Sender;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A send happens-before the receive that takes its message: every plain write the sender made to
 * the message before sending it is visible to the receiver.
 *
 * <p>The message has plain, non-final fields written after construction, so nothing but the channel
 * orders them: a slot published before its contents, or read with a weak load, shows up as a
 * message with default (zero) fields. One test per buffered flavour, since the array and linked
 * cores publish slots differently; a rendezvous hand-off fills the same kind of slot as {@code
 * select} and is covered by the wake-up tests.
 *
 * <p>Results: the two fields as the receiver saw them, or {@code -1, -1} if there was no message
 * yet.
 */
public final class SendRecvVisibilityTest {

    private SendRecvVisibilityTest() {}

    /** The message: plain fields that only the channel's ordering publishes. */
    static final class Msg {
        int a;
        int b;
    }

    /** Sends a message whose fields are written just before the send. */
    static void sendFilled(Sender<Msg> tx) {
        Msg m = new Msg();
        m.a = 1;
        m.b = 2;
        if (!tx.trySend(m)) {
            throw new AssertionError("the channel has room, yet trySend failed");
        }
    }

    /** Receives once without waiting and records what the message holds. */
    static void recvInto(Receiver<Msg> rx, II_Result r) {
        Msg m = rx.tryRecv();
        if (m == null) {
            r.r1 = -1;
            r.r2 = -1;
        } else {
            r.r1 = m.a;
            r.r2 = m.b;
        }
    }

    /** The array flavour: {@code bounded(1)}, one slot published by its stamp. */
    @JCStressTest
    @Outcome(
            id = "-1, -1",
            expect = ACCEPTABLE,
            desc = "The receive ran before the send: nothing to take yet.")
    @Outcome(
            id = "1, 2",
            expect = ACCEPTABLE,
            desc = "The receive took the message and saw both fields the sender wrote.")
    @Outcome(
            expect = FORBIDDEN,
            desc =
                    "The receiver got the message but not the writes made before it was sent: the"
                            + " slot was published before its contents.")
    @State
    public static class Array {
        private final Channel<Msg> ch = Channel.bounded(1);

        /** The sender. */
        @Actor
        public void sender() {
            sendFilled(ch.sender());
        }

        /** The receiver. */
        @Actor
        public void receiver(II_Result r) {
            recvInto(ch.receiver(), r);
        }
    }

    /** The list flavour: {@code unbounded()}, a slot in a linked block. */
    @JCStressTest
    @Outcome(
            id = "-1, -1",
            expect = ACCEPTABLE,
            desc = "The receive ran before the send: nothing to take yet.")
    @Outcome(
            id = "1, 2",
            expect = ACCEPTABLE,
            desc = "The receive took the message and saw both fields the sender wrote.")
    @Outcome(
            expect = FORBIDDEN,
            desc =
                    "The receiver got the message but not the writes made before it was sent: the"
                            + " slot was published before its contents.")
    @State
    public static class List {
        private final Channel<Msg> ch = Channel.unbounded();

        /** The sender. */
        @Actor
        public void sender() {
            sendFilled(ch.sender());
        }

        /** The receiver. */
        @Actor
        public void receiver(II_Result r) {
            recvInto(ch.receiver(), r);
        }
    }
}
