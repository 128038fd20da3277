package dev.ferrum.bench.deque;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StealingPoolTest {

    /** Tasks from outside and subtasks from inside the pool each run exactly once. */
    @Test
    @Timeout(60)
    void everyTask_runsExactlyOnce() throws Exception {
        int outside = 50_000;
        int inside = 20_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(outside + inside);
        CountDownLatch done = new CountDownLatch(outside + inside);
        try (StealingPool pool = new StealingPool(4)) {
            for (int i = 0; i < outside; i++) {
                int id = i;
                pool.execute(
                        () -> {
                            runs.incrementAndGet(id);
                            done.countDown();
                            if (id < inside) {
                                int child = outside + id;
                                pool.execute(
                                        () -> {
                                            runs.incrementAndGet(child);
                                            done.countDown();
                                        });
                            }
                        });
            }
            assertThat(done.await(50, TimeUnit.SECONDS)).isTrue();
        }
        for (int i = 0; i < runs.length(); i++) {
            assertThat(runs.get(i)).as("task %d", i).isEqualTo(1);
        }
    }

    /** Threads that found no work park, and a later submission wakes one of them. */
    @Test
    @Timeout(60)
    void parkedIdleThreads_areWokenBySubmission() throws Exception {
        try (StealingPool pool = new StealingPool(2)) {
            for (int round = 0; round < 5; round++) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (pool.idleCount() < 2) {
                    assertThat(System.nanoTime())
                            .as("threads never went idle")
                            .isLessThan(deadline);
                    Thread.onSpinWait();
                    Thread.yield();
                }
                CountDownLatch ran = new CountDownLatch(1);
                pool.execute(ran::countDown);
                assertThat(ran.await(10, TimeUnit.SECONDS)).as("round %d", round).isTrue();
            }
        }
    }

    @Test
    @Timeout(60)
    void forkJoinWorkloads_computeTheSameAsForkJoinPool() throws Exception {
        long[] a = new long[100_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = i * 3L;
        }
        ForkJoinPool fj = new ForkJoinPool(2);
        try (StealingPool pool = new StealingPool(2)) {
            assertThat(ForkJoinWork.fib(pool, 25, 10)).isEqualTo(75025L);
            assertThat(fj.invoke(new ForkJoinWork.Fib(25, 10))).isEqualTo(75025L);
            long expected = ForkJoinWork.sumSequential(a, 0, a.length);
            assertThat(ForkJoinWork.sum(pool, a, 1000)).isEqualTo(expected);
            assertThat(fj.invoke(new ForkJoinWork.Sum(a, 0, a.length, 1000))).isEqualTo(expected);
        } finally {
            fj.shutdown();
        }
    }

    /** close() runs what is queued, then every thread exits; later outside submissions fail. */
    @Test
    @Timeout(60)
    void close_runsQueuedTasks_thenRejects() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        StealingPool pool = new StealingPool(2);
        for (int i = 0; i < 10_000; i++) {
            pool.execute(ran::incrementAndGet);
        }
        pool.close();
        assertThat(ran).hasValue(10_000);
        assertThatThrownBy(() -> pool.execute(ran::incrementAndGet))
                .isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> new StealingPool(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be positive: parallelism=0");
    }
}
