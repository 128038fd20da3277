package dev.ferrum.stress.syncutils;

import dev.ferrum.sync.Parker;
import dev.ferrum.sync.WaitGroup;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/** Blocking and ordering properties of {@link WaitGroup} and {@link Parker}. */
public final class WaitGroupParkerTest {

    private WaitGroupParkerTest() {}

    /**
     * An {@code await} blocked on a group terminates once the last participant signals done: the
     * wake-up is never lost, whether the signals come before or during the wait.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "await returned after done")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "await missed the last done")
    @State
    public static class WaitGroupAwaitTerminates {
        private final WaitGroup group = new WaitGroup();
        private final WaitGroup.Participant first = group.register();
        private final WaitGroup.Participant last = group.register();

        @Actor
        public void await() {
            try {
                group.await();
            } catch (InterruptedException e) {
                // jcstress interrupts a stale actor; leaving is how it ends.
            }
        }

        @Signal
        public void signal() {
            first.done();
            last.done();
        }
    }

    /**
     * An {@code await} does not report completion before the last participant is done, and when it
     * does report it, it sees what that participant wrote before {@code done()}.
     */
    @JCStressTest
    @Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "checked before the last done")
    @Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "checked before done; write seen")
    @Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "completed, work visible")
    @Outcome(id = "1, 0", expect = Expect.FORBIDDEN, desc = "completed without the work visible")
    @State
    public static class WaitGroupAwaitSeesLastParticipant {
        private final WaitGroup group = new WaitGroup();
        private final WaitGroup.Participant last;
        private int work;

        public WaitGroupAwaitSeesLastParticipant() {
            group.register().done();
            last = group.register();
        }

        @Actor
        public void participant() {
            work = 1;
            last.done();
        }

        @Actor
        public void awaiter(II_Result r) {
            try {
                r.r1 = group.await(Duration.ZERO) ? 1 : 0;
            } catch (InterruptedException e) {
                r.r1 = -1;
            }
            r.r2 = work;
        }
    }

    /**
     * Token semantics: an unpark makes a park return whether it comes before the park begins or
     * while the thread is parked; it is never lost.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "park consumed the token")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "the unpark was lost")
    @State
    public static class ParkerTokenIsNeverLost {
        private final Parker parker = new Parker();

        @Actor
        public void park() {
            try {
                parker.park();
            } catch (InterruptedException e) {
                // jcstress interrupts a stale actor; leaving is how it ends.
            }
        }

        @Signal
        public void unpark() {
            parker.unparker().unpark();
        }
    }
}
