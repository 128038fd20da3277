package dev.ferrum.bench.skiplist;

import dev.ferrum.skiplist.SkipMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@link SkipMap} against {@link ConcurrentSkipListMap} and, as the naive baseline, a {@link
 * TreeMap} under a {@link ReentrantReadWriteLock}, with Integer keys.
 *
 * <ul>
 *   <li>{@code get}, {@code mix90}, {@code mix50}: random operations over a map holding {@code
 *       size} of its {@code 2*size} possible keys; get-only, 90/5/5 and 50/25/25 get/put/remove
 *       (puts and removes keep the size about constant). One and two threads.
 *   <li>{@code scan}: an ascending range of 100 entries from a random key.
 *   <li>{@code descend}: a descending range of 100 entries from a random key.
 *   <li>{@code priorityQueue}: pop the smallest entry and put a new, larger one (a priority queue
 *       of {@code size} entries).
 * </ul>
 *
 * <p>Memory per entry is measured by {@link SkipMapFootprint}, not here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SkipMapBench {

    /** The operations each implementation provides; one implementation per fork. */
    interface Ops {
        Integer get(Integer k);

        Integer put(Integer k, Integer v);

        Integer remove(Integer k);

        int scan(Integer from, int n);

        int descend(Integer from, int n);

        Integer popFrontAndPut(Integer k);
    }

    /** A concurrent navigable map (SkipMap or ConcurrentSkipListMap) without extra locking. */
    static final class Concurrent implements Ops {
        final ConcurrentNavigableMap<Integer, Integer> map;

        Concurrent(ConcurrentNavigableMap<Integer, Integer> map) {
            this.map = map;
        }

        @Override
        public Integer get(Integer k) {
            return map.get(k);
        }

        @Override
        public Integer put(Integer k, Integer v) {
            return map.put(k, v);
        }

        @Override
        public Integer remove(Integer k) {
            return map.remove(k);
        }

        @Override
        public int scan(Integer from, int n) {
            return sum(map.tailMap(from, true).entrySet().iterator(), n);
        }

        @Override
        public int descend(Integer from, int n) {
            return sum(map.headMap(from, true).descendingMap().entrySet().iterator(), n);
        }

        @Override
        public Integer popFrontAndPut(Integer k) {
            Map.Entry<Integer, Integer> e = map.pollFirstEntry();
            map.put(k, k);
            return e == null ? null : e.getKey();
        }
    }

    /** A TreeMap behind a read-write lock: the naive baseline. */
    static final class Locked implements Ops {
        final TreeMap<Integer, Integer> map = new TreeMap<>();
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

        @Override
        public Integer get(Integer k) {
            lock.readLock().lock();
            try {
                return map.get(k);
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public Integer put(Integer k, Integer v) {
            lock.writeLock().lock();
            try {
                return map.put(k, v);
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public Integer remove(Integer k) {
            lock.writeLock().lock();
            try {
                return map.remove(k);
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public int scan(Integer from, int n) {
            lock.readLock().lock();
            try {
                return sum(map.tailMap(from, true).entrySet().iterator(), n);
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public int descend(Integer from, int n) {
            lock.readLock().lock();
            try {
                NavigableMap<Integer, Integer> d = map.headMap(from, true).descendingMap();
                return sum(d.entrySet().iterator(), n);
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public Integer popFrontAndPut(Integer k) {
            lock.writeLock().lock();
            try {
                Map.Entry<Integer, Integer> e = map.pollFirstEntry();
                map.put(k, k);
                return e == null ? null : e.getKey();
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    static int sum(Iterator<Map.Entry<Integer, Integer>> it, int n) {
        int s = 0;
        for (int i = 0; i < n && it.hasNext(); i++) {
            s += it.next().getValue();
        }
        return s;
    }

    @State(Scope.Benchmark)
    public static class Maps {
        @Param({"ferrum", "cslm", "treemap-rwlock"})
        public String impl;

        @Param({"1000", "100000", "1000000"})
        public int size;

        Ops ops;
        Integer[] keys;

        /** Next key for the priority-queue case: above every key present. */
        final java.util.concurrent.atomic.AtomicInteger nextKey =
                new java.util.concurrent.atomic.AtomicInteger();

        @Setup(Level.Trial)
        public void setUp() {
            switch (impl) {
                case "ferrum" -> ops = new Concurrent(new SkipMap<>());
                case "cslm" -> ops = new Concurrent(new ConcurrentSkipListMap<>());
                case "treemap-rwlock" -> ops = new Locked();
                default -> throw new IllegalArgumentException("unknown impl: " + impl);
            }
            keys = new Integer[2 * size];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = i;
            }
            // Every other key, inserted in random order so the towers are not built in order.
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = keys[2 * i];
            }
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int i = size - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                Integer t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (Integer k : order) {
                ops.put(k, k);
            }
            nextKey.set(2 * size);
        }

        Integer randomKey() {
            return keys[ThreadLocalRandom.current().nextInt(keys.length)];
        }
    }

    @Benchmark
    @Threads(1)
    public Integer get1(Maps s) {
        return s.ops.get(s.randomKey());
    }

    @Benchmark
    @Threads(2)
    public Integer get2(Maps s) {
        return s.ops.get(s.randomKey());
    }

    private static Integer mix(Maps s, int getPercent) {
        Integer k = s.randomKey();
        int r = ThreadLocalRandom.current().nextInt(100);
        if (r < getPercent) {
            return s.ops.get(k);
        }
        return (r - getPercent) % 2 == 0 ? s.ops.put(k, k) : s.ops.remove(k);
    }

    @Benchmark
    @Threads(1)
    public Integer mix90t1(Maps s) {
        return mix(s, 90);
    }

    @Benchmark
    @Threads(2)
    public Integer mix90t2(Maps s) {
        return mix(s, 90);
    }

    @Benchmark
    @Threads(1)
    public Integer mix50t1(Maps s) {
        return mix(s, 50);
    }

    @Benchmark
    @Threads(2)
    public Integer mix50t2(Maps s) {
        return mix(s, 50);
    }

    @Benchmark
    @Threads(1)
    public int scan(Maps s) {
        return s.ops.scan(s.randomKey(), 100);
    }

    @Benchmark
    @Threads(1)
    public int descend(Maps s) {
        return s.ops.descend(s.randomKey(), 100);
    }

    @Benchmark
    @Threads(1)
    public Integer priorityQueue(Maps s) {
        return s.ops.popFrontAndPut(s.nextKey.getAndIncrement());
    }

    @Benchmark
    @Threads(2)
    public Integer priorityQueue2(Maps s) {
        return s.ops.popFrontAndPut(s.nextKey.getAndIncrement());
    }
}
