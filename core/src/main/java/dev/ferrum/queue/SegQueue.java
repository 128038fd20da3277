package dev.ferrum.queue;

import dev.ferrum.internal.ListCore;
import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Objects;

/**
 * An unbounded, lock-free, multi-producer multi-consumer FIFO queue, ported from crossbeam-queue's
 * {@code SegQueue}.
 *
 * <p>Elements live in a linked list of blocks of 31 slots. A push or pop costs one compare-and-set
 * on the tail or the head; only one push in 31 allocates (the next block), and blocks that every
 * consumer has left become garbage. Nothing here ever parks: {@link #pop} returns {@code null} when
 * the queue is empty. For blocking hand-off, use an unbounded channel from {@code
 * dev.ferrum.channel}, which is built on the same algorithm.
 *
 * <pre>{@code
 * SegQueue<String> q = new SegQueue<>();
 * q.push("a");
 * q.push("b");
 * q.pop();                      // "a"
 * q.size();                     // 1
 * }</pre>
 *
 * <h2>As a {@code java.util.Queue}</h2>
 *
 * <p>{@code offer}/{@code add} are {@code push} and always succeed; {@code poll} is {@code pop}.
 * Null elements are rejected with {@link NullPointerException}. Removing an element from the middle
 * is not supported: {@code remove(Object)}, {@code removeAll}, {@code retainAll}, {@code removeIf}
 * and {@code Iterator.remove} throw {@link UnsupportedOperationException}; {@code clear()} pops
 * until empty.
 *
 * <p>The iterator is <em>weakly consistent</em>: it yields each element that was in the queue when
 * the iterator was created and has not been popped by the time the iterator reaches it, in FIFO
 * order, at most once, and never throws {@link java.util.ConcurrentModificationException}. Elements
 * pushed after its creation are not yielded; elements whose push was still in progress may be
 * skipped. Bulk operations ({@code toArray}, {@code toString}, {@code containsAll}) are built on it
 * and are not atomic.
 *
 * <h2>Sizes</h2>
 *
 * <p>{@link #size()} and {@link #isEmpty()} are snapshots, stale as soon as they return; {@code
 * size()} is never negative, never more than the number of pushes begun, and {@code
 * Integer.MAX_VALUE} when the queue holds more than that.
 *
 * <h2>Memory consistency effects</h2>
 *
 * <p>Actions in a thread before pushing an element happen-before the actions that follow obtaining
 * that element, in another thread, from {@code pop}, {@code peek} or an iterator.
 *
 * <p>Differences from the Rust original: {@code peek} exists (crossbeam has none because a
 * reference into the slot could outlive the element; here the garbage collector keeps it alive).
 *
 * @param <T> the type of elements
 */
public final class SegQueue<T> extends AbstractQueue<T> {

    private final ListCore<T> core = new ListCore<>();

    /** Creates an empty queue. Allocates its first block. */
    public SegQueue() {}

    /**
     * Appends {@code value}.
     *
     * @throws NullPointerException if {@code value} is null
     */
    public void push(T value) {
        Objects.requireNonNull(value, "value");
        boolean added = core.offer(value);
        assert added : "a SegQueue is never disconnected";
    }

    /**
     * Removes and returns the oldest element.
     *
     * @return the element, or {@code null} if the queue is empty
     */
    public T pop() {
        return core.poll();
    }

    /**
     * Same as {@link #push}; always returns {@code true}.
     *
     * @throws NullPointerException if {@code value} is null
     */
    @Override
    public boolean offer(T value) {
        push(value);
        return true;
    }

    /** Same as {@link #pop}. */
    @Override
    public T poll() {
        return core.poll();
    }

    /**
     * Returns the oldest element without removing it, or {@code null} if the queue is empty. The
     * element was at the head at some moment during the call; by the time it returns another thread
     * may have popped it.
     */
    @Override
    public T peek() {
        return core.peek();
    }

    /**
     * Returns the number of elements: a snapshot, never negative, saturating at {@code
     * Integer.MAX_VALUE}.
     */
    @Override
    public int size() {
        return core.size();
    }

    /** Returns whether the queue is empty: a snapshot. */
    @Override
    public boolean isEmpty() {
        return core.isEmpty();
    }

    /** Pops until the queue is empty; elements pushed concurrently may remain. */
    @Override
    public void clear() {
        core.discardAll();
    }

    /**
     * Returns a weakly consistent iterator in FIFO order (see the class documentation); its {@code
     * remove} throws {@link UnsupportedOperationException}.
     */
    @Override
    public Iterator<T> iterator() {
        return core.iterator();
    }

    /**
     * Not supported: an element cannot be taken out of the middle of the queue.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean remove(Object o) {
        throw new UnsupportedOperationException("remove(Object)");
    }
}
