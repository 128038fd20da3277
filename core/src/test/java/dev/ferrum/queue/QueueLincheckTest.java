package dev.ferrum.queue;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck model checks: every concurrent history of the queues' operations that the model checker
 * explores (thread switches at each shared-memory access) must be linearizable with respect to the
 * queue's own sequential behaviour, which the model-based unit tests pin down.
 *
 * <p>Kept small for a 2-core CI machine (about half a minute each); raise {@code iterations} for a
 * deeper search.
 */
class QueueLincheckTest {

    private static final int ITERATIONS = 10;
    private static final int INVOCATIONS = 400;

    /** ArrayQueue of capacity 2, so that full, wrap-around and eviction all occur. */
    @Param(name = "value", gen = IntGen.class, conf = "1:4")
    public static class ArrayQueueModel {
        private final ArrayQueue<Integer> queue = new ArrayQueue<>(2);

        @Operation
        public boolean push(@Param(name = "value") int value) {
            return queue.push(value);
        }

        @Operation
        public Integer forcePush(@Param(name = "value") int value) {
            return queue.forcePush(value);
        }

        @Operation
        public Integer pop() {
            return queue.pop();
        }

        @Operation
        public Integer peek() {
            return queue.peek();
        }

        @Operation
        public int size() {
            return queue.size();
        }

        @Operation
        public boolean isFull() {
            return queue.isFull();
        }
    }

    /** SegQueue: pushes, pops, peeks and sizes. */
    @Param(name = "value", gen = IntGen.class, conf = "1:4")
    public static class SegQueueModel {
        private final SegQueue<Integer> queue = new SegQueue<>();

        @Operation
        public void push(@Param(name = "value") int value) {
            queue.push(value);
        }

        @Operation
        public Integer pop() {
            return queue.pop();
        }

        @Operation
        public Integer peek() {
            return queue.peek();
        }

        @Operation
        public int size() {
            return queue.size();
        }

        @Operation
        public boolean isEmpty() {
            return queue.isEmpty();
        }
    }

    @Test
    @Timeout(300)
    void arrayQueue_isLinearizable() {
        options().check(ArrayQueueModel.class);
    }

    @Test
    @Timeout(300)
    void segQueue_isLinearizable() {
        options().check(SegQueueModel.class);
    }

    private static ModelCheckingOptions options() {
        return new ModelCheckingOptions()
                .iterations(ITERATIONS)
                .invocationsPerIteration(INVOCATIONS)
                .threads(2)
                .actorsPerThread(3);
    }
}
