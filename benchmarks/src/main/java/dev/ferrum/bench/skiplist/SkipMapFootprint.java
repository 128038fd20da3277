package dev.ferrum.bench.skiplist;

import dev.ferrum.skiplist.SkipMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * Measures the heap each map uses per entry, beyond its keys and values: builds a map of {@code n}
 * entries (default 10^6; first argument) whose keys and values are shared, preallocated Integers,
 * and compares the heap in use after a full collection before and after. Run with
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ferrum.bench.skiplist.SkipMapFootprint [n]
 * </pre>
 *
 * <p>A coarse measurement (it relies on {@code System.gc()} settling); repeat it to see the noise.
 */
public final class SkipMapFootprint {

    private SkipMapFootprint() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Integer[] keys = new Integer[n];
        for (int i = 0; i < n; i++) {
            keys[i] = i;
        }
        for (int round = 0; round < 2; round++) {
            report("ferrum", n, measure(SkipMap::new, keys));
            report("cslm", n, measure(ConcurrentSkipListMap::new, keys));
        }
    }

    private static void report(String impl, int n, long bytes) {
        System.out.printf("%-6s %d entries: %.1f bytes/entry%n", impl, n, (double) bytes / n);
    }

    private static long measure(Supplier<Map<Integer, Integer>> factory, Integer[] keys) {
        long before = usedAfterGc();
        Map<Integer, Integer> map = factory.get();
        for (Integer k : keys) {
            map.put(k, k);
        }
        long after = usedAfterGc();
        if (map.size() != keys.length) {
            throw new AssertionError("size " + map.size());
        }
        return after - before;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
