package dev.ferrum.bench.deque;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * The fork/join workloads of the benchmarks, in two shapes that do the same splitting: {@link
 * RecursiveTask}s for {@code ForkJoinPool}, and continuation-passing tasks for any {@link Executor}
 * (a split node completes its parent when its last child finishes, so no thread ever blocks).
 */
final class ForkJoinWork {

    private ForkJoinWork() {}

    static long fibSequential(int n) {
        return n < 2 ? n : fibSequential(n - 1) + fibSequential(n - 2);
    }

    static long sumSequential(long[] a, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s;
    }

    /** A split point: sums its children's results and passes the total up when both are in. */
    static final class Join implements LongConsumer {
        private final LongConsumer parent;
        private final AtomicInteger pending = new AtomicInteger(2);
        private volatile long first;

        Join(LongConsumer parent) {
            this.parent = parent;
        }

        @Override
        public void accept(long value) {
            if (pending.getAndDecrement() == 2) {
                first = value;
            } else {
                parent.accept(first + value);
            }
        }
    }

    /** A one-shot result holder the caller waits on. */
    static final class Result implements LongConsumer {
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile long value;

        @Override
        public void accept(long v) {
            value = v;
            done.countDown();
        }

        long await() throws InterruptedException {
            done.await();
            return value;
        }
    }

    /** fib(n) split down to {@code threshold}, on {@code pool}. */
    static long fib(Executor pool, int n, int threshold) throws InterruptedException {
        Result r = new Result();
        pool.execute(() -> fibTask(pool, n, threshold, r));
        return r.await();
    }

    private static void fibTask(Executor pool, int n, int threshold, LongConsumer out) {
        if (n <= threshold) {
            out.accept(fibSequential(n));
            return;
        }
        Join j = new Join(out);
        pool.execute(() -> fibTask(pool, n - 2, threshold, j));
        fibTask(pool, n - 1, threshold, j);
    }

    /** The sum of {@code a}, split into chunks of at most {@code chunk}, on {@code pool}. */
    static long sum(Executor pool, long[] a, int chunk) throws InterruptedException {
        Result r = new Result();
        pool.execute(() -> sumTask(pool, a, 0, a.length, chunk, r));
        return r.await();
    }

    private static void sumTask(
            Executor pool, long[] a, int from, int to, int chunk, LongConsumer out) {
        if (to - from <= chunk) {
            out.accept(sumSequential(a, from, to));
            return;
        }
        int mid = (from + to) >>> 1;
        Join j = new Join(out);
        pool.execute(() -> sumTask(pool, a, mid, to, chunk, j));
        sumTask(pool, a, from, mid, chunk, j);
    }

    /** fib as a RecursiveTask with the same threshold. */
    static final class Fib extends RecursiveTask<Long> {
        private final int n;
        private final int threshold;

        Fib(int n, int threshold) {
            this.n = n;
            this.threshold = threshold;
        }

        @Override
        protected Long compute() {
            if (n <= threshold) {
                return fibSequential(n);
            }
            Fib right = new Fib(n - 2, threshold);
            right.fork();
            long left = new Fib(n - 1, threshold).compute();
            return left + right.join();
        }
    }

    /** The array sum as a RecursiveTask with the same chunking. */
    static final class Sum extends RecursiveTask<Long> {
        private final long[] a;
        private final int from;
        private final int to;
        private final int chunk;

        Sum(long[] a, int from, int to, int chunk) {
            this.a = a;
            this.from = from;
            this.to = to;
            this.chunk = chunk;
        }

        @Override
        protected Long compute() {
            if (to - from <= chunk) {
                return sumSequential(a, from, to);
            }
            int mid = (from + to) >>> 1;
            Sum right = new Sum(a, mid, to, chunk);
            right.fork();
            long left = new Sum(a, from, mid, chunk).compute();
            return left + right.join();
        }
    }
}
