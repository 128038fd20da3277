package dev.ferrum.ringbuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte ring as a pipe: data integrity, closing from either side, interrupts, java.io rules. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BytePipeTest {

    private static final int SCALE = Integer.getInteger("ferrum.stress.scale", 1);

    // ---- data integrity ----------------------------------------------------------------------

    /** Random write and read sizes deliver exactly the reference bytes, then -1. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096})
    void randomWriteAndReadSizes_deliverTheReferenceCopy(int cap) throws Exception {
        long seed = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] data = new byte[(cap == 1 ? 50_000 : 1_000_000) * SCALE];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) rnd.nextInt();
        }
        ByteRingBuffer ring = ByteRingBuffer.create(cap);
        var writer =
                Threads.start(
                        "writer",
                        () -> {
                            SplittableRandom r = new SplittableRandom(seed + 1);
                            try (OutputStream out = ring.producer().outputStream()) {
                                int off = 0;
                                while (off < data.length) {
                                    if (r.nextInt(16) == 0) {
                                        out.write(data[off++]);
                                        continue;
                                    }
                                    int n = Math.min(r.nextInt(1, 3 * cap + 2), data.length - off);
                                    out.write(data, off, n);
                                    off += n;
                                }
                                out.flush();
                            }
                            return null;
                        });
        ByteArrayOutputStream got = new ByteArrayOutputStream(data.length);
        InputStream in = ring.consumer().inputStream();
        byte[] buf = new byte[3 * cap + 2];
        for (; ; ) {
            if (rnd.nextInt(16) == 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                got.write(b);
                continue;
            }
            int n = in.read(buf, 1, rnd.nextInt(1, buf.length));
            if (n < 0) {
                break;
            }
            assertThat(n).isPositive();
            got.write(buf, 1, n);
        }
        writer.get();
        assertThat(Arrays.equals(got.toByteArray(), data)).as("seed=%d", seed).isTrue();
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(buf, 0, 1)).isEqualTo(-1);
    }

    /**
     * The writer closes after a random prefix: the reader receives exactly that prefix and then -1,
     * every round.
     */
    @Test
    void writerClosesAtRandomPoints_readerGetsExactlyThePrefixThenEnd() throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int round = 0; round < 200 * SCALE; round++) {
            int cap = rnd.nextInt(1, 64);
            int len = rnd.nextInt(0, 300);
            byte[] data = new byte[len];
            for (int i = 0; i < len; i++) {
                data[i] = (byte) (i * 31 + round);
            }
            ByteRingBuffer ring = ByteRingBuffer.create(cap);
            var writer =
                    Threads.start(
                            "writer",
                            () -> {
                                OutputStream out = ring.producer().outputStream();
                                out.write(data);
                                out.close();
                                return null;
                            });
            byte[] got = ring.consumer().inputStream().readAllBytes();
            writer.get();
            assertThat(got).as("round %d", round).isEqualTo(data);
        }
    }

    /**
     * The reader closes at a random point: the writer's write fails with IOException("Pipe closed")
     * instead of hanging, and the reader got a prefix of the data.
     */
    @Test
    void readerClosesAtRandomPoints_writerFailsWithPipeClosed() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 200 * SCALE; round++) {
            int cap = rnd.nextInt(1, 64);
            int readBeforeClose = rnd.nextInt(0, 200);
            byte[] data = new byte[1000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            ByteRingBuffer ring = ByteRingBuffer.create(cap);
            var writer =
                    Threads.start(
                            "writer",
                            () -> {
                                try {
                                    ring.producer().outputStream().write(data);
                                    return "wrote all";
                                } catch (IOException e) {
                                    return e.getMessage();
                                }
                            });
            InputStream in = ring.consumer().inputStream();
            byte[] got = in.readNBytes(readBeforeClose);
            in.close();
            assertThat(writer.get()).as("round %d", round).isEqualTo("Pipe closed");
            assertThat(got).isEqualTo(Arrays.copyOf(data, readBeforeClose));
        }
    }

    // ---- interrupts --------------------------------------------------------------------------

    /**
     * A reader interrupted while blocked gets InterruptedIOException with the flag cleared and
     * nothing read; later reads still work.
     */
    @Test
    void read_interruptedWhileBlocked_throwsInterruptedIOException_andPipeStaysUsable()
            throws Exception {
        ByteRingBuffer ring = ByteRingBuffer.create(8);
        AtomicBoolean caught = new AtomicBoolean();
        var reader =
                Threads.start(
                        "reader",
                        () -> {
                            InputStream in = ring.consumer().inputStream();
                            try {
                                in.read(new byte[4]);
                                return "no exception";
                            } catch (InterruptedIOException e) {
                                boolean flag = Thread.currentThread().isInterrupted();
                                caught.set(true);
                                return "flag="
                                        + flag
                                        + " transferred="
                                        + e.bytesTransferred
                                        + " next="
                                        + in.read();
                            }
                        });
        reader.awaitParked();
        reader.thread().interrupt();
        Threads.awaitTrue(caught::get, "reader ignored the interrupt");
        ring.producer().outputStream().write(200);
        assertThat(reader.get()).isEqualTo("flag=false transferred=0 next=200");
    }

    /**
     * A writer interrupted while blocked for space gets InterruptedIOException whose
     * bytesTransferred counts exactly the bytes the reader then receives.
     */
    @Test
    void write_interruptedWhileBlocked_reportsBytesTransferred() throws Exception {
        ByteRingBuffer ring = ByteRingBuffer.create(4);
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        var writer =
                Threads.start(
                        "writer",
                        () -> {
                            try {
                                ring.producer().outputStream().write(data);
                                return -1;
                            } catch (InterruptedIOException e) {
                                assertThat(Thread.currentThread().isInterrupted()).isFalse();
                                ring.producer().close();
                                return e.bytesTransferred;
                            }
                        });
        writer.awaitParked();
        writer.thread().interrupt();
        int transferred = writer.get();
        assertThat(transferred).isEqualTo(4);
        byte[] got = ring.consumer().inputStream().readAllBytes();
        assertThat(got).isEqualTo(Arrays.copyOf(data, transferred));
    }

    // ---- java.io contract --------------------------------------------------------------------

    @Test
    void read_checksBounds_andZeroLengthReturnsZero() throws Exception {
        ByteRingBuffer ring = ByteRingBuffer.create(4);
        InputStream in = ring.consumer().inputStream();
        byte[] b = new byte[4];
        assertThatThrownBy(() -> in.read(b, -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> in.read(b, 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> in.read(null, 0, 1)).isInstanceOf(NullPointerException.class);
        assertThat(in.read(b, 4, 0)).isZero(); // never blocks
        OutputStream out = ring.producer().outputStream();
        assertThatThrownBy(() -> out.write(b, 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> out.write(null, 0, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void singleByteRead_returnsUnsignedValues_andMinusOneOnlyAtEnd() throws Exception {
        ByteRingBuffer ring = ByteRingBuffer.create(4);
        OutputStream out = ring.producer().outputStream();
        out.write(0xFF);
        out.write(0);
        out.write(-1); // only the low 8 bits count
        out.close();
        InputStream in = ring.consumer().inputStream();
        assertThat(in.available()).isEqualTo(3);
        assertThat(in.read()).isEqualTo(255);
        assertThat(in.read()).isEqualTo(0);
        assertThat(in.read()).isEqualTo(255);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[2])).isEqualTo(-1);
        assertThat(in.available()).isZero();
    }

    @Test
    void readerClose_makesReadAndAvailableThrow_andWriteThrowPipeClosed() throws Exception {
        ByteRingBuffer ring = ByteRingBuffer.create(4);
        InputStream in = ring.consumer().inputStream();
        OutputStream out = ring.producer().outputStream();
        out.write(1);
        in.close();
        in.close(); // idempotent
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("Stream closed");
        assertThatThrownBy(in::available).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> out.write(2))
                .isInstanceOf(IOException.class)
                .hasMessage("Pipe closed");
        assertThatThrownBy(() -> out.write(new byte[3]))
                .isInstanceOf(IOException.class)
                .hasMessage("Pipe closed");
    }

    @Test
    void writeAfterWriterClose_throwsStreamClosed() throws Exception {
        OutputStream out = ByteRingBuffer.create(4).producer().outputStream();
        out.close();
        out.close(); // idempotent
        assertThatThrownBy(() -> out.write(1))
                .isInstanceOf(IOException.class)
                .hasMessage("Stream closed");
    }

    /** A reader blocked in read wakes when another thread closes the input stream. */
    @Test
    void closeFromAnotherThread_wakesBlockedReader() throws Exception {
        ByteRingBuffer ring = ByteRingBuffer.create(4);
        var reader =
                Threads.start(
                        "reader",
                        () -> {
                            try {
                                return "read " + ring.consumer().inputStream().read();
                            } catch (IOException e) {
                                return e.getMessage();
                            }
                        });
        reader.awaitParked();
        ring.consumer().inputStream().close();
        assertThat(reader.get()).isEqualTo("Stream closed");
    }

    /** A writer blocked for space wakes and fails when the reader closes. */
    @Test
    void readerClose_wakesBlockedWriter() throws Exception {
        ByteRingBuffer ring = ByteRingBuffer.create(2);
        var writer =
                Threads.start(
                        "writer",
                        () -> {
                            try {
                                ring.producer().outputStream().write(new byte[10]);
                                return "wrote";
                            } catch (IOException e) {
                                return e.getMessage();
                            }
                        });
        writer.awaitParked();
        ring.consumer().inputStream().close();
        assertThat(writer.get()).isEqualTo("Pipe closed");
    }

    @Test
    void skip_discardsBufferedBytes() throws Exception {
        ByteRingBuffer ring = ByteRingBuffer.create(8);
        OutputStream out = ring.producer().outputStream();
        out.write(new byte[] {1, 2, 3, 4, 5});
        out.close();
        InputStream in = ring.consumer().inputStream();
        assertThat(in.skip(3)).isEqualTo(3);
        assertThat(in.read()).isEqualTo(4);
        assertThat(in.skip(10)).isEqualTo(1);
        assertThat(in.skip(10)).isZero();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void byteConsumer_peekAndTryPop_returnMinusOneWhenEmpty() {
        ByteRingBuffer ring = ByteRingBuffer.create(2);
        assertThat(ring.consumer().peek()).isEqualTo(-1);
        assertThat(ring.consumer().tryPop()).isEqualTo(-1);
        ring.producer().tryPush((byte) 0x80);
        assertThat(ring.consumer().peek()).isEqualTo(0x80);
        assertThat(ring.consumer().tryPop()).isEqualTo(0x80);
        assertThat(ring.consumer().skip(1)).isZero();
    }
}
