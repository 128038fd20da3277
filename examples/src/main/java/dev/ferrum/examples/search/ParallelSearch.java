package dev.ferrum.examples.search;

import dev.ferrum.deque.Injector;
import dev.ferrum.deque.Steal;
import dev.ferrum.deque.Stealer;
import dev.ferrum.deque.Worker;
import dev.ferrum.sync.Backoff;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The search workers: directories are tasks on Ferrum's work-stealing deques. Each worker thread
 * owns a {@link Worker}; the root goes to a shared {@link Injector}; an idle thread takes a batch
 * from the injector or steals from another worker through its {@link Stealer}. A thread lists a
 * directory, pushes its subdirectories onto its own deque and searches its regular files itself,
 * sending each matching line to a {@link Sink}.
 *
 * <p>Symbolic links are not followed (as {@code Files.walk} without options), files whose first 8
 * KiB contain a NUL byte are counted as binary and skipped (as grep -I), text is read as UTF-8 with
 * malformed bytes replaced.
 */
final class ParallelSearch {
    private ParallelSearch() {}

    /** Where one worker thread sends its matches; closed when the thread has finished. */
    interface Sink extends AutoCloseable {
        void send(Match m) throws InterruptedException;

        @Override
        void close();
    }

    /** Counters of one search. */
    static final class Stats {
        final LongAdder files = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder binaryFiles = new LongAdder();
        final LongAdder directories = new LongAdder();
        final LongAdder matches = new LongAdder();
        final LongAdder errors = new LongAdder();
    }

    /**
     * Starts {@code threads} search threads over the tree at {@code root} and returns them; they
     * exit when the tree is exhausted or {@code cancelled} is set, each closing its sink first.
     */
    static List<Thread> start(
            Path root,
            Predicate<String> matcher,
            int threads,
            Supplier<? extends Sink> sinks,
            AtomicBoolean cancelled,
            Stats stats) {
        Injector<Path> global = new Injector<>();
        // Directories pushed and not yet fully listed: zero means the walk is over. Incremented
        // before a push, so it cannot reach zero while a directory is still queued anywhere.
        AtomicLong pending = new AtomicLong(1);
        global.push(root);
        // LIFO: a thread goes depth-first through its own subtree, while thieves take the oldest
        // entries, the directories nearest the root, which are the largest pieces of work.
        List<Worker<Path>> workers = new ArrayList<>();
        List<Stealer<Path>> stealers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Worker<Path> w = Worker.newLifo();
            workers.add(w);
            stealers.add(w.stealer());
        }
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Worker<Path> local = workers.get(i); // owned by the thread that uses it first
            Sink sink = sinks.get();
            Thread t =
                    new Thread(
                            () ->
                                    run(
                                            local, global, stealers, pending, matcher, sink,
                                            cancelled, stats),
                            "search-" + i);
            started.add(t);
        }
        started.forEach(Thread::start);
        return started;
    }

    private static void run(
            Worker<Path> local,
            Injector<Path> global,
            List<Stealer<Path>> stealers,
            AtomicLong pending,
            Predicate<String> matcher,
            Sink sink,
            AtomicBoolean cancelled,
            Stats stats) {
        try (sink) {
            Backoff backoff = new Backoff();
            while (!cancelled.get()) {
                Path dir = findTask(local, global, stealers);
                if (dir == null) {
                    if (pending.get() == 0) {
                        return; // every directory has been listed and no thread holds one
                    }
                    // Others are still listing directories that may yield work: wait politely.
                    if (backoff.isCompleted()) {
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
                    } else {
                        backoff.snooze();
                    }
                    continue;
                }
                backoff.reset();
                searchDirectory(dir, local, pending, matcher, sink, cancelled, stats);
                pending.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the printer has gone: stop quietly
        }
    }

    /** crossbeam-deque's find_task: own deque, then a batch from the injector, then a steal. */
    private static Path findTask(
            Worker<Path> local, Injector<Path> global, List<Stealer<Path>> stealers) {
        Path task = local.pop();
        if (task != null) {
            return task;
        }
        Steal<Path> s;
        do {
            s =
                    global.stealBatchAndPop(local)
                            .orElse(() -> Steal.firstOf(stealers.stream().map(Stealer::steal)));
        } while (s.isRetry()); // lost a race with another thief: look again
        return s.value();
    }

    private static void searchDirectory(
            Path dir,
            Worker<Path> local,
            AtomicLong pending,
            Predicate<String> matcher,
            Sink sink,
            AtomicBoolean cancelled,
            Stats stats)
            throws InterruptedException {
        stats.directories.increment();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (cancelled.get()) {
                    return;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, NO_FOLLOW);
                } catch (IOException e) {
                    stats.errors.increment();
                    continue;
                }
                if (a.isDirectory()) {
                    pending.incrementAndGet();
                    local.push(p); // visible to thieves at once
                } else if (a.isRegularFile()) {
                    searchFile(p, a.size(), matcher, sink, stats);
                }
            }
        } catch (IOException e) {
            stats.errors.increment(); // unreadable directory: count it and go on
        }
    }

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final int BINARY_PROBE = 8192;

    /** Searches one file line by line; returns quietly on binary or unreadable files. */
    static void searchFile(Path file, long size, Predicate<String> matcher, Sink sink, Stats stats)
            throws InterruptedException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BINARY_PROBE)) {
            in.mark(BINARY_PROBE);
            byte[] head = in.readNBytes(BINARY_PROBE);
            for (byte b : head) {
                if (b == 0) {
                    stats.binaryFiles.increment();
                    return;
                }
            }
            in.reset();
            stats.files.increment();
            stats.bytes.add(size);
            BufferedReader r =
                    new BufferedReader(
                            new InputStreamReader(
                                    in,
                                    StandardCharsets.UTF_8
                                            .newDecoder()
                                            .onMalformedInput(CodingErrorAction.REPLACE)
                                            .onUnmappableCharacter(CodingErrorAction.REPLACE)));
            long lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (matcher.test(line)) {
                    stats.matches.increment();
                    sink.send(new Match(file, lineNo, line));
                }
            }
        } catch (IOException e) {
            stats.errors.increment();
        }
    }
}
