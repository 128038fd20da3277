package dev.ferrum.ringbuf;

/**
 * A bounded, lock-free, single-producer single-consumer ring of bytes ({@code byte[]} storage, no
 * boxing), split into one {@link ByteProducer} and one {@link ByteConsumer}; with {@link
 * ByteProducer#outputStream()} and {@link ByteConsumer#inputStream()} it is a pipe between two
 * threads, a faster and sturdier replacement for {@link java.io.PipedOutputStream}/{@link
 * java.io.PipedInputStream}.
 *
 * <pre>{@code
 * ByteRingBuffer pipe = ByteRingBuffer.create(64 * 1024);
 * // writer thread
 * try (OutputStream out = pipe.producer().outputStream()) {
 *     out.write(data);
 * }
 * // reader thread
 * try (InputStream in = pipe.consumer().inputStream()) {
 *     in.transferTo(sink);   // ends after the writer closed and every byte was read
 * }
 * }</pre>
 *
 * <p>The algorithm, ownership rules, closing and memory consistency effects are those of {@link
 * RingBuffer}: exactly {@link #capacity()} bytes fit; each side belongs to one thread for the life
 * of the ring, checked with assertions enabled; after the producer closes the consumer reads every
 * buffered byte and then the end; after the consumer closes writes fail at once. Actions in the
 * writer before it writes a byte happen-before actions in the reader after it reads that byte.
 *
 * <p>Unlike {@code PipedInputStream}, neither side polls, neither side takes a lock, and neither
 * side "breaks" the pipe when the other thread dies: the end of the stream is only an explicit
 * close.
 */
public final class ByteRingBuffer {

    private final RingCore core;
    private final ByteProducer producer;
    private final ByteConsumer consumer;

    private ByteRingBuffer(int capacity, long startIndex) {
        this.core = new RingCore(capacity, startIndex);
        byte[] slots = new byte[capacity];
        this.producer = new ByteProducer(core, slots);
        this.consumer = new ByteConsumer(core, slots);
    }

    /**
     * Creates an empty ring that holds exactly {@code capacity} bytes.
     *
     * @param capacity the number of bytes that fit, at least 1
     * @return a new ring
     * @throws IllegalArgumentException if {@code capacity} is less than 1 or greater than {@code
     *     Integer.MAX_VALUE - 8} (the largest array the JVM reliably allocates)
     * @throws OutOfMemoryError if the heap cannot hold {@code capacity} bytes
     */
    public static ByteRingBuffer create(int capacity) {
        return new ByteRingBuffer(RingCore.checkCapacity(capacity), 0L);
    }

    /** Test hook: a ring whose indices start at {@code startIndex}, e.g. near their overflow. */
    static ByteRingBuffer create(int capacity, long startIndex) {
        return new ByteRingBuffer(RingCore.checkCapacity(capacity), startIndex);
    }

    /**
     * Returns the producing (writing) side. Every call returns the same object.
     *
     * @return the producer
     */
    public ByteProducer producer() {
        return producer;
    }

    /**
     * Returns the consuming (reading) side. Every call returns the same object.
     *
     * @return the consumer
     */
    public ByteConsumer consumer() {
        return consumer;
    }

    /**
     * Returns the number of bytes the ring holds when full, as requested at creation.
     *
     * @return the capacity
     */
    public int capacity() {
        return core.capacity;
    }

    @Override
    public String toString() {
        return "ByteRingBuffer[capacity="
                + core.capacity
                + ", occupied="
                + core.occupiedLen()
                + "]";
    }
}
