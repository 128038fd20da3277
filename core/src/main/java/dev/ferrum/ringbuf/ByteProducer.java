package dev.ferrum.ringbuf;

import dev.ferrum.internal.Timeouts;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The producing (writing) side of a {@link ByteRingBuffer}.
 *
 * <p>All methods except {@link #vacantLen()}, {@link #capacity()} and {@link #isClosed()} are
 * owner-only: one thread for the life of the ring, the first caller becoming the owner (checked
 * with assertions enabled). As with {@link Producer}, failing to push because the ring is full or
 * the consumer has closed is a return value, and pushing after this producer's own {@link #close()}
 * throws {@link IllegalStateException}.
 *
 * <p>Memory consistency effects: actions in this thread before a byte is pushed happen-before
 * actions in the consumer after it takes that byte.
 */
public final class ByteProducer {

    private final RingCore core;
    private final byte[] slots;
    private final OwnerThread owner = new OwnerThread("ByteProducer");
    private final Out out;

    ByteProducer(RingCore core, byte[] slots) {
        this.core = core;
        this.slots = slots;
        this.out = new Out(); // after core: the stream reads the capacity
    }

    /**
     * Appends {@code b} if there is a free slot. Never blocks. Owner-only.
     *
     * @param b the byte
     * @return {@code true} if pushed; {@code false} if the ring is full or the consumer has closed
     * @throws IllegalStateException if this producer has been closed
     */
    public boolean tryPush(byte b) {
        assert owner.isCurrent() : owner.misuse();
        if (!open() || core.producerVacant(1) == 0) {
            return false;
        }
        // Plain store: published by the release store of the index in producerCommit.
        slots[core.tailSlot()] = b;
        core.producerCommit(1);
        return true;
    }

    /**
     * Appends as many bytes of {@code src[off .. off+len)} as fit and publishes them at once. Never
     * blocks. Owner-only.
     *
     * @param src the bytes
     * @param off the index of the first byte in {@code src}
     * @param len the number of bytes offered
     * @return the number pushed: {@code min(len, vacant)}, or {@code 0} if the consumer has closed
     * @throws NullPointerException if {@code src} is null
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not fit {@code src}
     * @throws IllegalStateException if this producer has been closed
     */
    public int pushSlice(byte[] src, int off, int len) {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(off, len, src.length);
        assert owner.isCurrent() : owner.misuse();
        if (len == 0 || !open()) {
            return 0;
        }
        return copyIn(src, off, Math.min(len, core.producerVacant(len)));
    }

    private int copyIn(byte[] src, int off, int n) {
        if (n == 0) {
            return 0;
        }
        int slot = core.tailSlot();
        int first = Math.min(n, core.capacity - slot);
        // Plain stores: published by the release store of the index in producerCommit.
        System.arraycopy(src, off, slots, slot, first);
        System.arraycopy(src, off + first, slots, 0, n - first);
        core.producerCommit(n);
        return n;
    }

    /**
     * Appends bytes of {@code src[off .. off+len)}, waiting until at least one fits: pushes as many
     * as fit then and returns their number. Owner-only. To write all of them, loop, or use {@link
     * #outputStream()}.
     *
     * @param src the bytes
     * @param off the index of the first byte in {@code src}
     * @param len the number of bytes offered
     * @return the number pushed, at least 1 if {@code len > 0} ({@code 0} if {@code len == 0}), or
     *     {@code -1} if the consumer has closed
     * @throws NullPointerException if {@code src} is null
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not fit {@code src}
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; nothing
     *     was pushed and the interrupt flag is cleared
     * @throws IllegalStateException if this producer has been closed
     */
    public int push(byte[] src, int off, int len) throws InterruptedException {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(off, len, src.length);
        assert owner.isCurrent() : owner.misuse();
        return push(src, off, len, 1);
    }

    /**
     * {@link #push(byte[], int, int)}, but when the ring is full, waits until {@code want} slots
     * are free (or fewer, if {@code len} is smaller) rather than one: a writer of large chunks then
     * wakes once per half ring instead of once per read, as a pipe's writer should.
     */
    private int push(byte[] src, int off, int len, int want) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        for (; ; ) {
            if (!open()) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = copyIn(src, off, Math.min(len, core.producerVacant(len)));
            if (n > 0) {
                return n;
            }
            core.await(false, Math.min(len, want), Timeouts.FOREVER);
        }
    }

    /**
     * Returns the number of free slots. A snapshot from any thread, never negative nor above the
     * capacity.
     *
     * @return the number of free slots
     */
    public int vacantLen() {
        return core.vacantLen();
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
     * Returns whether either side has been closed. Any thread may call it.
     *
     * @return {@code true} if the producer or the consumer has closed
     */
    public boolean isClosed() {
        return core.state() != 0;
    }

    /**
     * Ends the stream: the consumer reads every byte pushed before this call, then the end.
     * Idempotent. Owner-only (see {@link Producer#close()}).
     */
    public void close() {
        assert owner.isCurrent() : owner.misuse();
        core.close(RingCore.PRODUCER_CLOSED);
    }

    /**
     * Returns this producer as an {@link OutputStream}; every call returns the same stream.
     *
     * <ul>
     *   <li>{@code write} blocks until every byte is in the ring (there is no internal buffer: each
     *       byte is visible to the reader when {@code write} returns, so {@code flush()} has
     *       nothing to do).
     *   <li>{@code write} after the reader closed throws {@code IOException("Pipe closed")}; after
     *       this stream's own close, {@code IOException("Stream closed")}.
     *   <li>{@code close()} ends the stream for the reader, which first reads every byte written.
     *       Idempotent.
     *   <li>An interrupt while {@code write} waits for space throws {@link InterruptedIOException}
     *       with the interrupt flag cleared (the convention of the JDK's own {@code
     *       PipedInputStream}, and of {@code java.util.concurrent}); its {@code bytesTransferred}
     *       counts the bytes of that call already written, which the reader will receive.
     * </ul>
     *
     * <p>The stream has the producer's owner rule: it is used by one thread.
     *
     * @return the output stream of this producer
     */
    public OutputStream outputStream() {
        return out;
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
        return "ByteProducer[capacity=" + core.capacity + ", vacant=" + core.vacantLen() + "]";
    }

    /** The {@link OutputStream} view. */
    private final class Out extends OutputStream {

        /** What a blocked write waits to be free before it goes on: half the ring, at least 1. */
        private final int halfRing = (core.capacity + 1) / 2;

        @Override
        public void write(int b) throws IOException {
            if (ensureOpen() && tryPush((byte) b)) {
                return;
            }
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.requireNonNull(b, "b");
            Objects.checkFromIndexSize(off, len, b.length);
            ensureOpen();
            int done = 0;
            while (done < len) {
                int n;
                try {
                    n = push(b, off + done, len - done, halfRing);
                } catch (InterruptedException e) {
                    InterruptedIOException ie =
                            new InterruptedIOException("interrupted while writing to the pipe");
                    ie.bytesTransferred = done;
                    throw ie;
                }
                if (n < 0) {
                    throw new IOException("Pipe closed");
                }
                done += n;
            }
        }

        @Override
        public void flush() throws IOException {
            ensureOpen();
        }

        @Override
        public void close() {
            ByteProducer.this.close();
        }

        /** Throws if this side closed; returns true otherwise (for use in conditions). */
        private boolean ensureOpen() throws IOException {
            if ((core.state() & RingCore.PRODUCER_CLOSED) != 0) {
                throw new IOException("Stream closed");
            }
            return true;
        }
    }
}
