package dev.ferrum.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Concurrent behaviour of RwLock and ShardedLock: mutual exclusion, no lost updates, every
 * transition under contention returning to the initial state, fairness bounds, virtual threads.
 *
 * <p>Scale: {@code -Dferrum.stress.scale=N} multiplies the operation counts; {@code N = 100} gives
 * about 10^7 lock operations per counting test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RwLockStressTest {

    static final int SCALE = Integer.getInteger("ferrum.stress.scale", 1);

    /** Two fields that every writer keeps equal; a reader seeing them differ saw a torn write. */
    static final class Pair {
        long a;
        long b;
    }

    interface Body {
        void run(int thread, Random random) throws Exception;
    }

    static void runThreads(int n, long seed, Body body) throws Exception {
        List<FutureTask<Void>> tasks = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < n; t++) {
            int id = t;
            Random random = new Random(seed + t);
            FutureTask<Void> f =
                    new FutureTask<>(
                            () -> {
                                start.await();
                                body.run(id, random);
                                return null;
                            });
            Thread th = new Thread(f, "rwlock-stress-" + t);
            th.setDaemon(true);
            th.start();
            tasks.add(f);
        }
        start.countDown();
        try {
            for (FutureTask<Void> f : tasks) {
                f.get(100, TimeUnit.SECONDS);
            }
        } catch (Exception | AssertionError e) {
            throw new AssertionError("failed with seed " + seed, e);
        }
    }

    /**
     * Readers, writers, upgraders and downgraders on 4 threads: readers never see a torn pair,
     * writers are alone (an occupancy counter), no update is lost, and the state word is back to
     * zero at the end.
     */
    @Test
    void mixedOperations_mutualExclusionAndNoLostUpdates() throws Exception {
        RwLock<Pair> lock = new RwLock<>(new Pair());
        AtomicInteger writersInside = new AtomicInteger();
        AtomicInteger readersInside = new AtomicInteger();
        AtomicLong expected = new AtomicLong();
        final int ops = 25_000 * SCALE;
        long seed = System.nanoTime();
        runThreads(
                4,
                seed,
                (id, random) -> {
                    long mine = 0;
                    for (int i = 0; i < ops; i++) {
                        int kind = random.nextInt(100);
                        if (kind < 60) {
                            try (RwLock.ReadGuard<Pair> g = lock.read()) {
                                readersInside.incrementAndGet();
                                assertThat(writersInside.get()).isZero();
                                Pair p = g.get();
                                assertThat(p.a).isEqualTo(p.b);
                                readersInside.decrementAndGet();
                            }
                        } else if (kind < 75) {
                            try (RwLock.WriteGuard<Pair> g = lock.write()) {
                                mine += write(g.get(), writersInside, readersInside);
                            }
                        } else if (kind < 85) {
                            RwLock.UpgradableReadGuard<Pair> u = lock.upgradableRead();
                            long seen = u.get().a;
                            try (RwLock.WriteGuard<Pair> w = u.upgrade()) {
                                assertThat(w.get().a)
                                        .as("write slipped into upgrade")
                                        .isEqualTo(seen);
                                mine += write(w.get(), writersInside, readersInside);
                            }
                        } else if (kind < 92) {
                            RwLock.WriteGuard<Pair> w = lock.write();
                            mine += write(w.get(), writersInside, readersInside);
                            long a = w.get().a;
                            try (RwLock.ReadGuard<Pair> r = w.downgrade()) {
                                assertThat(r.get().a)
                                        .as("write slipped into downgrade")
                                        .isEqualTo(a);
                            }
                        } else if (kind < 96) {
                            RwLock.WriteGuard<Pair> w =
                                    lock.tryWrite(Duration.ofNanos(random.nextInt(50_000)));
                            if (w != null) {
                                mine += write(w.get(), writersInside, readersInside);
                                w.close();
                            }
                        } else if (kind < 97) {
                            RwLock.ReadGuard<Pair> r =
                                    lock.tryRead(Duration.ofNanos(random.nextInt(50_000)));
                            if (r != null) {
                                assertThat(r.get().a).isEqualTo(r.get().b);
                                r.close();
                            }
                        } else if (kind < 98) {
                            // Write, keep the upgradable slot, try to write again without waiting.
                            RwLock.WriteGuard<Pair> w = lock.write();
                            mine += write(w.get(), writersInside, readersInside);
                            long a = w.get().a;
                            RwLock.UpgradableReadGuard<Pair> u = w.downgradeToUpgradable();
                            assertThat(u.get().a).isEqualTo(a);
                            RwLock.WriteGuard<Pair> again = u.tryUpgrade();
                            if (again != null) {
                                assertThat(again.get().a).isEqualTo(a);
                                mine += write(again.get(), writersInside, readersInside);
                                again.unlockFair();
                            } else {
                                u.close();
                            }
                        } else if (kind < 99) {
                            try (RwLock.ReadGuard<Pair> a = lock.read();
                                    RwLock.ReadGuard<Pair> b = lock.readRecursive()) {
                                assertThat(b.get().a).isEqualTo(a.get().b);
                            }
                        } else {
                            java.util.concurrent.locks.Lock view =
                                    random.nextBoolean() ? lock.readLock() : lock.writeLock();
                            // The views reach the value only through guards; here only
                            // the state transitions matter.
                            view.lock();
                            view.unlock();
                        }
                    }
                    expected.addAndGet(mine);
                });
        assertThat(lock.rawState()).isZero();
        try (RwLock.ReadGuard<Pair> g = lock.read()) {
            assertThat(g.get().a).isEqualTo(expected.get());
            assertThat(g.get().b).isEqualTo(expected.get());
        }
    }

    private static long write(Pair p, AtomicInteger writersInside, AtomicInteger readersInside) {
        assertThat(writersInside.incrementAndGet()).isOne();
        assertThat(readersInside.get()).isZero();
        p.a++;
        Thread.onSpinWait();
        p.b++;
        writersInside.decrementAndGet();
        return 1;
    }

    /** The same counting check on ShardedLock. */
    @Test
    void shardedLock_mutualExclusionAndNoLostUpdates() throws Exception {
        ShardedLock<Pair> lock = new ShardedLock<>(new Pair());
        AtomicLong expected = new AtomicLong();
        final int ops = 25_000 * SCALE;
        long seed = System.nanoTime();
        runThreads(
                4,
                seed,
                (id, random) -> {
                    long mine = 0;
                    for (int i = 0; i < ops; i++) {
                        if (random.nextInt(10) < 8) {
                            try (ShardedLock.ReadGuard<Pair> g = lock.read()) {
                                assertThat(g.get().a).isEqualTo(g.get().b);
                            }
                        } else {
                            try (ShardedLock.WriteGuard<Pair> g = lock.write()) {
                                g.get().a++;
                                g.get().b++;
                                mine++;
                            }
                        }
                    }
                    expected.addAndGet(mine);
                });
        assertThat(lock.rawStates()).containsOnly(0L);
        try (ShardedLock.ReadGuard<Pair> g = lock.read()) {
            assertThat(g.get().a).isEqualTo(expected.get());
        }
    }

    /** With readers continuously overlapping, a writer still acquires within a bounded time. */
    @Test
    void fairness_writerAcquiresDespiteOverlappingReaders() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        AtomicBoolean stop = new AtomicBoolean();
        List<FutureTask<Void>> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            FutureTask<Void> f =
                    new FutureTask<>(
                            () -> {
                                while (!stop.get()) {
                                    try (RwLock.ReadGuard<Integer> g = lock.read()) {
                                        // Hold a little so that the two readers overlap.
                                        long until = System.nanoTime() + 20_000L;
                                        while (System.nanoTime() < until) {
                                            Thread.onSpinWait();
                                        }
                                    }
                                }
                                return null;
                            });
            Thread th = new Thread(f, "overlapping-reader-" + t);
            th.setDaemon(true);
            th.start();
            readers.add(f);
        }
        try {
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                RwLock.WriteGuard<Integer> w = lock.tryWrite(Duration.ofSeconds(2));
                assertThat(w).as("write " + i + " within 2 s").isNotNull();
                w.set(w.get() + 1);
                w.close();
                assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(2));
            }
        } finally {
            stop.set(true);
        }
        for (FutureTask<Void> f : readers) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(lock.rawState()).isZero();
    }

    /** With writers continuously queued, readers still progress. */
    @Test
    void fairness_readersProgressDespiteQueuedWriters() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        AtomicBoolean stop = new AtomicBoolean();
        List<FutureTask<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            FutureTask<Void> f =
                    new FutureTask<>(
                            () -> {
                                while (!stop.get()) {
                                    try (RwLock.WriteGuard<Integer> g = lock.write()) {
                                        g.set(g.get() + 1);
                                        long until = System.nanoTime() + 20_000L;
                                        while (System.nanoTime() < until) {
                                            Thread.onSpinWait();
                                        }
                                    }
                                }
                                return null;
                            });
            Thread th = new Thread(f, "queued-writer-" + t);
            th.setDaemon(true);
            th.start();
            writers.add(f);
        }
        try {
            for (int i = 0; i < 50; i++) {
                RwLock.ReadGuard<Integer> r = lock.tryRead(Duration.ofSeconds(2));
                assertThat(r).as("read " + i + " within 2 s").isNotNull();
                r.close();
            }
        } finally {
            stop.set(true);
        }
        for (FutureTask<Void> f : writers) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(lock.rawState()).isZero();
    }

    /**
     * 1000 virtual threads block on read, write and upgradable read behind a held write lock; after
     * the release they all finish. If a blocked virtual thread pinned its carrier, the small
     * carrier pool would run out and this would time out.
     */
    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualThreads_blockWithoutPinning() throws Exception {
        Method factory =
                java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        RwLock<Integer> lock = new RwLock<>(0);
        RwLock.WriteGuard<Integer> w = lock.write();
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        ExecutorService ex = (ExecutorService) factory.invoke(null);
        try {
            for (int i = 0; i < 1000; i++) {
                int kind = i % 3;
                futures.add(
                        ex.submit(
                                () -> {
                                    if (kind == 0) {
                                        lock.read().close();
                                    } else if (kind == 1) {
                                        try (RwLock.WriteGuard<Integer> g = lock.write()) {
                                            g.set(g.get() + 1);
                                        }
                                    } else {
                                        lock.upgradableRead().close();
                                    }
                                    done.incrementAndGet();
                                }));
            }
            // Let them all reach their blocking wait.
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(done.get()).isZero();
            w.close();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            ex.shutdownNow();
        }
        assertThat(done.get()).isEqualTo(1000);
        assertThat(lock.rawState()).isZero();
        try (RwLock.ReadGuard<Integer> g = lock.read()) {
            assertThat(g.get()).isEqualTo(333);
        }
    }
}
