package dev.ferrum.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Specification of RwLock: every method, the policy, misuse, interrupts and time-outs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RwLockTest {

    static final long ONE_READER = RwLockSync.ONE_READER;
    static final long WRITER = RwLockSync.WRITER;
    static final long UPGRADABLE = RwLockSync.UPGRADABLE;

    /** Runs {@code task} on a new platform thread and returns its future. */
    static <V> FutureTask<V> fork(Callable<V> task) {
        FutureTask<V> f = new FutureTask<>(task);
        Thread t = new Thread(f, "rwlock-test");
        t.setDaemon(true);
        t.start();
        return f;
    }

    static FutureTask<Void> forkRun(ThrowingRunnable task) {
        return fork(
                () -> {
                    task.run();
                    return null;
                });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Waits until {@code cond} holds, for at most 10 s. */
    static void await(java.util.function.BooleanSupplier cond) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not reached in 10 s");
            }
            LockSupport.parkNanos(100_000L);
        }
    }

    /** Waits until {@code t}'s thread is parked (it reached its blocking wait). */
    static void awaitParked(Thread t) {
        await(
                () ->
                        t.getState() == Thread.State.WAITING
                                || t.getState() == Thread.State.TIMED_WAITING);
    }

    /** A thread that holds a guard until told to release it. */
    static final class Holder<G extends AutoCloseable> {
        final CountDownLatch acquired = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final FutureTask<Void> done;
        volatile Thread thread;

        Holder(Callable<G> acquire) {
            done =
                    forkRun(
                            () -> {
                                thread = Thread.currentThread();
                                try (G g = acquire.call()) {
                                    acquired.countDown();
                                    release.await();
                                }
                            });
        }

        Holder<G> awaitAcquired() throws InterruptedException {
            assertThat(acquired.await(10, TimeUnit.SECONDS)).as("holder acquired").isTrue();
            return this;
        }

        void releaseAndJoin() throws Exception {
            release.countDown();
            done.get(10, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ basic modes

    @Test
    void newLock_isUnlockedWithZeroState() {
        RwLock<String> lock = new RwLock<>("v");
        assertThat(lock.rawState()).isZero();
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.isWriteLocked()).isFalse();
        assertThat(lock.isWriteLockedByCurrentThread()).isFalse();
        assertThat(lock.toString()).contains("readers=0");
    }

    @Test
    void read_givesValueAndCountsOneReader() {
        RwLock<String> lock = new RwLock<>("v");
        try (RwLock.ReadGuard<String> g = lock.read()) {
            assertThat(g.get()).isEqualTo("v");
            assertThat(lock.rawState()).isEqualTo(ONE_READER);
            assertThat(lock.isLocked()).isTrue();
            assertThat(lock.isWriteLocked()).isFalse();
        }
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void manyReaders_holdAtOnce() throws Exception {
        RwLock<String> lock = new RwLock<>("v");
        RwLock.ReadGuard<String> a = lock.read();
        Holder<RwLock.ReadGuard<String>> other = new Holder<>(lock::read).awaitAcquired();
        RwLock.ReadGuard<String> b = lock.tryRead();
        assertThat(b).isNotNull();
        assertThat(RwLockSync.readers(lock.rawState())).isEqualTo(3);
        other.releaseAndJoin();
        a.close();
        b.close();
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void write_setsValueSeenByLaterReaders() throws Exception {
        RwLock<String> lock = new RwLock<>("a");
        try (RwLock.WriteGuard<String> g = lock.write()) {
            assertThat(g.get()).isEqualTo("a");
            g.set("b");
            assertThat(lock.rawState()).isEqualTo(WRITER);
            assertThat(lock.isWriteLocked()).isTrue();
            assertThat(lock.isWriteLockedByCurrentThread()).isTrue();
        }
        assertThat(lock.rawState()).isZero();
        assertThat(fork(() -> lock.read().get()).get(10, TimeUnit.SECONDS)).isEqualTo("b");
    }

    @Test
    void nullValue_isAllowed() {
        RwLock<Void> lock = new RwLock<>(null);
        try (RwLock.WriteGuard<Void> g = lock.write()) {
            assertThat(g.get()).isNull();
            g.set(null);
        }
    }

    @Test
    void tryRead_whileWriteHeld_returnsNullAndLeavesState() throws Exception {
        RwLock<String> lock = new RwLock<>("v");
        Holder<RwLock.WriteGuard<String>> w = new Holder<>(lock::write).awaitAcquired();
        assertThat(lock.tryRead()).isNull();
        assertThat(lock.tryReadRecursive()).isNull();
        assertThat(lock.tryUpgradableRead()).isNull();
        assertThat(lock.tryWrite()).isNull();
        assertThat(lock.rawState()).isEqualTo(WRITER);
        w.releaseAndJoin();
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void tryWrite_whileReadHeld_returnsNull() throws Exception {
        RwLock<String> lock = new RwLock<>("v");
        Holder<RwLock.ReadGuard<String>> r = new Holder<>(lock::read).awaitAcquired();
        assertThat(lock.tryWrite()).isNull();
        assertThat(lock.rawState()).isEqualTo(ONE_READER);
        r.releaseAndJoin();
        try (RwLock.WriteGuard<String> g = lock.tryWrite()) {
            assertThat(g).isNotNull();
        }
    }

    @Test
    void write_waitsForReaderThenProceeds() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        RwLock.ReadGuard<Integer> r = lock.read();
        FutureTask<Integer> writer =
                fork(
                        () -> {
                            try (RwLock.WriteGuard<Integer> g = lock.write()) {
                                g.set(g.get() + 1);
                                return g.get();
                            }
                        });
        await(() -> (lock.rawState() & WRITER) != 0);
        // The claimed writer now blocks new readers (task-fair).
        assertThat(lock.tryRead()).isNull();
        r.close();
        assertThat(writer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void blockedReader_isWokenByWriteRelease() throws Exception {
        RwLock<String> lock = new RwLock<>("a");
        RwLock.WriteGuard<String> w = lock.write();
        FutureTask<String> reader = fork(() -> lock.read().get());
        await(() -> (lock.rawState() & RwLockSync.PARKED) != 0);
        w.set("b");
        w.close();
        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("b");
    }

    // ------------------------------------------------------------------ upgradable

    @Test
    void upgradableRead_coexistsWithReadersButExcludesWritersAndUpgraders() throws Exception {
        RwLock<String> lock = new RwLock<>("v");
        try (RwLock.UpgradableReadGuard<String> u = lock.upgradableRead()) {
            assertThat(u.get()).isEqualTo("v");
            assertThat(lock.rawState()).isEqualTo(UPGRADABLE | ONE_READER);
            assertThat(fork(() -> closeIfHeld(lock.tryRead())).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(fork(() -> lock.tryWrite() == null).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(fork(() -> lock.tryUpgradableRead() == null).get(10, TimeUnit.SECONDS))
                    .isTrue();
        }
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void upgrade_turnsIntoWriteLock() {
        RwLock<String> lock = new RwLock<>("a");
        RwLock.UpgradableReadGuard<String> u = lock.upgradableRead();
        RwLock.WriteGuard<String> w = u.upgrade();
        assertThat(lock.rawState()).isEqualTo(WRITER);
        assertThat(lock.isWriteLockedByCurrentThread()).isTrue();
        w.set("b");
        w.close();
        assertThat(lock.rawState()).isZero();
        u.close(); // converted into the write guard: closing it does nothing
        assertThat(lock.rawState()).isZero();
        assertThatThrownBy(u::get).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void upgrade_waitsForPlainReadersAndBlocksNewOnes() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        Holder<RwLock.ReadGuard<Integer>> r = new Holder<>(lock::read).awaitAcquired();
        RwLock.UpgradableReadGuard<Integer> u = lock.upgradableRead();
        FutureTask<Void> upgrader = null;
        CountDownLatch handed = new CountDownLatch(1);
        // The upgrade must run on the thread that holds the guard.
        u.close();
        upgrader =
                forkRun(
                        () -> {
                            RwLock.UpgradableReadGuard<Integer> g = lock.upgradableRead();
                            handed.countDown();
                            try (RwLock.WriteGuard<Integer> w = g.upgrade()) {
                                w.set(42);
                            }
                        });
        handed.await();
        await(() -> (lock.rawState() & WRITER) != 0);
        assertThat(lock.tryRead()).as("new readers wait behind the upgrade").isNull();
        assertThat(upgrader.isDone()).isFalse();
        r.releaseAndJoin();
        upgrader.get(10, TimeUnit.SECONDS);
        try (RwLock.ReadGuard<Integer> g = lock.read()) {
            assertThat(g.get()).isEqualTo(42);
        }
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void tryUpgrade_failsWhileOtherReadersHoldAndSucceedsAlone() throws Exception {
        RwLock<String> lock = new RwLock<>("v");
        Holder<RwLock.ReadGuard<String>> r = new Holder<>(lock::read).awaitAcquired();
        RwLock.UpgradableReadGuard<String> u = lock.upgradableRead();
        assertThat(u.tryUpgrade()).isNull();
        assertThat(lock.rawState()).isEqualTo(UPGRADABLE | 2 * ONE_READER);
        assertThat(u.get()).as("guard still valid after a failed tryUpgrade").isEqualTo("v");
        r.releaseAndJoin();
        RwLock.WriteGuard<String> w = u.tryUpgrade();
        assertThat(w).isNotNull();
        assertThat(lock.rawState()).isEqualTo(WRITER);
        w.close();
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void tryUpgradeTimed_timesOutRestoringUpgradableAndLettingReadersIn() throws Exception {
        RwLock<String> lock = new RwLock<>("v");
        Holder<RwLock.ReadGuard<String>> r = new Holder<>(lock::read).awaitAcquired();
        RwLock.UpgradableReadGuard<String> u = lock.upgradableRead();
        long before = lock.rawState();
        assertThat(u.tryUpgrade(Duration.ofMillis(50))).isNull();
        assertThat(lock.rawState()).isEqualTo(before);
        assertThat(fork(() -> closeIfHeld(lock.tryRead())).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(u.tryUpgrade(Duration.ZERO)).isNull();
        assertThat(lock.rawState()).isEqualTo(before);
        r.releaseAndJoin();
        try (RwLock.WriteGuard<String> w = u.tryUpgrade(Duration.ofSeconds(10))) {
            assertThat(w).isNotNull();
        }
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void upgradableDowngrade_becomesPlainReadAndAdmitsAnotherUpgrader() throws Exception {
        RwLock<String> lock = new RwLock<>("v");
        RwLock.UpgradableReadGuard<String> u = lock.upgradableRead();
        RwLock.ReadGuard<String> r = u.downgrade();
        assertThat(lock.rawState()).isEqualTo(ONE_READER);
        assertThat(fork(() -> closeIfHeld(lock.tryUpgradableRead())).get(10, TimeUnit.SECONDS))
                .isTrue();
        r.close();
        assertThat(lock.rawState()).isZero();
    }

    // ------------------------------------------------------------------ downgrade

    @Test
    void downgrade_keepsLockAsReadAndAdmitsReadersOnly() throws Exception {
        RwLock<String> lock = new RwLock<>("a");
        RwLock.WriteGuard<String> w = lock.write();
        w.set("b");
        RwLock.ReadGuard<String> r = w.downgrade();
        assertThat(lock.rawState()).isEqualTo(ONE_READER);
        assertThat(r.get()).isEqualTo("b");
        assertThat(fork(() -> closeIfHeld(lock.tryRead())).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fork(() -> lock.tryWrite() == null).get(10, TimeUnit.SECONDS)).isTrue();
        w.close(); // converted into the read guard: closing it does nothing
        assertThat(lock.rawState()).isEqualTo(ONE_READER);
        r.close();
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void downgrade_wakesWaitingReaders() throws Exception {
        RwLock<String> lock = new RwLock<>("a");
        RwLock.WriteGuard<String> w = lock.write();
        FutureTask<String> reader =
                fork(
                        () -> {
                            try (RwLock.ReadGuard<String> g = lock.read()) {
                                return g.get();
                            }
                        });
        await(() -> (lock.rawState() & RwLockSync.PARKED) != 0);
        w.set("b");
        RwLock.ReadGuard<String> r = w.downgrade();
        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("b");
        r.close();
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void downgradeToUpgradable_admitsReadersNotWritersAndCanUpgradeAgain() throws Exception {
        RwLock<String> lock = new RwLock<>("a");
        RwLock.WriteGuard<String> w = lock.write();
        RwLock.UpgradableReadGuard<String> u = w.downgradeToUpgradable();
        assertThat(lock.rawState()).isEqualTo(UPGRADABLE | ONE_READER);
        assertThat(fork(() -> closeIfHeld(lock.tryRead())).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fork(() -> lock.tryWrite() == null).get(10, TimeUnit.SECONDS)).isTrue();
        RwLock.WriteGuard<String> w2 = u.upgrade();
        assertThat(lock.rawState()).isEqualTo(WRITER);
        w2.close();
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void unlockFair_handsLockToWaitingReader() throws Exception {
        RwLock<String> lock = new RwLock<>("a");
        RwLock.WriteGuard<String> w = lock.write();
        CountDownLatch readerDone = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        FutureTask<String> reader =
                fork(
                        () -> {
                            try (RwLock.ReadGuard<String> g = lock.read()) {
                                readerDone.countDown();
                                await(release::get);
                                return g.get();
                            }
                        });
        await(() -> (lock.rawState() & RwLockSync.PARKED) != 0);
        w.set("b");
        w.unlockFair();
        // The reader holds the lock as soon as unlockFair returns: a writer cannot barge in.
        assertThat(lock.tryWrite()).isNull();
        assertThat(readerDone.await(10, TimeUnit.SECONDS)).isTrue();
        release.set(true);
        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("b");
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void unlockFair_handsLockToWaitingWriter() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        RwLock.WriteGuard<Integer> w = lock.write();
        AtomicBoolean release = new AtomicBoolean();
        AtomicReference<Thread> writerThread = new AtomicReference<>();
        FutureTask<Integer> writer =
                fork(
                        () -> {
                            writerThread.set(Thread.currentThread());
                            try (RwLock.WriteGuard<Integer> g = lock.write()) {
                                await(release::get);
                                g.set(g.get() + 1);
                                return g.get();
                            }
                        });
        // The parked bit is set before the writer's waiter is registered; a hand-off needs the
        // registration, so wait until the writer thread is really parked.
        await(
                () ->
                        (lock.rawState() & RwLockSync.PARKED) != 0
                                && writerThread.get() != null
                                && writerThread.get().getState() == Thread.State.WAITING);
        w.unlockFair();
        assertThat(lock.tryRead()).as("the writer was handed the lock").isNull();
        release.set(true);
        assertThat(writer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(lock.rawState()).isZero();
    }

    // ------------------------------------------------------------------ C13

    /**
     * C13: while A holds the upgradable read and B waits for another, a plain reader C is granted
     * at once; A's upgrade is atomic and B acquires eventually.
     */
    @Test
    void c13_waitingUpgraderDoesNotBlockPlainReaders() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        CountDownLatch aHolds = new CountDownLatch(1);
        CountDownLatch cHolds = new CountDownLatch(1);
        CountDownLatch cRelease = new CountDownLatch(1);
        CountDownLatch aUpgrade = new CountDownLatch(1);
        AtomicLong cMillis = new AtomicLong(-1);
        FutureTask<Integer> a =
                fork(
                        () -> {
                            RwLock.UpgradableReadGuard<Integer> g = lock.upgradableRead();
                            int seen = g.get();
                            aHolds.countDown();
                            aUpgrade.await();
                            try (RwLock.WriteGuard<Integer> w = g.upgrade()) {
                                // Nobody wrote between our read and our write.
                                assertThat(w.get()).isEqualTo(seen);
                                w.set(seen + 1);
                            }
                            return seen;
                        });
        assertThat(aHolds.await(10, TimeUnit.SECONDS)).isTrue();
        FutureTask<Integer> b =
                fork(
                        () -> {
                            try (RwLock.UpgradableReadGuard<Integer> g = lock.upgradableRead()) {
                                return g.get();
                            }
                        });
        await(() -> (lock.rawState() & RwLockSync.PARKED) != 0);
        FutureTask<Void> c =
                forkRun(
                        () -> {
                            long t0 = System.nanoTime();
                            RwLock.ReadGuard<Integer> g = lock.tryRead(Duration.ofSeconds(1));
                            cMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                            assertThat(g).isNotNull();
                            cHolds.countDown();
                            cRelease.await();
                            g.close();
                        });
        assertThat(cHolds.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cMillis.get()).as("C's read wait in ms").isLessThan(100);
        aUpgrade.countDown();
        await(() -> (lock.rawState() & WRITER) != 0);
        assertThat(a.isDone()).as("A waits for C to leave").isFalse();
        cRelease.countDown();
        c.get(10, TimeUnit.SECONDS);
        assertThat(a.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(lock.rawState()).isZero();
    }

    // ------------------------------------------------------------------ C14

    /**
     * C14 step 1 (plain reads): a thread that reads twice while a writer queues can deadlock by
     * design (documented); the second read is given a time-out here to show it really waits for the
     * writer instead of slipping past it.
     */
    @Test
    void c14_nestedPlainRead_waitsBehindQueuedWriter() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        RwLock.ReadGuard<Integer> first = lock.read();
        FutureTask<Void> writer = forkRun(() -> lock.write().close());
        await(() -> (lock.rawState() & WRITER) != 0);
        assertThat(lock.tryRead(Duration.ofMillis(100))).as("nested plain read").isNull();
        // The recursive read is granted past the waiting writer.
        RwLock.ReadGuard<Integer> second = lock.tryReadRecursive(Duration.ofSeconds(5));
        assertThat(second).isNotNull();
        second.close();
        first.close();
        writer.get(10, TimeUnit.SECONDS);
        assertThat(lock.rawState()).isZero();
    }

    /** C14 step 1 with readRecursive: two seconds of nested reads against a looping writer. */
    @Test
    void c14_readRecursive_neverBlocksBehindLoopingWriter() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger writes = new AtomicInteger();
        FutureTask<Void> writer =
                forkRun(
                        () -> {
                            while (!stop.get()) {
                                try (RwLock.WriteGuard<Integer> g = lock.write()) {
                                    g.set(g.get() + 1);
                                }
                                writes.incrementAndGet();
                            }
                        });
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        int rounds = 0;
        try {
            while (System.nanoTime() - end < 0) {
                try (RwLock.ReadGuard<Integer> a = lock.read()) {
                    RwLock.ReadGuard<Integer> b = lock.tryReadRecursive(Duration.ofSeconds(5));
                    assertThat(b).as("recursive read in round " + rounds).isNotNull();
                    assertThat(b.get()).isEqualTo(a.get());
                    b.close();
                }
                rounds++;
            }
        } finally {
            stop.set(true);
        }
        writer.get(10, TimeUnit.SECONDS);
        assertThat(rounds).isPositive();
        assertThat(writes.get()).isPositive();
        assertThat(lock.rawState()).isZero();
    }

    /** C14 step 2: a thread holding read asks for write with a time-out: it times out. */
    @Test
    void c14_writeWhileHoldingRead_timesOutWithoutSelfDeadlock() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        RwLock.ReadGuard<Integer> r = lock.read();
        long t0 = System.nanoTime();
        assertThat(lock.tryWrite(Duration.ofMillis(200))).isNull();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(150_000_000L);
        assertThat(lock.rawState()).isEqualTo(ONE_READER);
        r.close();
        assertThat(lock.rawState()).isZero();
    }

    /** C14 step 3: releases of what is not held throw and change nothing. */
    @Test
    void c14_unlockNotHeld_throwsAndLeavesStateUnchanged() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        assertThatThrownBy(() -> lock.readLock().unlock())
                .isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.rawState()).isZero();
        assertThatThrownBy(() -> lock.writeLock().unlock())
                .isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.rawState()).isZero();
        RwLock.WriteGuard<Integer> w = lock.write();
        RwLock.ReadGuard<Integer> r = w.downgrade();
        assertThatThrownBy(w::downgrade).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(w::downgradeToUpgradable)
                .isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.rawState()).isEqualTo(ONE_READER);
        r.close();
        assertThat(lock.rawState()).isZero();
        // Raw releases on a fresh lock, below the guards.
        RwLockSync sync = new RwLockSync();
        assertThatThrownBy(sync::releaseShared).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(() -> sync.releaseExclusive(false))
                .isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(sync::downgradeExclusiveToShared)
                .isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(sync::downgradeExclusiveToUpgradable)
                .isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(sync::releaseUpgradable)
                .isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(sync::tryUpgrade).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(sync.state()).isZero();
        // A raw read release while only the upgradable holder counts as a reader.
        assertThat(sync.tryAcquireUpgradable()).isTrue();
        assertThatThrownBy(sync::releaseShared).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(sync.state()).isEqualTo(UPGRADABLE | ONE_READER);
        sync.releaseUpgradable();
        assertThat(sync.state()).isZero();
    }

    // ------------------------------------------------------------------ misuse

    /**
     * A guard converted into another (upgrade, downgrade) keeps working in try-with-resources: its
     * own close does nothing, the new guard's close releases the lock, and the lock ends free.
     */
    @Test
    void convertedGuard_closeIsANoOp_tryWithResourcesReleasesOnce() {
        RwLock<Integer> lock = new RwLock<>(0);
        try (RwLock.UpgradableReadGuard<Integer> u = lock.upgradableRead()) {
            try (RwLock.WriteGuard<Integer> w = u.upgrade()) {
                w.set(w.get() + 1);
            }
            assertThat(lock.rawState()).as("write released by its guard").isZero();
        }
        assertThat(lock.rawState()).isZero();

        try (RwLock.WriteGuard<Integer> w = lock.write()) {
            try (RwLock.ReadGuard<Integer> r = w.downgrade()) {
                assertThat(r.get()).isEqualTo(1);
                assertThat(lock.rawState()).isEqualTo(ONE_READER);
            }
        }
        assertThat(lock.rawState()).isZero();

        try (RwLock.WriteGuard<Integer> w = lock.write()) {
            try (RwLock.UpgradableReadGuard<Integer> u = w.downgradeToUpgradable()) {
                try (RwLock.ReadGuard<Integer> r = u.downgrade()) {
                    assertThat(lock.rawState()).isEqualTo(ONE_READER);
                }
            }
        }
        assertThat(lock.rawState()).isZero();

        RwLock.UpgradableReadGuard<Integer> u = lock.upgradableRead();
        RwLock.WriteGuard<Integer> w = u.tryUpgrade();
        assertThat(w).isNotNull();
        u.close();
        assertThat(lock.isWriteLocked()).as("converted guard's close leaves the write").isTrue();
        w.close();
        assertThat(lock.rawState()).isZero();
        assertThatThrownBy(w::close)
                .as("a real double close still fails")
                .isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(u::get).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void closeTwice_throwsAndLeavesStateUnchanged() {
        RwLock<Integer> lock = new RwLock<>(0);
        RwLock.ReadGuard<Integer> keep = lock.read();
        RwLock.ReadGuard<Integer> r = lock.read();
        r.close();
        assertThatThrownBy(r::close)
                .isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageContaining("released");
        assertThatThrownBy(r::get).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.rawState()).as("the other read hold survives").isEqualTo(ONE_READER);
        keep.close();

        RwLock.WriteGuard<Integer> w = lock.write();
        w.close();
        assertThatThrownBy(w::close).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(() -> w.set(1)).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.rawState()).isZero();

        RwLock.UpgradableReadGuard<Integer> u = lock.upgradableRead();
        u.close();
        assertThatThrownBy(u::close).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(u::upgrade).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(u::tryUpgrade).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(u::downgrade).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void guardClosedFromAnotherThread_throwsAndLeavesStateUnchanged() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        RwLock.ReadGuard<Integer> r = lock.read();
        assertThat(fork(() -> catchType(r::close)).get(10, TimeUnit.SECONDS))
                .isEqualTo(IllegalMonitorStateException.class);
        assertThat(lock.rawState()).isEqualTo(ONE_READER);
        r.close();
        RwLock.WriteGuard<Integer> w = lock.write();
        assertThat(fork(() -> catchType(w::close)).get(10, TimeUnit.SECONDS))
                .isEqualTo(IllegalMonitorStateException.class);
        assertThat(fork(() -> catchType(() -> lock.writeLock().unlock())).get(10, TimeUnit.SECONDS))
                .isEqualTo(IllegalMonitorStateException.class);
        assertThat(lock.rawState()).isEqualTo(WRITER);
        w.close();
        RwLock.UpgradableReadGuard<Integer> u = lock.upgradableRead();
        assertThat(fork(() -> catchType(u::upgrade)).get(10, TimeUnit.SECONDS))
                .isEqualTo(IllegalMonitorStateException.class);
        assertThat(lock.rawState()).isEqualTo(UPGRADABLE | ONE_READER);
        u.close();
        assertThat(lock.rawState()).isZero();
    }

    /** Whether a guard was obtained; releases it at once. */
    static boolean closeIfHeld(AutoCloseable guard) throws Exception {
        if (guard == null) {
            return false;
        }
        guard.close();
        return true;
    }

    static Class<?> catchType(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    @Test
    void reacquireWhileHoldingWrite_failsFastInEveryMode() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        try (RwLock.WriteGuard<Integer> w = lock.write()) {
            assertThatThrownBy(lock::write)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already holds the write lock");
            assertThatThrownBy(lock::tryWrite).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> lock.tryWrite(Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(lock::read).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(lock::tryRead).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(lock::readRecursive).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(lock::upgradableRead).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> lock.writeLock().lock())
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> lock.readLock().lock())
                    .isInstanceOf(IllegalStateException.class);
            assertThat(lock.rawState()).isEqualTo(WRITER);
        }
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void writeWhileHoldingUpgradable_failsFast() {
        RwLock<Integer> lock = new RwLock<>(0);
        try (RwLock.UpgradableReadGuard<Integer> u = lock.upgradableRead()) {
            assertThatThrownBy(lock::write).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(lock::tryWrite).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(lock::upgradableRead).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(lock::tryUpgradableRead).isInstanceOf(IllegalStateException.class);
            // Plain reads are compatible with our own upgradable read.
            lock.read().close();
            assertThat(lock.rawState()).isEqualTo(UPGRADABLE | ONE_READER);
        }
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void nullTimeout_throwsNpe() {
        RwLock<Integer> lock = new RwLock<>(0);
        assertThatThrownBy(() -> lock.tryRead(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> lock.tryWrite(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> lock.tryUpgradableRead(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> lock.tryReadRecursive(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> lock.readLock().tryLock(1, null))
                .isInstanceOf(NullPointerException.class);
        try (RwLock.UpgradableReadGuard<Integer> u = lock.upgradableRead()) {
            assertThatThrownBy(() -> u.tryUpgrade(null)).isInstanceOf(NullPointerException.class);
        }
        assertThat(lock.rawState()).isZero();
    }

    // ------------------------------------------------------------------ time-outs

    /** Every timed acquisition that gives up leaves the raw state word exactly as before. */
    @Test
    void timedAcquisitionsThatGiveUp_leaveStateExactlyAsBefore() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        Duration[] timeouts = {Duration.ofMillis(-1), Duration.ZERO, Duration.ofMillis(30)};

        Holder<RwLock.WriteGuard<Integer>> w = new Holder<>(lock::write).awaitAcquired();
        for (Duration d : timeouts) {
            assertThat(lock.tryRead(d)).isNull();
            assertThat(lock.rawState()).as("read " + d).isEqualTo(WRITER);
            assertThat(lock.tryReadRecursive(d)).isNull();
            assertThat(lock.rawState()).as("recursive " + d).isEqualTo(WRITER);
            assertThat(lock.tryUpgradableRead(d)).isNull();
            assertThat(lock.rawState()).as("upgradable " + d).isEqualTo(WRITER);
            assertThat(lock.tryWrite(d)).isNull();
            assertThat(lock.rawState()).as("write " + d).isEqualTo(WRITER);
            assertThat(lock.readLock().tryLock(d.toNanos(), TimeUnit.NANOSECONDS)).isFalse();
            assertThat(lock.writeLock().tryLock(d.toNanos(), TimeUnit.NANOSECONDS)).isFalse();
            assertThat(lock.rawState()).as("views " + d).isEqualTo(WRITER);
        }
        w.releaseAndJoin();

        // A writer that claimed WRITER and then gave up waiting for readers.
        Holder<RwLock.ReadGuard<Integer>> r = new Holder<>(lock::read).awaitAcquired();
        for (Duration d : timeouts) {
            assertThat(lock.tryWrite(d)).isNull();
            assertThat(lock.rawState()).as("draining write " + d).isEqualTo(ONE_READER);
        }
        r.releaseAndJoin();

        Holder<RwLock.UpgradableReadGuard<Integer>> u =
                new Holder<>(lock::upgradableRead).awaitAcquired();
        for (Duration d : timeouts) {
            assertThat(lock.tryUpgradableRead(d)).isNull();
            assertThat(lock.tryWrite(d)).isNull();
            assertThat(lock.rawState())
                    .as("behind upgradable " + d)
                    .isEqualTo(UPGRADABLE | ONE_READER);
        }
        u.releaseAndJoin();
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void hugeTimeout_doesNotOverflowIntoExpired() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        RwLock.WriteGuard<Integer> w = lock.write();
        FutureTask<Boolean> reader =
                fork(
                        () -> {
                            RwLock.ReadGuard<Integer> g =
                                    lock.tryRead(Duration.ofSeconds(Long.MAX_VALUE));
                            g.close();
                            return g != null;
                        });
        await(() -> (lock.rawState() & RwLockSync.PARKED) != 0);
        Thread.onSpinWait();
        assertThat(reader.isDone()).isFalse();
        w.close();
        assertThat(reader.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void timedRead_succeedsWhenWriterReleasesInTime() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        RwLock.WriteGuard<Integer> w = lock.write();
        FutureTask<Boolean> reader =
                fork(
                        () -> {
                            RwLock.ReadGuard<Integer> g = lock.tryRead(Duration.ofSeconds(10));
                            g.close();
                            return true;
                        });
        await(() -> (lock.rawState() & RwLockSync.PARKED) != 0);
        w.close();
        assertThat(reader.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.rawState()).isZero();
    }

    // ------------------------------------------------------------------ interrupts

    /** C06 step 4: a writer interrupted while a reader holds leaves the lock unchanged. */
    @Test
    void c06_interruptedWriterWhileReaderHolds_leavesStateAndLockUsable() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        RwLock.ReadGuard<Integer> r = lock.read();
        AtomicBoolean flagAfter = new AtomicBoolean(true);
        AtomicLong throwNanos = new AtomicLong();
        AtomicLong interruptAt = new AtomicLong();
        AtomicReferenceThread holder = new AtomicReferenceThread();
        FutureTask<Class<?>> writer =
                fork(
                        () -> {
                            holder.thread = Thread.currentThread();
                            try {
                                lock.writeInterruptibly().close();
                                return null;
                            } catch (InterruptedException e) {
                                throwNanos.set(System.nanoTime());
                                flagAfter.set(Thread.currentThread().isInterrupted());
                                return e.getClass();
                            }
                        });
        await(() -> (lock.rawState() & RwLockSync.WRITER_PARKED) != 0);
        awaitParked(holder.thread);
        interruptAt.set(System.nanoTime());
        holder.thread.interrupt();
        assertThat(writer.get(10, TimeUnit.SECONDS)).isEqualTo(InterruptedException.class);
        assertThat(throwNanos.get() - interruptAt.get()).isLessThan(100_000_000L);
        assertThat(flagAfter.get()).as("flag cleared after the throw").isFalse();
        assertThat(lock.rawState()).isEqualTo(ONE_READER);
        r.close();
        assertThat(lock.rawState()).isZero();
        assertThat(
                        fork(() -> closeIfHeld(lock.tryWrite(Duration.ofSeconds(1))))
                                .get(10, TimeUnit.SECONDS))
                .isTrue();
    }

    @Test
    void interruptedWhileWaitingInEveryInterruptibleMode_throwsWithStateUnchanged()
            throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        RwLock.WriteGuard<Integer> w = lock.write();
        ThrowingRunnable[] attempts = {
            () -> lock.readInterruptibly().close(),
            () -> lock.tryRead(Duration.ofSeconds(30)).close(),
            () -> lock.tryReadRecursive(Duration.ofSeconds(30)).close(),
            () -> lock.writeInterruptibly().close(),
            () -> lock.tryWrite(Duration.ofSeconds(30)).close(),
            () -> lock.upgradableReadInterruptibly().close(),
            () -> lock.tryUpgradableRead(Duration.ofSeconds(30)).close(),
            () -> lock.readLock().lockInterruptibly(),
            () -> lock.readLock().tryLock(30, TimeUnit.SECONDS),
            () -> lock.writeLock().lockInterruptibly(),
            () -> lock.writeLock().tryLock(30, TimeUnit.SECONDS),
        };
        for (int i = 0; i < attempts.length; i++) {
            ThrowingRunnable attempt = attempts[i];
            AtomicReferenceThread holder = new AtomicReferenceThread();
            FutureTask<Boolean> f =
                    fork(
                            () -> {
                                holder.thread = Thread.currentThread();
                                try {
                                    attempt.run();
                                    return false;
                                } catch (InterruptedException e) {
                                    return !Thread.currentThread().isInterrupted();
                                }
                            });
            await(() -> holder.thread != null);
            awaitParked(holder.thread);
            holder.thread.interrupt();
            assertThat(f.get(10, TimeUnit.SECONDS)).as("attempt " + i).isTrue();
            assertThat(lock.rawState()).as("state after attempt " + i).isEqualTo(WRITER);
        }
        w.close();
        assertThat(lock.rawState()).isZero();
    }

    static final class AtomicReferenceThread {
        volatile Thread thread;
    }

    @Test
    void preInterrupted_interruptibleAcquisitionsThrowEvenIfFree() {
        RwLock<Integer> lock = new RwLock<>(0);
        Thread.currentThread().interrupt();
        assertThatThrownBy(lock::readInterruptibly).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        Thread.currentThread().interrupt();
        assertThatThrownBy(lock::writeInterruptibly).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> lock.tryWrite(Duration.ofSeconds(1)))
                .isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> lock.readLock().tryLock(1, TimeUnit.SECONDS))
                .isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> lock.writeLock().lockInterruptibly())
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(lock.rawState()).isZero();
        RwLock.UpgradableReadGuard<Integer> u = lock.upgradableRead();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> u.tryUpgrade(Duration.ofSeconds(1)))
                .isInstanceOf(InterruptedException.class);
        assertThat(lock.rawState()).isEqualTo(UPGRADABLE | ONE_READER);
        u.close();
    }

    /** Uninterruptible waits complete and keep the interrupt pending. */
    @Test
    void uninterruptibleWait_completesWithFlagStillSet() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        RwLock.WriteGuard<Integer> w = lock.write();
        AtomicReferenceThread holder = new AtomicReferenceThread();
        FutureTask<Boolean> reader =
                fork(
                        () -> {
                            holder.thread = Thread.currentThread();
                            lock.read().close();
                            return Thread.currentThread().isInterrupted();
                        });
        await(() -> holder.thread != null);
        awaitParked(holder.thread);
        holder.thread.interrupt();
        // Give it time to notice the interrupt: it must keep waiting, not spin or give up.
        LockSupport.parkNanos(50_000_000L);
        assertThat(reader.isDone()).isFalse();
        awaitParked(holder.thread);
        w.close();
        assertThat(reader.get(10, TimeUnit.SECONDS)).as("flag still set").isTrue();
        // The tryUpgrade path: an interrupt during upgrade() is kept pending too.
        Thread.currentThread().interrupt();
        lock.upgradableRead().upgrade().close();
        assertThat(Thread.interrupted()).isTrue();
        assertThat(lock.rawState()).isZero();
    }

    @Test
    void interruptedUpgrade_restoresUpgradableRead() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        Holder<RwLock.ReadGuard<Integer>> r = new Holder<>(lock::read).awaitAcquired();
        AtomicReferenceThread holder = new AtomicReferenceThread();
        AtomicLong stateAfter = new AtomicLong();
        FutureTask<Boolean> up =
                fork(
                        () -> {
                            holder.thread = Thread.currentThread();
                            RwLock.UpgradableReadGuard<Integer> u = lock.upgradableRead();
                            try {
                                u.tryUpgrade(Duration.ofSeconds(30));
                                return false;
                            } catch (InterruptedException e) {
                                stateAfter.set(lock.rawState());
                                u.close(); // still valid
                                return true;
                            }
                        });
        await(() -> (lock.rawState() & RwLockSync.WRITER_PARKED) != 0);
        holder.thread.interrupt();
        assertThat(up.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stateAfter.get()).isEqualTo(UPGRADABLE | 2 * ONE_READER);
        r.releaseAndJoin();
        assertThat(lock.rawState()).isZero();
    }

    // ------------------------------------------------------------------ ReadWriteLock views

    @Test
    void lockViews_workAsReadWriteLock() throws Exception {
        RwLock<Void> rw = new RwLock<>(null);
        java.util.concurrent.locks.ReadWriteLock lock = rw;
        Lock read = lock.readLock();
        Lock write = lock.writeLock();
        read.lock();
        assertThat(read.tryLock()).isTrue(); // nested read through the view
        assertThat(RwLockSync.readers(rw.rawState())).isEqualTo(2);
        assertThat(write.tryLock()).isFalse();
        read.unlock();
        read.unlock();
        assertThatThrownBy(read::unlock).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(rw.rawState()).isZero();
        write.lock();
        assertThat(rw.isWriteLockedByCurrentThread()).isTrue();
        write.unlock();
        assertThatThrownBy(write::unlock).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(write.tryLock(1, TimeUnit.SECONDS)).isTrue();
        write.unlock();
        read.lockInterruptibly();
        assertThat(read.tryLock(1, TimeUnit.SECONDS)).isTrue();
        read.unlock();
        read.unlock();
        write.lockInterruptibly();
        write.unlock();
        assertThat(rw.rawState()).isZero();
        assertThatThrownBy(read::newCondition).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(write::newCondition).isInstanceOf(UnsupportedOperationException.class);
        assertThat(read.toString()).contains("readLock");
        assertThat(write.toString()).contains("writeLock");
    }

    @Test
    void readViewUnlock_byThreadWithoutHold_throwsWhileOthersHold() throws Exception {
        RwLock<Void> rw = new RwLock<>(null);
        rw.readLock().lock();
        assertThat(fork(() -> catchType(() -> rw.readLock().unlock())).get(10, TimeUnit.SECONDS))
                .isEqualTo(IllegalMonitorStateException.class);
        assertThat(rw.rawState()).isEqualTo(ONE_READER);
        rw.readLock().unlock();
        assertThat(rw.rawState()).isZero();
    }

    /** A nested read through the view is recursive, so it passes a waiting writer. */
    @Test
    void readViewNestedLock_doesNotDeadlockBehindWaitingWriter() throws Exception {
        RwLock<Void> rw = new RwLock<>(null);
        rw.readLock().lock();
        FutureTask<Void> writer =
                forkRun(
                        () -> {
                            rw.writeLock().lock();
                            rw.writeLock().unlock();
                        });
        await(() -> (rw.rawState() & WRITER) != 0);
        assertThat(rw.readLock().tryLock(5, TimeUnit.SECONDS)).isTrue();
        rw.readLock().unlock();
        rw.readLock().unlock();
        writer.get(10, TimeUnit.SECONDS);
        assertThat(rw.rawState()).isZero();
    }

    // ------------------------------------------------------------------ cycles

    /** A long single-threaded cycle through every transition ends at the initial state. */
    @Test
    void everyTransitionCycle_singleThread_endsAtZero() throws Exception {
        RwLock<Integer> lock = new RwLock<>(0);
        for (int i = 0; i < 20_000; i++) {
            lock.read().close();
            lock.readRecursive().close();
            lock.tryRead().close();
            lock.tryRead(Duration.ZERO).close();
            lock.write().close();
            lock.tryWrite().close();
            lock.tryWrite(Duration.ZERO).close();
            RwLock.UpgradableReadGuard<Integer> u = lock.upgradableRead();
            RwLock.ReadGuard<Integer> r = lock.read();
            assertThat(u.tryUpgrade()).isNull();
            r.close();
            RwLock.WriteGuard<Integer> w = u.upgrade();
            w.set(w.get() + 1);
            u = w.downgradeToUpgradable();
            w = u.tryUpgrade();
            r = w.downgrade();
            r.close();
            lock.tryUpgradableRead().downgrade().close();
            w = lock.write();
            w.unlockFair();
            lock.readLock().lock();
            lock.readLock().unlock();
            lock.writeLock().lock();
            lock.writeLock().unlock();
        }
        assertThat(lock.rawState()).isZero();
        assertThat(lock.read().get()).isEqualTo(20_000);
    }
}
