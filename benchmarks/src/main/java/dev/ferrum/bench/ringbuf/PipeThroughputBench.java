package dev.ferrum.bench.ringbuf;

import dev.ferrum.ringbuf.ByteRingBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Byte pipe throughput between two threads: Ferrum's {@code ByteRingBuffer} streams against the
 * JDK's {@code PipedOutputStream}/{@code PipedInputStream}, both with a 64 KiB buffer.
 *
 * <p>A writer thread (started in setup) writes chunks of {@link #chunk} bytes for as long as the
 * trial lasts; one benchmark operation reads one chunk's worth of bytes, so the score is chunks per
 * millisecond and the two implementations move the same bytes per operation. Teardown closes the
 * reading side, which makes the writer's next write fail and the writer exit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class PipeThroughputBench {

    private static final int PIPE_SIZE = 64 * 1024;

    @Param({"ferrum", "piped"})
    public String impl;

    /** Bytes per write, and per benchmark operation. */
    @Param({"1024", "65536"})
    public int chunk;

    private InputStream in;
    private OutputStream out;
    private Thread writer;
    private byte[] readBuf;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (impl.equals("ferrum")) {
            ByteRingBuffer ring = ByteRingBuffer.create(PIPE_SIZE);
            in = ring.consumer().inputStream();
            out = ring.producer().outputStream();
        } else if (impl.equals("piped")) {
            PipedInputStream pin = new PipedInputStream(PIPE_SIZE);
            out = new PipedOutputStream(pin);
            in = pin;
        } else {
            throw new IllegalArgumentException("unknown impl: " + impl);
        }
        readBuf = new byte[chunk];
        byte[] data = new byte[chunk];
        for (int i = 0; i < chunk; i++) {
            data[i] = (byte) i;
        }
        OutputStream o = out;
        writer =
                new Thread(
                        () -> {
                            try {
                                for (; ; ) {
                                    o.write(data, 0, data.length);
                                }
                            } catch (IOException e) {
                                // The reader closed: the trial is over.
                            }
                        },
                        "pipe-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        in.close();
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** Reads exactly one chunk's worth of bytes. */
    @Benchmark
    public int readChunk() throws IOException {
        int got = 0;
        while (got < chunk) {
            int n = in.read(readBuf, 0, chunk - got);
            if (n < 0) {
                throw new IOException("unexpected end of pipe");
            }
            got += n;
        }
        return readBuf[0];
    }
}
