package dev.ferrum.stress.broken;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.ferrum.internal.Waiter;
import dev.ferrum.stress.internal.WaitedFlag;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * Deliberately broken: a signal that notifies <em>before</em> the state change it announces loses
 * wake-ups, and jcstress must report both tests here as failed.
 *
 * <p>The waiter side is the correct one; only the signal's order differs from the tests in {@code
 * dev.ferrum.stress.internal.WakeUpTest}. The waiter's re-check cannot save it: the Dekker pattern
 * needs the state write to come before the notifier's look at the queue, and here it comes after.
 *
 * <p>Excluded from the default run; run them alone with {@code -t broken}. A run that reports one
 * of them as passed did not exercise the race, and then proves nothing about its real counterpart.
 */
public final class NotifyBeforeSetTest {

    private NotifyBeforeSetTest() {}

    /**
     * Notifying with {@code notifyOne()} before setting the flag can strand the waiter, in either
     * of two schedules. The waiter registers after notifyOne found the queue empty, and re-checks
     * before the flag is set. Or the waiter was parked, notifyOne woke it, and it looked at the
     * flag, registered again and re-checked, all before the flag was set. Either way it parks, and
     * the signal sets the flag without notifying again.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(
            id = "TERMINATED",
            expect = ACCEPTABLE,
            desc = "The waiter returned: the flag was set before its last re-check.")
    @Outcome(
            id = "STALE",
            expect = FORBIDDEN,
            desc =
                    "Lost wake-up, the expected failure: the waiter re-checked before the flag was"
                            + " set, after the only notifyOne, and is parked forever.")
    public static class NotifyOneThenSet {

        /** The waiting thread: the same correct protocol as the real tests. */
        @Actor
        public void waiter(WaitedFlag flag) {
            flag.awaitSet();
        }

        /** The bug: the notification announces a state change that has not happened yet. */
        @Signal
        public void signal(WaitedFlag flag) {
            flag.queue.notifyOne();
            flag.set = true;
        }
    }

    /**
     * The same bug without parking: a signal that looks for a waiter before setting the flag can
     * miss a waiter whose re-check also misses the flag. Counterpart of {@code
     * WakeUpTest.Handshake}, with the same results.
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
            desc = "Both saw each other; the waiter will not park.")
    @Outcome(
            id = "false, false",
            expect = FORBIDDEN,
            desc =
                    "Lost wake-up, the expected failure: the signal looked for waiters before the"
                            + " registration and set the flag after the re-check.")
    public static class SelectThenSet {

        /** The correct waiter side: registers, then re-checks the flag. */
        @Actor
        public void waiter(WaitedFlag flag, ZZ_Result r) {
            flag.queue.register(new Waiter(), WaitedFlag.TOKEN);
            r.r1 = flag.set;
        }

        /** The bug: looks for a waiter to wake before the state change that would concern it. */
        @Actor
        public void signal(WaitedFlag flag, ZZ_Result r) {
            r.r2 = flag.queue.trySelectOne() != null;
            flag.set = true;
        }
    }
}
