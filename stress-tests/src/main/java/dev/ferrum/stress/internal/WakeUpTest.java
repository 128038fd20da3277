package dev.ferrum.stress.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.ferrum.internal.Waiter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * No lost wake-up: a thread that waits for a state change with the protocol of {@code
 * dev.ferrum.internal} always returns once another thread has made the change and then notified.
 *
 * <p>{@link Handshake} checks the heart of the protocol, the Dekker pattern between registering and
 * re-checking on one side and changing the state and looking for waiters on the other, millions of
 * times per second without parking. The termination tests then run the whole protocol, parking
 * included, in one thread and a signal in another; jcstress reports {@code STALE} when the waiting
 * thread has not finished long after the signal returned, that is, when it is parked with nobody
 * left to wake it. jcstress starts the signal about a millisecond after the waiting thread, so most
 * of their rounds find the waiter already parked and test the wake-up itself.
 *
 * <p>The deliberately broken variants in {@code dev.ferrum.stress.broken} notify before changing
 * the state, and show that these tests can fail.
 */
public final class WakeUpTest {

    private WakeUpTest() {}

    /**
     * Steps 2 and 3 of the protocol against a signal, without parking: a waiter that registers and
     * then re-checks the flag, and a signal that sets the flag and then looks for a waiter to
     * select (what {@code notifyOne()} does before it unparks), never both miss each other.
     *
     * <p>Results: r1 is whether the waiter's re-check saw the flag, r2 whether the signal selected
     * the waiter.
     */
    @JCStressTest
    @Outcome(
            id = "true, false",
            expect = ACCEPTABLE,
            desc = "The re-check saw the flag; the signal found nobody registered yet. No park.")
    @Outcome(
            id = "false, true",
            expect = ACCEPTABLE,
            desc =
                    "The re-check missed the flag, so the waiter would park; the signal selected it.")
    @Outcome(
            id = "true, true",
            expect = ACCEPTABLE,
            desc =
                    "Both saw each other: the waiter will not park, and the signal's selection"
                            + " goes unused.")
    @Outcome(
            id = "false, false",
            expect = FORBIDDEN,
            desc =
                    "Lost wake-up: the waiter would park because it missed the flag, and the"
                            + " signal missed the registration, so nobody will wake it.")
    public static class Handshake {

        /** Registers, then re-checks the flag (volatile read after the registration's write). */
        @Actor
        public void waiter(WaitedFlag flag, ZZ_Result r) {
            // Created here so that its owner is this thread, as in a real wait.
            flag.queue.register(new Waiter(), WaitedFlag.TOKEN);
            r.r1 = flag.set;
        }

        /** Sets the flag (volatile write), then selects a registered waiter if there is one. */
        @Actor
        public void signal(WaitedFlag flag, ZZ_Result r) {
            flag.set = true;
            // trySelectOne, not notifyOne: the waiter thread is a jcstress worker, not parked here,
            // and an unpark would leave it a permit that could cut short a later park of its own.
            r.r2 = flag.queue.trySelectOne() != null;
        }
    }

    /** A signal that sets the flag and then calls {@code notifyOne()} always wakes the waiter. */
    @JCStressTest(Mode.Termination)
    @Outcome(
            id = "TERMINATED",
            expect = ACCEPTABLE,
            desc = "The waiter returned: it saw the flag before parking, or notifyOne woke it.")
    @Outcome(
            id = "STALE",
            expect = FORBIDDEN,
            desc =
                    "Lost wake-up: the flag is set and notifyOne has returned, but the waiter is"
                            + " still parked and nothing will ever wake it.")
    public static class SetThenNotifyOne {

        /** The waiting thread: the full protocol, from {@link WaitedFlag#awaitSet()}. */
        @Actor
        public void waiter(WaitedFlag flag) {
            flag.awaitSet();
        }

        /** The state change (volatile write), then the notification that announces it. */
        @Signal
        public void signal(WaitedFlag flag) {
            flag.set = true;
            flag.queue.notifyOne();
        }
    }

    /**
     * A signal that sets the flag and then calls {@code notifyAll(token)} always wakes the waiter.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(
            id = "TERMINATED",
            expect = ACCEPTABLE,
            desc = "The waiter returned: it saw the flag before parking, or notifyAll woke it.")
    @Outcome(
            id = "STALE",
            expect = FORBIDDEN,
            desc =
                    "Lost wake-up: the flag is set and notifyAll has returned, but the waiter is"
                            + " still parked and nothing will ever wake it.")
    public static class SetThenNotifyAll {

        /** The waiting thread: the full protocol, from {@link WaitedFlag#awaitSet()}. */
        @Actor
        public void waiter(WaitedFlag flag) {
            flag.awaitSet();
        }

        /** The state change (volatile write), then the notification that announces it. */
        @Signal
        public void signal(WaitedFlag flag) {
            flag.set = true;
            flag.queue.notifyAll(WaitedFlag.TOKEN);
        }
    }
}
