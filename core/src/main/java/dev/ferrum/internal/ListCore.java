package dev.ferrum.internal;

import dev.ferrum.sync.Backoff;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The unbounded multi-producer multi-consumer buffer behind {@code dev.ferrum.queue.SegQueue} and
 * the list (unbounded) flavour of {@code dev.ferrum.channel}: a linked list of blocks of slots,
 * after crossbeam's segmented queue.
 *
 * <p>Every operation is non-blocking in the sense that it never parks. The only waiting inside is a
 * short {@link Backoff} while another thread is between two steps of its own operation (a producer
 * that has reserved a slot but not yet written it, or is installing the next block); crossbeam does
 * the same.
 *
 * <h2>API for the users of this class</h2>
 *
 * <ul>
 *   <li>{@link #offer(Object)} returns {@code true}, or {@code false} only when disconnected.
 *   <li>{@link #poll()} returns the oldest item or {@code null} when empty, whether or not the core
 *       is disconnected (items buffered before the disconnection are still delivered).
 *   <li>{@link #peek()}, {@link #size()} (never negative, saturates at {@code Integer.MAX_VALUE}),
 *       {@link #isEmpty()}, {@link #iterator()} (weakly consistent, read-only).
 *   <li>{@link #disconnect()} sets the mark bit in the tail index: from then on every offer returns
 *       {@code false}. Returns {@code true} only for the first caller.
 *   <li>{@link #discardAll()} pops and drops every remaining item, so that the garbage collector
 *       can reclaim them; call it after {@link #disconnect()} when the receiving side goes away.
 * </ul>
 *
 * <h2>How a channel builds blocking operations on it</h2>
 *
 * <p>Sends never wait. Send: {@code offer}; if {@code true} call {@code receivers.notifyOne()}; if
 * {@code false} the channel is disconnected. Receive: {@code poll}; on {@code null} check {@link
 * #isDisconnected()}: if set, {@code poll} <em>once more</em> (an item may have been offered
 * between the first poll and the disconnection) and only if that is {@code null} too report "empty
 * and disconnected"; otherwise register in {@code receivers}, poll again, and await only if still
 * {@code null} and not disconnected. Disconnect: {@code if (core.disconnect()) {
 * receivers.notifyAll(t); }}; when the last receiver goes away, also {@code core.discardAll()}.
 *
 * <p>No wake-up is lost: a successful {@code offer} moves the tail with a volatile CAS before the
 * caller reads {@code receivers.isEmpty()} (volatile); an empty {@code poll} reads the tail after a
 * full fence; and a {@code poll} that sees a reserved but unwritten slot waits for the write rather
 * than report empty.
 *
 * <h2>Memory consistency</h2>
 *
 * <p>Actions of a thread before a successful {@code offer} of an item happen-before the actions of
 * the thread that obtains that item from {@code poll} or the iterator.
 */
public final class ListCore<T> {
    /*
     * Implementation notes.
     *
     * Algorithm: crossbeam's linked-block queue, in crossbeam-queue (src/seg_queue.rs) and
     * crossbeam-channel (src/flavors/list.rs: start_send, start_recv, len, disconnect,
     * discard_all_messages), version 0.3.x / 0.5.x. The Java shape differs: the garbage collector
     * frees blocks, so crossbeam's READ/DESTROY slot bits and the block destruction protocol are
     * gone; a slot's WRITE bit is "the value is non-null"; and the first block is allocated by the
     * constructor instead of lazily by the first push.
     *
     * Index encoding (head and tail):
     *
     *     | position (bits >= SHIFT) | flag (bit 0) |
     *
     * position / LAP is the block number, position % LAP the offset in the block. Offsets run from
     * 0 to BLOCK_CAP - 1 = 30; offset BLOCK_CAP (31) never holds an item: an index sits there only
     * while the thread that took the last slot of a block installs the next one, and everybody else
     * waits for that. The flag bit is the disconnection mark in the tail (MARK_BIT) and, in the
     * head, "this block is known not to be the last one" (HAS_NEXT), which saves consumers the
     * fence and tail read.
     *
     *     head.block                           tail.block
     *       v                                    v
     *     [ x x x x . . . ] -> [ . . . . . . ] -> [ . . w w _ _ _ ]      . popped  x ready
     *             ^head index                           ^tail index      w reserved, being written
     *
     * Indices are 64-bit positions that only grow; 2^62 pushes are needed to overflow them.
     *
     * Producer (offer): read the tail index and block. If the offset is BLOCK_CAP, wait. If this
     * push will take the last slot, allocate the next block beforehand (outside the race). CAS the
     * tail index forward (the linearization point); if this took the last slot, install the next
     * block: block and index of the tail (volatile stores, once per block), then the old block's
     * next link. Then store the value with a release store, which is also the WRITE bit.
     *
     * Consumer (poll): read the head index and block. If the head's HAS_NEXT flag is clear, after a
     * full fence read the tail: equal positions mean empty (linearization point: that tail read);
     * a tail in a later block lets us set HAS_NEXT. CAS the head index forward (the linearization
     * point of a successful poll). If this took the last slot of the block, wait for the block's
     * next link and move the head to the next block (volatile stores). Then wait for the value to
     * be non-null (acquire), clear the slot (opaque; the slot is ours and nobody waits for null)
     * and return the value.
     *
     * The one change against crossbeam beyond the garbage collector: moving the tail index over
     * offset BLOCK_CAP uses getAndAdd instead of a store, so that a disconnection mark set
     * concurrently (Java's disconnect() may race with senders) is not overwritten.
     */

    /** Slots per block plus one: positions in a block run over {@code LAP} values. */
    static final int LAP = 32;

    /** Items per block: the last position of each lap holds none. */
    static final int BLOCK_CAP = LAP - 1;

    /** Indices are positions shifted left by this much; bit 0 is the flag. */
    static final int SHIFT = 1;

    /** In the tail: the core is disconnected. */
    static final long MARK_BIT = 1L;

    /** In the head: the head block is known to have a successor. */
    static final long HAS_NEXT = 1L;

    private final Position head;
    private final Position tail;

    /** Creates an empty core. */
    public ListCore() {
        Block first = new Block();
        this.head = new Position(first);
        this.tail = new Position(first);
    }

    /**
     * Appends {@code value} unless the core is disconnected.
     *
     * @param value the item, not null (checked by an assertion only: callers check it)
     * @return {@code true}, or {@code false} if the core is disconnected and nothing was stored
     */
    public boolean offer(T value) {
        assert value != null : "value";
        Backoff backoff = new Backoff();
        long t = tail.indexAcquire();
        Block block = tail.blockAcquire();
        Block nextBlock = null;
        while (true) {
            if ((t & MARK_BIT) != 0L) {
                return false;
            }
            int offset = (int) ((t >>> SHIFT) % LAP);
            if (offset == BLOCK_CAP) {
                // Another producer is installing the next block: wait for it.
                backoff.snooze();
                t = tail.indexAcquire();
                block = tail.blockAcquire();
                continue;
            }
            if (offset + 1 == BLOCK_CAP && nextBlock == null) {
                // We may take the last slot: allocate its successor before racing for it.
                nextBlock = new Block();
            }
            long newTail = t + (1L << SHIFT);
            // Volatile CAS: the linearization point of an offer.
            long witness = tail.compareAndExchangeIndex(t, newTail);
            if (witness == t) {
                if (offset + 1 == BLOCK_CAP) {
                    // Volatile stores (once per block): block before index, so that whoever sees
                    // the new index sees the new block.
                    tail.setBlockVolatile(nextBlock);
                    // Volatile add, not a store: keeps a disconnection mark set meanwhile.
                    tail.getAndAddIndex(1L << SHIFT);
                    block.setNextVolatile(nextBlock);
                }
                // Release store: publishes the value and is the slot's WRITE bit.
                VALUES.setRelease(block.values, offset, value);
                return true;
            }
            t = witness;
            block = tail.blockAcquire();
            backoff.spin();
        }
    }

    /**
     * Removes and returns the oldest item.
     *
     * @return the item, or {@code null} if the core is empty (disconnected or not)
     */
    @SuppressWarnings("unchecked")
    public T poll() {
        Backoff backoff = new Backoff();
        long h = head.indexAcquire();
        Block block = head.blockAcquire();
        while (true) {
            int offset = (int) ((h >>> SHIFT) % LAP);
            if (offset == BLOCK_CAP) {
                // Another consumer is moving the head to the next block: wait for it.
                backoff.snooze();
                h = head.indexAcquire();
                block = head.blockAcquire();
                continue;
            }
            long newHead = h + (1L << SHIFT);
            if ((newHead & HAS_NEXT) == 0L) {
                // Full fence (crossbeam's SeqCst fence): the empty verdict below must not rest on a
                // tail older than our head read.
                VarHandle.fullFence();
                long t = tail.indexOpaque(); // after the fence above
                if ((h >>> SHIFT) == (t >>> SHIFT)) {
                    return null;
                }
                if ((h >>> SHIFT) / LAP != (t >>> SHIFT) / LAP) {
                    newHead |= HAS_NEXT;
                }
            }
            // Volatile CAS: the linearization point of a successful poll.
            long witness = head.compareAndExchangeIndex(h, newHead);
            if (witness == h) {
                if (offset + 1 == BLOCK_CAP) {
                    Block next = block.awaitNext();
                    long nextIndex = (newHead & ~HAS_NEXT) + (1L << SHIFT);
                    if (next.nextAcquire() != null) {
                        nextIndex |= HAS_NEXT;
                    }
                    // Volatile stores (once per block): block before index, as in offer.
                    head.setBlockVolatile(next);
                    head.setIndexVolatile(nextIndex);
                }
                Object value = block.awaitValue(offset);
                // Opaque: the slot is ours; clearing it only lets the collector take the item.
                VALUES.setOpaque(block.values, offset, null);
                return (T) value;
            }
            h = witness;
            block = head.blockAcquire();
            backoff.spin();
        }
    }

    /**
     * Returns the oldest item without removing it, or {@code null} if the core is empty.
     *
     * <p>The value read is validated by re-reading the head index, which moves before any consumer
     * clears the slot: the result was the head item at the moment of that re-read. Like {@link
     * #poll()}, it waits (without parking) for a producer that has reserved the head slot.
     */
    @SuppressWarnings("unchecked")
    public T peek() {
        Backoff backoff = new Backoff();
        while (true) {
            long h = head.indexAcquire();
            Block block = head.blockAcquire(); // checked against h by the head re-read below
            int offset = (int) ((h >>> SHIFT) % LAP);
            if (offset == BLOCK_CAP) {
                backoff.snooze();
                continue;
            }
            // Volatile read after the head read: equal positions mean empty at this moment,
            // since the head never passes the tail.
            long t = tail.indexVolatile();
            if ((h >>> SHIFT) == (t >>> SHIFT)) {
                return null;
            }
            // Acquire: pairs with the producer's release store, and keeps the re-read below after.
            Object value = VALUES.getAcquire(block.values, offset);
            if (head.indexAcquire() != h) {
                continue; // popped meanwhile, or the block was not h's: start over
            }
            if (value != null) {
                return (T) value;
            }
            // Reserved by a producer that has not written it yet.
            backoff.snooze();
        }
    }

    /**
     * Sets the disconnection mark. From then on {@link #offer} returns {@code false}; items already
     * stored can still be polled.
     *
     * @return {@code true} if this call set the mark, {@code false} if it was already set
     */
    public boolean disconnect() {
        // Volatile read-modify-write: offers whose CAS came first still complete their write.
        long t = tail.getAndBitwiseOrIndex(MARK_BIT);
        return (t & MARK_BIT) == 0L;
    }

    /** Returns whether {@link #disconnect()} has been called. Volatile read. */
    public boolean isDisconnected() {
        return (tail.indexVolatile() & MARK_BIT) != 0L;
    }

    /**
     * Pops and drops every item left, so that they can be garbage collected. Meant for a
     * disconnected core (then nothing can be added meanwhile); safe alongside concurrent polls.
     *
     * @return the number of items dropped by this call
     */
    public long discardAll() {
        long n = 0;
        while (poll() != null) {
            n++;
        }
        return n;
    }

    /** Returns whether the core is empty: a snapshot. Volatile reads of head, then tail. */
    public boolean isEmpty() {
        long h = head.indexVolatile();
        long t = tail.indexVolatile();
        return (h >>> SHIFT) == (t >>> SHIFT);
    }

    /**
     * Returns the number of items: a snapshot of a consistent pair of indices, never negative,
     * never more than the number of offers begun, and {@code Integer.MAX_VALUE} if larger. Counts
     * items whose offer has reserved a slot but not yet returned.
     */
    public int size() {
        long n = longSize();
        return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
    }

    /** As {@link #size()}, without saturation. */
    public long longSize() {
        while (true) {
            long t = tail.indexVolatile();
            long h = head.indexVolatile();
            // Volatile re-read: if the tail did not move, (h, t) existed together at the head read.
            if (tail.indexVolatile() != t) {
                continue;
            }
            long tp = t >>> SHIFT;
            long hp = h >>> SHIFT;
            // An index resting on a block's end (offset BLOCK_CAP) is about to jump to the next
            // block: count it as already there, or a block boundary would be miscounted.
            if (tp % LAP == BLOCK_CAP) {
                tp++;
            }
            if (hp % LAP == BLOCK_CAP) {
                hp++;
            }
            // Positions minus the unused last position of every block boundary crossed.
            long n = (tp - hp) - (tp / LAP - hp / LAP);
            return Math.max(0L, n);
        }
    }

    /**
     * Returns a read-only, weakly consistent iterator over the items in FIFO order.
     *
     * <p>It yields each item that was in the core when the iterator was created and has not been
     * removed by the time the iterator reaches it, each at most once, and never an item offered
     * after it was created. Items whose offer was still in progress may be skipped. It never throws
     * {@link java.util.ConcurrentModificationException}; it may wait briefly for a producer that is
     * installing the next block. {@code remove} is not supported.
     */
    public Iterator<T> iterator() {
        Backoff backoff = new Backoff();
        while (true) {
            long h = head.indexVolatile();
            Block block = head.blockVolatile();
            long t = tail.indexVolatile();
            // The head block belongs to the head index only if the index did not move meanwhile,
            // and an index on a block's end has no block yet.
            if (head.indexVolatile() == h && ((h >>> SHIFT) % LAP) != BLOCK_CAP) {
                return new Itr(h >>> SHIFT, block, t >>> SHIFT);
            }
            backoff.snooze();
        }
    }

    private final class Itr implements Iterator<T> {
        private long position;
        private Block block;
        private final long end;
        private T next;

        Itr(long start, Block block, long end) {
            this.position = start;
            this.block = block;
            this.end = end;
        }

        @SuppressWarnings("unchecked")
        private T findNext() {
            while (position < end) {
                int offset = (int) (position % LAP);
                if (offset == BLOCK_CAP) {
                    // The tail is beyond this block, so its successor is being or was installed.
                    block = block.awaitNext();
                    position++;
                    continue;
                }
                Object value = VALUES.getAcquire(block.values, offset); // pairs with the writer
                position++;
                if (value != null) {
                    return (T) value;
                }
                // Already taken (cleared), or its offer is still in progress: skip it.
            }
            return null;
        }

        @Override
        public boolean hasNext() {
            // Lazy: an item is looked at only when the caller asks, not one step ahead.
            if (next == null) {
                next = findNext();
            }
            return next != null;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T result = next;
            next = null;
            return result;
        }
    }

    @Override
    public String toString() {
        return "ListCore[size=" + longSize() + "]";
    }

    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(Object[].class);

    /** A block of slots and the link to the next block. */
    static final class Block {
        /** A slot is written when non-null (the WRITE bit); written once, cleared once. */
        final Object[] values = new Object[BLOCK_CAP];

        /** Set once, by the producer that took this block's last slot. */
        private volatile Block next;

        Block nextAcquire() {
            return (Block) NEXT.getAcquire(this);
        }

        void setNextVolatile(Block block) {
            NEXT.setVolatile(this, block);
        }

        /** Waits (without parking) for the producer that took the last slot to link the next. */
        Block awaitNext() {
            Backoff backoff = new Backoff();
            Block n;
            while ((n = nextAcquire()) == null) {
                backoff.snooze();
            }
            return n;
        }

        /** Waits (without parking) for the producer that reserved the slot to write it. */
        Object awaitValue(int offset) {
            Backoff backoff = new Backoff();
            Object v;
            // Acquire: pairs with the producer's release store of the value.
            while ((v = VALUES.getAcquire(values, offset)) == null) {
                backoff.snooze();
            }
            return v;
        }

        private static final VarHandle NEXT;

        static {
            try {
                NEXT = MethodHandles.lookup().findVarHandle(Block.class, "next", Block.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /**
     * A head or tail (index and block) alone on its cache lines: 120 bytes of padding on each side,
     * so that head and tail, and the final fields every operation reads, never share a 128-byte
     * pair of lines (the adjacent-line prefetcher of x86-64 pulls lines in pairs). HotSpot lays out
     * fields of one size in declaration order and puts the references after the longs.
     */
    @SuppressWarnings("unused")
    static final class Position {
        private long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
        private volatile long index;
        private volatile Block block;
        private long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

        Position(Block first) {
            this.block = first; // published by the final field holding this position
        }

        long indexOpaque() {
            return (long) INDEX.getOpaque(this);
        }

        long indexAcquire() {
            return (long) INDEX.getAcquire(this);
        }

        long indexVolatile() {
            return (long) INDEX.getVolatile(this);
        }

        void setIndexVolatile(long value) {
            INDEX.setVolatile(this, value);
        }

        long compareAndExchangeIndex(long expected, long newValue) {
            return (long) INDEX.compareAndExchange(this, expected, newValue);
        }

        long getAndAddIndex(long delta) {
            return (long) INDEX.getAndAdd(this, delta);
        }

        long getAndBitwiseOrIndex(long bits) {
            return (long) INDEX.getAndBitwiseOr(this, bits);
        }

        Block blockAcquire() {
            return (Block) BLOCK.getAcquire(this);
        }

        Block blockVolatile() {
            return (Block) BLOCK.getVolatile(this);
        }

        void setBlockVolatile(Block value) {
            BLOCK.setVolatile(this, value);
        }

        private static final VarHandle INDEX;
        private static final VarHandle BLOCK;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                INDEX = l.findVarHandle(Position.class, "index", long.class);
                BLOCK = l.findVarHandle(Position.class, "block", Block.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
