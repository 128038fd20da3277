package dev.ferrum.sync;

import dev.ferrum.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * A reader-writer lock guarding a value, built on one atomic state word in the manner of
 * parking_lot's {@code RwLock}: any number of readers, or one writer, and at most one
 * <em>upgradable</em> reader that coexists with plain readers and can turn into the writer without
 * letting another writer in.
 *
 * <pre>{@code
 * RwLock<Map<String, Integer>> lock = new RwLock<>(new HashMap<>());
 * try (RwLock.ReadGuard<Map<String, Integer>> g = lock.read()) {
 *     Integer v = g.get().get("a");
 * }
 * try (RwLock.WriteGuard<Map<String, Integer>> g = lock.write()) {
 *     g.get().put("a", 1);
 * }
 * }</pre>
 *
 * <h2>Guards</h2>
 *
 * <p>{@link #read()}, {@link #write()} and {@link #upgradableRead()} return guards meant for
 * try-with-resources; {@code try*} variants return {@code null} when the lock is not available (at
 * once, or within the given time). A guard belongs to the thread that acquired it: every operation
 * on it from another thread, and any use after it was released (closed, upgraded or downgraded),
 * throws {@link IllegalMonitorStateException} and changes nothing.
 *
 * <h2>Policy</h2>
 *
 * <p><b>Task-fair</b>: a writer that arrives while readers hold the lock claims it at once and
 * waits for them to leave; from then on new readers wait behind it, so a stream of overlapping
 * readers cannot starve writers. A waiting upgradable reader does not block plain readers. On top
 * of that, <b>eventual fairness</b> as in parking_lot: releases normally let woken and newly
 * arriving threads race for the lock (which is fast), but once every 0.5 ms on average a write
 * release that finds threads waiting hands the lock over directly: to all waiting readers, or else
 * to the longest-waiting writer. {@link WriteGuard#unlockFair()} forces such a hand-off.
 *
 * <p><b>Consequence for recursive reads.</b> Because a waiting writer blocks new readers, a thread
 * that already holds a read lock and calls {@link #read()} again can deadlock: its second read
 * waits for the writer, which waits for its first read. Use {@link #readRecursive()} for a nested
 * read: it is granted whenever other read holds exist, even past a waiting writer (so it can delay
 * writers). The {@link #readLock()} view does this automatically, since it counts holds per thread.
 *
 * <h2>Not reentrant; misuse</h2>
 *
 * <ul>
 *   <li>While a thread holds the write lock, any acquisition by that same thread (read, write or
 *       upgradable, blocking, timed or try) throws {@link IllegalStateException}: it could never
 *       succeed. While it holds the upgradable read, acquiring the write lock or another upgradable
 *       read likewise throws {@code IllegalStateException}; use {@link
 *       UpgradableReadGuard#upgrade()}.
 *   <li>A write attempt by a thread that holds a plain read is not detected: it blocks (a timed
 *       attempt times out).
 *   <li>Releasing what the caller does not hold throws {@link IllegalMonitorStateException} and
 *       leaves the lock unchanged: a guard closed twice or from another thread, {@code unlock()} of
 *       a {@link Lock} view by a thread without a hold. The reader count never goes negative.
 * </ul>
 *
 * <h2>As a {@code ReadWriteLock}</h2>
 *
 * <p>{@link #readLock()} and {@link #writeLock()} are {@link Lock} views of the same lock, for code
 * that takes a {@link ReadWriteLock}. The read view counts holds per thread (one {@code
 * ThreadLocal} entry while the thread holds it), so its {@code unlock()} detects a thread without a
 * hold, and a nested {@code lock()} by a thread that already holds a read is a recursive read. The
 * write view is not reentrant (see above). {@link Lock#newCondition()} throws {@link
 * UnsupportedOperationException}. Holds taken through a view are released through the view, and
 * guard holds through their guard.
 *
 * <h2>Interrupts and time-outs</h2>
 *
 * <p>{@link #read()}, {@link #write()}, {@link #upgradableRead()}, {@link #readRecursive()} and
 * {@link UpgradableReadGuard#upgrade()} wait uninterruptibly, like {@link Lock#lock()}: an
 * interrupt during the wait is kept pending and the call completes. The {@code *Interruptibly}
 * variants and every timed variant follow {@code java.util.concurrent}: entered with the interrupt
 * flag set, or interrupted while waiting, they throw {@link InterruptedException}, clear the flag
 * and leave the lock exactly as it was; if the lock was already granted when the interrupt is seen,
 * they return normally with the flag still set. Timed variants accept any {@link Duration}: zero or
 * negative means do not wait (but take the lock if it is free now); a time-out leaves the lock
 * exactly as it was.
 *
 * <h2>Memory consistency</h2>
 *
 * <p>Actions in a thread before it releases the write lock (or downgrades it) happen-before actions
 * of any thread after it subsequently acquires the lock in any mode; actions before a read release
 * happen-before actions after a subsequent write acquisition. This is the guarantee of {@link
 * java.util.concurrent.locks.ReentrantReadWriteLock}.
 *
 * <p>The guarded value may be {@code null} (for example in an {@code RwLock<Void>} used only for
 * its {@link Lock} views); the lock itself does not look at it.
 *
 * <p>Ported from parking_lot ({@code src/raw_rwlock.rs}, {@code lock_api/src/rwlock.rs}); where
 * this class differs (misuse detection, interrupts, the per-thread read view) it follows Ferrum's
 * design. Implementation notes are in the package-private {@code RwLockSync}.
 *
 * @param <T> the type of the guarded value
 */
public final class RwLock<T> implements ReadWriteLock {

    /*
     * Implementation notes: this class only pairs RwLockSync's raw transitions with guard
     * objects. The guarded value is a plain field: every access to it happens under a hold, and
     * the state word's volatile CAS on acquire and release orders those accesses (the
     * happens-before edges listed in the class javadoc). Guards are thread-confined, so their
     * "released" flag is a plain field too.
     */

    private final RwLockSync sync = new RwLockSync();

    /** Guarded by the lock; plain accesses ordered by the state word's CAS. */
    private T value;

    private final ReadView readView = new ReadView();
    private final WriteView writeView = new WriteView();

    /**
     * Creates an unlocked lock guarding {@code value}.
     *
     * @param value the initial value, may be {@code null}
     */
    public RwLock(T value) {
        this.value = value;
    }

    // ------------------------------------------------------------------------------ read

    /** Acquires a read lock, waiting uninterruptibly while a writer holds or waits for it. */
    public ReadGuard<T> read() {
        if (!sync.tryAcquireShared(false)) {
            sync.acquireShared(false, Timeouts.FOREVER, false);
        }
        return new ReadGuard<>(this);
    }

    /**
     * Acquires a read lock, waiting interruptibly.
     *
     * @throws InterruptedException if interrupted before the lock was granted
     */
    public ReadGuard<T> readInterruptibly() throws InterruptedException {
        if (sync.acquireShared(false, Timeouts.FOREVER, true) != RwLockSync.ACQUIRED) {
            throw new InterruptedException();
        }
        return new ReadGuard<>(this);
    }

    /** Returns a read lock if one can be granted now without waiting, else {@code null}. */
    public ReadGuard<T> tryRead() {
        return sync.tryAcquireShared(false) ? new ReadGuard<>(this) : null;
    }

    /**
     * Acquires a read lock, waiting at most {@code timeout}.
     *
     * @return the guard, or {@code null} if the time ran out (the lock is then unchanged)
     * @throws InterruptedException if interrupted before the lock was granted
     * @throws NullPointerException if {@code timeout} is null
     */
    public ReadGuard<T> tryRead(Duration timeout) throws InterruptedException {
        return timedRead(false, Timeouts.toNanos(timeout));
    }

    /**
     * Acquires a read lock even if a writer is waiting, as long as other read holds exist. For a
     * thread that may already hold a read lock (see the class notes); it can delay writers.
     */
    public ReadGuard<T> readRecursive() {
        if (!sync.tryAcquireShared(true)) {
            sync.acquireShared(true, Timeouts.FOREVER, false);
        }
        return new ReadGuard<>(this);
    }

    /** {@link #readRecursive()} without waiting: {@code null} if only a writer holds the lock. */
    public ReadGuard<T> tryReadRecursive() {
        return sync.tryAcquireShared(true) ? new ReadGuard<>(this) : null;
    }

    /**
     * {@link #readRecursive()} waiting at most {@code timeout}.
     *
     * @return the guard, or {@code null} if the time ran out
     * @throws InterruptedException if interrupted before the lock was granted
     * @throws NullPointerException if {@code timeout} is null
     */
    public ReadGuard<T> tryReadRecursive(Duration timeout) throws InterruptedException {
        return timedRead(true, Timeouts.toNanos(timeout));
    }

    private ReadGuard<T> timedRead(boolean recursive, long nanos) throws InterruptedException {
        int r = sync.acquireShared(recursive, nanos, true);
        if (r == RwLockSync.INTERRUPTED) {
            throw new InterruptedException();
        }
        return r == RwLockSync.ACQUIRED ? new ReadGuard<>(this) : null;
    }

    // ------------------------------------------------------------------------------ write

    /**
     * Acquires the write lock, waiting uninterruptibly.
     *
     * @throws IllegalStateException if the current thread holds the write lock or the upgradable
     *     read
     */
    public WriteGuard<T> write() {
        // The small one-shot attempt first, as read() does: it inlines, the waiting loop does not.
        if (!sync.tryAcquireExclusive()) {
            sync.acquireExclusive(Timeouts.FOREVER, false);
        }
        return new WriteGuard<>(this);
    }

    /**
     * Acquires the write lock, waiting interruptibly.
     *
     * @throws InterruptedException if interrupted before the lock was granted
     * @throws IllegalStateException as for {@link #write()}
     */
    public WriteGuard<T> writeInterruptibly() throws InterruptedException {
        if (sync.acquireExclusive(Timeouts.FOREVER, true) != RwLockSync.ACQUIRED) {
            throw new InterruptedException();
        }
        return new WriteGuard<>(this);
    }

    /**
     * Returns the write lock if nobody holds the lock now, else {@code null}.
     *
     * @throws IllegalStateException as for {@link #write()}
     */
    public WriteGuard<T> tryWrite() {
        return sync.tryAcquireExclusive() ? new WriteGuard<>(this) : null;
    }

    /**
     * Acquires the write lock, waiting at most {@code timeout}.
     *
     * @return the guard, or {@code null} if the time ran out (the lock is then unchanged)
     * @throws InterruptedException if interrupted before the lock was granted
     * @throws IllegalStateException as for {@link #write()}
     * @throws NullPointerException if {@code timeout} is null
     */
    public WriteGuard<T> tryWrite(Duration timeout) throws InterruptedException {
        int r = sync.acquireExclusive(Timeouts.toNanos(timeout), true);
        if (r == RwLockSync.INTERRUPTED) {
            throw new InterruptedException();
        }
        return r == RwLockSync.ACQUIRED ? new WriteGuard<>(this) : null;
    }

    // ------------------------------------------------------------------------------ upgradable

    /**
     * Acquires the upgradable read, waiting uninterruptibly while a writer or another upgradable
     * reader holds the lock. Plain readers may hold the lock at the same time.
     *
     * @throws IllegalStateException if the current thread holds the write lock or the upgradable
     *     read
     */
    public UpgradableReadGuard<T> upgradableRead() {
        sync.acquireUpgradable(Timeouts.FOREVER, false);
        return new UpgradableReadGuard<>(this);
    }

    /**
     * Acquires the upgradable read, waiting interruptibly.
     *
     * @throws InterruptedException if interrupted before the lock was granted
     * @throws IllegalStateException as for {@link #upgradableRead()}
     */
    public UpgradableReadGuard<T> upgradableReadInterruptibly() throws InterruptedException {
        if (sync.acquireUpgradable(Timeouts.FOREVER, true) != RwLockSync.ACQUIRED) {
            throw new InterruptedException();
        }
        return new UpgradableReadGuard<>(this);
    }

    /**
     * Returns the upgradable read if it can be granted now, else {@code null}.
     *
     * @throws IllegalStateException as for {@link #upgradableRead()}
     */
    public UpgradableReadGuard<T> tryUpgradableRead() {
        return sync.tryAcquireUpgradable() ? new UpgradableReadGuard<>(this) : null;
    }

    /**
     * Acquires the upgradable read, waiting at most {@code timeout}.
     *
     * @return the guard, or {@code null} if the time ran out (the lock is then unchanged)
     * @throws InterruptedException if interrupted before the lock was granted
     * @throws IllegalStateException as for {@link #upgradableRead()}
     * @throws NullPointerException if {@code timeout} is null
     */
    public UpgradableReadGuard<T> tryUpgradableRead(Duration timeout) throws InterruptedException {
        int r = sync.acquireUpgradable(Timeouts.toNanos(timeout), true);
        if (r == RwLockSync.INTERRUPTED) {
            throw new InterruptedException();
        }
        return r == RwLockSync.ACQUIRED ? new UpgradableReadGuard<>(this) : null;
    }

    // ------------------------------------------------------------------------------ queries

    /** Whether any thread holds the lock in any mode; a snapshot. */
    public boolean isLocked() {
        long s = sync.state();
        return (s & RwLockSync.WRITER) != 0L || RwLockSync.readers(s) != 0L;
    }

    /** Whether a writer holds the lock or has claimed it and waits for readers; a snapshot. */
    public boolean isWriteLocked() {
        return (sync.state() & RwLockSync.WRITER) != 0L;
    }

    /** Whether the current thread holds the write lock. */
    public boolean isWriteLockedByCurrentThread() {
        return sync.isWriteLockedByCurrentThread();
    }

    /** The raw state word, for tests: see {@code RwLockSync}'s notes for its layout. */
    long rawState() {
        return sync.state();
    }

    /** A read-only view of the same lock as a {@link Lock}; see the class notes. */
    @Override
    public Lock readLock() {
        return readView;
    }

    /** A write-mode view of the same lock as a {@link Lock}; see the class notes. */
    @Override
    public Lock writeLock() {
        return writeView;
    }

    @Override
    public String toString() {
        return "RwLock" + sync;
    }

    private static IllegalMonitorStateException released() {
        return new IllegalMonitorStateException("guard already released");
    }

    private static IllegalMonitorStateException foreign(Thread owner) {
        return new IllegalMonitorStateException(
                "guard belongs to " + owner + ", not to " + Thread.currentThread());
    }

    // ------------------------------------------------------------------------------ guards

    /**
     * A held read lock. Closing it releases the hold once; a second close throws.
     *
     * @param <T> the type of the guarded value
     */
    public static final class ReadGuard<T> implements AutoCloseable {
        private final RwLock<T> lock;
        private final Thread thread = Thread.currentThread();
        private boolean released;

        ReadGuard(RwLock<T> lock) {
            this.lock = lock;
        }

        private void check() {
            if (thread != Thread.currentThread()) {
                throw foreign(thread);
            }
            if (released) {
                throw released();
            }
        }

        /**
         * Returns the guarded value.
         *
         * @throws IllegalMonitorStateException if released or called from another thread
         */
        public T get() {
            check();
            return lock.value;
        }

        /**
         * Releases the read lock.
         *
         * @throws IllegalMonitorStateException if already released, or called from another thread;
         *     nothing changes then
         */
        @Override
        public void close() {
            check();
            released = true;
            lock.sync.releaseShared();
        }
    }

    /**
     * The held write lock. Closing it releases the lock once; a second close throws.
     *
     * @param <T> the type of the guarded value
     */
    public static final class WriteGuard<T> implements AutoCloseable {
        private final RwLock<T> lock;
        private final Thread thread = Thread.currentThread();
        private boolean released;

        /** Released by converting into another guard, which now holds the lock. */
        private boolean transferred;

        WriteGuard(RwLock<T> lock) {
            this.lock = lock;
        }

        /** This guard is released because its hold moves to a new guard. */
        private void transfer() {
            released = true;
            transferred = true;
        }

        private void check() {
            if (thread != Thread.currentThread()) {
                throw foreign(thread);
            }
            if (released) {
                throw released();
            }
        }

        /**
         * Returns the guarded value.
         *
         * @throws IllegalMonitorStateException if released or called from another thread
         */
        public T get() {
            check();
            return lock.value;
        }

        /**
         * Replaces the guarded value.
         *
         * @param value the new value, may be {@code null}
         * @throws IllegalMonitorStateException if released or called from another thread
         */
        public void set(T value) {
            check();
            lock.value = value;
        }

        /**
         * Atomically turns this write lock into a read lock: no writer can acquire the lock in
         * between, and waiting readers may join at once. This guard is released by the call.
         *
         * @return the read guard that now holds the lock
         * @throws IllegalMonitorStateException if released or called from another thread
         */
        public ReadGuard<T> downgrade() {
            check();
            transfer();
            lock.sync.downgradeExclusiveToShared();
            return new ReadGuard<>(lock);
        }

        /**
         * Atomically turns this write lock into the upgradable read (readers may join, no writer
         * can come between). This guard is released by the call.
         *
         * @return the upgradable guard that now holds the lock
         * @throws IllegalMonitorStateException if released or called from another thread
         */
        public UpgradableReadGuard<T> downgradeToUpgradable() {
            check();
            transfer();
            lock.sync.downgradeExclusiveToUpgradable();
            return new UpgradableReadGuard<>(lock);
        }

        /**
         * Releases the write lock and, if threads wait, hands it directly to them (all waiting
         * readers, or else the longest-waiting writer) instead of letting newcomers race.
         *
         * @throws IllegalMonitorStateException if already released, or called from another thread
         */
        public void unlockFair() {
            check();
            released = true;
            lock.sync.releaseExclusive(true);
        }

        /**
         * Releases the write lock. After {@link #downgrade()} or {@link #downgradeToUpgradable()}
         * the hold belongs to the returned guard and this call does nothing, so the guard can stay
         * in a try-with-resources block around the conversion.
         *
         * @throws IllegalMonitorStateException if already closed, or called from another thread;
         *     nothing changes then
         */
        @Override
        public void close() {
            if (transferred && thread == Thread.currentThread()) {
                return; // converted into another guard: the hold lives on there
            }
            check();
            released = true;
            lock.sync.releaseExclusive(false);
        }
    }

    /**
     * The held upgradable read: a read lock that excludes writers and other upgradable readers but
     * not plain readers, and that can become the write lock atomically.
     *
     * @param <T> the type of the guarded value
     */
    public static final class UpgradableReadGuard<T> implements AutoCloseable {
        private final RwLock<T> lock;
        private final Thread thread = Thread.currentThread();
        private boolean released;

        /** Released by converting into another guard, which now holds the lock. */
        private boolean transferred;

        UpgradableReadGuard(RwLock<T> lock) {
            this.lock = lock;
        }

        /** This guard is released because its hold moves to a new guard. */
        private void transfer() {
            released = true;
            transferred = true;
        }

        private void check() {
            if (thread != Thread.currentThread()) {
                throw foreign(thread);
            }
            if (released) {
                throw released();
            }
        }

        /**
         * Returns the guarded value.
         *
         * @throws IllegalMonitorStateException if released or called from another thread
         */
        public T get() {
            check();
            return lock.value;
        }

        /**
         * Atomically upgrades to the write lock, waiting uninterruptibly for plain readers to
         * leave. No other writer can acquire the lock between this read and the write: new readers
         * are refused from the moment the upgrade starts. This guard is released by the call.
         *
         * @return the write guard
         * @throws IllegalMonitorStateException if released or called from another thread
         */
        public WriteGuard<T> upgrade() {
            check();
            transfer();
            lock.sync.upgrade(Timeouts.FOREVER, false);
            return new WriteGuard<>(lock);
        }

        /**
         * Upgrades if no other reader holds the lock now.
         *
         * @return the write guard (this guard is then released), or {@code null} (this guard still
         *     holds the upgradable read)
         * @throws IllegalMonitorStateException if released or called from another thread
         */
        public WriteGuard<T> tryUpgrade() {
            check();
            if (!lock.sync.tryUpgrade()) {
                return null;
            }
            transfer();
            return new WriteGuard<>(lock);
        }

        /**
         * Upgrades, waiting at most {@code timeout} for plain readers to leave. New readers wait
         * meanwhile; on a time-out or interrupt they are let in again and this guard keeps the
         * upgradable read, exactly as before.
         *
         * @return the write guard (this guard is then released), or {@code null} on time-out
         * @throws InterruptedException if interrupted first; this guard still holds the lock
         * @throws IllegalMonitorStateException if released or called from another thread
         * @throws NullPointerException if {@code timeout} is null
         */
        public WriteGuard<T> tryUpgrade(Duration timeout) throws InterruptedException {
            long nanos = Timeouts.toNanos(timeout);
            check();
            int r = lock.sync.upgrade(nanos, true);
            if (r == RwLockSync.INTERRUPTED) {
                throw new InterruptedException();
            }
            if (r != RwLockSync.ACQUIRED) {
                return null;
            }
            transfer();
            return new WriteGuard<>(lock);
        }

        /**
         * Atomically turns the upgradable read into a plain read lock, letting a writer or another
         * upgradable reader queue behind the remaining readers. This guard is released.
         *
         * @return the read guard
         * @throws IllegalMonitorStateException if released or called from another thread
         */
        public ReadGuard<T> downgrade() {
            check();
            transfer();
            lock.sync.downgradeUpgradableToShared();
            return new ReadGuard<>(lock);
        }

        /**
         * Releases the upgradable read. After a successful upgrade or {@link #downgrade()} the hold
         * belongs to the returned guard and this call does nothing, so the usual shape works:
         *
         * <pre>{@code
         * try (var u = lock.upgradableRead()) {
         *     if (needsChange(u.get())) {
         *         try (var w = u.upgrade()) {
         *             w.set(changed(w.get()));
         *         }
         *     }
         * }
         * }</pre>
         *
         * @throws IllegalMonitorStateException if already closed, or called from another thread;
         *     nothing changes then
         */
        @Override
        public void close() {
            if (transferred && thread == Thread.currentThread()) {
                return; // converted into another guard: the hold lives on there
            }
            check();
            released = true;
            lock.sync.releaseUpgradable();
        }
    }

    // ------------------------------------------------------------------------------ views

    /** Read view: counts holds per thread so that unlock can check the caller. */
    private final class ReadView implements Lock {
        /** This thread's read holds through the view; the entry exists only while > 0. */
        private final ThreadLocal<int[]> holds = new ThreadLocal<>();

        private boolean acquire(int[] h, long nanos, boolean interruptible) {
            boolean recursive = h != null;
            int r = sync.acquireShared(recursive, nanos, interruptible);
            if (r != RwLockSync.ACQUIRED) {
                return false;
            }
            if (h == null) {
                holds.set(new int[] {1});
            } else {
                h[0]++;
            }
            return true;
        }

        @Override
        public void lock() {
            acquire(holds.get(), Timeouts.FOREVER, false);
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            if (!acquire(holds.get(), Timeouts.FOREVER, true)) {
                throw new InterruptedException();
            }
        }

        @Override
        public boolean tryLock() {
            int[] h = holds.get();
            if (!sync.tryAcquireShared(h != null)) {
                return false;
            }
            if (h == null) {
                holds.set(new int[] {1});
            } else {
                h[0]++;
            }
            return true;
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            long nanos = Timeouts.toNanos(time, unit);
            int[] h = holds.get();
            int r = sync.acquireShared(h != null, nanos, true);
            if (r == RwLockSync.INTERRUPTED) {
                throw new InterruptedException();
            }
            if (r != RwLockSync.ACQUIRED) {
                return false;
            }
            if (h == null) {
                holds.set(new int[] {1});
            } else {
                h[0]++;
            }
            return true;
        }

        /**
         * @throws IllegalMonitorStateException if the current thread holds no read lock through
         *     this view; nothing changes then
         */
        @Override
        public void unlock() {
            int[] h = holds.get();
            if (h == null) {
                throw new IllegalMonitorStateException(
                        "read lock not held by the current thread: " + Thread.currentThread());
            }
            sync.releaseShared();
            if (--h[0] == 0) {
                holds.remove();
            }
        }

        /** Always throws: read locks have no conditions. */
        @Override
        public Condition newCondition() {
            throw new UnsupportedOperationException("RwLock does not support conditions");
        }

        @Override
        public String toString() {
            return "RwLock.readLock" + sync;
        }
    }

    /** Write view: the owner field already identifies the holder. */
    private final class WriteView implements Lock {
        @Override
        public void lock() {
            sync.acquireExclusive(Timeouts.FOREVER, false);
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            if (sync.acquireExclusive(Timeouts.FOREVER, true) != RwLockSync.ACQUIRED) {
                throw new InterruptedException();
            }
        }

        @Override
        public boolean tryLock() {
            return sync.tryAcquireExclusive();
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            int r = sync.acquireExclusive(Timeouts.toNanos(time, unit), true);
            if (r == RwLockSync.INTERRUPTED) {
                throw new InterruptedException();
            }
            return r == RwLockSync.ACQUIRED;
        }

        /**
         * @throws IllegalMonitorStateException if the current thread does not hold the write lock;
         *     nothing changes then
         */
        @Override
        public void unlock() {
            sync.releaseExclusive(false);
        }

        /** Always throws: this lock has no conditions. */
        @Override
        public Condition newCondition() {
            throw new UnsupportedOperationException("RwLock does not support conditions");
        }

        @Override
        public String toString() {
            return "RwLock.writeLock" + sync;
        }
    }
}
