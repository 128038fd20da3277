package dev.ferrum.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HashPipelineTest {
    private static final long SEED = 0x5eedL;

    /**
     * Streaming a file through the ring yields the digest of the file, whatever the ring's size
     * relative to the chunks (a 7-byte ring wraps around on nearly every push).
     */
    @ParameterizedTest(name = "{0} bytes through a {1}-byte ring")
    @CsvSource({"0, 16", "1, 1", "200003, 7", "3000017, 4096", "8388608, 65536"})
    @Timeout(30)
    void throughRing_digestEqualsDirectMessageDigest(int size, int capacity, @TempDir Path dir)
            throws Exception {
        Path file = randomFile(dir, size);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        AtomicLong hashed = new AtomicLong();

        long total = HashPipeline.throughRing(file, md, capacity, hashed);

        assertThat(total).isEqualTo(size);
        assertThat(md.digest())
                .as("seed %d", SEED)
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** The JDK pipe used for comparison computes the same digest too. */
    @Test
    @Timeout(30)
    void throughPiped_digestEqualsDirectMessageDigest(@TempDir Path dir) throws Exception {
        Path file = randomFile(dir, 1_000_003);
        MessageDigest md = MessageDigest.getInstance("SHA-256");

        HashPipeline.throughPiped(file, md, 4096, new AtomicLong());

        assertThat(md.digest())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /**
     * The program on its default input, the running JDK's lib/modules: both pipes give the digest
     * of a direct MessageDigest, and the report shows both pipes' MB/s.
     */
    @Test
    @Timeout(60)
    void compare_onTheJdkModulesFile_reportsAgreeingDigests() throws Exception {
        Path modules = Path.of(System.getProperty("java.home"), "lib", "modules");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        boolean ok =
                HashPipeline.compare(
                        modules,
                        "SHA-256",
                        64 * 1024,
                        1,
                        new PrintStream(log, true, StandardCharsets.UTF_8));

        String report = log.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(report).isTrue();
        assertThat(report)
                .contains("digests agree")
                .contains("ferrum ByteRingBuffer")
                .contains("java.io.PipedInputStream")
                .contains("MB/s");
    }

    /** The CRC32C option computes the same value as java.util.zip.CRC32C over the file. */
    @Test
    @Timeout(30)
    void throughRing_withCrc32c_equalsTheChecksumOfTheFile(@TempDir Path dir) throws Exception {
        Path file = randomFile(dir, 2_000_001);
        MessageDigest md = HashPipeline.digest("CRC32C");

        HashPipeline.throughRing(file, md, 65536, new AtomicLong());

        CRC32C crc = new CRC32C();
        crc.update(Files.readAllBytes(file));
        assertThat(md.digest())
                .isEqualTo(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static Path randomFile(Path dir, int size) throws Exception {
        byte[] data = new byte[size];
        new Random(SEED + size).nextBytes(data);
        Path file = dir.resolve("data-" + size + ".bin");
        Files.write(file, data);
        return file;
    }
}
