package dev.ferrum.ringbuf;

/**
 * A bounded, lock-free, single-producer single-consumer FIFO ring of object references, split into
 * one {@link Producer} and one {@link Consumer}: a port of the Rust crate {@code ringbuf} with the
 * blocking and closing of {@code ringbuf-blocking} and {@code async-ringbuf}.
 *
 * <pre>{@code
 * RingBuffer<Event> ring = RingBuffer.create(1024);
 * Producer<Event> producer = ring.producer();   // hand each side to the thread that owns it
 * Consumer<Event> consumer = ring.consumer();
 *
 * // producer thread                        // consumer thread
 * producer.push(event);                     Event e;
 * producer.close();                         while ((e = consumer.pop()) != null) { handle(e); }
 * }</pre>
 *
 * <p>Exactly {@link #capacity()} items fit: no slot is wasted to tell "full" from "empty". Each
 * side is used by one thread (its <em>owner</em>): the first thread that calls an owner-only method
 * of a side becomes its owner for the life of the ring, and with assertions enabled ({@code -ea}) a
 * call from any other thread fails with an {@link AssertionError}, even after the owner has
 * finished. A side cannot be passed on to a second thread, so do not run a side's calls as tasks
 * that may land on different pool threads. Creating the ring on one thread and handing the sides to
 * their threads is normal use; the hand-over itself must be a safe publication (a thread start, an
 * executor submission, a volatile or concurrent-collection write), as for any object.
 *
 * <p>Non-blocking operations ({@code tryPush}, {@code tryPop}, the slice operations) never wait and
 * never take a lock. The blocking ones ({@code push}, {@code pop} and their timed forms) spin
 * briefly and then park, so waiting virtual threads release their carrier. Closing: after {@link
 * Producer#close()} the consumer still receives every buffered item and then sees the end ({@link
 * Consumer#pop()} returns {@code null}); after {@link Consumer#close()} pushes fail at once (they
 * return {@code false}).
 *
 * <p>Memory consistency effects: actions in the producer thread before it pushes an item
 * happen-before actions in the consumer thread after it takes (or peeks at) that item. Actions of
 * the consumer before it frees a slot happen-before the producer's reuse of that slot, and actions
 * before either side's {@code close()} happen-before the other side's observing the close.
 *
 * <p>Differences from the Rust original: indices are 64-bit free-running counters rather than
 * counters modulo twice the capacity (so that no capacity can overflow them); closing is explicit
 * ({@code close()}) rather than by dropping a half; and null items are rejected.
 *
 * @param <T> the type of the items
 * @see ByteRingBuffer the byte specialisation, with stream adapters
 */
public final class RingBuffer<T> {

    private final RingCore core;
    private final Producer<T> producer;
    private final Consumer<T> consumer;

    private RingBuffer(int capacity, long startIndex) {
        this.core = new RingCore(capacity, startIndex);
        Object[] slots = new Object[capacity];
        this.producer = new Producer<>(core, slots);
        this.consumer = new Consumer<>(core, slots);
    }

    /**
     * Creates an empty ring that holds exactly {@code capacity} items.
     *
     * @param capacity the number of items that fit, at least 1
     * @param <T> the type of the items
     * @return a new ring
     * @throws IllegalArgumentException if {@code capacity} is less than 1 or greater than {@code
     *     Integer.MAX_VALUE - 8} (the largest array the JVM reliably allocates)
     * @throws OutOfMemoryError if the heap cannot hold {@code capacity} references
     */
    public static <T> RingBuffer<T> create(int capacity) {
        return new RingBuffer<>(RingCore.checkCapacity(capacity), 0L);
    }

    /** Test hook: a ring whose indices start at {@code startIndex}, e.g. near their overflow. */
    static <T> RingBuffer<T> create(int capacity, long startIndex) {
        return new RingBuffer<>(RingCore.checkCapacity(capacity), startIndex);
    }

    /** Test hook: the indices and cached views behind both sides. */
    RingCore core() {
        return core;
    }

    /**
     * Returns the producing side. Every call returns the same object.
     *
     * @return the producer
     */
    public Producer<T> producer() {
        return producer;
    }

    /**
     * Returns the consuming side. Every call returns the same object.
     *
     * @return the consumer
     */
    public Consumer<T> consumer() {
        return consumer;
    }

    /**
     * Returns the number of items the ring holds when full, as requested at creation.
     *
     * @return the capacity
     */
    public int capacity() {
        return core.capacity;
    }

    @Override
    public String toString() {
        return "RingBuffer[capacity=" + core.capacity + ", occupied=" + core.occupiedLen() + "]";
    }
}
