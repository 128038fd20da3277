package dev.ferrum.ringbuf;

import dev.ferrum.internal.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;

/**
 * The consuming (reading) side of a {@link ByteRingBuffer}.
 *
 * <p>All methods except {@link #occupiedLen()}, {@link #capacity()}, {@link #isClosed()} and {@link
 * #close()} are owner-only: one thread for the life of the ring, the first caller becoming the
 * owner (checked with assertions enabled). Single bytes are returned as {@code int} values {@code 0
 * .. 255}, with {@code -1} for "none", as in {@link InputStream#read()}; the blocking {@link
 * #pop(byte[], int, int)} returns {@code -1} only at the end of the stream (the producer closed and
 * every byte was read, or this consumer closed).
 *
 * <p>Memory consistency effects: actions in the producer before it pushes a byte happen-before
 * actions in this thread after it takes that byte.
 */
public final class ByteConsumer {

    private final RingCore core;
    private final byte[] slots;
    private final OwnerThread owner = new OwnerThread("ByteConsumer");
    private final In in = new In();

    ByteConsumer(RingCore core, byte[] slots) {
        this.core = core;
        this.slots = slots;
    }

    /**
     * Takes the oldest byte, if there is one. Never blocks. Owner-only.
     *
     * @return the byte as a value {@code 0 .. 255}, or {@code -1} if the ring is empty or this
     *     consumer is closed
     */
    public int tryPop() {
        assert owner.isCurrent() : owner.misuse();
        if (core.consumerOccupied(1) == 0 || consumerClosed()) {
            return -1;
        }
        int b = slots[core.headSlot()] & 0xFF;
        core.consumerCommit(1);
        return b;
    }

    /**
     * Returns the oldest byte without taking it. Never blocks. Owner-only.
     *
     * @return the byte as a value {@code 0 .. 255}, or {@code -1} if the ring is empty or this
     *     consumer is closed
     */
    public int peek() {
        assert owner.isCurrent() : owner.misuse();
        if (core.consumerOccupied(1) == 0 || consumerClosed()) {
            return -1;
        }
        return slots[core.headSlot()] & 0xFF;
    }

    /**
     * Takes up to {@code len} of the oldest bytes into {@code dst[off ..]} and frees their slots at
     * once. Never blocks; writes nothing to {@code dst} past the bytes taken. Owner-only.
     *
     * @param dst where to put the bytes
     * @param off the index in {@code dst} of the first byte
     * @param len the most bytes to take
     * @return the number taken: {@code min(len, occupied)}, or {@code 0} if this consumer is closed
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not fit {@code dst}
     */
    public int popSlice(byte[] dst, int off, int len) {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(off, len, dst.length);
        assert owner.isCurrent() : owner.misuse();
        if (len == 0 || consumerClosed()) {
            return 0;
        }
        return copyOut(dst, off, Math.min(len, core.consumerOccupied(len)));
    }

    private int copyOut(byte[] dst, int off, int n) {
        if (n == 0) {
            return 0;
        }
        int slot = core.headSlot();
        int first = Math.min(n, core.capacity - slot);
        System.arraycopy(slots, slot, dst, off, first);
        System.arraycopy(slots, 0, dst, off + first, n - first);
        core.consumerCommit(n);
        return n;
    }

    /**
     * Takes up to {@code len} bytes into {@code dst[off ..]}, waiting until at least one is there
     * or the stream ends. Owner-only.
     *
     * @param dst where to put the bytes
     * @param off the index in {@code dst} of the first byte
     * @param len the most bytes to take
     * @return the number taken, at least 1 if {@code len > 0} ({@code 0} if {@code len == 0}); or
     *     {@code -1} at the end of the stream: the producer closed and every byte was taken, or
     *     this consumer closed
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not fit {@code dst}
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; nothing
     *     was taken and the interrupt flag is cleared
     */
    public int pop(byte[] dst, int off, int len) throws InterruptedException {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(off, len, dst.length);
        assert owner.isCurrent() : owner.misuse();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (len == 0) {
            return 0;
        }
        for (; ; ) {
            if (consumerClosed()) {
                return -1;
            }
            int n = copyOut(dst, off, Math.min(len, core.consumerOccupied(len)));
            if (n > 0) {
                return n;
            }
            if (core.await(true, 1, Timeouts.FOREVER) == RingCore.CLOSED) {
                // CLOSED is reported only when nothing is left, and nothing can arrive later.
                return -1;
            }
        }
    }

    /**
     * Discards up to {@code n} of the oldest bytes. Never blocks. Owner-only.
     *
     * @param n the most bytes to discard
     * @return the number discarded: {@code min(n, occupied)}
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public int skip(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: n=" + n);
        }
        assert owner.isCurrent() : owner.misuse();
        int k = Math.min(n, core.consumerOccupied(n));
        if (k > 0) {
            core.consumerCommit(k);
        }
        return k;
    }

    /**
     * Returns the number of bytes in the ring. A snapshot from any thread, never negative nor above
     * the capacity.
     *
     * @return the number of buffered bytes
     */
    public int occupiedLen() {
        return core.occupiedLen();
    }

    /**
     * Returns the capacity of the ring.
     *
     * @return the number of bytes the ring holds when full
     */
    public int capacity() {
        return core.capacity;
    }

    /**
     * Returns whether either side has been closed; bytes may still be buffered. Any thread may call
     * it.
     *
     * @return {@code true} if the producer or the consumer has closed
     */
    public boolean isClosed() {
        return core.state() != 0;
    }

    /**
     * Returns whether the stream has ended for this consumer: the producer closed and no byte is
     * left, or this consumer closed. Owner-only.
     *
     * @return {@code true} at the end of the stream
     */
    public boolean isFinished() {
        assert owner.isCurrent() : owner.misuse();
        int st = core.state();
        if ((st & RingCore.CONSUMER_CLOSED) != 0) {
            return true;
        }
        return (st & RingCore.PRODUCER_CLOSED) != 0 && core.consumerOccupied(1) == 0;
    }

    /**
     * Stops reading: writes fail at once from now on (a writer waiting for space wakes and fails),
     * and this consumer delivers nothing more. Idempotent. Any thread may call it, for example to
     * abort a reader blocked in {@link #pop(byte[], int, int)}, which then returns {@code -1}.
     */
    public void close() {
        core.close(RingCore.CONSUMER_CLOSED);
    }

    /**
     * Returns this consumer as an {@link InputStream}; every call returns the same stream.
     *
     * <ul>
     *   <li>{@code read} blocks until at least one byte is there or the stream ends; it returns
     *       {@code -1} only after every byte written before the writer's close has been read.
     *   <li>{@code available()} is the number of bytes buffered now (a snapshot).
     *   <li>{@code close()} may be called from any thread; afterwards the writer's {@code write}
     *       throws {@code IOException("Pipe closed")} and this stream's {@code read} and {@code
     *       available} throw {@code IOException("Stream closed")}; a {@code read} blocked at that
     *       moment wakes and throws the same.
     *   <li>An interrupt while {@code read} waits throws {@link InterruptedIOException} with the
     *       interrupt flag cleared and nothing read (as the JDK's {@code PipedInputStream} does,
     *       and as {@code java.util.concurrent} treats interrupts).
     * </ul>
     *
     * <p>The stream has the consumer's owner rule: it is read by one thread.
     *
     * @return the input stream of this consumer
     */
    public InputStream inputStream() {
        return in;
    }

    private boolean consumerClosed() {
        return (core.state() & RingCore.CONSUMER_CLOSED) != 0;
    }

    @Override
    public String toString() {
        return "ByteConsumer[capacity=" + core.capacity + ", occupied=" + core.occupiedLen() + "]";
    }

    /** The {@link InputStream} view. */
    private final class In extends InputStream {

        @Override
        public int read() throws IOException {
            ensureOpen();
            int b = tryPop();
            if (b >= 0) {
                return b;
            }
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.requireNonNull(b, "b");
            Objects.checkFromIndexSize(off, len, b.length);
            ensureOpen();
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                n = pop(b, off, len);
            } catch (InterruptedException e) {
                throw new InterruptedIOException("interrupted while reading from the pipe");
            }
            if (n < 0) {
                ensureOpen(); // closed by another thread while waiting: not an end of stream
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            ensureOpen();
            if (n <= 0) {
                return 0;
            }
            int k = ByteConsumer.this.skip((int) Math.min(n, Integer.MAX_VALUE));
            // Nothing buffered: fall back to reading (and so waiting), as InputStream does.
            return k > 0 ? k : super.skip(n);
        }

        @Override
        public int available() throws IOException {
            ensureOpen();
            return core.occupiedLen();
        }

        @Override
        public void close() {
            ByteConsumer.this.close();
        }

        private void ensureOpen() throws IOException {
            if (consumerClosed()) {
                throw new IOException("Stream closed");
            }
        }
    }
}
