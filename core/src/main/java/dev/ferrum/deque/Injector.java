package dev.ferrum.deque;

import dev.ferrum.sync.Backoff;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * An unbounded multi-producer multi-consumer FIFO queue, the usual entry point of new work into a
 * work-stealing scheduler: any thread may {@link #push} and any thread may steal, one item or a
 * batch into its own {@link Worker}.
 *
 * <p>Port of crossbeam-deque's {@code Injector} ({@code crossbeam-deque/src/deque.rs}): a linked
 * list of blocks of 63 slots, like crossbeam-queue's {@code SegQueue}. Pushes and steals are
 * lock-free apart from two short waits, both with {@link Backoff#snooze()}: a thief that claimed a
 * slot whose pusher has claimed it but not yet written the item waits for the write, and a thread
 * that reaches the end of a block waits for the thread that claimed the block's last slot to link
 * the next block. Both waits last as long as a few stores of another running thread.
 *
 * <p>Batches follow the rules of {@link Stealer}: from {@code n} items a batch takes {@code
 * min(ceil(n / 2), limit)} items in total ({@code limit} defaults to 32, the item returned by the
 * {@code ...AndPop} variants included), and also stops at the end of the current block, so a batch
 * may be smaller than that. The destination pops them oldest first. Unlike crossbeam, a batch never
 * takes more than half of the items even when they span several blocks, and {@code
 * stealBatchAndPop} uses the same default limit as {@code Stealer}'s.
 *
 * <h2>Memory consistency</h2>
 *
 * <p>Actions in a thread before it pushes an item happen-before the actions in the thread that
 * steals that item, after the steal returns.
 *
 * @param <T> the type of the items
 */
public final class Injector<T> {

    /*
     * Implementation notes.
     *
     * Source: crossbeam-deque 0.8, crossbeam-deque/src/deque.rs (Injector, Block, Slot,
     * Position), itself the SegQueue algorithm of crossbeam-queue.
     *
     * State. Items live in blocks of BLOCK_CAP = 63 slots linked by `next`. An index counts
     * positions: bits 1.. hold the position, bit 0 of the head index is HAS_NEXT (the head block
     * is known to have a successor, so a thief need not read tail). Each block spans LAP = 64
     * positions; position offset 63 in a lap never holds an item and marks "block exhausted,
     * the next block is being installed".
     *
     *     headBlock --> [ r r r . . . ] --next--> [ w w . . ] <-- tailBlock
     *                          ^ head                   ^ tail
     *
     * Push claims position tail by CAS on tailIndex, then writes the item and sets the slot's
     * WRITE flag (setRelease). The thread that claims offset 62 (the block's last slot) installs
     * the next block: tailBlock, then tailIndex (skipping offset 63), then block.next, all with
     * setRelease. Steal claims position head by CAS on headIndex (the linearization point of a
     * steal; the linearization point of a push is its successful CAS of tailIndex), then waits
     * for the slot's WRITE flag (getAcquire) and reads the item. The thread whose claim reaches
     * the end of a block advances headBlock and headIndex to the next block.
     *
     * Fences and modes.
     *   - Steal without HAS_NEXT: fullFence, then getOpaque(tailIndex). The fence orders the
     *     thief's earlier load of headIndex before its load of tailIndex, as in crossbeam, so
     *     that head == tail means the queue was empty at a single instant.
     *   - The item is a plain field write in the slot array, published by the setRelease of the
     *     slot's WRITE flag, which the thief reads with getAcquire. So a thief sees the item and
     *     whatever the pusher did before pushing it.
     *   - headBlock/tailBlock are read with getAcquire after getAcquire of the index: the
     *     block stores precede the index stores (setRelease), so a thief that reads an index in
     *     block k reads block k or later; if later, its CAS of the index fails.
     *
     * Differences from crossbeam. Java's GC frees blocks, so crossbeam's READ/DESTROY slot bits
     * and Block::destroy are gone; the thief that reads a slot clears it (plain write: it alone
     * owns the claimed position), so taken items are not kept reachable by a block still in
     * use. A batch always reads tail to take at most half the items (crossbeam takes the rest of
     * the block when it knows the block has a successor).
     */

    /** Positions per block, one of which only marks the block's end. */
    static final int LAP = 64;

    /** Slots per block. */
    static final int BLOCK_CAP = LAP - 1;

    /** Low index bits reserved for flags. */
    private static final int SHIFT = 1;

    /** Head index flag: the head block has a successor. */
    private static final long HAS_NEXT = 1L;

    private static final long ONE = 1L << SHIFT;

    /** A block of slots; a slot's item is published by its WRITE flag. */
    static final class Block {
        final Object[] items = new Object[BLOCK_CAP];

        /** 0 until the item is written, then 1; set with setRelease, read with getAcquire. */
        final int[] written = new int[BLOCK_CAP];

        volatile Block next;

        Block waitNext() {
            Backoff backoff = new Backoff();
            for (; ; ) {
                Block n = (Block) NEXT.getAcquire(this);
                if (n != null) {
                    return n;
                }
                backoff.snooze();
            }
        }

        Object waitAndTake(int offset) {
            Backoff backoff = new Backoff();
            while ((int) WRITTEN.getAcquire(written, offset) == 0) {
                backoff.snooze();
            }
            // Plain read and clear: the acquire above published the item; this position was
            // claimed by our CAS of the head index, so no other thread reads this slot.
            Object item = items[offset];
            items[offset] = null;
            return item;
        }
    }

    private volatile long headIndex;
    private volatile Block headBlock;
    private volatile long tailIndex;
    private volatile Block tailBlock;

    /** Creates an empty injector. */
    public Injector() {
        Block b = new Block();
        headBlock = b;
        tailBlock = b;
    }

    /**
     * Adds {@code item} at the back. Never fails: the queue grows as needed. Any thread.
     *
     * @param item the item
     * @throws NullPointerException if {@code item} is null
     */
    public void push(T item) {
        Objects.requireNonNull(item, "item");
        Backoff backoff = new Backoff();
        long tail = (long) TAIL_INDEX.getAcquire(this);
        Block block = (Block) TAIL_BLOCK.getAcquire(this);
        Block nextBlock = null;
        for (; ; ) {
            int offset = offset(tail);
            if (offset == BLOCK_CAP) {
                // Another pusher is installing the next block: wait for it.
                backoff.snooze();
                tail = (long) TAIL_INDEX.getAcquire(this);
                block = (Block) TAIL_BLOCK.getAcquire(this);
                continue;
            }
            if (offset + 1 == BLOCK_CAP && nextBlock == null) {
                // Allocate before claiming, so others wait for the install as briefly as possible.
                nextBlock = new Block();
            }
            long newTail = tail + ONE;
            // Volatile CAS: claims position tail (linearization point of push).
            long witness = (long) TAIL_INDEX.compareAndExchange(this, tail, newTail);
            if (witness == tail) {
                if (offset + 1 == BLOCK_CAP) {
                    // Install the next block: block first, then the index that skips the end
                    // marker, then the link that thieves follow.
                    TAIL_BLOCK.setRelease(this, nextBlock);
                    TAIL_INDEX.setRelease(this, newTail + ONE);
                    NEXT.setRelease(block, nextBlock);
                }
                // Plain write: published by the release store of the slot's flag.
                block.items[offset] = item;
                WRITTEN.setRelease(block.written, offset, 1);
                return;
            }
            tail = witness;
            block = (Block) TAIL_BLOCK.getAcquire(this);
            backoff.spin();
        }
    }

    /**
     * Steals the oldest item.
     *
     * @return success with the item, empty, or retry if the steal lost a race with another thief
     */
    @SuppressWarnings("unchecked")
    public Steal<T> steal() {
        long head;
        Block block;
        int offset;
        Backoff backoff = new Backoff();
        for (; ; ) {
            head = (long) HEAD_INDEX.getAcquire(this);
            block = (Block) HEAD_BLOCK.getAcquire(this);
            offset = offset(head);
            if (offset != BLOCK_CAP) {
                break;
            }
            // The thief that emptied the block is moving head to the next one.
            backoff.snooze();
        }
        long newHead = head + ONE;
        if ((newHead & HAS_NEXT) == 0) {
            // Full fence: head was read before tail (see the notes).
            VarHandle.fullFence();
            long tail = (long) TAIL_INDEX.getOpaque(this);
            if ((head >>> SHIFT) == (tail >>> SHIFT)) {
                return Steal.empty();
            }
            if (lap(head) != lap(tail)) {
                newHead |= HAS_NEXT;
            }
        }
        // Volatile CAS: claims position head (linearization point of steal).
        if (!HEAD_INDEX.compareAndSet(this, head, newHead)) {
            return Steal.retry();
        }
        if (offset + 1 == BLOCK_CAP) {
            advanceHead(block, newHead);
        }
        return Steal.success((T) block.waitAndTake(offset));
    }

    /**
     * Steals a batch of about half the items, at most 32, into {@code dest}.
     *
     * @param dest the caller's own worker
     * @return success if items were moved, empty, or retry if the steal lost a race
     * @throws NullPointerException if {@code dest} is null
     */
    public Steal<Void> stealBatch(Worker<T> dest) {
        return stealBatchWithLimit(dest, Worker.MAX_BATCH);
    }

    /**
     * Steals a batch of about half the items, at most {@code limit}, into {@code dest}.
     *
     * @param dest the caller's own worker
     * @param limit the most items to move, positive
     * @return success if items were moved, empty, or retry if the steal lost a race
     * @throws NullPointerException if {@code dest} is null
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    @SuppressWarnings("unchecked")
    public Steal<Void> stealBatchWithLimit(Worker<T> dest, int limit) {
        return (Steal<Void>) stealBatchInto(dest, limit, false);
    }

    /**
     * Steals a batch of about half the items, at most 32 in all, moves all but the oldest into
     * {@code dest} and returns the oldest.
     *
     * @param dest the caller's own worker
     * @return success with the oldest stolen item, empty, or retry if the steal lost a race
     * @throws NullPointerException if {@code dest} is null
     */
    public Steal<T> stealBatchAndPop(Worker<T> dest) {
        return stealBatchWithLimitAndPop(dest, Worker.MAX_BATCH);
    }

    /**
     * Steals a batch of about half the items, at most {@code limit} in all (the returned item
     * counts), moves all but the oldest into {@code dest} and returns the oldest.
     *
     * @param dest the caller's own worker
     * @param limit the most items to take, the returned one included; positive
     * @return success with the oldest stolen item, empty, or retry if the steal lost a race
     * @throws NullPointerException if {@code dest} is null
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    @SuppressWarnings("unchecked")
    public Steal<T> stealBatchWithLimitAndPop(Worker<T> dest, int limit) {
        return (Steal<T>) stealBatchInto(dest, limit, true);
    }

    /**
     * Claims about half the items, at most {@code limit} and no further than the end of the head
     * block, with one CAS of the head index; then moves them into {@code dest}, except the oldest
     * if {@code pop}, which is returned.
     */
    private Steal<?> stealBatchInto(Worker<T> dest, int limit, boolean pop) {
        Objects.requireNonNull(dest, "dest");
        Stealer.checkLimit(limit);
        assert dest.checkOwner();
        long head;
        Block block;
        int offset;
        Backoff backoff = new Backoff();
        for (; ; ) {
            head = (long) HEAD_INDEX.getAcquire(this);
            block = (Block) HEAD_BLOCK.getAcquire(this);
            offset = offset(head);
            if (offset != BLOCK_CAP) {
                break;
            }
            backoff.snooze();
        }
        // Full fence: head was read before tail, as in steal(). A batch always reads tail, to
        // know how many items there are.
        VarHandle.fullFence();
        long tail = (long) TAIL_INDEX.getOpaque(this);
        long h = head >>> SHIFT;
        long t = normalize(tail >>> SHIFT);
        long len = (t - h) - (t / LAP - h / LAP);
        if (len <= 0) {
            return Steal.empty();
        }
        long newHead = head;
        if (lap(head) != t / LAP) {
            newHead |= HAS_NEXT;
        }
        int advance = (int) Math.min(Math.min((len + 1) / 2, limit), BLOCK_CAP - offset);
        newHead += (long) advance << SHIFT;
        // Volatile CAS: claims positions head .. head + advance - 1 (linearization point).
        if (!HEAD_INDEX.compareAndSet(this, head, newHead)) {
            return Steal.retry();
        }
        if (offset + advance == BLOCK_CAP) {
            advanceHead(block, newHead);
        }
        Object first = null;
        int from = offset;
        int count = advance;
        if (pop) {
            first = block.waitAndTake(from);
            from++;
            count--;
        }
        if (count > 0) {
            dest.reserve(count);
            Object[] dbuf = dest.ownerBuffer();
            int dmask = dbuf.length - 1;
            long db = dest.backOpaque();
            for (int i = 0; i < count; i++) {
                Object item = block.waitAndTake(from + i);
                // Plain write beyond dest's back: published by its release store below.
                dbuf[(int) Stealer.destIndex(db, i, count, dest.fifo) & dmask] = item;
            }
            dest.publishBack(db + count);
        }
        return pop ? Steal.success(first) : Steal.BATCH_SUCCESS;
    }

    private void advanceHead(Block block, long newHead) {
        // We claimed the block's last slot: move head to the next block, which the pusher of that
        // slot installs (wait for its link), skipping the end marker position.
        Block next = block.waitNext();
        long nextIndex = (newHead & ~HAS_NEXT) + ONE;
        if (NEXT.getAcquire(next) != null) {
            nextIndex |= HAS_NEXT;
        }
        HEAD_BLOCK.setRelease(this, next);
        HEAD_INDEX.setRelease(this, nextIndex);
    }

    /**
     * Returns whether the queue looks empty; a snapshot from any thread.
     *
     * @return {@code true} if no item was in the queue when checked
     */
    public boolean isEmpty() {
        long head = (long) HEAD_INDEX.getVolatile(this);
        long tail = (long) TAIL_INDEX.getVolatile(this);
        return (head >>> SHIFT) == (tail >>> SHIFT);
    }

    /**
     * Returns the number of items in the queue; a snapshot from any thread, never negative. Items
     * whose push has claimed a position but not finished writing are counted.
     *
     * @return the number of items
     */
    public int size() {
        for (; ; ) {
            long tail = (long) TAIL_INDEX.getVolatile(this);
            long head = (long) HEAD_INDEX.getVolatile(this);
            // A consistent pair: tail did not move while head was read.
            if ((long) TAIL_INDEX.getVolatile(this) == tail) {
                long h = normalize(head >>> SHIFT);
                long t = normalize(tail >>> SHIFT);
                // Positions between them, less one end marker per block boundary crossed.
                return Worker.clampSize((t - h) - (t / LAP - h / LAP));
            }
        }
    }

    /** An index at a block's end marker is really at the start of the next block. */
    private static long normalize(long position) {
        return position % LAP == LAP - 1 ? position + 1 : position;
    }

    private static int offset(long index) {
        return (int) ((index >>> SHIFT) % LAP);
    }

    private static long lap(long index) {
        return (index >>> SHIFT) / LAP;
    }

    @Override
    public String toString() {
        return "Injector[size=" + size() + "]";
    }

    private static final VarHandle HEAD_INDEX;
    private static final VarHandle HEAD_BLOCK;
    private static final VarHandle TAIL_INDEX;
    private static final VarHandle TAIL_BLOCK;
    private static final VarHandle NEXT;
    private static final VarHandle WRITTEN = MethodHandles.arrayElementVarHandle(int[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD_INDEX = l.findVarHandle(Injector.class, "headIndex", long.class);
            HEAD_BLOCK = l.findVarHandle(Injector.class, "headBlock", Block.class);
            TAIL_INDEX = l.findVarHandle(Injector.class, "tailIndex", long.class);
            TAIL_BLOCK = l.findVarHandle(Injector.class, "tailBlock", Block.class);
            NEXT = l.findVarHandle(Block.class, "next", Block.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
