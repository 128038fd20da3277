package dev.ferrum.skiplist;

import dev.ferrum.skiplist.SkipMap.KeyRange;
import dev.ferrum.skiplist.SkipMap.Node;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentNavigableMap;

/**
 * A range view of a {@link SkipMap}, ascending or descending: what {@code subMap}, {@code headMap},
 * {@code tailMap} and {@code descendingMap} return. It holds no entries of its own; every call goes
 * to the backing map and filters by the range. Putting a key outside the range throws {@link
 * IllegalArgumentException}; other operations treat such keys as absent.
 */
final class SubMap<K, V> extends AbstractMap<K, V>
        implements ConcurrentNavigableMap<K, V>, Serializable {
    private static final long serialVersionUID = 1L;

    final SkipMap<K, V> m;
    final KeyRange<K> kr;
    final boolean descending;

    SubMap(SkipMap<K, V> m, KeyRange<K> kr, boolean descending) {
        this.m = m;
        this.kr = kr;
        this.descending = descending;
    }

    private void checkKey(Object key) {
        Objects.requireNonNull(key, "key");
        if (!m.inRange(key, kr)) {
            throw new IllegalArgumentException("key out of range: key=" + key);
        }
    }

    private boolean has(Object key) {
        Objects.requireNonNull(key, "key");
        return m.inRange(key, kr);
    }

    // ---------------------------------------------------------------- Map

    @Override
    public int size() {
        return m.countIn(kr);
    }

    @Override
    public boolean isEmpty() {
        return m.lowestIn(kr) == null;
    }

    @Override
    public boolean containsKey(Object key) {
        return has(key) && m.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        Objects.requireNonNull(value, "value");
        for (Node<K, V> n = m.lowestIn(kr); n != null && !m.tooHigh(n.key, kr); ) {
            V v = SkipMap.liveValue(n);
            if (v != null && value.equals(v)) {
                return true;
            }
            n = m.successor(n);
        }
        return false;
    }

    @Override
    public V get(Object key) {
        return has(key) ? m.get(key) : null;
    }

    @Override
    public V put(K key, V value) {
        checkKey(key);
        return m.put(key, value);
    }

    @Override
    public V remove(Object key) {
        return has(key) ? m.remove(key) : null;
    }

    @Override
    public void clear() {
        for (Node<K, V> n = m.lowestIn(kr); n != null && !m.tooHigh(n.key, kr); ) {
            m.tryRemove(n);
            n = m.successor(n);
        }
    }

    @Override
    public V putIfAbsent(K key, V value) {
        checkKey(key);
        return m.putIfAbsent(key, value);
    }

    @Override
    public boolean remove(Object key, Object value) {
        return has(key) && m.remove(key, value);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        checkKey(key);
        return m.replace(key, oldValue, newValue);
    }

    @Override
    public V replace(K key, V value) {
        checkKey(key);
        return m.replace(key, value);
    }

    // ---------------------------------------------------------------- navigation

    private Node<K, V> lowest() {
        return descending ? m.highestIn(kr) : m.lowestIn(kr);
    }

    private Node<K, V> highest() {
        return descending ? m.lowestIn(kr) : m.highestIn(kr);
    }

    /** In view order: the first node after key (or at key when inclusive). */
    private Node<K, V> above(K key, boolean inclusive) {
        Objects.requireNonNull(key, "key");
        return descending ? m.belowIn(key, inclusive, kr) : m.aboveIn(key, inclusive, kr);
    }

    /** In view order: the last node before key (or at key when inclusive). */
    private Node<K, V> below(K key, boolean inclusive) {
        Objects.requireNonNull(key, "key");
        return descending ? m.aboveIn(key, inclusive, kr) : m.belowIn(key, inclusive, kr);
    }

    @Override
    public Map.Entry<K, V> lowerEntry(K key) {
        return SkipMap.snapshot(below(key, false));
    }

    @Override
    public K lowerKey(K key) {
        return SkipMap.keyOrNull(below(key, false));
    }

    @Override
    public Map.Entry<K, V> floorEntry(K key) {
        return SkipMap.snapshot(below(key, true));
    }

    @Override
    public K floorKey(K key) {
        return SkipMap.keyOrNull(below(key, true));
    }

    @Override
    public Map.Entry<K, V> ceilingEntry(K key) {
        return SkipMap.snapshot(above(key, true));
    }

    @Override
    public K ceilingKey(K key) {
        return SkipMap.keyOrNull(above(key, true));
    }

    @Override
    public Map.Entry<K, V> higherEntry(K key) {
        return SkipMap.snapshot(above(key, false));
    }

    @Override
    public K higherKey(K key) {
        return SkipMap.keyOrNull(above(key, false));
    }

    @Override
    public Map.Entry<K, V> firstEntry() {
        return SkipMap.snapshot(lowest());
    }

    @Override
    public Map.Entry<K, V> lastEntry() {
        return SkipMap.snapshot(highest());
    }

    @Override
    public K firstKey() {
        return SkipMap.keyOrThrow(lowest());
    }

    @Override
    public K lastKey() {
        return SkipMap.keyOrThrow(highest());
    }

    @Override
    public Map.Entry<K, V> pollFirstEntry() {
        return m.pollIn(kr, descending);
    }

    @Override
    public Map.Entry<K, V> pollLastEntry() {
        return m.pollIn(kr, !descending);
    }

    @Override
    public Comparator<? super K> comparator() {
        Comparator<? super K> c = m.comparator();
        if (!descending) {
            return c;
        }
        return c == null ? reverseNatural() : Collections.reverseOrder(c);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K> Comparator<? super K> reverseNatural() {
        return (Comparator) Collections.reverseOrder();
    }

    // ---------------------------------------------------------------- views

    /**
     * Narrows this view. Keys are in view order (for a descending view fromKey is the larger); a
     * null key keeps this view's bound on that side.
     */
    private SubMap<K, V> narrow(K fromKey, boolean fromInclusive, K toKey, boolean toInclusive) {
        K lo = fromKey;
        boolean loInc = fromInclusive;
        K hi = toKey;
        boolean hiInc = toInclusive;
        if (descending) {
            lo = toKey;
            loInc = toInclusive;
            hi = fromKey;
            hiInc = fromInclusive;
        }
        if (lo != null && hi != null && m.cpr(lo, hi) > 0) {
            throw new IllegalArgumentException(
                    "fromKey is beyond toKey: fromKey=" + fromKey + ", toKey=" + toKey);
        }
        if (lo == null) {
            lo = kr.lo;
            loInc = kr.loInclusive;
        } else if (!fits(lo, loInc)) {
            throw new IllegalArgumentException("key out of range: key=" + lo);
        }
        if (hi == null) {
            hi = kr.hi;
            hiInc = kr.hiInclusive;
        } else if (!fits(hi, hiInc)) {
            throw new IllegalArgumentException("key out of range: key=" + hi);
        }
        return new SubMap<>(m, new KeyRange<>(lo, loInc, hi, hiInc), descending);
    }

    /**
     * Whether a new bound at key lies within this view: an inclusive one must be in range, an
     * exclusive one may also sit on an exclusive end of this view (as TreeMap allows).
     */
    private boolean fits(K key, boolean inclusive) {
        if (inclusive) {
            return m.inRange(key, kr);
        }
        return (kr.lo == null || m.cpr(key, kr.lo) >= 0)
                && (kr.hi == null || m.cpr(key, kr.hi) <= 0);
    }

    @Override
    public ConcurrentNavigableMap<K, V> subMap(
            K fromKey, boolean fromInclusive, K toKey, boolean toInclusive) {
        Objects.requireNonNull(fromKey, "fromKey");
        Objects.requireNonNull(toKey, "toKey");
        return narrow(fromKey, fromInclusive, toKey, toInclusive);
    }

    @Override
    public ConcurrentNavigableMap<K, V> headMap(K toKey, boolean inclusive) {
        Objects.requireNonNull(toKey, "toKey");
        return narrow(null, false, toKey, inclusive);
    }

    @Override
    public ConcurrentNavigableMap<K, V> tailMap(K fromKey, boolean inclusive) {
        Objects.requireNonNull(fromKey, "fromKey");
        return narrow(fromKey, inclusive, null, false);
    }

    @Override
    public ConcurrentNavigableMap<K, V> subMap(K fromKey, K toKey) {
        return subMap(fromKey, true, toKey, false);
    }

    @Override
    public ConcurrentNavigableMap<K, V> headMap(K toKey) {
        return headMap(toKey, false);
    }

    @Override
    public ConcurrentNavigableMap<K, V> tailMap(K fromKey) {
        return tailMap(fromKey, true);
    }

    @Override
    public ConcurrentNavigableMap<K, V> descendingMap() {
        return new SubMap<>(m, kr, !descending);
    }

    @Override
    public NavigableSet<K> keySet() {
        return new KeySet<>(this, null);
    }

    @Override
    public NavigableSet<K> navigableKeySet() {
        return new KeySet<>(this, null);
    }

    @Override
    public NavigableSet<K> descendingKeySet() {
        return new KeySet<>(descendingMap(), null);
    }

    @Override
    public Collection<V> values() {
        return new Values<>(this);
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new EntrySet<>(this);
    }
}
