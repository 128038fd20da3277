package dev.ferrum.examples.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrum.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileSearchTest {
    private static final long SEED = 20261203L;

    @TempDir static Path tree;

    /** A seeded random tree: nested directories, text files, a binary file, a symlink loop. */
    @BeforeAll
    static void generateTree() throws IOException {
        Random rnd = new Random(SEED);
        String[] words = {"alpha", "beta", "needle", "gamma", "Needle", "needles", "delta", "x"};
        List<Path> dirs = new ArrayList<>(List.of(tree));
        for (int i = 0; i < 300; i++) {
            Path parent = dirs.get(rnd.nextInt(dirs.size()));
            dirs.add(Files.createDirectory(parent.resolve("d" + i)));
        }
        for (int i = 0; i < 1500; i++) {
            StringBuilder text = new StringBuilder();
            int lines = rnd.nextInt(60);
            for (int l = 0; l < lines; l++) {
                for (int w = rnd.nextInt(8); w > 0; w--) {
                    text.append(words[rnd.nextInt(words.length)]).append(' ');
                }
                text.append(rnd.nextBoolean() ? "\n" : "\r\n");
            }
            Path dir = dirs.get(rnd.nextInt(dirs.size()));
            Files.writeString(dir.resolve("f" + i + ".txt"), text, StandardCharsets.UTF_8);
        }
        byte[] binary = "needle\0needle\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dirs.get(7).resolve("blob.bin"), binary);
        try {
            Files.createSymbolicLink(dirs.get(9).resolve("loop"), tree); // not followed
        } catch (UnsupportedOperationException | IOException e) {
            // no symlinks here: the tree is still a valid test without one
        }
    }

    /**
     * The reference: a sequential Files.walk (links not followed), text files only (no NUL in the
     * first 8 KiB), every matching line as path:line:text.
     */
    private static List<String> reference(Pattern p) throws IOException {
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(tree)) {
            files = s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            boolean binary = false;
            for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
                binary |= bytes[i] == 0;
            }
            if (binary) {
                continue;
            }
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    out.add(f + ":" + (i + 1) + ":" + lines.get(i));
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    /**
     * With any number of threads, the parallel search finds exactly the matches of the sequential
     * reference: none lost, none duplicated.
     */
    @ParameterizedTest(name = "{0} threads, pattern {1}, regex {2}")
    @CsvSource({
        "1, needle, false",
        "2, needle, false",
        "4, needle, false",
        "3, '^(beta|Needle) .*x', true"
    })
    @Timeout(30)
    void run_findsExactlyTheMatchesOfASequentialWalk(int threads, String pattern, boolean regex)
            throws Exception {
        List<String> found = Collections.synchronizedList(new ArrayList<>());
        FileSearch.Summary s =
                FileSearch.run(
                        new FileSearch.Options(tree, pattern, regex, threads, null),
                        m -> found.add(m.toString()),
                        Channel.<String>never(),
                        quiet());

        List<String> expected =
                reference(
                        regex ? Pattern.compile(pattern) : Pattern.compile(Pattern.quote(pattern)));
        assertThat(expected).hasSizeGreaterThan(100);
        Collections.sort(found);
        assertThat(found).as("seed %d", SEED).isEqualTo(expected);
        assertThat(s.stoppedBy()).isNull();
        assertThat(s.matches()).isEqualTo(expected.size());
        assertThat(s.files()).isEqualTo(1500);
        assertThat(s.binaryFiles()).isEqualTo(1);
        assertThat(s.directories()).isEqualTo(301);
    }

    /**
     * A cancellation message stops the search: the printer selects it, the searchers stop, and the
     * summary says why; what was printed is a subset of the reference, without duplicates.
     */
    @Test
    @Timeout(30)
    void run_whenCancelled_stopsAndReportsWhy() throws Exception {
        Channel<String> cancel = Channel.bounded(1);
        cancel.sender().send("cancelled by test"); // already due: the first select may take it
        List<String> found = new ArrayList<>();

        FileSearch.Summary s =
                FileSearch.run(
                        new FileSearch.Options(tree, "needle", false, 2, null),
                        m -> found.add(m.toString()),
                        cancel.receiver(),
                        quiet());

        List<String> expected = reference(Pattern.compile("needle"));
        assertThat(expected).containsAll(found);
        assertThat(found).doesNotHaveDuplicates();
        if (s.stoppedBy() != null) {
            assertThat(s.stoppedBy()).isEqualTo("cancelled by test");
        } else {
            // The select chose among ready arms at random and the walk finished first: complete.
            assertThat(found).hasSameSizeAs(expected);
        }
    }

    /** A zero timeout is due at once: the search stops early and says it timed out. */
    @Test
    @Timeout(30)
    void run_withZeroTimeout_stopsByTimeout() throws Exception {
        List<String> found = new ArrayList<>();
        FileSearch.Summary s =
                FileSearch.run(
                        new FileSearch.Options(tree, "needle", false, 2, Duration.ZERO),
                        m -> found.add(m.toString()),
                        Channel.<String>never(),
                        quiet());

        assertThat(reference(Pattern.compile("needle"))).containsAll(found);
        assertThat(s.stoppedBy()).startsWith("timeout");
        assertThat(FileSearch.format(s, 2)).contains("stopped: timeout").contains("files/s");
    }

    /** A run that lasts over two seconds (a slow printer here) prints progress lines. */
    @Test
    @Timeout(30)
    void run_longerThanTwoSeconds_printsProgress() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<String> found = new ArrayList<>();

        FileSearch.run(
                new FileSearch.Options(tree, "needle", false, 2, null),
                m -> {
                    if (found.isEmpty()) {
                        sleepUninterruptibly(2500); // a terminal that stalls once
                    }
                    found.add(m.toString());
                },
                Channel.<String>never(),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(found).hasSameSizeAs(reference(Pattern.compile("needle")));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("files").contains("matches");
    }

    private static void sleepUninterruptibly(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
