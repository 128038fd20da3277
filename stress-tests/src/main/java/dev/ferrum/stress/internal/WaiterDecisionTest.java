package dev.ferrum.stress.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.ferrum.internal.Waiter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * One decision per wait: a notifier's {@link Waiter#trySelect} and the owner giving up decide a
 * wait exactly once between them, and everyone agrees on who decided it.
 */
public final class WaiterDecisionTest {

    private WaiterDecisionTest() {}

    /** The notifier's result when the waiter was not yet published, so it did not try. */
    static final int NOT_SEEN = 0;

    /** The notifier's result when its trySelect decided the wait. */
    static final int WON = 1;

    /** The notifier's result when its trySelect found the wait already decided. */
    static final int LOST = 2;

    /**
     * A notifier's {@code trySelect} racing the owner's timeout abort: exactly one of them wins.
     * Either the notifier's trySelect succeeds and await returns its token, or await returns
     * TIMED_OUT and trySelect fails; the selection word ends up holding the winner's value.
     *
     * <p>The owner awaits with a budget of zero, which gives up at once with the same
     * compare-and-exchange that a timed wait uses when its budget runs out. A waiter belongs to the
     * thread that creates it, and jcstress creates states on threads of its own choosing, so the
     * owner actor creates the waiter and publishes it; a notifier that runs too early sees none.
     *
     * <p>Results: r1 is the notifier's view ({@code 0} saw no waiter, {@code 1} won, {@code 2}
     * lost), r2 is what await returned and r3 the selection word afterwards ({@code 1} TIMED_OUT,
     * {@code 3} the notifier's token).
     */
    @JCStressTest
    @Outcome(
            id = "1, 3, 3",
            expect = ACCEPTABLE,
            desc = "The notifier selected the waiter first; await returned the notifier's token.")
    @Outcome(
            id = "2, 1, 1",
            expect = ACCEPTABLE,
            desc =
                    "The waiter timed out first; the notifier's trySelect failed, so it knows to"
                            + " wake someone else.")
    @Outcome(
            id = "0, 1, 1",
            expect = ACCEPTABLE,
            desc = "The notifier ran before the waiter was published; the waiter timed out alone.")
    @Outcome(
            id = {"1, 1, 1", "1, 1, 3"},
            expect = FORBIDDEN,
            desc =
                    "Both won: the notifier believes it delivered a wake-up that the waiter"
                            + " reports as a timeout. The notification is lost.")
    @Outcome(
            id = {"2, 3, 1", "2, 3, 3"},
            expect = FORBIDDEN,
            desc =
                    "Neither won: the notifier gave up on the waiter, yet await returned the"
                            + " notifier's token. A waiter other than the selected one acts on it.")
    @Outcome(
            expect = FORBIDDEN,
            desc =
                    "Any other result: the selection word disagrees with await's result, or a"
                            + " waiter nobody selected returned a token.")
    @State
    public static class SelectVersusTimeout {

        private static final long TOKEN = Waiter.FIRST_TOKEN;

        /**
         * Written once by the owner actor. Volatile: publishes the waiter, fully constructed, to
         * the notifier and the arbiter.
         */
        private volatile Waiter waiter;

        /** The owner: creates the waiter, publishes it, and gives up at once. */
        @Actor
        public void owner(III_Result r) {
            Waiter w = new Waiter();
            // Volatile write: the notifier that reads w also sees it fully constructed.
            waiter = w;
            r.r2 = (int) w.await(0L, false);
        }

        /** The notifier: tries to select the waiter if it can already see it. */
        @Actor
        public void notifier(III_Result r) {
            // Volatile read, paired with the owner's write.
            Waiter w = waiter;
            if (w == null) {
                r.r1 = NOT_SEEN;
            } else {
                r.r1 = w.trySelect(TOKEN) ? WON : LOST;
            }
        }

        /** After both actors: the decision the selection word holds. */
        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = (int) waiter.selected();
        }
    }
}
