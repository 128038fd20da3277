package dev.ferrum.examples.registry;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Worker registry: client threads hand jobs to the least loaded of a set of registered workers
 * ({@link WorkerRegistry}, two {@code SkipMap}s), keep them for a moment and finish them. Prints
 * jobs per second and the spread of the loads every second, then checks that every load is back to
 * zero and the load index holds exactly one current key per worker.
 *
 * <pre>
 * java -cp examples/target/examples.jar dev.ferrum.examples.registry.WorkerRegistryDemo \
 *     [--workers 16] [--threads N] [--seconds 5]
 * </pre>
 */
public final class WorkerRegistryDemo {
    private WorkerRegistryDemo() {}

    /** What happened; {@code consistent} is whether the final checks passed. */
    record Result(long jobs, int maxSpread, boolean consistent) {}

    public static void main(String[] args) throws Exception {
        int workers = 16;
        int threads = Runtime.getRuntime().availableProcessors();
        double seconds = 5;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--workers" -> workers = Integer.parseInt(rest.remove(0));
                case "--threads" -> threads = Integer.parseInt(rest.remove(0));
                case "--seconds" -> seconds = Double.parseDouble(rest.remove(0));
                default -> {
                    System.out.println(
                            "usage: WorkerRegistryDemo [--workers 16] [--threads N] [--seconds 5]");
                    return;
                }
            }
        }
        Result r = run(workers, threads, Duration.ofMillis((long) (seconds * 1000)), System.out);
        if (!r.consistent()) {
            System.exit(1);
        }
    }

    static Result run(int workers, int threads, Duration duration, PrintStream out)
            throws InterruptedException {
        WorkerRegistry registry = new WorkerRegistry();
        LongAdder jobs = new LongAdder();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread c =
                    new Thread(
                            () -> {
                                // Workers register concurrently with the first jobs.
                                for (int w = id; w < workers; w += threads) {
                                    registry.register("worker-" + w);
                                }
                                client(registry, jobs, end);
                            },
                            "client-" + t);
            clients.add(c);
            c.start();
        }
        int maxSpread = 0;
        long last = 0;
        long lastTick = start;
        while (System.nanoTime() < end) {
            TimeUnit.NANOSECONDS.sleep(
                    Math.max(0, Math.min(TimeUnit.SECONDS.toNanos(1), end - System.nanoTime())));
            long now = System.nanoTime();
            Collection<Integer> loads = registry.loads().values();
            int spread = loads.isEmpty() ? 0 : max(loads) - min(loads);
            maxSpread = Math.max(maxSpread, spread);
            long j = jobs.sum();
            out.printf(
                    Locale.ROOT,
                    "%5.1fs  %,12.0f jobs/s  %d workers  loads %d..%d%n",
                    (now - start) / 1e9,
                    (j - last) / ((now - lastTick) / 1e9),
                    loads.size(),
                    loads.isEmpty() ? 0 : min(loads),
                    loads.isEmpty() ? 0 : max(loads));
            last = j;
            lastTick = now;
        }
        for (Thread c : clients) {
            c.join();
        }
        List<String> problems = registry.checkQuiescent();
        out.printf(
                Locale.ROOT,
                "%,d jobs on %d workers from %d threads; widest load spread seen %d; %s%n",
                jobs.sum(),
                workers,
                threads,
                maxSpread,
                problems.isEmpty() ? "all loads back to 0, index consistent" : problems);
        return new Result(jobs.sum(), maxSpread, problems.isEmpty());
    }

    /** A client: take up to 4 jobs on the least loaded workers, then finish them in any order. */
    private static void client(WorkerRegistry registry, LongAdder jobs, long end) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        List<String> held = new ArrayList<>();
        while (System.nanoTime() < end) {
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                String w = registry.acquire();
                if (w != null) {
                    held.add(w);
                    jobs.increment();
                }
            }
            while (!held.isEmpty()) {
                registry.release(held.remove(rnd.nextInt(held.size())));
            }
        }
    }

    private static int min(Collection<Integer> c) {
        return c.stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    private static int max(Collection<Integer> c) {
        return c.stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
