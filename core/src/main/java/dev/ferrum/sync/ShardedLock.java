package dev.ferrum.sync;

import dev.ferrum.internal.Timeouts;
import java.time.Duration;

/**
 * A reader-writer lock guarding a value, whose read side scales with the number of reading threads:
 * the lock is split into shards, a reader locks only the shard of its thread, and a writer locks
 * every shard. Reads that run on different cores then touch different cache lines; writes cost one
 * lock per shard, so this suits data that is read far more often than written.
 *
 * <pre>{@code
 * ShardedLock<Config> lock = new ShardedLock<>(Config.defaults());
 * try (ShardedLock.ReadGuard<Config> g = lock.read()) {
 *     use(g.get());
 * }
 * try (ShardedLock.WriteGuard<Config> g = lock.write()) {
 *     g.set(g.get().withTimeout(5));
 * }
 * }</pre>
 *
 * <p>Each shard is an {@link RwLock}-style lock, with its policy (task-fair with eventual
 * fairness), its misuse checks (a thread holding the write lock that acquires again gets {@link
 * IllegalStateException}; closing a guard twice or from another thread throws {@link
 * IllegalMonitorStateException} and changes nothing) and its interrupt and time-out rules: the
 * blocking {@link #read()} and {@link #write()} wait uninterruptibly, the timed variants throw
 * {@link InterruptedException} with nothing changed, and a time-out leaves every shard as it was. A
 * thread always uses the same shard, so a nested read by a reading thread can deadlock behind a
 * waiting writer exactly as with {@link RwLock#read()}.
 *
 * <p>Memory consistency: actions before releasing the write lock happen-before actions after any
 * later acquisition in either mode; actions before a read release happen-before actions after a
 * later write acquisition (which takes the reader's shard).
 *
 * <p>Ported from crossbeam-utils ({@code src/sync/sharded_lock.rs}), which builds on the standard
 * library's {@code RwLock}; here every shard is Ferrum's own lock. The guarded value may be {@code
 * null}.
 *
 * @param <T> the type of the guarded value
 */
public final class ShardedLock<T> {

    /*
     * Implementation notes
     *
     * NUM_SHARDS locks (crossbeam's 8), each a RwLockSync padded to its own pair of cache lines by
     * the Shard holder class below. A reader picks its shard from its thread id (a fixed mix, so
     * the same thread always uses the same shard; threads with consecutive ids spread over the
     * shards) and remembers it in the guard, so the release goes to the same shard. A writer
     * acquires shards 0, 1, ..., NUM_SHARDS - 1 in that order (a single global order, so two
     * writers cannot deadlock with each other) and releases them in reverse. If a timed or
     * interrupted write gives up at shard i, shards i-1 .. 0 are released again, so the lock is
     * left as it was.
     *
     * The value is a plain field: readers access it under their shard's read lock, writers under
     * all shards' write locks, so every reader/writer pair shares at least one shard whose state
     * word orders their accesses.
     */

    /** Shards, as in crossbeam; a power of two. */
    static final int NUM_SHARDS = 8;

    private final Shard[] shards = new Shard[NUM_SHARDS];

    /** Guarded by all shards; plain accesses ordered by their state words. */
    private T value;

    /**
     * Creates an unlocked lock guarding {@code value}.
     *
     * @param value the initial value, may be {@code null}
     */
    public ShardedLock(T value) {
        for (int i = 0; i < NUM_SHARDS; i++) {
            shards[i] = new Shard();
        }
        this.value = value;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() needs Java 19; getId() is the same value
    static int shardIndex() {
        long id = Thread.currentThread().getId();
        // Fibonacci hashing: the top 3 bits of id times 2^64 / phi.
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> (64 - 3));
    }

    // ------------------------------------------------------------------------------ read

    /**
     * Acquires a read lock on the current thread's shard, waiting uninterruptibly.
     *
     * @throws IllegalStateException if the current thread holds the write lock
     */
    public ReadGuard<T> read() {
        int i = shardIndex();
        Shard s = shards[i];
        if (!s.tryAcquireShared(false)) {
            s.acquireShared(false, Timeouts.FOREVER, false);
        }
        return new ReadGuard<>(this, s);
    }

    /**
     * Returns a read lock if it can be granted now, else {@code null}.
     *
     * @throws IllegalStateException if the current thread holds the write lock
     */
    public ReadGuard<T> tryRead() {
        Shard s = shards[shardIndex()];
        return s.tryAcquireShared(false) ? new ReadGuard<>(this, s) : null;
    }

    /**
     * Acquires a read lock, waiting at most {@code timeout}.
     *
     * @return the guard, or {@code null} if the time ran out (the lock is then unchanged)
     * @throws InterruptedException if interrupted before the lock was granted
     * @throws IllegalStateException if the current thread holds the write lock
     * @throws NullPointerException if {@code timeout} is null
     */
    public ReadGuard<T> tryRead(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        Shard s = shards[shardIndex()];
        int r = s.acquireShared(false, nanos, true);
        if (r == RwLockSync.INTERRUPTED) {
            throw new InterruptedException();
        }
        return r == RwLockSync.ACQUIRED ? new ReadGuard<>(this, s) : null;
    }

    // ------------------------------------------------------------------------------ write

    /**
     * Acquires the write lock (every shard), waiting uninterruptibly.
     *
     * @throws IllegalStateException if the current thread already holds the write lock
     */
    public WriteGuard<T> write() {
        for (Shard s : shards) {
            s.acquireExclusive(Timeouts.FOREVER, false);
        }
        return new WriteGuard<>(this);
    }

    /**
     * Returns the write lock if no shard is held now, else {@code null}.
     *
     * @throws IllegalStateException if the current thread already holds the write lock
     */
    public WriteGuard<T> tryWrite() {
        for (int i = 0; i < NUM_SHARDS; i++) {
            if (!shards[i].tryAcquireExclusive()) {
                releaseWriteBelow(i);
                return null;
            }
        }
        return new WriteGuard<>(this);
    }

    /**
     * Acquires the write lock, waiting at most {@code timeout} in all.
     *
     * @return the guard, or {@code null} if the time ran out (the lock is then unchanged)
     * @throws InterruptedException if interrupted before the lock was granted
     * @throws IllegalStateException if the current thread already holds the write lock
     * @throws NullPointerException if {@code timeout} is null
     */
    public WriteGuard<T> tryWrite(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        long start = System.nanoTime();
        for (int i = 0; i < NUM_SHARDS; i++) {
            long left = nanos == Timeouts.FOREVER ? nanos : nanos - (System.nanoTime() - start);
            int r = shards[i].acquireExclusive(Math.max(0L, left), true);
            if (r != RwLockSync.ACQUIRED) {
                releaseWriteBelow(i);
                if (r == RwLockSync.INTERRUPTED) {
                    throw new InterruptedException();
                }
                return null;
            }
        }
        return new WriteGuard<>(this);
    }

    private void releaseWriteBelow(int end) {
        for (int j = end - 1; j >= 0; j--) {
            shards[j].releaseExclusive(false);
        }
    }

    /** Whether the current thread holds the write lock. */
    public boolean isWriteLockedByCurrentThread() {
        return shards[NUM_SHARDS - 1].isWriteLockedByCurrentThread();
    }

    /** The raw state words of the shards, for tests. */
    long[] rawStates() {
        long[] a = new long[NUM_SHARDS];
        for (int i = 0; i < NUM_SHARDS; i++) {
            a[i] = shards[i].state();
        }
        return a;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ShardedLock[");
        for (int i = 0; i < NUM_SHARDS; i++) {
            sb.append(i == 0 ? "" : ", ").append(shards[i]);
        }
        return sb.append(']').toString();
    }

    private static IllegalMonitorStateException misuse(Thread owner, boolean released) {
        return new IllegalMonitorStateException(
                released
                        ? "guard already released"
                        : "guard belongs to " + owner + ", not to " + Thread.currentThread());
    }

    /**
     * A held read lock on one shard. Closing it releases the hold once; a second close throws.
     *
     * @param <T> the type of the guarded value
     */
    public static final class ReadGuard<T> implements AutoCloseable {
        private final ShardedLock<T> lock;
        private final Shard shard;
        private final Thread thread = Thread.currentThread();
        private boolean released;

        ReadGuard(ShardedLock<T> lock, Shard shard) {
            this.lock = lock;
            this.shard = shard;
        }

        private void check() {
            if (thread != Thread.currentThread() || released) {
                throw misuse(thread, released);
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
            shard.releaseShared();
        }
    }

    /**
     * The held write lock (every shard). Closing it releases the lock once; a second close throws.
     *
     * @param <T> the type of the guarded value
     */
    public static final class WriteGuard<T> implements AutoCloseable {
        private final ShardedLock<T> lock;
        private final Thread thread = Thread.currentThread();
        private boolean released;

        WriteGuard(ShardedLock<T> lock) {
            this.lock = lock;
        }

        private void check() {
            if (thread != Thread.currentThread() || released) {
                throw misuse(thread, released);
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
         * Releases the write lock.
         *
         * @throws IllegalMonitorStateException if already released, or called from another thread;
         *     nothing changes then
         */
        @Override
        public void close() {
            check();
            released = true;
            lock.releaseWriteBelow(NUM_SHARDS);
        }
    }

    /**
     * One shard: a raw lock followed by 128 bytes of padding, so that no two shards' state words
     * share a cache line or an adjacent-line prefetch pair (x86-64 fetches lines in pairs). The
     * fields of RwLockSync come first in the object and the padding after them, and the next shard
     * object starts after this one's padding.
     */
    static final class Shard extends RwLockSync {
        long p00, p01, p02, p03, p04, p05, p06, p07;
        long p08, p09, p10, p11, p12, p13, p14, p15;
    }
}
