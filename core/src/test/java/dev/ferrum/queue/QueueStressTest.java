package dev.ferrum.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Counting stress tests: every item pushed is accounted for exactly once (popped, evicted by {@code
 * forcePush}, or left in the queue), and sizes sampled under load stay in range (C07).
 *
 * <p>Sized for CI. {@code -Dferrum.stress.scale=N} multiplies the item and sample counts: {@code
 * N=500} gives the full 10^8 items per counting run, and {@code N=50} the 10^7 size samples of C07.
 */
class QueueStressTest {

    private static final int SCALE = Integer.getInteger("ferrum.stress.scale", 1);

    private interface Ops {
        /** Pushes {@code v}; returns an evicted item, {@code v} itself if rejected, or null. */
        Integer push(Integer v, boolean force);

        Integer pop();

        int size();
    }

    private static Ops ops(String kind, int capacity) {
        if (kind.equals("array")) {
            ArrayQueue<Integer> q = new ArrayQueue<>(capacity);
            return new Ops() {
                @Override
                public Integer push(Integer v, boolean force) {
                    return force ? q.forcePush(v) : (q.push(v) ? null : v);
                }

                @Override
                public Integer pop() {
                    return q.pop();
                }

                @Override
                public int size() {
                    return q.size();
                }
            };
        }
        SegQueue<Integer> q = new SegQueue<>();
        return new Ops() {
            @Override
            public Integer push(Integer v, boolean force) {
                q.push(v);
                return null;
            }

            @Override
            public Integer pop() {
                return q.pop();
            }

            @Override
            public int size() {
                return q.size();
            }
        };
    }

    /**
     * With P producers (some using forcePush) and C consumers, every item ends up exactly once:
     * popped by a consumer, evicted and returned to a producer, or still queued at the end.
     */
    @ParameterizedTest(name = "{0} cap={1} producers={2} consumers={3} forcePush={4}")
    @CsvSource({
        "array, 4, 1, 1, false",
        "array, 4, 1, 1, true",
        "array, 3, 2, 1, true",
        "array, 1, 2, 2, true",
        "array, 7, 2, 2, true",
        "array, 2, 2, 2, false",
        "seg, 0, 1, 1, false",
        "seg, 0, 2, 1, false",
        "seg, 0, 2, 2, false",
    })
    @Timeout(120)
    void everyItemIsAccountedForExactlyOnce(
            String kind, int capacity, int producers, int consumers, boolean force)
            throws Exception {
        long seed = new Random().nextLong();
        int perProducer = 100_000 * SCALE / producers;
        int total = perProducer * producers;
        Ops q = ops(kind, Math.max(1, capacity));
        byte[][] seenBy = new byte[producers + consumers][total];
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Random rnd = new Random(seed + p);
            threads.add(
                    new Thread(
                            () -> {
                                byte[] evicted = seenBy[id];
                                for (int i = 0; i < perProducer; i++) {
                                    Integer v = id * perProducer + i;
                                    // Half the pushes force when forcePush is on.
                                    boolean f = force && rnd.nextBoolean();
                                    Integer r;
                                    while ((r = q.push(v, f)) == v) {
                                        Thread.yield(); // full: retry
                                    }
                                    if (r != null) {
                                        evicted[r]++;
                                    }
                                }
                            }));
        }
        for (int c = 0; c < consumers; c++) {
            byte[] popped = seenBy[producers + c];
            threads.add(
                    new Thread(
                            () -> {
                                while (true) {
                                    Integer v = q.pop();
                                    if (v != null) {
                                        popped[v]++;
                                    } else if (!producing.get()) {
                                        return; // the rest is drained below
                                    } else {
                                        Thread.yield();
                                    }
                                }
                            }));
        }
        for (Thread t : threads) {
            t.setUncaughtExceptionHandler((th, e) -> failure.compareAndSet(null, e));
            t.start();
        }
        for (int p = 0; p < producers; p++) {
            threads.get(p).join();
        }
        producing.set(false);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure.get()).as("seed=%d", seed).isNull();
        int[] count = new int[total];
        for (byte[] s : seenBy) {
            for (int i = 0; i < total; i++) {
                count[i] += s[i];
            }
        }
        Integer v;
        while ((v = q.pop()) != null) {
            count[v]++;
        }
        for (int i = 0; i < total; i++) {
            if (count[i] != 1) {
                throw new AssertionError(
                        "item " + i + " seen " + count[i] + " times (seed=" + seed + ")");
            }
        }
        assertThat(q.size()).isZero();
    }

    /**
     * C07: a monitor sampling size() while P threads push and C threads pop never sees a size below
     * 0, above the capacity (bounded), or above the number of pushes begun (unbounded).
     */
    @ParameterizedTest(name = "{0} producers={1} consumers={2}")
    @CsvSource({
        "array, 1, 1", "array, 1, 4", "array, 4, 1", "array, 4, 4",
        "seg, 1, 1", "seg, 1, 4", "seg, 4, 1", "seg, 4, 4",
    })
    @Timeout(120)
    void sizeSampledUnderLoad_staysInRange(String kind, int producers, int consumers)
            throws Exception {
        int capacity = 8;
        Ops q = ops(kind, capacity);
        int samples = 200_000 * SCALE;
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong begun = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(
                    new Thread(
                            () -> {
                                int i = 0;
                                while (running.get()) {
                                    begun.incrementAndGet();
                                    if (kind.equals("array")) {
                                        q.push(i++, (i & 1) == 0); // mix push and forcePush
                                    } else if (q.size() < 1_000) {
                                        q.push(i++, false);
                                    } else {
                                        begun.decrementAndGet();
                                        Thread.yield();
                                    }
                                }
                            }));
        }
        for (int c = 0; c < consumers; c++) {
            threads.add(
                    new Thread(
                            () -> {
                                while (running.get()) {
                                    if (q.pop() == null) {
                                        Thread.yield();
                                    }
                                }
                            }));
        }
        for (Thread t : threads) {
            t.start();
        }
        try {
            for (int s = 0; s < samples; s++) {
                int n = q.size();
                long upper = kind.equals("array") ? capacity : begun.get();
                if (n < 0 || n > upper) {
                    throw new AssertionError("size " + n + " out of [0, " + upper + "]");
                }
            }
        } finally {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }
        // Quiescent: isFull <=> size == capacity, and size is exact.
        int left = q.size();
        int drained = 0;
        while (q.pop() != null) {
            drained++;
        }
        assertThat(drained).isEqualTo(left);
    }
}
