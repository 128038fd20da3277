package dev.ferrum.ringbuf;

import dev.ferrum.internal.Timeouts;
import java.time.Duration;
import java.util.Objects;

/**
 * The consuming side of a {@link RingBuffer}: takes items from the head, in the order they were
 * pushed.
 *
 * <p>All methods except {@link #occupiedLen()}, {@link #capacity()}, {@link #isClosed()} and {@link
 * #close()} are owner-only: one thread for the life of the ring, the first caller becoming the
 * owner (checked with assertions enabled; see {@link RingBuffer}).
 *
 * <h2>The end of the stream</h2>
 *
 * <p>Items are never null, so {@code null} can carry the two "nothing" outcomes: {@link #tryPop()}
 * returns {@code null} for "nothing now", and the blocking {@link #pop()}, which otherwise waits,
 * returns {@code null} only for "nothing ever again": the producer has closed and every item it
 * pushed has been taken (or this consumer has closed). The same shape as {@code
 * BufferedReader.readLine()} and {@code InputStream.read()}'s {@code -1}: the normal end of a
 * stream is a value, not an exception, so the usual loop is {@code while ((x = c.pop()) != null)}.
 * The timed {@link #pop(Duration)} returns {@code null} on timeout too; {@link #isFinished()} tells
 * the two apart.
 *
 * <p>Memory consistency effects: actions in the producer before it pushes an item happen-before
 * actions in this thread after it takes (or peeks at) that item; actions here before an item is
 * taken happen-before the producer's reuse of its slot.
 *
 * @param <T> the type of the items
 */
public final class Consumer<T> {

    private final RingCore core;
    private final Object[] slots;
    private final OwnerThread owner = new OwnerThread("Consumer");

    Consumer(RingCore core, Object[] slots) {
        this.core = core;
        this.slots = slots;
    }

    /**
     * Takes the oldest item, if there is one. Never blocks. Owner-only.
     *
     * @return the oldest item, or {@code null} if the ring is empty or this consumer is closed
     */
    public T tryPop() {
        assert owner.isCurrent() : owner.misuse();
        if (consumerClosed()) {
            return null;
        }
        int slot = core.headSlot();
        Object item;
        if (core.consumerCachedNonEmpty()) {
            // Plain load: the acquire load of tail that filled the cache ordered it.
            item = slots[slot];
        } else {
            // Acquire load of the slot rather than of tail, which the producer writes on every
            // push (see RingCore's notes); pairs with the release store of the push's first slot.
            item = RingCore.SLOT.getAcquire(slots, slot);
            if (item == null) {
                return null;
            }
            core.consumerTookFromSlot();
        }
        // Release store: the producer may reuse a slot it reads as null (RingCore's notes), so
        // our load of the item must come before it.
        RingCore.SLOT.setRelease(slots, slot, null);
        core.consumerCommit(1);
        @SuppressWarnings("unchecked")
        T t = (T) item;
        return t;
    }

    /**
     * Returns the oldest item without taking it. Never blocks. Owner-only.
     *
     * @return the oldest item, or {@code null} if the ring is empty or this consumer is closed
     */
    public T peek() {
        assert owner.isCurrent() : owner.misuse();
        if (core.consumerOccupied(1) == 0 || consumerClosed()) {
            return null;
        }
        // Plain load: the acquire load of tail in consumerOccupied ordered it.
        @SuppressWarnings("unchecked")
        T item = (T) slots[core.headSlot()];
        return item;
    }

    /**
     * Takes up to {@code len} of the oldest items into {@code dst[off ..]}, in order, and frees
     * their slots. Never blocks; writes nothing to {@code dst} past the items taken. Owner-only.
     *
     * @param dst where to put the items
     * @param off the index in {@code dst} of the first item
     * @param len the most items to take
     * @return the number taken: {@code min(len, occupied)}, or {@code 0} if this consumer is closed
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not fit {@code dst}
     * @throws ArrayStoreException if an item is not assignable to the component type of {@code dst}
     */
    public int popSlice(T[] dst, int off, int len) {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(off, len, dst.length);
        assert owner.isCurrent() : owner.misuse();
        if (len == 0 || consumerClosed()) {
            return 0;
        }
        int n = Math.min(len, core.consumerOccupied(len));
        if (n == 0) {
            return 0;
        }
        int slot = core.headSlot();
        int first = Math.min(n, core.capacity - slot);
        // Plain loads: the acquire load of tail in consumerOccupied ordered them.
        System.arraycopy(slots, slot, dst, off, first);
        System.arraycopy(slots, 0, dst, off + first, n - first);
        clear(slot, first, n);
        core.consumerCommit(n);
        return n;
    }

    /**
     * Discards up to {@code n} of the oldest items. Never blocks. Owner-only.
     *
     * @param n the most items to discard
     * @return the number discarded: {@code min(n, occupied)}
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public int skip(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: n=" + n);
        }
        assert owner.isCurrent() : owner.misuse();
        int k = Math.min(n, core.consumerOccupied(n));
        if (k == 0) {
            return 0;
        }
        int slot = core.headSlot();
        clear(slot, Math.min(k, core.capacity - slot), k);
        core.consumerCommit(k);
        return k;
    }

    /** Nulls the {@code n} slots from {@code slot}, the first {@code first} before the wrap. */
    private void clear(int slot, int first, int n) {
        // Release stores: the producer may reuse a slot it reads as null (RingCore's notes), so
        // our loads of the items must come before each of them.
        for (int i = slot, end = slot + first; i < end; i++) {
            RingCore.SLOT.setRelease(slots, i, null);
        }
        for (int i = 0, end = n - first; i < end; i++) {
            RingCore.SLOT.setRelease(slots, i, null);
        }
    }

    /**
     * Takes every item present now and passes each, in order, to {@code action}, freeing its slot
     * before the call. Items pushed during the call may or may not be included. Never blocks.
     * Owner-only.
     *
     * @param action what to do with each item
     * @return the number of items taken
     * @throws NullPointerException if {@code action} is null
     * @throws RuntimeException whatever {@code action} throws: the item it threw on and those
     *     before count as taken, the rest stay in the ring
     */
    public int drain(java.util.function.Consumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        assert owner.isCurrent() : owner.misuse();
        if (consumerClosed()) {
            return 0;
        }
        int avail = core.consumerOccupied(core.capacity);
        int slot = core.headSlot();
        int taken = 0;
        try {
            while (taken < avail) {
                // Plain load: the acquire load of tail in consumerOccupied ordered it.
                @SuppressWarnings("unchecked")
                T item = (T) slots[slot];
                // Release store: as in tryPop, our load of the item comes before it.
                RingCore.SLOT.setRelease(slots, slot, null);
                if (++slot == core.capacity) {
                    slot = 0;
                }
                taken++;
                action.accept(item);
            }
        } finally {
            if (taken > 0) {
                core.consumerCommit(taken);
            }
        }
        return taken;
    }

    /**
     * Takes the oldest item, waiting for one if the ring is empty. Owner-only.
     *
     * @return the oldest item, or {@code null} at the end of the stream: the producer has closed
     *     and every item it pushed has been taken, or this consumer has closed
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; nothing
     *     was taken and the interrupt flag is cleared
     */
    public T pop() throws InterruptedException {
        return pop(Timeouts.FOREVER);
    }

    /**
     * Takes the oldest item, waiting up to {@code timeout} for one. A zero or negative timeout does
     * not wait but still takes an item that is there; a huge one waits indefinitely. Owner-only.
     *
     * @param timeout how long to wait at most
     * @return the oldest item; or {@code null} if the timeout elapsed or the stream has ended (tell
     *     them apart with {@link #isFinished()})
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; nothing
     *     was taken and the interrupt flag is cleared
     */
    public T pop(Duration timeout) throws InterruptedException {
        return pop(Timeouts.toNanos(timeout));
    }

    private T pop(long budget) throws InterruptedException {
        assert owner.isCurrent() : owner.misuse();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        T item = tryPop();
        if (item != null) {
            return item;
        }
        // READY means an item is there and only this thread can take it; CLOSED that the
        // stream ended; either way the answer is one tryPop away.
        core.await(true, 1, budget);
        return tryPop();
    }

    /**
     * Returns the number of items in the ring. A snapshot from any thread: it may be stale at once,
     * but is never negative nor above the capacity.
     *
     * @return the number of buffered items
     */
    public int occupiedLen() {
        return core.occupiedLen();
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
     * Returns whether either side has been closed. Items may still be buffered: see {@link
     * #isFinished()}. Any thread may call it.
     *
     * @return {@code true} if the producer or the consumer has closed
     */
    public boolean isClosed() {
        return core.state() != 0;
    }

    /**
     * Returns whether the stream has ended for this consumer: the producer has closed and no item
     * is left, or this consumer has closed. Once true it stays true, and {@link #pop()} returns
     * {@code null} at once. Owner-only.
     *
     * @return {@code true} at the end of the stream
     */
    public boolean isFinished() {
        assert owner.isCurrent() : owner.misuse();
        int st = core.state();
        if ((st & RingCore.CONSUMER_CLOSED) != 0) {
            return true;
        }
        // The producer's close follows its last push, so after reading the bit (volatile) the
        // occupancy check (acquire reads of tail) sees every item ever pushed.
        return (st & RingCore.PRODUCER_CLOSED) != 0 && core.consumerOccupied(1) == 0;
    }

    /**
     * Stops consuming: pushes fail at once from now on, a producer waiting in {@code push} wakes
     * and returns {@code false}, and this consumer delivers nothing more ({@code pop} returns
     * {@code null}). Items still buffered are not taken; they are reclaimed with the ring.
     * Idempotent. Any thread may call it, for example to abort a consumer blocked in {@link
     * #pop()}.
     */
    public void close() {
        core.close(RingCore.CONSUMER_CLOSED);
    }

    private boolean consumerClosed() {
        return (core.state() & RingCore.CONSUMER_CLOSED) != 0;
    }

    @Override
    public String toString() {
        return "Consumer[capacity=" + core.capacity + ", occupied=" + core.occupiedLen() + "]";
    }
}
