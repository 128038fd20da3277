package dev.ferrum.stress.deque;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.ferrum.deque.Injector;
import dev.ferrum.deque.Steal;
import dev.ferrum.deque.Stealer;
import dev.ferrum.deque.Worker;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * The races of the Chase–Lev deque and the injector: who gets the last item, whether a stolen item
 * is seen fully built, and whether a steal that races a buffer resize stays exact.
 *
 * <p>A {@link Worker} is owned by the first thread that pushes or pops, and jcstress creates states
 * on threads of its own choosing: so a state creates its worker and stealers (which claims no
 * owner), and only the owner actor pushes and pops. A state pushes in its constructor only when no
 * actor uses the worker as its owner.
 */
public final class DequeRaceTest {

    private DequeRaceTest() {}

    /** Result code: the steal returned the item. */
    static final int GOT = 1;

    /** Result code: the steal found the deque empty. */
    static final int EMPTY = 0;

    /** Result code: the steal lost a race and asked for a retry. */
    static final int RETRY = 2;

    static int code(Steal<?> s) {
        return s.isSuccess() ? GOT : s.isRetry() ? RETRY : EMPTY;
    }

    /**
     * The owner pops the last item of a LIFO deque while a thief steals: exactly one of them gets
     * it ([LPCN13]'s full fences, and the CAS of front on the last item). r1: the owner's pop got
     * the item (1) or null (0); r2: the thief's steal code (0 empty, 1 got it, 2 retry).
     */
    @JCStressTest
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "The owner popped it; the thief saw empty.")
    @Outcome(
            id = "1, 2",
            expect = ACCEPTABLE,
            desc = "The owner popped it; the thief lost the CAS and was told to retry.")
    @Outcome(
            id = "0, 1",
            expect = ACCEPTABLE,
            desc = "The thief stole it; the owner's pop of the last item lost the CAS.")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "Both got the last item: it was taken twice.")
    @Outcome(expect = FORBIDDEN, desc = "Neither got the item: it was lost.")
    @State
    public static class PopVersusStealLastItem {
        private final Worker<Integer> worker = Worker.newLifo();
        private final Stealer<Integer> stealer = worker.stealer();

        @Actor
        public void owner(II_Result r) {
            worker.push(7);
            r.r1 = worker.pop() != null ? 1 : 0;
        }

        @Actor
        public void thief(II_Result r) {
            r.r2 = code(stealer.steal());
        }
    }

    /** An item with a plain field, to test that pushing publishes what was written before. */
    static final class Box {
        int value;

        Box(int value) {
            this.value = value;
        }
    }

    /**
     * An item pushed by the owner is seen fully constructed by the thief that steals it: the
     * owner's release store of back publishes the plain writes before the push. r1: the field the
     * thief read, or -1 for empty, -2 for retry.
     */
    @JCStressTest
    @Outcome(id = "42", expect = ACCEPTABLE, desc = "Stolen and fully constructed.")
    @Outcome(id = "-1", expect = ACCEPTABLE, desc = "The steal ran before the push: empty.")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "Stolen but seen unconstructed: not published.")
    @Outcome(expect = FORBIDDEN, desc = "A retry with no other thief, or a corrupt value.")
    @State
    public static class PushPublishesItem {
        private final Worker<Box> worker = Worker.newFifo();
        private final Stealer<Box> stealer = worker.stealer();

        @Actor
        public void owner() {
            worker.push(new Box(42));
        }

        @Actor
        public void thief(I_Result r) {
            Steal<Box> s = stealer.steal();
            r.r1 = s.isSuccess() ? s.value().value : s.isEmpty() ? -1 : -2;
        }
    }

    /**
     * Two thieves steal the only item: exactly one gets it. r1, r2: each thief's steal code (0
     * empty, 1 got it, 2 retry).
     */
    @JCStressTest
    @Outcome(
            id = {"1, 0", "0, 1"},
            expect = ACCEPTABLE,
            desc = "One stole it; the other then found the deque empty.")
    @Outcome(
            id = {"1, 2", "2, 1"},
            expect = ACCEPTABLE,
            desc = "One stole it; the other lost the CAS and was told to retry.")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "Both thieves got the same item.")
    @Outcome(expect = FORBIDDEN, desc = "Neither got the item: lost, or a retry with no winner.")
    @State
    public static class TwoThievesOneItem {
        private final Worker<Integer> worker = Worker.newLifo();
        private final Stealer<Integer> stealer = worker.stealer();

        public TwoThievesOneItem() {
            // The constructing thread owns the worker; no actor uses it as the owner.
            worker.push(7);
        }

        @Actor
        public void thief1(II_Result r) {
            r.r1 = code(stealer.steal());
        }

        @Actor
        public void thief2(II_Result r) {
            r.r2 = code(stealer.steal());
        }
    }

    /**
     * A steal racing a buffer resize (crossbeam PR #726): the owner pushes 65 items, so the 65th
     * push doubles the buffer, while a thief steals. The thief gets item 0 or nothing, and the
     * arbiter, stealing the rest, finds every other item exactly once. r1: the thief's item (-1
     * empty, -2 retry); r2: how many items the arbiter stole; r3: 1 if the arbiter met the thief's
     * item again or any item twice or out of order.
     */
    @JCStressTest
    @Outcome(id = "0, 64, 0", expect = ACCEPTABLE, desc = "The thief stole item 0; 64 remained.")
    @Outcome(
            id = {"-1, 65, 0", "-2, 65, 0"},
            expect = ACCEPTABLE,
            desc = "The thief got nothing (too early, or told to retry); all 65 remained.")
    @Outcome(expect = FORBIDDEN, desc = "An item was duplicated, lost or reordered by the resize.")
    @State
    public static class StealVersusResize {
        static final int N = 65;
        private final Worker<Integer> worker = Worker.newFifo();
        private final Stealer<Integer> stealer = worker.stealer();

        @Actor
        public void owner() {
            for (int i = 0; i < N; i++) {
                worker.push(i);
            }
        }

        @Actor
        public void thief(III_Result r) {
            Steal<Integer> s = stealer.steal();
            r.r1 = s.isSuccess() ? s.value() : s.isEmpty() ? -1 : -2;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            int expected = r.r1 == 0 ? 1 : 0;
            int count = 0;
            int bad = 0;
            for (Steal<Integer> s; !(s = stealer.steal()).isEmpty(); ) {
                if (s.isSuccess()) {
                    bad |= s.value() != expected ? 1 : 0;
                    expected++;
                    count++;
                }
            }
            r.r2 = count;
            r.r3 = bad;
        }
    }

    /**
     * An item pushed into the injector is seen fully constructed by the thief that steals it: the
     * release store of the slot's written flag publishes it. r1 as in {@link PushPublishesItem}.
     */
    @JCStressTest
    @Outcome(id = "42", expect = ACCEPTABLE, desc = "Stolen and fully constructed.")
    @Outcome(id = "-1", expect = ACCEPTABLE, desc = "The steal ran before the push: empty.")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "Stolen but seen unconstructed: not published.")
    @Outcome(expect = FORBIDDEN, desc = "A retry with no other thief, or a corrupt value.")
    @State
    public static class InjectorPushPublishesItem {
        private final Injector<Box> injector = new Injector<>();

        @Actor
        public void pusher() {
            injector.push(new Box(42));
        }

        @Actor
        public void thief(I_Result r) {
            Steal<Box> s = injector.steal();
            r.r1 = s.isSuccess() ? s.value().value : s.isEmpty() ? -1 : -2;
        }
    }
}
