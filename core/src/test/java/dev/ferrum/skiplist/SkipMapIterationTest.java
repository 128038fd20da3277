package dev.ferrum.skiplist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Case C11 of the project's known-bug catalogue (crossbeam #737, PR #741; concread #118): exhausted
 * iterators stay exhausted, and range bounds are not off by one. Plus the handle semantics a
 * replacement and a removal leave behind.
 */
@Timeout(30)
class SkipMapIterationTest {

    private static SkipMap<Integer, Integer> mapOf(int... keys) {
        SkipMap<Integer, Integer> m = new SkipMap<>();
        for (int k : keys) {
            m.put(k, k);
        }
        return m;
    }

    private static List<Integer> keys(DoubleEndedIterator<SkipMapEntry<Integer, Integer>> it) {
        List<Integer> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next().key());
        }
        return out;
    }

    /** C11 step 1: {1}: next gives 1, then the end, and the end again, even after new inserts. */
    @Test
    void exhaustedIterator_staysExhausted_evenAfterInsertsBelowAndAbove() {
        SkipMap<Integer, Integer> m = mapOf(1);
        Iterator<Integer> keys = m.keySet().iterator();
        DoubleEndedIterator<SkipMapEntry<Integer, Integer>> range = m.iter();
        Iterator<Map.Entry<Integer, Integer>> entries = m.entrySet().iterator();
        Iterator<Integer> desc = m.descendingKeySet().iterator();
        assertThat(keys.next()).isEqualTo(1);
        assertThat(range.next().key()).isEqualTo(1);
        assertThat(entries.next().getKey()).isEqualTo(1);
        assertThat(desc.next()).isEqualTo(1);
        assertThat(keys.hasNext()).isFalse();
        assertThat(range.hasNext()).isFalse();
        assertThat(entries.hasNext()).isFalse();
        assertThat(desc.hasNext()).isFalse();
        m.put(0, 0);
        m.put(2, 2);
        assertThat(keys.hasNext()).isFalse();
        assertThat(range.hasNext()).isFalse();
        assertThat(range.hasNextBack()).isFalse();
        assertThat(entries.hasNext()).isFalse();
        assertThat(desc.hasNext()).isFalse();
        assertThatThrownBy(keys::next).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(range::next).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(range::nextBack).isInstanceOf(NoSuchElementException.class);
    }

    /** C11 step 2: the ranges that name no key between their bounds are empty. */
    @Test
    void rangesWithNothingBetweenTheirBounds_areEmpty() {
        SkipMap<Integer, Integer> m = mapOf(0, 1, 2, 3, 4, 5, 6, 8);
        assertThat(keys(m.range(Bound.excluded(6), Bound.included(7)))).isEmpty();
        assertThat(keys(m.range(Bound.excluded(6), Bound.excluded(8)))).isEmpty();
        assertThat(keys(m.range(Bound.excluded(5), Bound.excluded(5)))).isEmpty();
        assertThat(keys(m.range(Bound.included(5), Bound.excluded(5)))).isEmpty();
        assertThat(keys(m.range(Bound.included(5), Bound.included(5)))).containsExactly(5);
        assertThat(m.subMap(6, false, 7, true)).isEmpty();
        assertThat(m.subMap(6, false, 8, false)).isEmpty();
        assertThat(m.subMap(5, false, 5, false)).isEmpty();
        assertThat(m.descendingMap().subMap(7, true, 6, false)).isEmpty();
    }

    /**
     * C11 step 2: an inverted range, (incl 8, incl 6), is empty for range() (crossbeam's choice)
     * and throws IllegalArgumentException for subMap (TreeMap's choice), in both directions.
     */
    @Test
    void invertedRange_isEmptyForRange_andRejectedBySubMap() {
        SkipMap<Integer, Integer> m = mapOf(0, 1, 2, 3, 4, 5, 6, 8);
        DoubleEndedIterator<SkipMapEntry<Integer, Integer>> it =
                m.range(Bound.included(8), Bound.included(6));
        assertThat(it.hasNext()).isFalse();
        assertThat(it.hasNextBack()).isFalse();
        assertThatThrownBy(() -> m.subMap(8, true, 6, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fromKey=8");
        assertThatThrownBy(() -> m.descendingMap().subMap(6, true, 8, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * C11 step 3: random key sets (up to 50 keys) and every bound combination, consumed front, back
     * and mixed, equal TreeMap.subMap; each range stays exhausted afterwards.
     */
    @Test
    void randomKeySets_everyBoundCombination_matchTreeMapSubMap() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int round = 0; round < 40; round++) {
            TreeMap<Integer, Integer> model = new TreeMap<>();
            SkipMap<Integer, Integer> m = new SkipMap<>();
            int n = rnd.nextInt(51);
            for (int i = 0; i < n; i++) {
                int k = rnd.nextInt(60);
                m.put(k, k);
                model.put(k, k);
            }
            for (int lo = -1; lo <= 60; lo += 1 + rnd.nextInt(4)) {
                for (int hi = -1; hi <= 60; hi += 1 + rnd.nextInt(4)) {
                    for (int kind = 0; kind < 9; kind++) {
                        Bound<Integer> l = bound(kind % 3, lo);
                        Bound<Integer> h = bound(kind / 3, hi);
                        List<Integer> want = expected(model, l, h);
                        String at = "seed=" + seed + " round=" + round + " " + l + ".." + h;
                        List<Integer> front = new ArrayList<>();
                        List<Integer> back = new ArrayList<>();
                        DoubleEndedIterator<SkipMapEntry<Integer, Integer>> it = m.range(l, h);
                        int mode = rnd.nextInt(3);
                        for (; ; ) {
                            boolean f = mode == 0 || (mode == 2 && rnd.nextBoolean());
                            if (f ? !it.hasNext() : !it.hasNextBack()) {
                                break;
                            }
                            if (f) {
                                front.add(it.next().key());
                            } else {
                                back.add(0, it.nextBack().key());
                            }
                        }
                        front.addAll(back);
                        assertThat(front).as(at + " mode=" + mode).isEqualTo(want);
                        assertThat(it.hasNext() || it.hasNextBack()).as(at).isFalse();
                    }
                }
            }
        }
    }

    private static Bound<Integer> bound(int kind, int key) {
        return switch (kind) {
            case 0 -> Bound.included(key);
            case 1 -> Bound.excluded(key);
            default -> Bound.unbounded();
        };
    }

    private static List<Integer> expected(
            TreeMap<Integer, Integer> model, Bound<Integer> l, Bound<Integer> h) {
        List<Integer> out = new ArrayList<>();
        for (Integer k : model.keySet()) {
            boolean aboveLo =
                    l.keyOrNull() == null
                            || k > l.keyOrNull()
                            || (l.isInclusive() && k.equals(l.keyOrNull()));
            boolean belowHi =
                    h.keyOrNull() == null
                            || k < h.keyOrNull()
                            || (h.isInclusive() && k.equals(h.keyOrNull()));
            if (aboveLo && belowHi) {
                out.add(k);
            }
        }
        return out;
    }

    /** A handle taken before a replacement sees the new value and is not removed. */
    @Test
    void handleBeforeReplace_seesNewValue_andIsNotRemoved() {
        SkipMap<String, Integer> m = new SkipMap<>();
        SkipMapEntry<String, Integer> before = m.insert("k", 1);
        SkipMapEntry<String, Integer> after = m.insert("k", 2);
        assertThat(before.value()).isEqualTo(2);
        assertThat(before.isRemoved()).isFalse();
        assertThat(after).isEqualTo(before);
        m.put("k", 3);
        assertThat(before.getValue()).isEqualTo(3);
        assertThat(before.setValue(4)).isEqualTo(3);
        assertThat(m.get("k")).isEqualTo(4);
    }

    /**
     * After removal a handle keeps its last value, reports removal, removes nothing more, steps to
     * live neighbours, and does not revive when the key is inserted again.
     */
    @Test
    void removedHandle_keepsLastValue_andStaysRemovedAfterReinsert() {
        SkipMap<Integer, String> m = new SkipMap<>();
        m.put(1, "a");
        m.put(2, "b");
        m.put(3, "c");
        SkipMapEntry<Integer, String> two = m.getEntry(2);
        assertThat(m.remove(2)).isEqualTo("b");
        assertThat(two.isRemoved()).isTrue();
        assertThat(two.value()).isEqualTo("b");
        assertThat(two.remove()).isFalse();
        assertThat(two.next().key()).isEqualTo(3);
        assertThat(two.prev().key()).isEqualTo(1);
        assertThatThrownBy(() -> two.setValue("x")).isInstanceOf(IllegalStateException.class);
        m.put(2, "new");
        assertThat(two.isRemoved()).isTrue();
        assertThat(two.value()).isEqualTo("b");
        assertThat(m.getEntry(2).value()).isEqualTo("new");
    }

    /** getOrInsertWith runs the supplier only when the key is absent. */
    @Test
    void getOrInsertWith_runsSupplierOnlyWhenAbsent() {
        SkipMap<String, Integer> m = new SkipMap<>();
        int[] calls = new int[1];
        assertThat(m.getOrInsertWith("k", () -> ++calls[0]).value()).isEqualTo(1);
        assertThat(m.getOrInsertWith("k", () -> ++calls[0]).value()).isEqualTo(1);
        assertThat(calls[0]).isEqualTo(1);
    }

    /** compareInsert inserts when absent without calling the test, replaces only when told. */
    @Test
    void compareInsert_insertsWhenAbsent_replacesOnlyWhenAccepted() {
        SkipMap<String, Integer> m = new SkipMap<>();
        assertThat(
                        m.compareInsert(
                                        "k",
                                        1,
                                        v -> {
                                            throw new AssertionError(
                                                    "test called for an absent key");
                                        })
                                .value())
                .isEqualTo(1);
        assertThat(m.compareInsert("k", 2, v -> v > 5).value()).isEqualTo(1);
        assertThat(m.compareInsert("k", 3, v -> v == 1).value()).isEqualTo(3);
    }

    /** Nulls are rejected with messages naming the argument. */
    @Test
    void nulls_areRejected() {
        SkipMap<String, Integer> m = new SkipMap<>();
        assertThatThrownBy(() -> m.put(null, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> m.put("a", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> m.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Bound.included(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SkipSet<String>().add(null))
                .isInstanceOf(NullPointerException.class);
    }

    /** Descending iteration over many keys takes O(log n) per step, not O(n). */
    @Test
    @Timeout(20)
    void descendingIteration_ofManyKeys_isNotQuadratic() {
        SkipMap<Integer, Integer> m = new SkipMap<>();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            m.put(i, i);
        }
        // With O(n) per step this would take ~2*10^10 steps and hit the timeout.
        int expect = n - 1;
        for (Integer k : m.descendingKeySet()) {
            assertThat(k).isEqualTo(expect--);
        }
        assertThat(expect).isEqualTo(-1);
    }
}
