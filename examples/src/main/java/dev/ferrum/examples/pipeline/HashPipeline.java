package dev.ferrum.examples.pipeline;

import dev.ferrum.ringbuf.ByteConsumer;
import dev.ferrum.ringbuf.ByteProducer;
import dev.ferrum.ringbuf.ByteRingBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

/**
 * Pipeline: a reader thread streams a file through a byte pipe to a hashing thread, which prints
 * the digest and the throughput. The same pipeline runs on Ferrum's {@link ByteRingBuffer} and on
 * the JDK's {@link PipedInputStream} with the same capacity, and both digests are checked against a
 * direct {@link MessageDigest} of the file.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.ferrum.examples.pipeline.HashPipeline \
 *     [FILE] [--algorithm SHA-256|CRC32C|...] [--pipe-kib 64] [--rounds 3]
 * </pre>
 *
 * The default file is the running JDK's {@code lib/modules} (over 100 MB on most JDKs). With
 * SHA-256 the hashing thread is the bottleneck; {@code --algorithm CRC32C} makes the pipe itself
 * the bottleneck.
 */
public final class HashPipeline {
    private HashPipeline() {}

    /** The two pipes being compared. */
    enum Pipe {
        FERRUM("ferrum ByteRingBuffer"),
        JDK("java.io.PipedInputStream");

        final String label;

        Pipe(String label) {
            this.label = label;
        }
    }

    /** One pipeline run: the digest, the bytes hashed and the elapsed nanoseconds. */
    record Result(byte[] digest, long bytes, long nanos) {
        double megabytesPerSecond() {
            return bytes / 1e6 / (nanos / 1e9);
        }
    }

    private static final int CHUNK = 64 * 1024;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(System.getProperty("java.home"), "lib", "modules");
        String algorithm = "SHA-256";
        int pipeBytes = 64 * 1024;
        int rounds = 3;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--algorithm" -> algorithm = rest.remove(0);
                case "--pipe-kib" -> pipeBytes = Integer.parseInt(rest.remove(0)) * 1024;
                case "--rounds" -> rounds = Integer.parseInt(rest.remove(0));
                case "-h", "--help" -> {
                    System.out.println(
                            "usage: HashPipeline [FILE] [--algorithm SHA-256|CRC32C] [--pipe-kib 64]"
                                    + " [--rounds 3]");
                    return;
                }
                default -> file = Path.of(a);
            }
        }
        boolean ok = compare(file, algorithm, pipeBytes, rounds, System.out);
        if (!ok) {
            System.exit(1);
        }
    }

    /**
     * Hashes {@code file} directly, then {@code rounds} times through each pipe (alternating),
     * prints each pipe's best MB/s, and returns whether every digest equals the direct one.
     */
    static boolean compare(Path file, String algorithm, int pipeBytes, int rounds, PrintStream out)
            throws IOException, InterruptedException, NoSuchAlgorithmException {
        long size = Files.size(file);
        out.printf(
                Locale.ROOT,
                "%s: %,d bytes, %s, %d KiB pipe, best of %d%n",
                file,
                size,
                algorithm,
                pipeBytes / 1024,
                rounds);
        Result direct = direct(file, algorithm);
        for (int round = 1; round < rounds; round++) { // warmed up, like the pipes
            Result again = direct(file, algorithm);
            direct = again.nanos() < direct.nanos() ? again : direct;
        }
        String expected = HexFormat.of().formatHex(direct.digest());
        out.printf(
                Locale.ROOT,
                "  %-26s %s  %,8.1f MB/s (one thread, no pipe)%n",
                "direct MessageDigest",
                expected,
                direct.megabytesPerSecond());
        boolean ok = true;
        Result[] best = new Result[Pipe.values().length];
        for (int round = 0; round < rounds; round++) {
            for (Pipe p : Pipe.values()) {
                Result r = run(p, file, algorithm, pipeBytes, out);
                ok &= Arrays.equals(r.digest(), direct.digest());
                if (best[p.ordinal()] == null || r.nanos() < best[p.ordinal()].nanos()) {
                    best[p.ordinal()] = r;
                }
            }
        }
        for (Pipe p : Pipe.values()) {
            Result r = best[p.ordinal()];
            String digest = HexFormat.of().formatHex(r.digest());
            out.printf(
                    Locale.ROOT,
                    "  %-26s %s  %,8.1f MB/s%s%n",
                    p.label,
                    digest,
                    r.megabytesPerSecond(),
                    digest.equals(expected) ? "" : "  DIGEST MISMATCH");
        }
        out.println(ok ? "digests agree" : "DIGESTS DIFFER");
        return ok;
    }

    /**
     * {@link MessageDigest#getInstance}, plus {@code CRC32C}: a checksum so cheap that the pipe,
     * not the hash, limits the throughput (SHA-256 runs at about 1 GB/s on one core, which caps
     * both pipes alike).
     */
    static MessageDigest digest(String algorithm) throws NoSuchAlgorithmException {
        return algorithm.equalsIgnoreCase("CRC32C")
                ? new Crc32cDigest()
                : MessageDigest.getInstance(algorithm);
    }

    /** CRC32C as a 4-byte, big-endian MessageDigest. */
    private static final class Crc32cDigest extends MessageDigest {
        private final CRC32C crc = new CRC32C();

        Crc32cDigest() {
            super("CRC32C");
        }

        @Override
        protected void engineUpdate(byte input) {
            crc.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            crc.update(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            int v = (int) crc.getValue();
            crc.reset();
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }

        @Override
        protected void engineReset() {
            crc.reset();
        }
    }

    /** The reference: the file hashed on one thread, no pipe. */
    static Result direct(Path file, String algorithm) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = digest(algorithm);
        long start = System.nanoTime();
        long total = 0;
        byte[] buf = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                total += n;
            }
        }
        return new Result(md.digest(), total, System.nanoTime() - start);
    }

    /** Runs the pipeline once on the given pipe; progress lines go to {@code out}. */
    static Result run(Pipe pipe, Path file, String algorithm, int pipeBytes, PrintStream out)
            throws IOException, InterruptedException, NoSuchAlgorithmException {
        MessageDigest md = digest(algorithm);
        AtomicLong hashed = new AtomicLong();
        Progress progress = new Progress(pipe.label, hashed, Files.size(file), out);
        long start = System.nanoTime();
        progress.start();
        try {
            long total =
                    pipe == Pipe.FERRUM
                            ? throughRing(file, md, pipeBytes, hashed)
                            : throughPiped(file, md, pipeBytes, hashed);
            return new Result(md.digest(), total, System.nanoTime() - start);
        } finally {
            progress.interrupt();
            progress.join();
        }
    }

    /** The Ferrum pipeline: the calling thread hashes while a reader thread fills the ring. */
    static long throughRing(Path file, MessageDigest md, int capacity, AtomicLong hashed)
            throws InterruptedException, IOException {
        ByteRingBuffer ring = ByteRingBuffer.create(capacity);
        ByteProducer producer = ring.producer(); // owned by the reader thread, its first user
        ByteConsumer consumer = ring.consumer(); // owned by this thread
        AtomicReference<IOException> readFailure = new AtomicReference<>();
        Thread reader =
                new Thread(
                        () -> {
                            // The producer as an OutputStream: write() blocks while the ring
                            // is full, and then waits for half of it to drain before going on,
                            // so the two threads hand over large blocks instead of a few bytes.
                            // Closing it ends the stream: the consumer gets every byte written
                            // before, then -1. If the hashing side closed first, write() throws.
                            try (InputStream in = Files.newInputStream(file);
                                    OutputStream out = producer.outputStream()) {
                                byte[] buf = new byte[CHUNK];
                                for (int n; (n = in.read(buf)) > 0; ) {
                                    out.write(buf, 0, n);
                                }
                            } catch (IOException e) {
                                readFailure.set(e);
                            }
                        },
                        "reader");
        reader.start();
        long total = 0;
        byte[] buf = new byte[CHUNK];
        try {
            for (int n; (n = consumer.pop(buf, 0, buf.length)) > 0; ) {
                md.update(buf, 0, n);
                total += n;
                hashed.lazySet(total); // progress only: a late value is fine
            }
        } finally {
            consumer.close(); // if we fail, the reader's next write fails instead of waiting
            reader.join();
        }
        if (readFailure.get() != null) {
            throw readFailure.get();
        }
        return total;
    }

    /** The same pipeline on PipedOutputStream/PipedInputStream, for comparison. */
    static long throughPiped(Path file, MessageDigest md, int capacity, AtomicLong hashed)
            throws InterruptedException, IOException {
        PipedInputStream in = new PipedInputStream(capacity);
        PipedOutputStream pipeOut = new PipedOutputStream(in);
        AtomicReference<IOException> readFailure = new AtomicReference<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (InputStream src = Files.newInputStream(file);
                                    PipedOutputStream o = pipeOut) {
                                byte[] buf = new byte[CHUNK];
                                for (int n; (n = src.read(buf)) > 0; ) {
                                    o.write(buf, 0, n);
                                }
                            } catch (IOException e) {
                                readFailure.set(e);
                            }
                        },
                        "reader");
        reader.start();
        long total = 0;
        byte[] buf = new byte[CHUNK];
        try (in) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                total += n;
                hashed.lazySet(total);
            }
        } finally {
            reader.join();
        }
        if (readFailure.get() != null) {
            throw readFailure.get();
        }
        return total;
    }

    /** Prints a progress line every second, from the first second on; stopped by interrupt. */
    private static final class Progress extends Thread {
        private final String label;
        private final AtomicLong hashed;
        private final long size;
        private final PrintStream out;

        Progress(String label, AtomicLong hashed, long size, PrintStream out) {
            super("progress");
            setDaemon(true);
            this.label = label;
            this.hashed = hashed;
            this.size = size;
            this.out = out;
        }

        @Override
        public void run() {
            try {
                for (int s = 1; ; s++) {
                    Thread.sleep(1000);
                    long h = hashed.get();
                    out.printf(
                            Locale.ROOT,
                            "    %s: %ds, %,d of %,d bytes (%.0f%%)%n",
                            label,
                            s,
                            h,
                            size,
                            100.0 * h / Math.max(size, 1));
                }
            } catch (InterruptedException e) {
                // finished
            }
        }
    }
}
