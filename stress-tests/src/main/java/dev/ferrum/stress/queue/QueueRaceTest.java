package dev.ferrum.stress.queue;

import dev.ferrum.queue.ArrayQueue;
import dev.ferrum.queue.SegQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/** Ordering and race properties of {@link ArrayQueue} and {@link SegQueue}. */
public final class QueueRaceTest {

    private QueueRaceTest() {}

    /** A box whose field is written with a plain store before the box is pushed. */
    static final class Box {
        int value;
    }

    /**
     * Element publication: a consumer that pops an element pushed by another thread sees every
     * plain write the producer made before the push.
     */
    @JCStressTest
    @Outcome(id = "-1", expect = Expect.ACCEPTABLE, desc = "popped before the push: empty")
    @Outcome(id = "42", expect = Expect.ACCEPTABLE, desc = "popped the element, contents visible")
    @Outcome(id = "0", expect = Expect.FORBIDDEN, desc = "element seen without its contents")
    @State
    public static class ArrayQueuePublication {
        private final ArrayQueue<Box> queue = new ArrayQueue<>(1);

        @Actor
        public void producer() {
            Box b = new Box();
            b.value = 42;
            queue.push(b);
        }

        @Actor
        public void consumer(I_Result r) {
            Box b = queue.pop();
            r.r1 = b == null ? -1 : b.value;
        }
    }

    /** Element publication for {@link SegQueue}, as for {@link ArrayQueuePublication}. */
    @JCStressTest
    @Outcome(id = "-1", expect = Expect.ACCEPTABLE, desc = "popped before the push: empty")
    @Outcome(id = "42", expect = Expect.ACCEPTABLE, desc = "popped the element, contents visible")
    @Outcome(id = "0", expect = Expect.FORBIDDEN, desc = "element seen without its contents")
    @State
    public static class SegQueuePublication {
        private final SegQueue<Box> queue = new SegQueue<>();

        @Actor
        public void producer() {
            Box b = new Box();
            b.value = 42;
            queue.push(b);
        }

        @Actor
        public void consumer(I_Result r) {
            Box b = queue.pop();
            r.r1 = b == null ? -1 : b.value;
        }
    }

    /**
     * {@code push} on the last free slot racing {@code forcePush}: a queue of capacity 2 holds 1;
     * push(2) and forcePush(3) race. Either push wins the slot and forcePush evicts 1, or forcePush
     * takes the slot and push finds the queue full. Nothing is lost, duplicated or held beyond
     * capacity. Results: push succeeded (1/0), forcePush's evicted value (0 = none), and the
     * queue's contents drained afterwards as decimal digits.
     */
    @JCStressTest
    @Outcome(
            id = "1, 1, 23",
            expect = Expect.ACCEPTABLE,
            desc = "push took the slot; forcePush then evicted the oldest (1)")
    @Outcome(
            id = "0, 0, 13",
            expect = Expect.ACCEPTABLE,
            desc = "forcePush took the slot; push then found the queue full")
    @Outcome(expect = Expect.FORBIDDEN, desc = "an element lost, duplicated, or over capacity")
    @State
    public static class PushRacingForcePushOnLastSlot {
        private final ArrayQueue<Integer> queue = new ArrayQueue<>(2);

        public PushRacingForcePushOnLastSlot() {
            queue.push(1);
        }

        @Actor
        public void push(III_Result r) {
            r.r1 = queue.push(2) ? 1 : 0;
        }

        @Actor
        public void forcePush(III_Result r) {
            Integer evicted = queue.forcePush(3);
            r.r2 = evicted == null ? 0 : evicted;
        }

        @Arbiter
        public void drain(III_Result r) {
            int digits = 0;
            Integer v;
            while ((v = queue.pop()) != null) {
                digits = digits * 10 + v;
            }
            r.r3 = digits;
        }
    }
}
