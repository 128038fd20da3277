package dev.ferrum.sync;

import dev.ferrum.internal.Timeouts;
import dev.ferrum.internal.WaitQueue;
import dev.ferrum.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw reader-writer lock behind {@link RwLock} and each shard of {@link ShardedLock}: one
 * atomic state word changed by compare-and-set, plus four wait queues. It knows nothing of guards;
 * callers pair every acquisition with exactly one release.
 *
 * <p>Not final only so that {@link ShardedLock} can pad each shard; nothing overrides a method.
 */
class RwLockSync {

    /*
     * Implementation notes
     *
     * Source: the state machine of parking_lot's RawRwLock (Amanieu/parking_lot, src/raw_rwlock.rs,
     * 0.12), itself derived from Boost's upgrade_mutex. parking_lot parks threads on addresses in a
     * global hash table and runs a callback under the bucket lock to update the state word and the
     * "more threads parked" bit atomically with the queue. Our wait queues (dev.ferrum.internal)
     * offer no such callback, so the parked bit is managed differently (see "Waking" below).
     *
     * State word (a long; bit 0 is the least significant):
     *
     *   63 62 ............................ 4   3        2            1              0
     *  +--+--------------------------------+--------+------------+---------------+--------+
     *  | 0|  reader count (59 bits)        | WRITER | UPGRADABLE | WRITER_PARKED | PARKED |
     *  +--+--------------------------------+--------+------------+---------------+--------+
     *
     *   PARKED         a thread may be registered in readerQueue, writerQueue or upgraderQueue.
     *                  Set by such a thread before it registers; cleared by a transition that
     *                  clears WRITER or UPGRADABLE, which then wakes every registered thread,
     *                  or by a waiter that gives up and finds the queues empty, which then
     *                  re-reads them and wakes anyone who registered meanwhile. It may be set
     *                  while nobody waits; that costs the next unlocker a slow path, no more.
     *   WRITER_PARKED  the thread that holds WRITER may be registered in drainQueue, waiting for
     *                  the reader count to reach zero. Set by that thread only; cleared by the
     *                  reader release that brings the count to zero, or by that thread.
     *   UPGRADABLE     an upgradable read is held. Its holder also counts as one reader.
     *   WRITER         with count == 0: the write lock is held. With count > 0: a writer (or an
     *                  upgrading thread) has claimed the lock and waits for the readers to leave.
     *                  Either way new plain readers are refused: this is the task-fair rule
     *                  ("a waiting writer blocks new readers").
     *   count          readers holding the lock, the upgradable holder included. Bit 63 is never
     *                  set (count <= MAX_READERS), so the word is never negative.
     *
     * Invariants: WRITER and UPGRADABLE are never both set. WRITER_PARKED implies WRITER.
     * UPGRADABLE implies count >= 1.
     *
     * Transitions (each a single compare-and-set of the whole word; "| PARKED" may be present or
     * not in every row, and keeps its value unless the row says it is cleared):
     *
     *   read          !WRITER (recursive: !WRITER || count > 0)          count + 1
     *   read release  count > (UPGRADABLE ? 1 : 0)                        count - 1;
     *                                   if the new count is 0, WRITER_PARKED is cleared and
     *                                   drainQueue woken
     *   write 1       !WRITER && !UPGRADABLE                              + WRITER
     *   write 2       (drain) WRITER && count == 0                        no change: acquired
     *   write give-up WRITER (timeout or interrupt while draining)       - WRITER - WRITER_PARKED,
     *                                                                     PARKED cleared + wake all
     *   write release WRITER && count == 0                                0 (PARKED cleared + wake
     *                                                                     all), or a fair hand-off
     *   upgradable    !WRITER && !UPGRADABLE                              + UPGRADABLE, count + 1
     *   upg. release  UPGRADABLE                                          - UPGRADABLE, count - 1,
     *                                                                     PARKED cleared + wake all
     *   upgrade 1     UPGRADABLE                                          - UPGRADABLE, count - 1,
     *                                                                     + WRITER; then drain
     *   upgrade give-up                                                   back: + UPGRADABLE,
     *                                     count + 1, - WRITER - WRITER_PARKED, PARKED cleared +
     *                                     wake all
     *   try upgrade   UPGRADABLE && count == 1                            - UPGRADABLE, count 0,
     *                                                                     + WRITER
     *   downgrade     WRITER, count == 0                                  - WRITER, count 1,
     *                                                                     PARKED cleared + wake all
     *   write->upg.   WRITER, count == 0                                  - WRITER, + UPGRADABLE,
     *                                                                     count 1, PARKED cleared
     *                                                                     + wake all
     *   upg.->read    UPGRADABLE                                          - UPGRADABLE,
     *                                                                     PARKED cleared + wake all
     *   park          the caller is blocked                               + PARKED (then register)
     *   drain park    WRITER held by the caller, count > 0                + WRITER_PARKED
     *
     * Why the count never borrows into the flag bits: every decrement of the count is a CAS whose
     * expected value was checked to have a count of at least one (read release checks more than
     * one when UPGRADABLE is set, since that reader belongs to the upgradable holder), so the
     * subtraction of ONE_READER (1 << 4) from the word leaves bits 0..3 alone. A release by a
     * thread that holds nothing therefore throws IllegalMonitorStateException and changes nothing
     * rather than wrapping. Every increment checks count < MAX_READERS first, so the count never
     * carries into bit 63 either.
     *
     * Linearization points: the successful CAS of each row above; for a writer, the moment its
     * drain sees count == 0 (the write lock is then held, since WRITER excludes new readers);
     * for a thread woken with a hand-off token, the unlocker's CAS that kept the lock for it.
     *
     * Waking (no lost wake-up). A waiter for the main queues (reader, writer, upgrader) is blocked
     * by WRITER or UPGRADABLE only: readers are never blocked by a mere queued waiter, which keeps
     * an upgradable waiter from blocking plain readers (parking_lot issue 101). It
     *   1. sees that it is blocked and sets PARKED (CAS), or sees PARKED set;
     *   2. registers in its queue (a volatile write);
     *   3. re-reads the state (volatile): if PARKED is clear or it is no longer blocked, it
     *      unregisters and retries; otherwise it awaits.
     * Every transition that clears WRITER or UPGRADABLE clears PARKED in the same CAS when it was
     * set and then wakes every registered waiter. Suppose a waiter passed step 3 seeing PARKED and
     * its blocking bit set. The transition that later clears that bit (or an earlier one that
     * clears PARKED) comes after step 3 in the order of the state word, hence after step 2, so its
     * wake-up sees the registration. The drain wait uses the same argument with WRITER_PARKED and
     * the reader count.
     *
     * Eventual fairness. Normal unlocks let woken threads and new arrivals race (barging), which
     * is fast but could starve someone. As in parking_lot (core/src/parking_lot.rs, FairTimeout),
     * a write release that finds waiters checks a deadline; once it has passed, the release hands
     * the lock over instead: to every waiting reader (the count is raised for each before it is
     * selected, so the lock is never free in between), or else to the longest-waiting writer
     * (WRITER simply stays set). The deadline is then renewed 0 to 1 ms ahead (0.5 ms on
     * average). The deadline field is touched only by the write-lock holder, so plain access is
     * safe. Read and upgradable releases never hand off: the waiters they wake always race.
     *
     * Interrupts. Every wait calls Waiter.await interruptibly, even for the uninterruptible
     * operations: LockSupport.park returns at once while the interrupt flag is set, so an
     * uninterruptible await with the flag set would spin. An uninterruptible operation instead
     * notes the interrupt, waits again with the flag clear, and sets the flag before returning.
     * Giving up (time-out, interrupt) undoes exactly what the operation did to the state word:
     * a main-queue waiter only ever set PARKED (abandonWait clears it when nobody else waits), a
     * writer also claimed WRITER and maybe WRITER_PARKED (giveUpWriterBit), an upgrader also gave
     * up UPGRADABLE and one reader (restored in the same CAS).
     */

    /** A thread may wait in the reader, writer or upgrader queue. */
    static final long PARKED = 1L;

    /** The WRITER holder may wait in the drain queue for readers to leave. */
    static final long WRITER_PARKED = 1L << 1;

    /** An upgradable read is held. */
    static final long UPGRADABLE = 1L << 2;

    /** The write lock is held, or claimed by a writer that waits for readers to leave. */
    static final long WRITER = 1L << 3;

    /** One reader in the count field. */
    static final long ONE_READER = 1L << 4;

    /** The largest reader count: bit 63 stays clear. */
    static final long MAX_READERS = (Long.MAX_VALUE >>> 4);

    /** Results of the slow acquisitions. */
    static final int ACQUIRED = 0;

    static final int TIMED_OUT = 1;
    static final int INTERRUPTED = 2;

    /** Wake-up token: the state changed, try again. */
    private static final long RETRY = Waiter.FIRST_TOKEN;

    /** Wake-up token registered by readers: selected alone, it means "the lock is yours". */
    private static final long HANDOFF_READ = Waiter.FIRST_TOKEN + 1;

    /** Wake-up token registered by writers: selected alone, it means "the lock is yours". */
    private static final long HANDOFF_WRITE = Waiter.FIRST_TOKEN + 2;

    /** Token of upgraders; they are only ever woken with RETRY. */
    private static final long UPGRADER = Waiter.FIRST_TOKEN + 3;

    /** Token of the draining writer; it is only ever woken with RETRY. */
    private static final long DRAINER = Waiter.FIRST_TOKEN + 4;

    /** Longest fair-unlock interval, in nanoseconds; the actual one is uniform in [0, this). */
    private static final long FAIR_SLICE_NANOS = 1_000_000L;

    /** The state word; see the notes. Changed only by compareAndSet. */
    private volatile long state;

    /**
     * The thread holding the write lock, or null. Written only by that thread, after it acquired
     * and before it releases; read opaquely by others for misuse checks, where a stale value is
     * harmless: a thread can only ever find itself here if it wrote itself here.
     */
    private Thread owner;

    /** The thread holding the upgradable read, or null; same rules as {@link #owner}. */
    private Thread upgradableOwner;

    /** When the next write release should be fair (System.nanoTime); 0 = not yet chosen. */
    private long fairDeadline;

    private final WaitQueue readerQueue = new WaitQueue();
    private final WaitQueue writerQueue = new WaitQueue();
    private final WaitQueue upgraderQueue = new WaitQueue();
    private final WaitQueue drainQueue = new WaitQueue();

    RwLockSync() {}

    /** The raw state word (volatile read); for tests and toString. */
    final long state() {
        return (long) STATE.getVolatile(this);
    }

    static long readers(long s) {
        return s >>> 4;
    }

    final Thread ownerOpaque() {
        return (Thread) OWNER.getOpaque(this);
    }

    final boolean isWriteLockedByCurrentThread() {
        return ownerOpaque() == Thread.currentThread();
    }

    final boolean isUpgradableHeldByCurrentThread() {
        return (Thread) UPGRADABLE_OWNER.getOpaque(this) == Thread.currentThread();
    }

    private boolean cas(long expected, long next) {
        // Volatile CAS: acquires on lock, releases on unlock, and orders against the wait
        // queues' volatile registration flag for the no-lost-wake-up argument.
        return STATE.compareAndSet(this, expected, next);
    }

    // ---------------------------------------------------------------- shared (read) side

    /** One attempt without waiting; fails when blocked, retries only lost races. */
    final boolean tryAcquireShared(boolean recursive) {
        for (; ; ) {
            // Opaque read: the CAS below validates it.
            long s = (long) STATE.getOpaque(this);
            if (readBlocked(s, recursive)) {
                if (ownerOpaque() == Thread.currentThread()) {
                    throw heldWrite();
                }
                return false;
            }
            if (cas(s, addReader(s))) {
                return true;
            }
        }
    }

    private static boolean readBlocked(long s, boolean recursive) {
        return (s & WRITER) != 0L && (!recursive || readers(s) == 0L);
    }

    private static long addReader(long s) {
        if (readers(s) >= MAX_READERS) {
            throw new IllegalStateException("maximum read lock count exceeded: " + readers(s));
        }
        return s + ONE_READER;
    }

    /**
     * Acquires a read hold, waiting up to {@code nanos} (a {@link Timeouts} budget).
     *
     * @return {@link #ACQUIRED}, {@link #TIMED_OUT} or (only if interruptible) {@link
     *     #INTERRUPTED}, in which case nothing changed and the flag is clear
     */
    final int acquireShared(boolean recursive, long nanos, boolean interruptible) {
        if (interruptible && Thread.interrupted()) {
            return INTERRUPTED;
        }
        if (tryAcquireShared(recursive)) {
            return ACQUIRED;
        }
        final long start = System.nanoTime();
        Backoff backoff = new Backoff();
        Waiter waiter = null;
        boolean interrupted = false;
        try {
            for (; ; ) {
                long s = (long) STATE.getVolatile(this);
                if (!readBlocked(s, recursive)) {
                    if (cas(s, addReader(s))) {
                        return ACQUIRED;
                    }
                    continue;
                }
                long left = remaining(start, nanos);
                if (left <= 0L) {
                    abandonWait();
                    return TIMED_OUT;
                }
                if ((s & PARKED) == 0L && !backoff.isCompleted()) {
                    backoff.snooze();
                    continue;
                }
                if ((s & PARKED) == 0L && !cas(s, s | PARKED)) {
                    continue;
                }
                if (waiter == null) {
                    waiter = new Waiter();
                } else {
                    waiter.reset();
                }
                long r = park(readerQueue, HANDOFF_READ, waiter, left, MODE_READ, recursive);
                if (r == HANDOFF_READ) {
                    return ACQUIRED;
                } else if (r == Waiter.TIMED_OUT) {
                    abandonWait();
                    return TIMED_OUT;
                } else if (r == Waiter.INTERRUPTED) {
                    if (interruptible) {
                        abandonWait();
                        return INTERRUPTED;
                    }
                    interrupted = true;
                }
                backoff.reset();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Releases one read hold.
     *
     * @throws IllegalMonitorStateException if no plain read hold exists; the state is unchanged
     */
    final void releaseShared() {
        for (; ; ) {
            long s = (long) STATE.getVolatile(this);
            long plain = readers(s) - ((s & UPGRADABLE) != 0L ? 1L : 0L);
            if (plain <= 0L) {
                throw new IllegalMonitorStateException("read lock not held");
            }
            long next = s - ONE_READER;
            boolean wakeDrainer = (s & WRITER_PARKED) != 0L && readers(next) == 0L;
            if (wakeDrainer) {
                next &= ~WRITER_PARKED;
            }
            if (cas(s, next)) {
                if (wakeDrainer) {
                    drainQueue.notifyAll(RETRY);
                }
                return;
            }
        }
    }

    // ---------------------------------------------------------------- exclusive (write) side

    /** One attempt without waiting: succeeds only if the lock is entirely free of holders. */
    final boolean tryAcquireExclusive() {
        for (; ; ) {
            long s = (long) STATE.getOpaque(this); // validated by the CAS
            if ((s & (WRITER | UPGRADABLE)) != 0L || readers(s) != 0L) {
                checkNotHolder();
                return false;
            }
            if (cas(s, s | WRITER)) {
                OWNER.setOpaque(this, Thread.currentThread());
                return true;
            }
        }
    }

    private void checkNotHolder() {
        if (ownerOpaque() == Thread.currentThread()) {
            throw heldWrite();
        }
        if (isUpgradableHeldByCurrentThread()) {
            throw new IllegalStateException(
                    "the current thread holds the upgradable read: upgrade it instead");
        }
    }

    private static IllegalStateException heldWrite() {
        return new IllegalStateException(
                "the current thread already holds the write lock (not reentrant)");
    }

    /** Acquires the write lock; see {@link #acquireShared} for the result codes. */
    final int acquireExclusive(long nanos, boolean interruptible) {
        if (interruptible && Thread.interrupted()) {
            return INTERRUPTED;
        }
        // Fast path: entirely free.
        if (cas(0L, WRITER)) {
            OWNER.setOpaque(this, Thread.currentThread());
            return ACQUIRED;
        }
        final long start = System.nanoTime();
        Backoff backoff = new Backoff();
        Waiter waiter = null;
        boolean interrupted = false;
        try {
            // Phase 1: claim WRITER.
            for (; ; ) {
                long s = (long) STATE.getVolatile(this);
                if ((s & (WRITER | UPGRADABLE)) == 0L) {
                    if (cas(s, s | WRITER)) {
                        break;
                    }
                    continue;
                }
                checkNotHolder();
                long left = remaining(start, nanos);
                if (left <= 0L) {
                    abandonWait();
                    return TIMED_OUT;
                }
                if ((s & PARKED) == 0L && !backoff.isCompleted()) {
                    backoff.snooze();
                    continue;
                }
                if ((s & PARKED) == 0L && !cas(s, s | PARKED)) {
                    continue;
                }
                if (waiter == null) {
                    waiter = new Waiter();
                } else {
                    waiter.reset();
                }
                long r = park(writerQueue, HANDOFF_WRITE, waiter, left, MODE_EXCLUSIVE, false);
                if (r == HANDOFF_WRITE) {
                    break; // the releasing writer kept WRITER set for us, with count 0
                } else if (r == Waiter.TIMED_OUT) {
                    abandonWait();
                    return TIMED_OUT;
                } else if (r == Waiter.INTERRUPTED) {
                    if (interruptible) {
                        abandonWait();
                        return INTERRUPTED;
                    }
                    interrupted = true;
                }
                backoff.reset();
            }
            // Phase 2: WRITER is ours; wait for the readers to leave.
            int r = drain(start, nanos, interruptible, waiter);
            if (r == ACQUIRED) {
                OWNER.setOpaque(this, Thread.currentThread());
                return ACQUIRED;
            }
            if (r == INTERRUPTED && !interruptible) {
                throw new AssertionError("uninterruptible drain reported an interrupt");
            }
            giveUpWriterBit(false);
            return r;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until the reader count is zero; the caller holds WRITER. An uninterruptible drain
     * re-asserts a swallowed interrupt itself and never returns {@link #INTERRUPTED}.
     */
    private int drain(long start, long nanos, boolean interruptible, Waiter waiter) {
        Backoff backoff = new Backoff();
        boolean interrupted = false;
        try {
            for (; ; ) {
                long s = (long) STATE.getVolatile(this);
                if (readers(s) == 0L) {
                    return ACQUIRED;
                }
                long left = remaining(start, nanos);
                if (left <= 0L) {
                    return TIMED_OUT;
                }
                if ((s & WRITER_PARKED) == 0L && !backoff.isCompleted()) {
                    backoff.snooze();
                    continue;
                }
                if ((s & WRITER_PARKED) == 0L && !cas(s, s | WRITER_PARKED)) {
                    continue;
                }
                if (waiter == null) {
                    waiter = new Waiter();
                } else {
                    waiter.reset();
                }
                long r = park(drainQueue, DRAINER, waiter, left, MODE_DRAIN, false);
                if (r == Waiter.TIMED_OUT) {
                    return TIMED_OUT;
                } else if (r == Waiter.INTERRUPTED) {
                    if (interruptible) {
                        return INTERRUPTED;
                    }
                    interrupted = true;
                }
                backoff.reset();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Undoes a claimed WRITER after a drain gave up; with {@code restoreUpgradable} the upgradable
     * hold that the upgrade gave up comes back in the same CAS.
     */
    private void giveUpWriterBit(boolean restoreUpgradable) {
        for (; ; ) {
            long s = (long) STATE.getVolatile(this);
            long next = s & ~(WRITER | WRITER_PARKED | PARKED);
            if (restoreUpgradable) {
                next = next + UPGRADABLE + ONE_READER;
            }
            if (cas(s, next)) {
                if ((s & PARKED) != 0L) {
                    wakeAll();
                }
                return;
            }
        }
    }

    /**
     * Releases the write lock.
     *
     * @param forceFair hand the lock to waiters even if the fairness deadline has not passed
     * @throws IllegalMonitorStateException if the current thread does not hold it; unchanged
     */
    final void releaseExclusive(boolean forceFair) {
        checkWriteOwner();
        OWNER.setOpaque(this, null);
        if (cas(WRITER, 0L)) {
            return; // nobody waits
        }
        releaseExclusiveSlow(forceFair);
    }

    private void checkWriteOwner() {
        // The owner field alone decides: a thread stores itself there only once it holds the
        // write lock (WRITER set, no readers) and clears it before giving the lock up, so finding
        // itself there proves the hold, and the state word need not be read.
        if (ownerOpaque() != Thread.currentThread()) {
            throw new IllegalMonitorStateException(
                    "write lock not held by the current thread: " + Thread.currentThread());
        }
    }

    private void releaseExclusiveSlow(boolean forceFair) {
        long s = (long) STATE.getVolatile(this);
        if ((s & PARKED) != 0L && (forceFair || fairnessDue())) {
            // Hand-off to every waiting reader: raise the count before each selection so the
            // chosen reader already holds its share when it wakes.
            // Bounded by a snapshot of the queue, so a stream of new readers cannot keep the
            // releasing writer here.
            int handed = 0;
            for (int n = readerQueue.size(); n > 0; n--) {
                // Volatile add; WRITER keeps other readers out, so only the reader selected
                // below can own this share.
                long unusedBefore = (long) STATE.getAndAdd(this, ONE_READER);
                WaitQueue.Entry e = readerQueue.trySelectOne();
                if (e == null) {
                    // Take back our own unclaimed share: the count is at least one, no borrow.
                    long unusedAfter = (long) STATE.getAndAdd(this, -ONE_READER);
                    break;
                }
                e.waiter().unpark();
                handed++;
            }
            if (handed == 0) {
                WaitQueue.Entry e = writerQueue.trySelectOne();
                if (e != null) {
                    // WRITER stays set and the count is 0: the chosen writer owns the lock.
                    renewFairDeadline();
                    e.waiter().unpark();
                    return;
                }
            } else {
                renewFairDeadline();
            }
        }
        for (; ; ) {
            s = (long) STATE.getVolatile(this);
            if (cas(s, s & ~(WRITER | PARKED))) {
                if ((s & PARKED) != 0L) {
                    wakeAll();
                }
                return;
            }
        }
    }

    private boolean fairnessDue() {
        // Plain accesses: only the write-lock holder reads or writes fairDeadline.
        long now = System.nanoTime();
        if (fairDeadline == 0L) {
            fairDeadline = now + ThreadLocalRandom.current().nextLong(FAIR_SLICE_NANOS) + 1L;
            return false;
        }
        return now - fairDeadline >= 0L;
    }

    private void renewFairDeadline() {
        fairDeadline = System.nanoTime() + ThreadLocalRandom.current().nextLong(FAIR_SLICE_NANOS);
        if (fairDeadline == 0L) {
            fairDeadline = 1L;
        }
    }

    /** Atomically turns the held write lock into a read hold (no writer can slip in). */
    final void downgradeExclusiveToShared() {
        checkWriteOwner();
        OWNER.setOpaque(this, null);
        for (; ; ) {
            long s = (long) STATE.getVolatile(this);
            if (cas(s, (s & ~(WRITER | PARKED)) + ONE_READER)) {
                if ((s & PARKED) != 0L) {
                    wakeAll();
                }
                return;
            }
        }
    }

    /** Atomically turns the held write lock into the upgradable read. */
    final void downgradeExclusiveToUpgradable() {
        checkWriteOwner();
        OWNER.setOpaque(this, null);
        UPGRADABLE_OWNER.setOpaque(this, Thread.currentThread());
        for (; ; ) {
            long s = (long) STATE.getVolatile(this);
            if (cas(s, (s & ~(WRITER | PARKED)) + UPGRADABLE + ONE_READER)) {
                if ((s & PARKED) != 0L) {
                    wakeAll();
                }
                return;
            }
        }
    }

    // ---------------------------------------------------------------- upgradable side

    /** One attempt without waiting. */
    final boolean tryAcquireUpgradable() {
        for (; ; ) {
            long s = (long) STATE.getOpaque(this); // validated by the CAS
            if ((s & (WRITER | UPGRADABLE)) != 0L) {
                checkNotHolder();
                return false;
            }
            if (cas(s, addReader(s) + UPGRADABLE)) {
                UPGRADABLE_OWNER.setOpaque(this, Thread.currentThread());
                return true;
            }
        }
    }

    /** Acquires the upgradable read; see {@link #acquireShared} for the result codes. */
    final int acquireUpgradable(long nanos, boolean interruptible) {
        if (interruptible && Thread.interrupted()) {
            return INTERRUPTED;
        }
        if (tryAcquireUpgradable()) {
            return ACQUIRED;
        }
        final long start = System.nanoTime();
        Backoff backoff = new Backoff();
        Waiter waiter = null;
        boolean interrupted = false;
        try {
            for (; ; ) {
                long s = (long) STATE.getVolatile(this);
                if ((s & (WRITER | UPGRADABLE)) == 0L) {
                    if (cas(s, addReader(s) + UPGRADABLE)) {
                        UPGRADABLE_OWNER.setOpaque(this, Thread.currentThread());
                        return ACQUIRED;
                    }
                    continue;
                }
                checkNotHolder();
                long left = remaining(start, nanos);
                if (left <= 0L) {
                    abandonWait();
                    return TIMED_OUT;
                }
                if ((s & PARKED) == 0L && !backoff.isCompleted()) {
                    backoff.snooze();
                    continue;
                }
                if ((s & PARKED) == 0L && !cas(s, s | PARKED)) {
                    continue;
                }
                if (waiter == null) {
                    waiter = new Waiter();
                } else {
                    waiter.reset();
                }
                long r = park(upgraderQueue, UPGRADER, waiter, left, MODE_EXCLUSIVE, false);
                if (r == Waiter.TIMED_OUT) {
                    abandonWait();
                    return TIMED_OUT;
                } else if (r == Waiter.INTERRUPTED) {
                    if (interruptible) {
                        abandonWait();
                        return INTERRUPTED;
                    }
                    interrupted = true;
                }
                backoff.reset();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void checkUpgradableOwner() {
        long s = (long) STATE.getVolatile(this);
        if ((s & UPGRADABLE) == 0L || !isUpgradableHeldByCurrentThread()) {
            throw new IllegalMonitorStateException(
                    "upgradable read not held by the current thread: " + Thread.currentThread());
        }
    }

    /** Releases the upgradable read. */
    final void releaseUpgradable() {
        checkUpgradableOwner();
        UPGRADABLE_OWNER.setOpaque(this, null);
        for (; ; ) {
            long s = (long) STATE.getVolatile(this);
            if (cas(s, (s & ~(UPGRADABLE | PARKED)) - ONE_READER)) {
                if ((s & PARKED) != 0L) {
                    wakeAll();
                }
                return;
            }
        }
    }

    /** Atomically turns the upgradable read into a plain read hold. */
    final void downgradeUpgradableToShared() {
        checkUpgradableOwner();
        UPGRADABLE_OWNER.setOpaque(this, null);
        for (; ; ) {
            long s = (long) STATE.getVolatile(this);
            if (cas(s, s & ~(UPGRADABLE | PARKED))) {
                if ((s & PARKED) != 0L) {
                    wakeAll();
                }
                return;
            }
        }
    }

    /** Upgrades without waiting: succeeds only if no other reader holds the lock. */
    final boolean tryUpgrade() {
        checkUpgradableOwner();
        for (; ; ) {
            long s = (long) STATE.getVolatile(this);
            if (readers(s) != 1L) {
                return false;
            }
            if (cas(s, (s & ~UPGRADABLE) - ONE_READER + WRITER)) {
                UPGRADABLE_OWNER.setOpaque(this, null);
                OWNER.setOpaque(this, Thread.currentThread());
                return true;
            }
        }
    }

    /**
     * Upgrades the upgradable read to the write lock: WRITER replaces UPGRADABLE in one CAS, so no
     * other writer can come between, then the remaining readers drain. On a time-out or interrupt
     * the upgradable read is restored and the result says why.
     */
    final int upgrade(long nanos, boolean interruptible) {
        checkUpgradableOwner();
        if (interruptible && Thread.interrupted()) {
            return INTERRUPTED;
        }
        final long start = System.nanoTime();
        for (; ; ) {
            long s = (long) STATE.getVolatile(this);
            if (cas(s, (s & ~UPGRADABLE) - ONE_READER + WRITER)) {
                break;
            }
        }
        UPGRADABLE_OWNER.setOpaque(this, null);
        int r = drain(start, nanos, interruptible, null);
        if (r == ACQUIRED) {
            OWNER.setOpaque(this, Thread.currentThread());
            return ACQUIRED;
        }
        UPGRADABLE_OWNER.setOpaque(this, Thread.currentThread());
        giveUpWriterBit(true);
        return r;
    }

    // ---------------------------------------------------------------- waiting

    private static final int MODE_READ = 0;
    private static final int MODE_EXCLUSIVE = 1;
    private static final int MODE_DRAIN = 2;

    /** Whether a waiter of {@code mode} must keep waiting in state {@code s}. */
    private static boolean stillBlocked(long s, int mode, boolean recursive) {
        switch (mode) {
            case MODE_READ:
                return (s & PARKED) != 0L && readBlocked(s, recursive);
            case MODE_EXCLUSIVE:
                return (s & PARKED) != 0L && (s & (WRITER | UPGRADABLE)) != 0L;
            default:
                return (s & WRITER_PARKED) != 0L && readers(s) != 0L;
        }
    }

    /**
     * Steps 2 to 4 of the waiting protocol (see the notes): register, re-check, await, unregister.
     * Returns the selection token, {@link #RETRY} if the re-check said not to wait, or {@link
     * Waiter#TIMED_OUT} / {@link Waiter#INTERRUPTED}.
     */
    private long park(
            WaitQueue queue, long token, Waiter waiter, long nanos, int mode, boolean recursive) {
        queue.register(waiter, token);
        // Volatile read after the volatile registration: the Dekker pair of the notes.
        if (!stillBlocked((long) STATE.getVolatile(this), mode, recursive)) {
            if (queue.unregister(waiter, token) != null) {
                return RETRY;
            }
            // A notifier selected us meanwhile: await returns its token at once.
        }
        long r = waiter.await(nanos, true);
        if (r == Waiter.TIMED_OUT || r == Waiter.INTERRUPTED) {
            queue.unregister(waiter, token); // we won the decision, so nobody removed us
        }
        return r;
    }

    /**
     * A main-queue waiter gave up (time-out or interrupt) and is no longer registered: clears
     * PARKED if nobody else seems to wait, so that a give-up leaves the state word as it was. Safe
     * by the same argument as an unlock: after the CAS that clears PARKED the queues are read
     * again, and anyone who registered before that CAS is woken to retry.
     */
    private void abandonWait() {
        for (; ; ) {
            long s = (long) STATE.getVolatile(this);
            if ((s & PARKED) == 0L || !mainQueuesEmpty()) {
                return;
            }
            if (cas(s, s & ~PARKED)) {
                if (!mainQueuesEmpty()) {
                    wakeAll();
                }
                return;
            }
        }
    }

    private boolean mainQueuesEmpty() {
        return readerQueue.isEmpty() && writerQueue.isEmpty() && upgraderQueue.isEmpty();
    }

    /** Wakes every thread in the main queues; called after a CAS that cleared PARKED. */
    private void wakeAll() {
        readerQueue.notifyAll(RETRY);
        upgraderQueue.notifyAll(RETRY);
        writerQueue.notifyAll(RETRY);
    }

    private static long remaining(long start, long nanos) {
        if (nanos == Timeouts.FOREVER) {
            return Timeouts.FOREVER;
        }
        return nanos - (System.nanoTime() - start);
    }

    @Override
    public String toString() {
        long s = state();
        return "[readers="
                + readers(s)
                + ((s & WRITER) != 0L ? ", writer" : "")
                + ((s & UPGRADABLE) != 0L ? ", upgradable" : "")
                + ((s & (PARKED | WRITER_PARKED)) != 0L ? ", waiters" : "")
                + "]";
    }

    private static final VarHandle STATE;
    private static final VarHandle OWNER;
    private static final VarHandle UPGRADABLE_OWNER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(RwLockSync.class, "state", long.class);
            OWNER = l.findVarHandle(RwLockSync.class, "owner", Thread.class);
            UPGRADABLE_OWNER = l.findVarHandle(RwLockSync.class, "upgradableOwner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
