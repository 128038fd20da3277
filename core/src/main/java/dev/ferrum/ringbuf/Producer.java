package dev.ferrum.ringbuf;

import dev.ferrum.internal.Timeouts;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;

/**
 * The producing side of a {@link RingBuffer}: appends items at the tail.
 *
 * <p>All methods except {@link #vacantLen()}, {@link #capacity()} and {@link #isClosed()} are
 * owner-only: one thread for the life of the ring, the first caller becoming the owner (checked
 * with assertions enabled; see {@link RingBuffer}).
 *
 * <p>Failure to push is a return value: {@code false} (or a count of {@code 0}) when the ring is
 * full or when the consumer has closed, which {@link #isClosed()} tells apart. A closed consumer is
 * an ordinary shutdown event for a pipeline stage, not a programming error, and a return value
 * costs nothing on the hot path (this follows the Rust original, whose pushes return the item in an
 * {@code Err}). Pushing after this producer's own {@link #close()} is a programming error and
 * throws {@link IllegalStateException}.
 *
 * <p>Memory consistency effects: actions in this thread before a successful push happen-before
 * actions in the consumer after it takes (or peeks at) the pushed item.
 *
 * @param <T> the type of the items
 */
public final class Producer<T> {

    private final RingCore core;
    private final Object[] slots;
    private final OwnerThread owner = new OwnerThread("Producer");

    Producer(RingCore core, Object[] slots) {
        this.core = core;
        this.slots = slots;
    }

    /**
     * Appends {@code item} if there is a free slot. Never blocks. Owner-only.
     *
     * @param item the item to push
     * @return {@code true} if pushed; {@code false} if the ring is full or the consumer has closed
     * @throws NullPointerException if {@code item} is null
     * @throws IllegalStateException if this producer has been closed
     */
    public boolean tryPush(T item) {
        Objects.requireNonNull(item, "item");
        assert owner.isCurrent() : owner.misuse();
        if (!open()) {
            return false;
        }
        int slot = core.tailSlot();
        // When the cached head shows the ring full, ask the slots rather than head, which the
        // consumer writes on every pop (see RingCore's notes).
        if (!core.producerCachedNonFull() && !core.producerSlotFree(slots, slot)) {
            return false;
        }
        // Release store: publishes the item to a consumer that polls the slot; producerCommit
        // then publishes the index (see RingCore's notes).
        RingCore.SLOT.setRelease(slots, slot, item);
        core.producerCommit(1);
        return true;
    }

    /**
     * Appends as many items of {@code src[off .. off+len)} as fit, in order, and publishes them at
     * once (the consumer sees all of them or none). Never blocks. Owner-only.
     *
     * @param src the items
     * @param off the index of the first item in {@code src}
     * @param len the number of items offered
     * @return the number pushed: {@code min(len, vacant)}, or {@code 0} if the consumer has closed
     * @throws NullPointerException if {@code src} is null, or if one of the items that would be
     *     pushed is null (then nothing is pushed)
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not fit {@code src}
     * @throws IllegalStateException if this producer has been closed
     */
    public int pushSlice(T[] src, int off, int len) {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(off, len, src.length);
        assert owner.isCurrent() : owner.misuse();
        if (!open() || len == 0) {
            return 0;
        }
        int n = Math.min(len, core.producerVacant(len));
        for (int i = off, end = off + n; i < end; i++) {
            if (src[i] == null) {
                throw new NullPointerException("src[" + i + "]");
            }
        }
        if (n == 0) {
            return 0;
        }
        int slot = core.tailSlot();
        int first = Math.min(n, core.capacity - slot);
        // Plain stores for all items but the first, then a release store of the first: a
        // consumer polling the head slot sees the whole slice or none of it (RingCore's notes).
        System.arraycopy(src, off + 1, slots, slot + 1, first - 1);
        System.arraycopy(src, off + first, slots, 0, n - first);
        RingCore.SLOT.setRelease(slots, slot, src[off]);
        core.producerCommit(n);
        return n;
    }

    /**
     * Appends items taken from {@code items} while there is room, and publishes them at once. Takes
     * an item from the iterator only when a slot is free for it, so none is lost. Never blocks.
     * Owner-only.
     *
     * @param items the source of items
     * @return the number pushed, {@code 0} if the consumer has closed
     * @throws NullPointerException if {@code items} is null or yields null (the items before the
     *     null are pushed; the null is not)
     * @throws IllegalStateException if this producer has been closed
     */
    public int pushAll(Iterator<? extends T> items) {
        Objects.requireNonNull(items, "items");
        assert owner.isCurrent() : owner.misuse();
        if (!open()) {
            return 0;
        }
        int free = core.producerVacant(core.capacity);
        int firstSlot = core.tailSlot();
        int slot = firstSlot;
        T firstItem = null;
        int n = 0;
        try {
            while (n < free && items.hasNext()) {
                T item = items.next();
                if (item == null) {
                    throw new NullPointerException("items yielded null after " + n + " items");
                }
                if (n == 0) {
                    firstItem = item; // stored last, see below
                } else {
                    // Plain store: published by the release store of the first item.
                    slots[slot] = item;
                }
                if (++slot == core.capacity) {
                    slot = 0;
                }
                n++;
            }
        } finally {
            if (n > 0) {
                // Release store of the first item: publishes the batch at once, as in pushSlice.
                RingCore.SLOT.setRelease(slots, firstSlot, firstItem);
                core.producerCommit(n);
            }
        }
        return n;
    }

    /**
     * Appends {@code item}, waiting for a free slot if the ring is full. Owner-only.
     *
     * @param item the item to push
     * @return {@code true} if pushed; {@code false} if the consumer has closed (at once, or while
     *     this call waited), in which case nothing was pushed
     * @throws NullPointerException if {@code item} is null
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; nothing
     *     was pushed and the interrupt flag is cleared
     * @throws IllegalStateException if this producer has been closed
     */
    public boolean push(T item) throws InterruptedException {
        return push(item, Timeouts.FOREVER);
    }

    /**
     * Appends {@code item}, waiting up to {@code timeout} for a free slot. A zero or negative
     * timeout does not wait but still pushes if a slot is free; a huge one waits indefinitely.
     * Owner-only.
     *
     * @param item the item to push
     * @param timeout how long to wait at most
     * @return {@code true} if pushed; {@code false} if the timeout elapsed or the consumer has
     *     closed (tell them apart with {@link #isClosed()}); nothing was pushed then
     * @throws NullPointerException if {@code item} or {@code timeout} is null
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; nothing
     *     was pushed and the interrupt flag is cleared
     * @throws IllegalStateException if this producer has been closed
     */
    public boolean push(T item, Duration timeout) throws InterruptedException {
        return push(item, Timeouts.toNanos(timeout));
    }

    private boolean push(T item, long budget) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        assert owner.isCurrent() : owner.misuse();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (tryPush(item)) {
            return true; // before the clock is read: a push that succeeds at once never pays for it
        }
        final long start = budget == Timeouts.FOREVER ? 0L : System.nanoTime();
        for (; ; ) {
            if (tryPush(item)) {
                return true;
            }
            long remaining =
                    budget == Timeouts.FOREVER
                            ? budget
                            : Math.max(0L, budget - (System.nanoTime() - start));
            int r = core.await(false, 1, remaining);
            if (r == RingCore.TIMED_OUT) {
                return false;
            }
            if (r == RingCore.CLOSED) {
                open(); // throws if this producer closed itself meanwhile (misuse)
                return false;
            }
        }
    }

    /**
     * Returns the number of free slots. A snapshot from any thread: it may be stale at once, but is
     * never negative nor above the capacity.
     *
     * @return the number of free slots
     */
    public int vacantLen() {
        return core.vacantLen();
    }

    /**
     * Returns the capacity of the ring.
     *
     * @return the number of items the ring holds when full
     */
    public int capacity() {
        return core.capacity;
    }

    /**
     * Returns whether either side has been closed. Once true it stays true; pushes then fail (or
     * throw, after this producer's own close). Any thread may call it.
     *
     * @return {@code true} if the producer or the consumer has closed
     */
    public boolean isClosed() {
        return core.state() != 0;
    }

    /**
     * Ends the stream: the consumer receives every item pushed before this call and then sees the
     * end. Wakes a consumer waiting in {@code pop}. Idempotent. Owner-only: closing from the owner
     * thread, after its last push in program order, is what guarantees that no pushed item can be
     * lost behind the end.
     */
    public void close() {
        assert owner.isCurrent() : owner.misuse();
        core.close(RingCore.PRODUCER_CLOSED);
    }

    /** Returns {@code false} if the consumer closed; throws if this producer closed. */
    private boolean open() {
        int st = core.state();
        if (st == 0) {
            return true;
        }
        if ((st & RingCore.PRODUCER_CLOSED) != 0) {
            throw new IllegalStateException("producer is closed");
        }
        return false;
    }

    @Override
    public String toString() {
        return "Producer[capacity=" + core.capacity + ", vacant=" + core.vacantLen() + "]";
    }
}
