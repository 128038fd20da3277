package dev.ferrum.examples.routing;

import dev.ferrum.swap.ArcSwap;
import dev.ferrum.swap.Guard;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hot-reloaded routing table: request threads route through a table of backends held in an {@link
 * ArcSwap}, while a reloader thread replaces the table whenever its file changes. A replaced
 * table's backends are closed only after the last request that was routed through it has finished,
 * so no request ever runs on a closed backend, and no request thread ever waits for a reload.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.ferrum.examples.routing.HotReloadRouter \
 *     [TABLE_FILE] [--threads N] [--seconds S] [--edit-every MS]
 * </pre>
 *
 * Without a file, the program writes a sample table to a temporary file and rewrites it every
 * {@code --edit-every} milliseconds (default 100), so reloads happen while requests flow. With a
 * file, edit it yourself while the program runs (format in {@link RoutingTable}); a file that does
 * not parse is reported and the current table stays.
 */
public final class HotReloadRouter {
    private HotReloadRouter() {}

    /** The paths the simulated clients request. */
    private static final String[] PATHS = {
        "/api/users/42",
        "/api/orders",
        "/static/app.js",
        "/static/logo.png",
        "/",
        "/index.html",
        "/api/search?q=ferrum",
        "/health"
    };

    /** What to run: {@code editEvery} zero means nobody rewrites the file but the user. */
    record Options(Path table, int threads, Duration duration, Duration editEvery, Duration poll) {}

    /**
     * What happened; {@code firstViolation} is {@code null} when no request used a closed backend.
     */
    record Result(
            long requests,
            long reloads,
            long rejectedReloads,
            long closedBackendUses,
            long backendsOpened,
            long backendsClosed,
            Duration elapsed,
            String firstViolation) {}

    public static void main(String[] args) throws Exception {
        Path table = null;
        int threads = Runtime.getRuntime().availableProcessors();
        double seconds = 5;
        long editMs = -1;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--threads" -> threads = Integer.parseInt(rest.remove(0));
                case "--seconds" -> seconds = Double.parseDouble(rest.remove(0));
                case "--edit-every" -> editMs = Long.parseLong(rest.remove(0));
                case "-h", "--help" -> {
                    System.out.println(
                            "usage: HotReloadRouter [TABLE_FILE] [--threads N] [--seconds S]"
                                    + " [--edit-every MS]");
                    return;
                }
                default -> table = Path.of(a);
            }
        }
        if (table == null) {
            table = Files.createTempFile("routes", ".txt");
            table.toFile().deleteOnExit();
            writeAtomically(table, sampleTable(0));
            if (editMs < 0) {
                editMs = 100;
            }
            System.out.println("table file: " + table + " (rewritten every " + editMs + " ms)");
        }
        Options o =
                new Options(
                        table,
                        threads,
                        Duration.ofMillis((long) (seconds * 1000)),
                        Duration.ofMillis(Math.max(editMs, 0)),
                        Duration.ofMillis(10));
        Result r = run(o, System.out);
        if (r.closedBackendUses() != 0) {
            System.exit(1);
        }
    }

    /** Runs the router for {@code o.duration()}, printing a progress line every second to out. */
    static Result run(Options o, PrintStream out) throws InterruptedException, IOException {
        Metrics m = new Metrics();
        // The swap owns each table: a replaced table is closed exactly once, by whichever thread
        // drops the last pin on it (the reloader, if no request held it; else that request).
        ArcSwap<RoutingTable> tables =
                ArcSwap.ofCloseable(
                        RoutingTable.parse(
                                Files.readString(o.table(), StandardCharsets.UTF_8), 0, m));
        AtomicReference<String> firstViolation = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + o.duration().toNanos();
        for (int i = 0; i < o.threads(); i++) {
            threads.add(start("request-" + i, () -> serve(tables, m, end, firstViolation)));
        }
        threads.add(start("reloader", () -> reload(o, tables, m, end, out)));
        if (!o.editEvery().isZero()) {
            threads.add(start("editor", () -> edit(o, end)));
        }

        long lastRequests = 0;
        long lastTick = start;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            long sleep = Math.min(TimeUnit.SECONDS.toNanos(1), end - now);
            TimeUnit.NANOSECONDS.sleep(Math.max(sleep, 0));
            now = System.nanoTime();
            long req = m.requests.sum();
            double rate = (req - lastRequests) / ((now - lastTick) / 1e9);
            out.printf(
                    Locale.ROOT,
                    "%5.1fs  %,13.0f requests/s  %,6d reloads  %,3d backends open"
                            + "  %d closed-backend uses%n",
                    (now - start) / 1e9,
                    rate,
                    m.reloads.sum(),
                    m.openBackends(),
                    m.closedBackendUses.sum());
            lastRequests = req;
            lastTick = now;
        }
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        tables.close(); // no guard is open any more: closes the current table now
        Result r =
                new Result(
                        m.requests.sum(),
                        m.reloads.sum(),
                        m.rejectedReloads.sum(),
                        m.closedBackendUses.sum(),
                        m.backendsOpened.sum(),
                        m.backendsClosed.sum(),
                        Duration.ofNanos(elapsed),
                        firstViolation.get());
        out.printf(
                Locale.ROOT,
                "routed %,d requests in %.2f s (%,.0f/s) on %d threads; %,d reloads (%d rejected);"
                        + " backends opened %,d, closed %,d; closed-backend uses: %d%n",
                r.requests(),
                elapsed / 1e9,
                r.requests() / (elapsed / 1e9),
                o.threads(),
                r.reloads(),
                r.rejectedReloads(),
                r.backendsOpened(),
                r.backendsClosed(),
                r.closedBackendUses());
        return r;
    }

    /** A request thread: route each request through a guard on the table current at its start. */
    private static void serve(
            ArcSwap<RoutingTable> tables, Metrics m, long end, AtomicReference<String> first) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long n = 0;
        while ((n & 255) != 0 || System.nanoTime() < end) {
            String path = PATHS[rnd.nextInt(PATHS.length)];
            // The guard pins the table: a reload may replace it meanwhile, but its backends stay
            // open until this block exits. Using tables.load() here instead would let the
            // reloader close the backend between the lookup and the call.
            try (Guard<RoutingTable> g = tables.guard()) {
                g.get().route(path).handle(path);
            } catch (IllegalStateException e) {
                m.closedBackendUses.increment();
                first.compareAndSet(null, e.getMessage());
            }
            m.requests.increment();
            n++;
        }
    }

    /** The reloader: poll the file, and swap in a new table when its content changed. */
    private static void reload(
            Options o, ArcSwap<RoutingTable> tables, Metrics m, long end, PrintStream out) {
        long generation = 0;
        String last = null;
        try {
            while (System.nanoTime() < end) {
                String text = Files.readString(o.table(), StandardCharsets.UTF_8);
                if (last != null && !text.equals(last)) {
                    try {
                        // store() returns at once; the old table is closed by the last
                        // request that still holds it, or right here if none does.
                        tables.store(RoutingTable.parse(text, ++generation, m));
                        m.reloads.increment();
                    } catch (IllegalArgumentException e) {
                        m.rejectedReloads.increment();
                        out.println(
                                "reload rejected, keeping the current table: " + e.getMessage());
                    }
                }
                last = text;
                TimeUnit.NANOSECONDS.sleep(o.poll().toNanos());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Demo mode: an operator who keeps changing the table file. */
    private static void edit(Options o, long end) {
        try {
            for (int gen = 1; System.nanoTime() < end; gen++) {
                TimeUnit.NANOSECONDS.sleep(o.editEvery().toNanos());
                writeAtomically(o.table(), sampleTable(gen));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A table whose API pool grows and shrinks with {@code gen}. */
    static String sampleTable(int gen) {
        StringBuilder api = new StringBuilder();
        for (int i = 0; i <= gen % 3; i++) {
            api.append(" api-").append(i + 1).append(":8080");
        }
        return "# generation "
                + gen
                + "\n"
                + "/api/   "
                + api
                + "\n"
                + "/static/  cdn-1:80\n"
                + "/         web-1:8080 web-2:8080\n";
    }

    /** Replaces the file in one rename, so the reloader never reads half a table. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.start();
        return t;
    }
}
