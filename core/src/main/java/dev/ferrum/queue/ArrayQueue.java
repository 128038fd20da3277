package dev.ferrum.queue;

import dev.ferrum.internal.ArrayCore;
import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Objects;

/**
 * A bounded, lock-free, multi-producer multi-consumer FIFO queue, ported from crossbeam-queue's
 * {@code ArrayQueue}.
 *
 * <p>The queue holds exactly {@link #capacity()} elements in a ring of slots allocated up front.
 * Each slot carries a stamp that tells producers and consumers whether it is ready for them (Dmitry
 * Vyukov's bounded MPMC algorithm), so an operation costs one compare-and-set on the head or the
 * tail and never allocates. Nothing here ever parks: {@link #push} returns {@code false} when the
 * queue is full and {@link #pop} returns {@code null} when it is empty. For blocking hand-off, use
 * a bounded channel from {@code dev.ferrum.channel}, which is built on the same algorithm.
 *
 * <p>{@link #forcePush} turns the queue into an overwriting ring buffer: when full, it evicts and
 * returns the oldest element.
 *
 * <pre>{@code
 * ArrayQueue<String> q = new ArrayQueue<>(2);
 * q.push("a");                  // true
 * q.push("b");                  // true
 * q.push("c");                  // false: full
 * q.forcePush("c");             // "a": evicted
 * q.pop();                      // "b"
 * }</pre>
 *
 * <h2>As a {@code java.util.Queue}</h2>
 *
 * <p>{@code offer}/{@code poll}/{@code peek} are {@code push}/{@code pop}/{@code peek}; {@code add}
 * throws {@link IllegalStateException} when full (as {@link java.util.AbstractQueue} specifies).
 * Null elements are rejected with {@link NullPointerException}. Removing an element from the middle
 * is not supported: {@code remove(Object)}, {@code removeAll}, {@code retainAll}, {@code removeIf}
 * and {@code Iterator.remove} throw {@link UnsupportedOperationException}, since the algorithm has
 * no way to take a slot out of the ring; {@code clear()} pops until empty.
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
 * <p>{@link #size()}, {@link #isEmpty()} and {@link #isFull()} are snapshots, stale as soon as they
 * return; {@code size()} is always between 0 and {@link #capacity()}.
 *
 * <h2>Memory consistency effects</h2>
 *
 * <p>Actions in a thread before pushing an element happen-before the actions that follow obtaining
 * that element, in another thread, from {@code pop}, {@code peek}, an iterator, or as the return
 * value of {@code forcePush}.
 *
 * <p>Differences from the Rust original: {@code peek} exists (crossbeam has none because a
 * reference into the slot could outlive the element; here the garbage collector keeps it alive);
 * the capacity may not exceed {@code 2^30}.
 *
 * @param <T> the type of elements
 */
public final class ArrayQueue<T> extends AbstractQueue<T> {

    private final ArrayCore<T> core;

    /**
     * Creates an empty queue that holds exactly {@code capacity} elements.
     *
     * @param capacity the capacity, from 1 to {@code 2^30}
     * @throws IllegalArgumentException if {@code capacity} is less than 1 or greater than {@code
     *     2^30}
     * @throws OutOfMemoryError if the heap cannot hold the buffer (16 bytes per slot at most)
     */
    public ArrayQueue(int capacity) {
        this.core = new ArrayCore<>(capacity);
    }

    /**
     * Appends {@code value} if there is room.
     *
     * @return {@code true} if it was added, {@code false} if the queue was full
     * @throws NullPointerException if {@code value} is null
     */
    public boolean push(T value) {
        Objects.requireNonNull(value, "value");
        return core.offer(value) == ArrayCore.OK;
    }

    /**
     * Appends {@code value}; if the queue is full, first removes the oldest element and returns it.
     * The eviction and the append happen as one atomic step.
     *
     * @return the evicted element, or {@code null} if there was room
     * @throws NullPointerException if {@code value} is null
     */
    public T forcePush(T value) {
        Objects.requireNonNull(value, "value");
        return core.forcePush(value);
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
     * Same as {@link #push}.
     *
     * @throws NullPointerException if {@code value} is null
     */
    @Override
    public boolean offer(T value) {
        return push(value);
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

    /** Returns the capacity given at construction. */
    public int capacity() {
        return core.capacity();
    }

    /** Returns the number of elements: a snapshot, from 0 to {@link #capacity()}. */
    @Override
    public int size() {
        return core.size();
    }

    /** Returns whether the queue is empty: a snapshot. */
    @Override
    public boolean isEmpty() {
        return core.isEmpty();
    }

    /** Returns whether the queue is full: a snapshot. */
    public boolean isFull() {
        return core.isFull();
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
     * Not supported: an element cannot be taken out of the middle of the ring.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean remove(Object o) {
        throw new UnsupportedOperationException("remove(Object)");
    }
}
