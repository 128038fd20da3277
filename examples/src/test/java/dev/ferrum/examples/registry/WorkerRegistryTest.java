package dev.ferrum.examples.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WorkerRegistryTest {
    /** Few workers, so that the threads keep changing the same loads at the same time. */
    private static final int WORKERS = 3;

    /** On one thread, acquire always takes the least loaded worker: loads stay level. */
    @Test
    void acquire_alwaysPicksTheLeastLoadedWorker() {
        WorkerRegistry r = new WorkerRegistry();
        for (String n : List.of("a", "b", "c", "d")) {
            assertThat(r.register(n)).isTrue();
        }
        for (int i = 0; i < 12; i++) {
            r.acquire();
        }
        assertThat(r.loads())
                .containsOnly(
                        Map.entry("a", 3), Map.entry("b", 3), Map.entry("c", 3), Map.entry("d", 3));
        r.release("c");
        r.release("c");
        assertThat(r.acquire()).isEqualTo("c");
        assertThat(r.acquire()).isEqualTo("c");
        assertThat(r.acquire()).isEqualTo("a"); // all at 3 again: ties go to the smallest name
        assertThat(r.checkQuiescent()).isEmpty();
    }

    @Test
    void register_aTakenName_returnsFalse_andAcquireOnEmptyReturnsNull() {
        WorkerRegistry r = new WorkerRegistry();
        assertThat(r.acquire()).isNull();
        assertThat(r.register("a")).isTrue();
        assertThat(r.register("a")).isFalse();
        assertThatThrownBy(() -> r.release("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> r.release("zz")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Four threads register the same three names and then, round after round, take and give back
     * jobs in random order. At every pause (all threads parked at a barrier) each worker's load
     * equals the jobs the threads hold on it, no load is negative, and the index holds exactly the
     * current key of every worker; after each release phase every load is zero.
     */
    @Test
    @Timeout(30)
    void concurrentAcquireAndRelease_keepLoadsExactAndTheIndexConsistent() throws Exception {
        long seed = System.nanoTime();
        int threads = 4;
        int rounds = 200 * Integer.getInteger("ferrum.stress.scale", 1);
        WorkerRegistry r = new WorkerRegistry();
        Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
        for (int w = 0; w < WORKERS; w++) {
            held.put("w" + w, new AtomicInteger());
        }
        AtomicInteger registered = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        CyclicBarrier loaded =
                new CyclicBarrier(
                        threads,
                        () -> {
                            Map<String, Integer> expected = new TreeMap<>();
                            held.forEach((n, c) -> expected.put(n, c.get()));
                            check(failure, r, expected);
                        });
        CyclicBarrier drained =
                new CyclicBarrier(
                        threads,
                        () -> {
                            Map<String, Integer> zero = new TreeMap<>();
                            r.loads().keySet().forEach(n -> zero.put(n, 0));
                            check(failure, r, zero);
                        });
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random rnd = new Random(seed + t);
            ts.add(
                    new Thread(
                            () -> {
                                try {
                                    for (int w = 0;
                                            w < WORKERS;
                                            w++) { // names overlap across threads
                                        String name = "w" + w;
                                        if (r.register(name)) {
                                            registered.incrementAndGet();
                                        }
                                    }
                                    for (int round = 0; round < rounds; round++) {
                                        List<String> mine = new ArrayList<>();
                                        // Take and give back jobs in a random order: all the
                                        // threads contend on the same three workers' loads.
                                        for (int op = 0; op < 40; op++) {
                                            if (mine.isEmpty() || rnd.nextInt(3) > 0) {
                                                String n = r.acquire();
                                                held.get(n).incrementAndGet();
                                                mine.add(n);
                                            } else {
                                                String n = mine.remove(rnd.nextInt(mine.size()));
                                                held.get(n).decrementAndGet();
                                                r.release(n);
                                            }
                                        }
                                        loaded.await();
                                        for (String n : mine) {
                                            held.get(n).decrementAndGet();
                                            r.release(n);
                                        }
                                        drained.await();
                                    }
                                } catch (Throwable e) {
                                    failure.compareAndSet(null, e.toString());
                                    loaded.reset(); // release the others: they fail too
                                    drained.reset();
                                }
                            }));
        }
        ts.forEach(Thread::start);
        for (Thread t : ts) {
            t.join();
        }
        assertThat(failure.get()).as("seed %d", seed).isNull();
        assertThat(registered.get()).isEqualTo(WORKERS);
        assertThat(r.loads()).hasSize(WORKERS).allSatisfy((n, l) -> assertThat(l).isZero());
    }

    private static void check(
            AtomicReference<String> failure, WorkerRegistry r, Map<String, Integer> expected) {
        if (!r.loads().equals(expected)) {
            failure.compareAndSet(null, "loads " + r.loads() + " != held " + expected);
        }
        List<String> problems = r.checkQuiescent();
        if (!problems.isEmpty()) {
            failure.compareAndSet(null, problems.toString());
        }
    }

    /** The program runs, reports its progress and passes its own final checks. */
    @Test
    @Timeout(30)
    void run_reportsJobsAndEndsConsistent() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        WorkerRegistryDemo.Result res =
                WorkerRegistryDemo.run(
                        8,
                        3,
                        Duration.ofMillis(1200),
                        new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(res.consistent()).as(log.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(res.jobs()).isPositive();
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("jobs/s")
                .contains("all loads back to 0, index consistent");
    }
}
