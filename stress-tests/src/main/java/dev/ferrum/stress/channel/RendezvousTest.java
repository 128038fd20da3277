package dev.ferrum.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.ferrum.channel.Channel;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A rendezvous channel never buffers: {@code trySend} on {@code bounded(0)} succeeds only by
 * handing the message to a receiver that is waiting, and then that receiver returns it.
 *
 * <p>The receiver waits a short while ({@link #WAIT}); the sender tries once without waiting. A
 * {@code trySend} that succeeded with nobody there to take the message would have parked it in the
 * channel: the receiver would time out and the arbiter's {@code tryRecv} would find it, or nobody
 * would ever see it.
 *
 * <p>Results: r1 is what the receiver returned ({@code 0}: timed out), r2 whether {@code trySend}
 * succeeded ({@code 1}) and r3 what the arbiter's {@code tryRecv} found afterwards ({@code 0}:
 * nothing).
 */
@JCStressTest
@Outcome(
        id = "42, 1, 0",
        expect = ACCEPTABLE,
        desc = "The receiver was waiting; trySend handed the message to it.")
@Outcome(
        id = "0, 0, 0",
        expect = ACCEPTABLE,
        desc =
                "No receiver was waiting when trySend ran (not yet, or no longer): trySend failed"
                        + " and the receiver timed out.")
@Outcome(
        id = {"0, 1, 0", "0, 1, 42"},
        expect = FORBIDDEN,
        desc =
                "trySend succeeded but the waiting receiver timed out: the message was buffered"
                        + " (or lost) instead of handed over.")
@Outcome(
        id = "42, 0, 0",
        expect = FORBIDDEN,
        desc =
                "The receiver got a message although trySend reported failure: the caller may resend it.")
@Outcome(
        expect = FORBIDDEN,
        desc = "Any other result: a message left in the channel, or duplicated.")
@State
public class RendezvousTest {

    /** How long the receiver waits: long enough to be caught, short enough to keep rounds fast. */
    static final Duration WAIT = Duration.ofNanos(200_000);

    private final Channel<Integer> ch = Channel.bounded(0);

    /** Waits briefly for a message. */
    @Actor
    public void receiver(III_Result r) {
        try {
            Integer m = ch.receiver().recv(WAIT);
            r.r1 = m == null ? 0 : m;
        } catch (InterruptedException e) {
            // Nobody interrupts the actors; recorded as an outcome of its own if it happens.
            Thread.currentThread().interrupt();
            r.r1 = -1;
        }
    }

    /** Tries to hand a message over without waiting. */
    @Actor
    public void sender(III_Result r) {
        r.r2 = ch.sender().trySend(42) ? 1 : 0;
    }

    /** After both: whatever a further receive can still find. */
    @Arbiter
    public void arbiter(III_Result r) {
        Integer m = ch.receiver().tryRecv();
        r.r3 = m == null ? 0 : m;
    }
}
