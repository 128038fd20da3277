package dev.ferrum.skiplist;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck model check: {@code put}, {@code putIfAbsent}, {@code remove}, {@code get}, {@code
 * popFront}, {@code popBack}, {@code replace}, {@code getOrInsert} and handle removal of SkipMap
 * are linearizable against a TreeMap. Keys come from a small range so that operations collide.
 *
 * <p>Pops are checked without concurrent insertions: like ConcurrentSkipListMap's pollFirstEntry
 * and crossbeam's pop_front, a pop takes the entry that was first when it looked, and an insertion
 * of a smaller key that completes between that look and the removal is passed over (Lincheck finds
 * that history when pops race puts; SkipMap#popFront documents it).
 *
 * <p>Two operation sets: a handle's {@code value()} is live (replacements happen in place), so
 * reading it after {@code getOrInsert} returns is not one atomic observation when a concurrent
 * {@code put} may replace the value. The first set checks the value-replacing operations through
 * their atomic return values; the second checks the handle-returning ones with no in-place
 * replacement running, where the handle's value is stable.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SkipMapLincheckTest {

    private static ModelCheckingOptions options() {
        return new ModelCheckingOptions()
                .iterations(Integer.getInteger("ferrum.stress.scale", 1) * 10)
                .invocationsPerIteration(300)
                .threads(2)
                .actorsPerThread(3)
                .sequentialSpecification(Model.class);
    }

    @Test
    void replacingOperations_areLinearizable() {
        options().check(ReplacingOps.class);
    }

    @Test
    void handleOperations_areLinearizable() {
        options().check(HandleOps.class);
    }

    @Test
    void popsWithoutInsertions_areLinearizable() {
        options().sequentialSpecification(PrefilledModel.class).check(PopOps.class);
    }

    /**
     * Pops racing replacements, removals and lookups on a prefilled map. No operation inserts a
     * key: a pop is linearizable only against insertions of larger keys (see SkipMap#popFront).
     */
    @Param(name = "k", gen = IntGen.class, conf = "1:4")
    @Param(name = "v", gen = IntGen.class, conf = "1:3")
    public static final class PopOps {
        private final SkipMap<Integer, Integer> map = new SkipMap<>();

        public PopOps() {
            for (int k = 1; k <= 4; k++) {
                map.put(k, 0);
            }
        }

        private static int orNone(Integer v) {
            return v == null ? -1 : v;
        }

        @Operation
        public int popFront() {
            SkipMapEntry<Integer, Integer> e = map.popFront();
            return e == null ? -1 : e.key() * 10 + e.value();
        }

        @Operation
        public int popBack() {
            SkipMapEntry<Integer, Integer> e = map.popBack();
            return e == null ? -1 : e.key() * 10 + e.value();
        }

        @Operation
        public int replace(@Param(name = "k") int k, @Param(name = "v") int v) {
            return orNone(map.replace(k, v));
        }

        @Operation
        public int remove(@Param(name = "k") int k) {
            return orNone(map.remove(k));
        }

        @Operation
        public int get(@Param(name = "k") int k) {
            return orNone(map.get(k));
        }
    }

    /** The sequential specification of PopOps: a TreeMap holding 1..4. */
    public static final class PrefilledModel {
        private final TreeMap<Integer, Integer> map = new TreeMap<>();

        public PrefilledModel() {
            for (int k = 1; k <= 4; k++) {
                map.put(k, 0);
            }
        }

        private static int orNone(Integer v) {
            return v == null ? -1 : v;
        }

        public int popFront() {
            Map.Entry<Integer, Integer> e = map.pollFirstEntry();
            return e == null ? -1 : e.getKey() * 10 + e.getValue();
        }

        public int popBack() {
            Map.Entry<Integer, Integer> e = map.pollLastEntry();
            return e == null ? -1 : e.getKey() * 10 + e.getValue();
        }

        public int replace(int k, int v) {
            return orNone(map.replace(k, v));
        }

        public int remove(int k) {
            return orNone(map.remove(k));
        }

        public int get(int k) {
            return orNone(map.get(k));
        }
    }

    /** Operations that replace values, observed through atomic return values (-1 for none). */
    @Param(name = "k", gen = IntGen.class, conf = "1:4")
    @Param(name = "v", gen = IntGen.class, conf = "1:3")
    public static final class ReplacingOps {
        private final SkipMap<Integer, Integer> map = new SkipMap<>();

        private static int orNone(Integer v) {
            return v == null ? -1 : v;
        }

        @Operation
        public int put(@Param(name = "k") int k, @Param(name = "v") int v) {
            return orNone(map.put(k, v));
        }

        @Operation
        public int putIfAbsent(@Param(name = "k") int k, @Param(name = "v") int v) {
            return orNone(map.putIfAbsent(k, v));
        }

        @Operation
        public int remove(@Param(name = "k") int k) {
            return orNone(map.remove(k));
        }

        @Operation
        public int get(@Param(name = "k") int k) {
            return orNone(map.get(k));
        }
    }

    /** Operations that return handles; nothing replaces a value in place here. */
    @Param(name = "k", gen = IntGen.class, conf = "1:4")
    @Param(name = "v", gen = IntGen.class, conf = "1:3")
    public static final class HandleOps {
        private final SkipMap<Integer, Integer> map = new SkipMap<>();

        private static int orNone(Integer v) {
            return v == null ? -1 : v;
        }

        @Operation
        public int remove(@Param(name = "k") int k) {
            return orNone(map.remove(k));
        }

        @Operation
        public int get(@Param(name = "k") int k) {
            return orNone(map.get(k));
        }

        @Operation
        public int getOrInsert(@Param(name = "k") int k, @Param(name = "v") int v) {
            return map.getOrInsert(k, v).value();
        }

        @Operation
        public boolean removeViaHandle(@Param(name = "k") int k) {
            SkipMapEntry<Integer, Integer> e = map.getEntry(k);
            return e != null && e.remove();
        }
    }

    /** The sequential specification: a TreeMap. */
    public static final class Model {
        private final TreeMap<Integer, Integer> map = new TreeMap<>();

        private static int orNone(Integer v) {
            return v == null ? -1 : v;
        }

        public int put(int k, int v) {
            return orNone(map.put(k, v));
        }

        public int remove(int k) {
            return orNone(map.remove(k));
        }

        public int get(int k) {
            return orNone(map.get(k));
        }

        public int popFront() {
            Map.Entry<Integer, Integer> e = map.pollFirstEntry();
            return e == null ? -1 : e.getKey() * 10 + e.getValue();
        }

        public int putIfAbsent(int k, int v) {
            return orNone(map.putIfAbsent(k, v));
        }

        public int getOrInsert(int k, int v) {
            map.putIfAbsent(k, v);
            return map.get(k);
        }

        public boolean removeViaHandle(int k) {
            return map.remove(k) != null;
        }
    }
}
