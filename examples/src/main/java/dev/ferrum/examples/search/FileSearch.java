package dev.ferrum.examples.search;

import dev.ferrum.channel.Channel;
import dev.ferrum.channel.DisconnectedException;
import dev.ferrum.channel.Receiver;
import dev.ferrum.channel.Select;
import dev.ferrum.channel.SelectedOperation;
import dev.ferrum.channel.Sender;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Parallel file search, in the manner of ripgrep's walker: search threads schedule directories on
 * Ferrum's work-stealing deques ({@link ParallelSearch}) and send every matching line through an
 * unbounded channel to one printer, the calling thread. The printer selects over three channels:
 * the results, a deadline ({@link Channel#after}, or {@link Channel#never} without a timeout) and a
 * cancellation channel fed by Ctrl-C; on either of the last two it tells the searchers to stop and
 * prints what they had already found.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.ferrum.examples.search.FileSearch \
 *     PATTERN [ROOT] [--regex] [--threads N] [--timeout SECONDS] [--quiet]
 * </pre>
 *
 * ROOT defaults to the running JDK's home directory. Matching lines are printed as {@code
 * path:line:text}, then a summary (files, bytes, matches, elapsed, files per second); runs longer
 * than two seconds print a progress line every second on standard error.
 */
public final class FileSearch {
    private FileSearch() {}

    /** What to search; {@code timeout} {@code null} means none. */
    record Options(Path root, String pattern, boolean regex, int threads, Duration timeout) {}

    /** What was searched and found; {@code stoppedBy} is null if the walk completed. */
    record Summary(
            long files,
            long bytes,
            long binaryFiles,
            long directories,
            long matches,
            long errors,
            Duration elapsed,
            String stoppedBy) {}

    public static void main(String[] args) throws Exception {
        String pattern = null;
        Path root = Path.of(System.getProperty("java.home"));
        boolean regex = false;
        boolean quiet = false;
        int threads = Runtime.getRuntime().availableProcessors();
        Duration timeout = null;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--regex" -> regex = true;
                case "--quiet" -> quiet = true;
                case "--threads" -> threads = Integer.parseInt(rest.remove(0));
                case "--timeout" ->
                        timeout =
                                Duration.ofMillis(
                                        (long) (Double.parseDouble(rest.remove(0)) * 1000));
                default -> {
                    if (a.startsWith("-")) {
                        usage();
                        return;
                    } else if (pattern == null) {
                        pattern = a;
                    } else {
                        root = Path.of(a);
                    }
                }
            }
        }
        if (pattern == null) {
            usage();
            return;
        }
        // Ctrl-C: ask the printer to stop the search and print its summary, then let the JVM go.
        Channel<String> interrupts = Channel.bounded(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            interrupts.sender().trySend("interrupted");
                            try {
                                done.await(2, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        Runtime.getRuntime().addShutdownHook(hook);
        PrintStream out = System.out;
        Consumer<Match> printer = quiet ? m -> {} : out::println;
        Summary s =
                run(
                        new Options(root, pattern, regex, threads, timeout),
                        printer,
                        interrupts.receiver(),
                        System.err);
        out.println(format(s, threads));
        out.flush();
        done.countDown();
    }

    private static void usage() {
        System.out.println(
                "usage: FileSearch PATTERN [ROOT] [--regex] [--threads N] [--timeout SECONDS]"
                        + " [--quiet]");
    }

    /**
     * Searches {@code o.root()} and hands every matching line to {@code printer}, on the calling
     * thread. Stops early when {@code o.timeout()} elapses or {@code cancel} delivers a message.
     */
    static Summary run(
            Options o, Consumer<Match> printer, Receiver<String> cancel, PrintStream progress)
            throws InterruptedException {
        Predicate<String> matcher =
                o.regex()
                        ? Pattern.compile(o.pattern()).asPredicate()
                        : s -> s.contains(o.pattern());
        long start = System.nanoTime();
        ParallelSearch.Stats stats = new ParallelSearch.Stats();
        AtomicBoolean stop = new AtomicBoolean();

        // Unbounded: a searcher never waits for the printer, so a slow terminal does not stall the
        // walk. Each searcher gets its own Sender clone and closes it when it finishes.
        Channel<Match> results = Channel.unbounded();
        List<Thread> searchers =
                ParallelSearch.start(
                        o.root(),
                        matcher,
                        o.threads(),
                        () -> sink(results.sender().clone()),
                        stop,
                        stats);
        // Only the searchers' clones remain: when the last searcher finishes, the channel
        // disconnects, and the printer's receive throws DisconnectedException after the last match.
        results.sender().close();
        Receiver<Match> rx = results.receiver();
        Receiver<Instant> deadline =
                o.timeout() == null ? Channel.never() : Channel.after(o.timeout());

        Select select = new Select();
        int onMatch = select.recv(rx);
        int onDeadline = select.recv(deadline);
        int onCancel = select.recv(cancel);
        String stoppedBy = null;
        long second = TimeUnit.SECONDS.toNanos(1);
        long nextProgress = start + 2 * second; // quiet for the first two seconds
        while (stoppedBy == null) {
            long now = System.nanoTime();
            if (now - nextProgress >= 0) {
                printProgress(progress, stats, start);
                nextProgress = now + second;
            }
            // Wait for a match, the deadline or a cancellation, but no longer than the next
            // progress line is due.
            SelectedOperation op = select.select(Duration.ofNanos(nextProgress - now));
            if (op == null) {
                continue; // time for a progress line
            } else if (op.index() == onMatch) {
                try {
                    printer.accept(op.recv(rx));
                } catch (DisconnectedException e) {
                    break; // every searcher has finished and every match was printed
                }
            } else if (op.index() == onDeadline) {
                op.recv(deadline);
                stoppedBy = "timeout after " + o.timeout().toMillis() + " ms";
            } else {
                stoppedBy = op.recv(cancel);
            }
        }
        if (stoppedBy != null) {
            stop.set(true); // searchers check it between files and directories
            for (Match m : rx) { // drains what was sent before they stopped, ends at disconnection
                printer.accept(m);
            }
        }
        for (Thread t : searchers) {
            t.join();
        }
        rx.close();
        return new Summary(
                stats.files.sum(),
                stats.bytes.sum(),
                stats.binaryFiles.sum(),
                stats.directories.sum(),
                stats.matches.sum(),
                stats.errors.sum(),
                Duration.ofNanos(System.nanoTime() - start),
                stoppedBy);
    }

    private static ParallelSearch.Sink sink(Sender<Match> tx) {
        return new ParallelSearch.Sink() {
            @Override
            public void send(Match m) throws InterruptedException {
                tx.send(m); // unbounded: never waits
            }

            @Override
            public void close() {
                tx.close();
            }
        };
    }

    private static void printProgress(PrintStream out, ParallelSearch.Stats s, long start) {
        out.printf(
                Locale.ROOT,
                "  %5.1fs  %,d files  %,.1f MB  %,d matches%n",
                (System.nanoTime() - start) / 1e9,
                s.files.sum(),
                s.bytes.sum() / 1e6,
                s.matches.sum());
    }

    static String format(Summary s, int threads) {
        double secs = s.elapsed().toNanos() / 1e9;
        return String.format(
                Locale.ROOT,
                "%,d files (%,.1f MB) in %,d directories, %,d binary files skipped, %,d errors:"
                        + " %,d matches in %.3f s, %,.0f files/s on %d threads%s",
                s.files(),
                s.bytes() / 1e6,
                s.directories(),
                s.binaryFiles(),
                s.errors(),
                s.matches(),
                secs,
                s.files() / secs,
                threads,
                s.stoppedBy() == null ? "" : " (stopped: " + s.stoppedBy() + ")");
    }
}
