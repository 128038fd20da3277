package dev.ferrum.skiplist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single-threaded model tests: SkipMap (and SkipSet) against TreeMap (TreeSet) for random operation
 * sequences, every navigation method, every view with every bound combination, forward and
 * backward, and the crossbeam-style bounds and ranges. Seeds are printed on failure.
 */
@Timeout(60)
class SkipMapModelTest {

    private static final int KEYS = 40;

    /** Every kind of bound over keys -1..KEYS (so bounds fall below, inside and above). */
    private static List<Bound<Integer>> allBounds() {
        List<Bound<Integer>> out = new ArrayList<>();
        out.add(Bound.unbounded());
        for (int k = -1; k <= KEYS; k++) {
            out.add(Bound.included(k));
            out.add(Bound.excluded(k));
        }
        return out;
    }

    /** The TreeMap range matching two bounds, or null when TreeMap rejects it as inverted. */
    private static NavigableMap<Integer, Integer> modelRange(
            TreeMap<Integer, Integer> model, Bound<Integer> lo, Bound<Integer> hi) {
        Integer l = lo.keyOrNull();
        Integer h = hi.keyOrNull();
        if (l != null && h != null) {
            if (l > h) {
                return null;
            }
            return model.subMap(l, lo.isInclusive(), h, hi.isInclusive());
        }
        if (l != null) {
            return model.tailMap(l, lo.isInclusive());
        }
        if (h != null) {
            return model.headMap(h, hi.isInclusive());
        }
        return model;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomOperations_matchTreeMap(long seed) {
        Random rnd = new Random(seed);
        SkipMap<Integer, Integer> map = new SkipMap<>();
        TreeMap<Integer, Integer> model = new TreeMap<>();
        for (int step = 0; step < 4000; step++) {
            int k = rnd.nextInt(KEYS);
            int v = rnd.nextInt(1000);
            String at = "seed=" + seed + " step=" + step + " k=" + k + " v=" + v;
            switch (rnd.nextInt(16)) {
                case 0, 1, 2 -> assertThat(map.put(k, v)).as(at).isEqualTo(model.put(k, v));
                case 3 -> assertThat(map.remove(k)).as(at).isEqualTo(model.remove(k));
                case 4 ->
                        assertThat(map.putIfAbsent(k, v)).as(at).isEqualTo(model.putIfAbsent(k, v));
                case 5 -> assertThat(map.replace(k, v)).as(at).isEqualTo(model.replace(k, v));
                case 6 -> assertThat(map.remove(k, v % 3)).as(at).isEqualTo(model.remove(k, v % 3));
                case 7 ->
                        assertThat(map.compute(k, (kk, old) -> old == null ? v : null))
                                .as(at)
                                .isEqualTo(model.compute(k, (kk, old) -> old == null ? v : null));
                case 8 ->
                        assertThat(map.merge(k, v, Integer::sum))
                                .as(at)
                                .isEqualTo(model.merge(k, v, Integer::sum));
                case 9 ->
                        assertThat(map.computeIfPresent(k, (kk, old) -> old + 1))
                                .as(at)
                                .isEqualTo(model.computeIfPresent(k, (kk, old) -> old + 1));
                case 10 ->
                        assertThat(map.computeIfAbsent(k, kk -> v))
                                .as(at)
                                .isEqualTo(model.computeIfAbsent(k, kk -> v));
                case 11 -> {
                    Map.Entry<Integer, Integer> a =
                            rnd.nextBoolean() ? map.pollFirstEntry() : map.pollLastEntry();
                    Map.Entry<Integer, Integer> b =
                            a == null
                                    ? null
                                    : model.remove(a.getKey()) == null ? Map.entry(-1, -1) : a;
                    assertThat(a).as(at).isEqualTo(b);
                }
                case 12 -> {
                    SkipMapEntry<Integer, Integer> e = map.compareInsert(k, v, old -> old < v);
                    Integer old = model.get(k);
                    if (old == null || old < v) {
                        model.put(k, v);
                    }
                    assertThat(e.key()).as(at).isEqualTo(k);
                    assertThat(e.value()).as(at).isEqualTo(model.get(k));
                }
                case 13 -> {
                    SkipMapEntry<Integer, Integer> e = map.getOrInsert(k, v);
                    model.putIfAbsent(k, v);
                    assertThat(e.value()).as(at).isEqualTo(model.get(k));
                }
                case 14 -> {
                    SkipMapEntry<Integer, Integer> e = map.getEntry(k);
                    if (e == null) {
                        assertThat(model).as(at).doesNotContainKey(k);
                    } else {
                        assertThat(e.remove()).as(at).isTrue();
                        assertThat(e.remove()).as(at).isFalse();
                        assertThat(e.isRemoved()).as(at).isTrue();
                        assertThat(e.value()).as(at).isEqualTo(model.remove(k));
                    }
                }
                default -> {
                    SkipMapEntry<Integer, Integer> e = map.insert(k, v);
                    model.put(k, v);
                    assertThat(e.value()).as(at).isEqualTo(v);
                }
            }
            assertThat(map.size()).as(at).isEqualTo(model.size());
            if (step % 97 == 0) {
                assertSameContents(map, model, at);
                checkNavigation(map, model, at);
            }
        }
        assertSameContents(map, model, "seed=" + seed + " end");
        checkNavigation(map, model, "seed=" + seed + " end");
    }

    private static void assertSameContents(
            NavigableMap<Integer, Integer> map, NavigableMap<Integer, Integer> model, String at) {
        assertThat(new ArrayList<>(map.entrySet()))
                .as(at)
                .isEqualTo(new ArrayList<>(model.entrySet()));
        assertThat(new ArrayList<>(map.descendingMap().keySet()))
                .as(at)
                .isEqualTo(new ArrayList<>(model.descendingMap().keySet()));
        assertThat(map).as(at).isEqualTo(model);
        assertThat(map.hashCode()).as(at).isEqualTo(model.hashCode());
    }

    /** Every navigation method of map and of its descending view, at every probe key. */
    private static void checkNavigation(
            NavigableMap<Integer, Integer> map, NavigableMap<Integer, Integer> model, String at) {
        checkNav(map, model, at);
        checkNav(map.descendingMap(), model.descendingMap(), at + " descending");
    }

    private static void checkNav(
            NavigableMap<Integer, Integer> map, NavigableMap<Integer, Integer> model, String at) {
        for (int k = -2; k <= KEYS + 1; k++) {
            String a = at + " probe=" + k;
            assertThat(map.lowerEntry(k)).as(a).isEqualTo(model.lowerEntry(k));
            assertThat(map.floorEntry(k)).as(a).isEqualTo(model.floorEntry(k));
            assertThat(map.ceilingEntry(k)).as(a).isEqualTo(model.ceilingEntry(k));
            assertThat(map.higherEntry(k)).as(a).isEqualTo(model.higherEntry(k));
            assertThat(map.lowerKey(k)).as(a).isEqualTo(model.lowerKey(k));
            assertThat(map.floorKey(k)).as(a).isEqualTo(model.floorKey(k));
            assertThat(map.ceilingKey(k)).as(a).isEqualTo(model.ceilingKey(k));
            assertThat(map.higherKey(k)).as(a).isEqualTo(model.higherKey(k));
            assertThat(map.get(k)).as(a).isEqualTo(model.get(k));
            assertThat(map.containsKey(k)).as(a).isEqualTo(model.containsKey(k));
        }
        assertThat(map.firstEntry()).as(at).isEqualTo(model.firstEntry());
        assertThat(map.lastEntry()).as(at).isEqualTo(model.lastEntry());
        assertThat(map.isEmpty()).as(at).isEqualTo(model.isEmpty());
    }

    private static SkipMap<Integer, Integer> randomMap(
            Random rnd, TreeMap<Integer, Integer> model) {
        SkipMap<Integer, Integer> map = new SkipMap<>();
        int n = rnd.nextInt(KEYS);
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(KEYS);
            map.put(k, k * 10);
            model.put(k, k * 10);
        }
        return map;
    }

    /**
     * Every sub-map view over every pair of bounds (and head and tail maps), ascending and
     * descending, against TreeMap's views: contents, size, navigation, and nested views.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void subMapViews_everyBoundCombination_matchTreeMap(long seed) {
        Random rnd = new Random(seed);
        TreeMap<Integer, Integer> model = new TreeMap<>();
        SkipMap<Integer, Integer> map = randomMap(rnd, model);
        for (int lo = -1; lo <= KEYS; lo += 3) {
            for (int hi = -1; hi <= KEYS; hi += 3) {
                for (int flags = 0; flags < 4; flags++) {
                    boolean li = (flags & 1) != 0;
                    boolean hin = (flags & 2) != 0;
                    String at = "seed=" + seed + " lo=" + lo + li + " hi=" + hi + hin;
                    if (lo > hi) {
                        int l = lo;
                        int h = hi;
                        assertThatThrownBy(() -> map.subMap(l, li, h, hin))
                                .as(at)
                                .isInstanceOf(IllegalArgumentException.class);
                        continue;
                    }
                    NavigableMap<Integer, Integer> sub = map.subMap(lo, li, hi, hin);
                    NavigableMap<Integer, Integer> subModel = model.subMap(lo, li, hi, hin);
                    checkView(sub, subModel, at);
                    checkView(sub.descendingMap(), subModel.descendingMap(), at + " desc");
                    checkView(map.headMap(hi, hin), model.headMap(hi, hin), at + " head");
                    checkView(map.tailMap(lo, li), model.tailMap(lo, li), at + " tail");
                    checkView(
                            map.descendingMap().headMap(lo, li),
                            model.descendingMap().headMap(lo, li),
                            at + " desc head");
                    checkView(
                            map.descendingMap().subMap(hi, hin, lo, li),
                            model.descendingMap().subMap(hi, hin, lo, li),
                            at + " desc sub");
                }
            }
        }
    }

    private static void checkView(
            NavigableMap<Integer, Integer> view, NavigableMap<Integer, Integer> model, String at) {
        assertThat(new ArrayList<>(view.entrySet()))
                .as(at)
                .isEqualTo(new ArrayList<>(model.entrySet()));
        assertThat(new ArrayList<>(view.descendingKeySet()))
                .as(at)
                .isEqualTo(new ArrayList<>(model.descendingKeySet()));
        assertThat(new ArrayList<>(view.values()))
                .as(at)
                .isEqualTo(new ArrayList<>(model.values()));
        assertThat(view.size()).as(at).isEqualTo(model.size());
        checkNav(view, model, at);
        NavigableSet<Integer> ks = view.navigableKeySet();
        NavigableSet<Integer> mks = model.navigableKeySet();
        for (int k = -2; k <= KEYS + 1; k++) {
            assertThat(ks.lower(k)).as(at).isEqualTo(mks.lower(k));
            assertThat(ks.ceiling(k)).as(at).isEqualTo(mks.ceiling(k));
        }
        if (!model.isEmpty()) {
            // A nested view inside this one, at keys taken from it.
            Integer a = model.firstKey();
            Integer b = model.lastKey();
            assertThat(new ArrayList<>(view.subMap(a, false, b, true).keySet()))
                    .as(at + " nested")
                    .isEqualTo(new ArrayList<>(model.subMap(a, false, b, true).keySet()));
        }
    }

    /** crossbeam's lowerBound/upperBound against TreeMap's ceiling/higher/floor/lower. */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void lowerAndUpperBound_everyBound_matchTreeMap(long seed) {
        Random rnd = new Random(seed);
        TreeMap<Integer, Integer> model = new TreeMap<>();
        SkipMap<Integer, Integer> map = randomMap(rnd, model);
        for (Bound<Integer> b : allBounds()) {
            String at = "seed=" + seed + " bound=" + b;
            Integer k = b.keyOrNull();
            Integer lower =
                    k == null
                            ? (model.isEmpty() ? null : model.firstKey())
                            : b.isInclusive() ? model.ceilingKey(k) : model.higherKey(k);
            Integer upper =
                    k == null
                            ? (model.isEmpty() ? null : model.lastKey())
                            : b.isInclusive() ? model.floorKey(k) : model.lowerKey(k);
            SkipMapEntry<Integer, Integer> lo = map.lowerBound(b);
            SkipMapEntry<Integer, Integer> up = map.upperBound(b);
            assertThat(lo == null ? null : lo.key()).as(at).isEqualTo(lower);
            assertThat(up == null ? null : up.key()).as(at).isEqualTo(upper);
        }
    }

    /**
     * range(lo, hi) over every bound pair, consumed forward, backward, and alternately from both
     * ends, equals TreeMap's sub-map; inverted ranges are empty; exhausted stays exhausted.
     */
    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33})
    void range_everyBoundPair_forwardBackwardAndMixed_matchTreeMap(long seed) {
        Random rnd = new Random(seed);
        TreeMap<Integer, Integer> model = new TreeMap<>();
        SkipMap<Integer, Integer> map = randomMap(rnd, model);
        List<Bound<Integer>> bounds = allBounds();
        for (Bound<Integer> lo : bounds) {
            for (Bound<Integer> hi : bounds) {
                String at = "seed=" + seed + " lo=" + lo + " hi=" + hi;
                NavigableMap<Integer, Integer> expected = modelRange(model, lo, hi);
                List<Integer> want =
                        expected == null ? List.of() : new ArrayList<>(expected.keySet());
                assertThat(drain(map.range(lo, hi), 0, rnd)).as(at + " fwd").isEqualTo(want);
                assertThat(drain(map.range(lo, hi), 1, rnd)).as(at + " back").isEqualTo(want);
                assertThat(drain(map.range(lo, hi), 2, rnd)).as(at + " mixed").isEqualTo(want);
            }
        }
    }

    /**
     * Drains it: mode 0 forward, 1 backward, 2 randomly from either end. Returns the keys in
     * ascending order and checks that both ends stay exhausted.
     */
    private static List<Integer> drain(
            DoubleEndedIterator<SkipMapEntry<Integer, Integer>> it, int mode, Random rnd) {
        List<Integer> front = new ArrayList<>();
        List<Integer> back = new ArrayList<>();
        for (; ; ) {
            boolean fromFront = mode == 0 || (mode == 2 && rnd.nextBoolean());
            if (fromFront) {
                if (!it.hasNext()) {
                    break;
                }
                front.add(it.next().key());
            } else {
                if (!it.hasNextBack()) {
                    break;
                }
                back.add(0, it.nextBack().key());
            }
        }
        assertThat(it.hasNext()).isFalse();
        assertThat(it.hasNextBack()).isFalse();
        front.addAll(back);
        return front;
    }

    /** Handles step through the whole map with next() and prev(), matching the model. */
    @Test
    void entryHandles_nextAndPrev_walkTheModel() {
        Random rnd = new Random(41);
        TreeMap<Integer, Integer> model = new TreeMap<>();
        SkipMap<Integer, Integer> map = randomMap(rnd, model);
        List<Integer> up = new ArrayList<>();
        for (SkipMapEntry<Integer, Integer> e = map.front(); e != null; e = e.next()) {
            up.add(e.key());
        }
        List<Integer> down = new ArrayList<>();
        for (SkipMapEntry<Integer, Integer> e = map.back(); e != null; e = e.prev()) {
            down.add(e.key());
        }
        assertThat(up).isEqualTo(new ArrayList<>(model.keySet()));
        assertThat(down).isEqualTo(new ArrayList<>(model.descendingKeySet()));
    }

    /** SkipSet's navigation, views and ranges against TreeSet. */
    @ParameterizedTest
    @ValueSource(longs = {51, 52})
    void skipSet_matchesTreeSet(long seed) {
        Random rnd = new Random(seed);
        SkipSet<Integer> set = new SkipSet<>();
        TreeSet<Integer> model = new TreeSet<>();
        for (int step = 0; step < 2000; step++) {
            int k = rnd.nextInt(KEYS);
            String at = "seed=" + seed + " step=" + step;
            switch (rnd.nextInt(5)) {
                case 0, 1 -> assertThat(set.add(k)).as(at).isEqualTo(model.add(k));
                case 2 -> assertThat(set.remove(k)).as(at).isEqualTo(model.remove(k));
                case 3 -> {
                    SkipSetEntry<Integer> e = rnd.nextBoolean() ? set.popFront() : set.popBack();
                    if (e == null) {
                        assertThat(model).as(at).isEmpty();
                    } else {
                        assertThat(e.isRemoved()).as(at).isTrue();
                        assertThat(model.remove(e.value())).as(at).isTrue();
                    }
                }
                default -> {
                    SkipSetEntry<Integer> e = set.insert(k);
                    model.add(k);
                    assertThat(e.value()).as(at).isEqualTo(k);
                }
            }
            assertThat(set.size()).as(at).isEqualTo(model.size());
        }
        assertThat(new ArrayList<>(set)).isEqualTo(new ArrayList<>(model));
        for (int k = -1; k <= KEYS; k++) {
            assertThat(set.lower(k)).isEqualTo(model.lower(k));
            assertThat(set.floor(k)).isEqualTo(model.floor(k));
            assertThat(set.ceiling(k)).isEqualTo(model.ceiling(k));
            assertThat(set.higher(k)).isEqualTo(model.higher(k));
            for (int h = k; h <= KEYS; h += 5) {
                assertThat(new ArrayList<>(set.subSet(k, true, h, false).descendingSet()))
                        .isEqualTo(
                                new ArrayList<>(model.subSet(k, true, h, false).descendingSet()));
                List<Integer> got = new ArrayList<>();
                DoubleEndedIterator<SkipSetEntry<Integer>> it =
                        set.range(Bound.excluded(k), Bound.included(h));
                while (it.hasNextBack()) {
                    got.add(it.nextBack().value());
                }
                assertThat(got)
                        .isEqualTo(
                                new ArrayList<>(model.subSet(k, false, h, true).descendingSet()));
            }
        }
        Iterator<Integer> it = set.descendingIterator();
        for (Integer want : model.descendingSet()) {
            assertThat(it.next()).isEqualTo(want);
        }
        assertThat(it.hasNext()).isFalse();
    }
}
