package dev.ferrum.skiplist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Concurrent stress tests that count every entry. Sized for CI (each well under 20 s on two busy
 * cores); {@code -Dferrum.stress.scale=N} multiplies the counts (N = 100 gives 10^7 keys for the
 * insert test and 10^6 pops per pop test, the full size).
 */
@Timeout(120)
class SkipMapStressTest {

    private static final int SCALE = Integer.getInteger("ferrum.stress.scale", 1);
    private static final int THREADS = 4;

    /** Runs body on THREADS threads started together; rethrows the first failure. */
    private static void race(int threads, ThrowingIntConsumer body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th =
                    new Thread(
                            () -> {
                                try {
                                    start.await();
                                    body.accept(id);
                                } catch (Throwable e) {
                                    failure.compareAndSet(null, e);
                                }
                            });
            th.start();
            ts.add(th);
        }
        start.countDown();
        for (Thread th : ts) {
            th.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a racing thread failed", failure.get());
        }
    }

    interface ThrowingIntConsumer {
        void accept(int id) throws Exception;
    }

    /** Threads inserting interleaved keys lose none: every key present, size exact, sorted. */
    @Test
    void concurrentInserts_loseNothing() throws InterruptedException {
        int n = 100_000 * SCALE;
        SkipMap<Integer, Integer> m = new SkipMap<>();
        race(
                THREADS,
                id -> {
                    for (int k = id; k < n; k += THREADS) {
                        assertThat(m.put(k, k)).isNull();
                    }
                });
        assertThat(m.size()).isEqualTo(n);
        int expect = 0;
        for (Map.Entry<Integer, Integer> e : m.entrySet()) {
            assertThat(e.getKey()).isEqualTo(expect);
            assertThat(e.getValue()).isEqualTo(expect++);
        }
        assertThat(expect).isEqualTo(n);
    }

    /**
     * Writers keep replacing the values of present keys (put, insert, replace, merge, compute,
     * setValue) while readers look every key up: no reader ever finds a key missing.
     */
    @Test
    void replacingWriters_readersAlwaysFindTheKey() throws InterruptedException {
        int keys = 512;
        SkipMap<Integer, Long> m = new SkipMap<>();
        for (int k = 0; k < keys; k++) {
            m.put(k, 0L);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        long writesPerWriter = 200_000L * SCALE;
        race(
                THREADS,
                id -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    if (id < 2) {
                        for (long i = 0; i < writesPerWriter; i++) {
                            int k = rnd.nextInt(keys);
                            switch ((int) (i % 6)) {
                                case 0 -> m.put(k, i);
                                case 1 -> m.insert(k, i);
                                case 2 -> m.replace(k, i);
                                case 3 -> m.merge(k, 1L, Long::sum);
                                case 4 -> m.compute(k, (kk, v) -> v == null ? -1L : v + 1);
                                default -> m.getEntry(k).setValue(i);
                            }
                        }
                        stop.set(true);
                    } else {
                        long r = 0;
                        while (!stop.get()) {
                            int k = rnd.nextInt(keys);
                            assertThat(m.get(k)).as("get(%d)", k).isNotNull();
                            assertThat(m.ceilingKey(k)).as("ceilingKey(%d)", k).isEqualTo(k);
                            assertThat(m.floorKey(k)).as("floorKey(%d)", k).isEqualTo(k);
                            assertThat(m.containsKey(k)).isTrue();
                            r++;
                        }
                        reads.addAndGet(r);
                    }
                });
        assertThat(reads.get()).isPositive();
        assertThat(m.size()).isEqualTo(keys);
        assertThat(m.values()).doesNotContain(-1L);
    }

    /**
     * Threads racing getOrInsertWith on the same absent keys all get the same value, which is the
     * one the map holds; the suppliers may have run more than once in total.
     */
    @Test
    void racingGetOrInsertWith_allAgreeOnOneValue() throws InterruptedException {
        int keys = 50_000 * SCALE;
        SkipMap<Integer, Long> m = new SkipMap<>();
        long[][] seen = new long[THREADS][keys];
        AtomicInteger supplied = new AtomicInteger();
        race(
                THREADS,
                id -> {
                    for (int k = 0; k < keys; k++) {
                        long mine = ((long) id << 32) | k;
                        SkipMapEntry<Integer, Long> e =
                                m.getOrInsertWith(
                                        k,
                                        () -> {
                                            supplied.incrementAndGet();
                                            return mine;
                                        });
                        seen[id][k] = e.value();
                    }
                });
        for (int k = 0; k < keys; k++) {
            long v = m.get(k);
            for (int t = 0; t < THREADS; t++) {
                assertThat(seen[t][k]).as("thread %d key %d", t, k).isEqualTo(v);
            }
        }
        assertThat(supplied.get()).isGreaterThanOrEqualTo(keys);
        assertThat(m.size()).isEqualTo(keys);
    }

    /** popFront from several threads hands out each entry exactly once. */
    @Test
    void concurrentPopFront_handsOutEachEntryOnce() throws InterruptedException {
        int n = 100_000 * SCALE;
        SkipMap<Integer, Integer> m = new SkipMap<>();
        for (int k = 0; k < n; k++) {
            m.put(k, k);
        }
        ConcurrentLinkedQueue<Integer> popped = new ConcurrentLinkedQueue<>();
        race(
                THREADS,
                id -> {
                    boolean back = id % 2 == 1;
                    for (SkipMapEntry<Integer, Integer> e = back ? m.popBack() : m.popFront();
                            e != null;
                            e = back ? m.popBack() : m.popFront()) {
                        assertThat(e.isRemoved()).isTrue();
                        popped.add(e.key());
                    }
                });
        assertThat(m).isEmpty();
        assertThat(m.size()).isZero();
        BitSet seen = new BitSet(n);
        for (Integer k : popped) {
            assertThat(seen.get(k)).as("key %d popped twice", k).isFalse();
            seen.set(k);
        }
        assertThat(seen.cardinality()).isEqualTo(n);
    }

    /**
     * Producers insert while consumers pop the minimum (a priority queue): every inserted key is
     * popped once or remains, and nothing else appears.
     */
    @Test
    void popFrontWhileInserting_neitherLosesNorDuplicates() throws InterruptedException {
        int perProducer = 50_000 * SCALE;
        SkipMap<Integer, Integer> m = new SkipMap<>();
        ConcurrentLinkedQueue<Integer> popped = new ConcurrentLinkedQueue<>();
        AtomicInteger producersLeft = new AtomicInteger(2);
        race(
                THREADS,
                id -> {
                    if (id < 2) {
                        for (int i = 0; i < perProducer; i++) {
                            m.put(i * 2 + id, id);
                        }
                        producersLeft.decrementAndGet();
                    } else {
                        while (true) {
                            Map.Entry<Integer, Integer> e = m.pollFirstEntry();
                            if (e != null) {
                                popped.add(e.getKey());
                            } else if (producersLeft.get() == 0 && m.isEmpty()) {
                                break;
                            }
                        }
                    }
                });
        BitSet seen = new BitSet();
        for (Integer k : popped) {
            assertThat(seen.get(k)).as("key %d popped twice", k).isFalse();
            seen.set(k);
        }
        assertThat(seen.cardinality()).isEqualTo(2 * perProducer);
    }

    /**
     * Threads racing to remove the same keys (by key, by handle, by conditional remove): exactly
     * one removal of each key succeeds.
     */
    @Test
    void racingRemovesOfOneKey_exactlyOneSucceeds() throws InterruptedException {
        int n = 100_000 * SCALE;
        SkipMap<Integer, Integer> m = new SkipMap<>();
        List<SkipMapEntry<Integer, Integer>> handles = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            handles.add(m.insert(k, k));
        }
        AtomicInteger[] wins = new AtomicInteger[n];
        for (int k = 0; k < n; k++) {
            wins[k] = new AtomicInteger();
        }
        race(
                THREADS,
                id -> {
                    for (int k = 0; k < n; k++) {
                        boolean won =
                                switch (id) {
                                    case 0 -> m.remove(k) != null;
                                    case 1 -> handles.get(k).remove();
                                    case 2 -> m.remove(k, k);
                                    default -> m.removeEntry(k) != null;
                                };
                        if (won) {
                            wins[k].incrementAndGet();
                        }
                    }
                });
        for (int k = 0; k < n; k++) {
            assertThat(wins[k].get()).as("removals of key %d", k).isEqualTo(1);
        }
        assertThat(m).isEmpty();
        assertThat(m.size()).isZero();
    }

    /**
     * Mixed random puts and removes on a small key range from several threads, then a count: size
     * agrees with iteration, keys ascend, and a per-key tally of successful inserts minus removes
     * matches presence.
     */
    @Test
    void mixedUpdates_keepCountsAndOrderConsistent() throws InterruptedException {
        int keys = 256;
        int ops = 200_000 * SCALE;
        SkipMap<Integer, Integer> m = new SkipMap<>();
        AtomicInteger[] balance = new AtomicInteger[keys];
        for (int k = 0; k < keys; k++) {
            balance[k] = new AtomicInteger();
        }
        race(
                THREADS,
                id -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    for (int i = 0; i < ops; i++) {
                        int k = rnd.nextInt(keys);
                        if (rnd.nextBoolean()) {
                            if (m.putIfAbsent(k, id) == null) {
                                balance[k].incrementAndGet();
                            }
                        } else if (m.remove(k) != null) {
                            balance[k].decrementAndGet();
                        }
                    }
                });
        int present = 0;
        Integer prev = null;
        for (Integer k : m.keySet()) {
            assertThat(prev == null || prev < k).isTrue();
            prev = k;
            present++;
        }
        assertThat(m.size()).isEqualTo(present);
        for (int k = 0; k < keys; k++) {
            assertThat(balance[k].get()).as("key %d", k).isEqualTo(m.containsKey(k) ? 1 : 0);
        }
    }
}
