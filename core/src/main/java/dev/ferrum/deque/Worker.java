package dev.ferrum.deque;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * A work-stealing deque owned by one thread: the owner pushes and pops at its ends, and any number
 * of other threads take items from the other end through {@link Stealer}s.
 *
 * <p>Port of crossbeam-deque's {@code Worker} ({@code crossbeam-deque/src/deque.rs}, 0.8): the
 * dynamic circular deque of Chase and Lev with the memory orderings of Lê et al. A {@linkplain
 * #newFifo() FIFO} worker pushes at the back and pops at the front, so the owner and thieves take
 * items in the order they were pushed. A {@linkplain #newLifo() LIFO} worker pushes and pops at the
 * back, so the owner takes its newest item (good locality for fork/join work) while thieves take
 * the oldest. Thieves always take from the front.
 *
 * <h2>Ownership</h2>
 *
 * <p>{@link #push}, {@link #pop}, {@link #stealer}, {@link #isEmpty} and {@link #size} may only be
 * called by the owner thread, and a worker may only be the destination of a batch steal on that
 * thread. A worker may be created on one thread and handed to another: the first thread that calls
 * one of these methods, other than {@link #stealer}, becomes the owner. Before that, any thread may
 * create stealers. With assertions enabled ({@code -ea}) a call from another thread fails with an
 * {@link AssertionError}; without them such misuse is undetected and corrupts the deque. The {@link
 * Stealer}s are for all other threads.
 *
 * <h2>Capacity</h2>
 *
 * <p>The deque is unbounded: its ring buffer (a power of two, at least 64 slots) doubles when a
 * push finds it full and halves when a pop leaves it less than a quarter full.
 *
 * <h2>Memory consistency</h2>
 *
 * <p>Actions in the owner thread before {@link #push} of an item happen-before the actions that
 * follow taking that item, whether by {@link #pop} or by a successful steal in another thread.
 *
 * <h2>Finding work</h2>
 *
 * <p>The canonical loop of a scheduler thread with its own worker {@code local}, a shared {@link
 * Injector} {@code global} and the stealers of the other workers (crossbeam's {@code find_task}):
 *
 * <pre>{@code
 * static <T> T findTask(Worker<T> local, Injector<T> global, List<Stealer<T>> stealers) {
 *     T task = local.pop();
 *     if (task != null) {
 *         return task;
 *     }
 *     Steal<T> s;
 *     do {
 *         // Take a batch from the global queue, else one item from some other worker.
 *         s = global.stealBatchAndPop(local)
 *                 .orElse(() -> Steal.firstOf(stealers.stream().map(Stealer::steal)));
 *     } while (s.isRetry());
 *     return s.value(); // null when everything was empty
 * }
 * }</pre>
 *
 * @param <T> the type of the items
 */
public final class Worker<T> {

    /*
     * Implementation notes.
     *
     * Sources: crossbeam-deque 0.8, crossbeam-deque/src/deque.rs (Worker, Stealer, Inner), which
     * implements
     *   [CL05]  D. Chase, Y. Lev. Dynamic circular work-stealing deque. SPAA 2005.
     *   [LPCN13] N. M. Lê, A. Pop, A. Cohen, F. Zappa Nardelli. Correct and efficient
     *           work-stealing for weak memory models. PPoPP 2013.
     * and was model-checked with CDSchecker (Norris, Demsky, OOPSLA 2013).
     *
     * State. Two unbounded long indices and a ring buffer whose length is a power of two:
     *
     *     buffer:  [ . . . x x x x x . . . ]     slot of index i = i & (length - 1)
     *                      ^         ^
     *                    front      back         items live at indices front .. back-1
     *
     * Thieves and a FIFO owner's pop take at front (by CAS or getAndAdd); push writes at back; a
     * LIFO owner's pop takes at back-1. Only the owner writes back and buffer. The indices are longs
     * and never wrap in practice (2^63 operations).
     *
     * Invariants: front <= back + 1 at all times, and front <= back whenever no FIFO pop is in
     * progress (a FIFO pop on an empty deque raises front one past back and puts it back).
     * front only increases, apart from that transient step. Every index in front .. back-1 holds
     * its item in the current buffer. A slot is only overwritten with index i + length after
     * front > i (push checks back - front < length against an acquired front).
     *
     * Linearization points.
     *   push: the release store of back.
     *   pop (LIFO), more than one item: the store of back-1 (ordered before the front load by the
     *       full fence); last item: the CAS of front, which races with thieves; empty: the load of
     *       front after the fence.
     *   pop (FIFO): the getAndAdd of front; empty: the load of front (or the failed getAndAdd).
     *   steal: the successful CAS of front; empty: the load of back after the fence.
     *   batch steals: the CAS of front (FIFO source, one CAS for the whole batch) or the first
     *       successful CAS (LIFO source, one CAS per item); the destination's items become visible
     *       with its release store of back.
     *
     * Fences and modes (VarHandle method names at every access; see dev.ferrum.internal for the
     * vocabulary).
     *   - push: plain slot write, then setRelease(back): a thief that getAcquire-s the new back
     *     sees the item and everything the owner did before pushing it ([LPCN13] fig. 1, the
     *     release fence before the store of back).
     *   - LIFO pop: setOpaque(back - 1); fullFence; getOpaque(front). The full fence is the one
     *     [LPCN13] put in take(): without store-load ordering the owner and a thief could both
     *     miss each other's index update and both take the last item.
     *   - steal: getAcquire(front); fullFence; getAcquire(back). The symmetric full fence of
     *     steal(): the thief's front load and back load must not be reordered, or it could pair an
     *     old front with a back that the owner has already decremented.
     *   - The CAS of front is volatile (sequentially consistent), as in crossbeam.
     *   - A thief reads its slot with getOpaque before the CAS (a racy read, crossbeam's "volatile
     *     read hack"), then re-reads the buffer reference and fails with Retry if the owner has
     *     swapped it. That re-check is the fix of crossbeam PR #726 (RUSTSEC-2021-0093), where a
     *     thief that read from a buffer being retired could hand out an item twice. Here the old
     *     array stays valid under the GC, but keeping the check makes the rule simple: a value is
     *     only kept if it was read from the buffer that was current both before and after the
     *     read and the CAS proved no index moved.
     *   - resize: the owner copies front .. back-1 into a fresh array, then setRelease(buffer);
     *     a thief getAcquire-s the buffer after getAcquire of back, so it sees a buffer holding
     *     every index below the back it read, or a later one.
     *
     * Differences from crossbeam. The owner clears each slot it pops (plain null store: the owner
     * alone holds the right to that index, and a thief that reads the null before losing its CAS
     * returns Retry without touching the CAS), so popped items are not kept reachable. Slots taken
     * by thieves are not cleared, because a thief cannot know that the owner has not reused the
     * slot: such stale references stay reachable until the owner overwrites the slot or resizes,
     * at most one buffer length of them. There is no epoch GC: retired buffers are garbage once no
     * thief holds them. No cache-line padding: front and back are written by different threads,
     * but measurements of the owner's push/pop path decide whether padding pays, and none was
     * added.
     */

    /** Smallest buffer length; the buffer never shrinks below it (crossbeam's MIN_CAP). */
    static final int MIN_CAP = 64;

    /** Default cap of a batch steal, popped item included (crossbeam's MAX_BATCH). */
    static final int MAX_BATCH = 32;

    /** Index of the next item a thief (or a FIFO pop) takes. */
    private volatile long front;

    /** Index one past the newest item. Written only by the owner. */
    private volatile long back;

    /** The ring buffer shared with thieves. Written only by the owner, with setRelease. */
    private volatile Object[] buffer;

    /** The owner's copy of {@code buffer}: the owner reads it without any ordering cost. */
    private Object[] ownerBuffer;

    /** FIFO: pop takes at front. LIFO: pop takes at back - 1. */
    final boolean fifo;

    /** The owner thread, set once by the first owner-only call; only used by assertions. */
    private volatile Thread owner;

    private Worker(boolean fifo) {
        this.fifo = fifo;
        Object[] initial = new Object[MIN_CAP];
        this.ownerBuffer = initial;
        this.buffer = initial;
    }

    /**
     * Creates a FIFO worker: {@link #pop} takes the oldest item, as thieves do.
     *
     * @param <T> the item type
     * @return an empty worker with no owner yet
     */
    public static <T> Worker<T> newFifo() {
        return new Worker<>(true);
    }

    /**
     * Creates a LIFO worker: {@link #pop} takes the newest item, thieves take the oldest.
     *
     * @param <T> the item type
     * @return an empty worker with no owner yet
     */
    public static <T> Worker<T> newLifo() {
        return new Worker<>(false);
    }

    /**
     * Returns whether this worker pops in FIFO order. May be called from any thread.
     *
     * @return {@code true} for a worker made by {@link #newFifo()}
     */
    public boolean isFifo() {
        return fifo;
    }

    /**
     * Returns a new stealer of this deque, which any thread may use. Owner only, with one allowance
     * for setting up: before the worker has an owner, any thread may create stealers, and doing so
     * does not make it the owner (so a scheduler can build workers and stealers on one thread and
     * hand each worker to its thread).
     *
     * @return a stealer taking items from the front of this deque
     */
    public Stealer<T> stealer() {
        assert owner == null || checkOwner();
        return new Stealer<>(this);
    }

    /**
     * Adds {@code item} at the back. Never fails: the buffer grows as needed. Owner only.
     *
     * <p>Memory consistency: actions before this call happen-before the actions after the item is
     * taken, by {@link #pop} or by a steal in any thread.
     *
     * @param item the item
     * @throws NullPointerException if {@code item} is null
     */
    public void push(T item) {
        Objects.requireNonNull(item, "item");
        assert checkOwner();
        // getOpaque: back is written only by this thread.
        long b = (long) BACK.getOpaque(this);
        // getAcquire: a slot may be reused only after the thief that took it has read it.
        long f = (long) FRONT.getAcquire(this);
        Object[] buf = ownerBuffer;
        if (b - f >= buf.length) {
            resize(buf.length << 1);
            buf = ownerBuffer;
        }
        // Plain write: published by the release store of back below.
        buf[(int) b & (buf.length - 1)] = item;
        // Linearization point: the item becomes visible to thieves.
        BACK.setRelease(this, b + 1);
    }

    /**
     * Removes and returns an item: the oldest for a FIFO worker, the newest for a LIFO one. Owner
     * only.
     *
     * @return the item, or {@code null} if the deque is empty (or a thief took its last item)
     */
    public T pop() {
        assert checkOwner();
        // getOpaque: back is written only by this thread. front may be stale (smaller), which only
        // makes the deque look non-empty; the steps below re-check.
        long b = (long) BACK.getOpaque(this);
        long f = (long) FRONT.getOpaque(this);
        long len = b - f;
        if (len <= 0) {
            return null;
        }
        return fifo ? popFront(b, len) : popBack(b);
    }

    @SuppressWarnings("unchecked")
    private T popFront(long b, long len) {
        // Volatile getAndAdd: claims index f against thieves, whose CAS from f now fails.
        long f = (long) FRONT.getAndAdd(this, 1L);
        if (b - (f + 1) < 0) {
            // The deque was emptied by thieves meanwhile: undo. No thief can have moved front
            // since, as it reads back == f and sees an empty deque.
            FRONT.setRelease(this, f);
            return null;
        }
        Object[] buf = ownerBuffer;
        int slot = (int) f & (buf.length - 1);
        T item = (T) buf[slot];
        // Plain write: index f is ours; a thief reading this null fails before its CAS.
        buf[slot] = null;
        if (buf.length > MIN_CAP && len <= buf.length / 4) {
            resize(buf.length >>> 1);
        }
        return item;
    }

    @SuppressWarnings("unchecked")
    private T popBack(long b) {
        b = b - 1;
        // Opaque store then full fence: the store of back must be visible before front is read
        // ([LPCN13]'s seq_cst fence in take()); otherwise owner and thief can both take the last
        // item.
        BACK.setOpaque(this, b);
        VarHandle.fullFence();
        long f = (long) FRONT.getOpaque(this);
        long len = b - f;
        if (len < 0) {
            // Empty: restore back. front == back again, so thieves see an empty deque.
            BACK.setOpaque(this, b + 1);
            return null;
        }
        Object[] buf = ownerBuffer;
        int slot = (int) b & (buf.length - 1);
        T item = (T) buf[slot];
        if (len == 0) {
            // The last item: race thieves for it on front (volatile CAS, the linearization point).
            if (FRONT.compareAndSet(this, f, f + 1)) {
                buf[slot] = null;
            } else {
                item = null;
            }
            // front and back are both f + 1 now: empty. Opaque store: no item to publish.
            BACK.setOpaque(this, b + 1);
        } else {
            // More than one item: no thief can take index b (the fence argument of [CL05]).
            buf[slot] = null;
            if (buf.length > MIN_CAP && len < buf.length / 4) {
                resize(buf.length >>> 1);
            }
        }
        return item;
    }

    /**
     * Returns whether the deque is empty. Owner only; a snapshot, since thieves may take items at
     * any time.
     *
     * @return {@code true} if no item was in the deque at the time of the check
     */
    public boolean isEmpty() {
        assert checkOwner();
        long b = (long) BACK.getOpaque(this);
        long f = (long) FRONT.getVolatile(this);
        return b - f <= 0;
    }

    /**
     * Returns the number of items in the deque. Owner only; a snapshot that thieves may make stale
     * at once. Never negative.
     *
     * @return the number of items
     */
    public int size() {
        assert checkOwner();
        long b = (long) BACK.getOpaque(this);
        long f = (long) FRONT.getVolatile(this);
        return clampSize(b - f);
    }

    /** The current buffer length; for tests of growth and shrinking. Owner only. */
    int capacity() {
        return ownerBuffer.length;
    }

    @Override
    public String toString() {
        return (fifo ? "Worker[fifo" : "Worker[lifo") + ", owner=" + owner + "]";
    }

    // ---- used by Stealer and Injector ----

    /**
     * Makes room for {@code n} more items without growing during the next {@code n} writes. Owner
     * only (the destination of a batch steal).
     */
    void reserve(int n) {
        if (n <= 0) {
            return;
        }
        long b = (long) BACK.getOpaque(this);
        long f = (long) FRONT.getVolatile(this);
        long len = Math.max(0L, b - f);
        int cap = ownerBuffer.length;
        if (cap - len < n) {
            long need = len + n;
            // Next power of two at least need; the sizes involved stay far below 2^30.
            int newCap = Integer.highestOneBit((int) need - 1) << 1;
            resize(Math.max(newCap, MIN_CAP));
        }
    }

    /** The owner's buffer; only the owner (as a batch destination) calls this. */
    Object[] ownerBuffer() {
        return ownerBuffer;
    }

    long backOpaque() {
        return (long) BACK.getOpaque(this);
    }

    /** Publishes items written below {@code newBack} to thieves. Owner only. */
    void publishBack(long newBack) {
        // setRelease: the batch's plain slot writes become visible with the new back.
        BACK.setRelease(this, newBack);
    }

    long frontAcquire() {
        return (long) FRONT.getAcquire(this);
    }

    long backAcquire() {
        return (long) BACK.getAcquire(this);
    }

    Object[] bufferAcquire() {
        return (Object[]) BUFFER.getAcquire(this);
    }

    boolean casFront(long expected, long next) {
        // Volatile CAS, as crossbeam's SeqCst compare_exchange.
        return FRONT.compareAndSet(this, expected, next);
    }

    /**
     * Asserts ownership: true if the current thread owns this worker, adopting it if it has no
     * owner yet; otherwise throws AssertionError naming both threads. Only called from assert
     * statements.
     */
    boolean checkOwner() {
        Thread me = Thread.currentThread();
        Thread o = owner;
        if (o == me) {
            return true;
        }
        if (o == null && OWNER.compareAndSet(this, null, me)) {
            return true;
        }
        throw new AssertionError(
                "Worker is owned by thread "
                        + owner.getName()
                        + " but was used by thread "
                        + me.getName());
    }

    private void resize(int newCap) {
        long b = (long) BACK.getOpaque(this);
        // getOpaque: thieves may raise front while we copy; stale copies below the final front
        // are never read as items, since no index below front is ever taken again.
        long f = (long) FRONT.getOpaque(this);
        Object[] old = ownerBuffer;
        Object[] fresh = new Object[newCap];
        int oldMask = old.length - 1;
        int newMask = newCap - 1;
        for (long i = f; i != b; i++) {
            fresh[(int) i & newMask] = old[(int) i & oldMask];
        }
        ownerBuffer = fresh;
        // setRelease: publishes the copied slots with the new buffer.
        BUFFER.setRelease(this, fresh);
    }

    static int clampSize(long n) {
        return n <= 0 ? 0 : (int) Math.min(n, Integer.MAX_VALUE);
    }

    private static final VarHandle FRONT;
    private static final VarHandle BACK;
    private static final VarHandle BUFFER;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            FRONT = l.findVarHandle(Worker.class, "front", long.class);
            BACK = l.findVarHandle(Worker.class, "back", long.class);
            BUFFER = l.findVarHandle(Worker.class, "buffer", Object[].class);
            OWNER = l.findVarHandle(Worker.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
