package dev.ferrum.skiplist;

import dev.ferrum.skiplist.SkipMap.KeyRange;
import java.io.Serializable;
import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentNavigableMap;

/** The iterators behind a SkipMap or one of its sub-map views. */
final class Views {
    private Views() {}

    static <K> Iterator<K> keys(ConcurrentNavigableMap<K, ?> map) {
        if (map instanceof SkipMap<K, ?> s) {
            return s.keyIterator(KeyRange.all(), false);
        }
        SubMap<K, ?> s = (SubMap<K, ?>) map;
        return s.m.keyIterator(s.kr, s.descending);
    }

    static <V> Iterator<V> values(ConcurrentNavigableMap<?, V> map) {
        return valuesOf(map);
    }

    private static <K, V> Iterator<V> valuesOf(ConcurrentNavigableMap<K, V> map) {
        if (map instanceof SkipMap<K, V> s) {
            return s.valueIterator(KeyRange.all(), false);
        }
        SubMap<K, V> s = (SubMap<K, V>) map;
        return s.m.valueIterator(s.kr, s.descending);
    }

    static <K, V> Iterator<Map.Entry<K, V>> entries(ConcurrentNavigableMap<K, V> map) {
        if (map instanceof SkipMap<K, V> s) {
            return s.entryIterator(KeyRange.all(), false);
        }
        SubMap<K, V> s = (SubMap<K, V>) map;
        return s.m.entryIterator(s.kr, s.descending);
    }
}

/**
 * The navigable key set of a SkipMap or sub-map view. {@code add} is supported only when the set
 * was made with a value to add (SkipSet's views); a map's key set rejects it. Serializable because
 * SkipSet's sub-sets are (as ConcurrentSkipListSet's are); it serializes its map view.
 */
final class KeySet<E> extends AbstractSet<E> implements NavigableSet<E>, Serializable {
    private static final long serialVersionUID = 1L;

    final ConcurrentNavigableMap<E, Object> map;
    private final Object addValue;

    @SuppressWarnings("unchecked")
    KeySet(ConcurrentNavigableMap<E, ?> map, Object addValue) {
        this.map = (ConcurrentNavigableMap<E, Object>) map;
        this.addValue = addValue;
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
        return map.containsKey(o);
    }

    @Override
    public boolean add(E e) {
        if (addValue == null) {
            throw new UnsupportedOperationException("add to a key set view");
        }
        return map.putIfAbsent(e, addValue) == null;
    }

    @Override
    public boolean remove(Object o) {
        return map.remove(o) != null;
    }

    @Override
    public void clear() {
        map.clear();
    }

    @Override
    public Iterator<E> iterator() {
        return Views.keys(map);
    }

    @Override
    public Iterator<E> descendingIterator() {
        return Views.keys(map.descendingMap());
    }

    @Override
    public E lower(E e) {
        return map.lowerKey(e);
    }

    @Override
    public E floor(E e) {
        return map.floorKey(e);
    }

    @Override
    public E ceiling(E e) {
        return map.ceilingKey(e);
    }

    @Override
    public E higher(E e) {
        return map.higherKey(e);
    }

    @Override
    public E first() {
        return map.firstKey();
    }

    @Override
    public E last() {
        return map.lastKey();
    }

    @Override
    public E pollFirst() {
        Map.Entry<E, Object> e = map.pollFirstEntry();
        return e == null ? null : e.getKey();
    }

    @Override
    public E pollLast() {
        Map.Entry<E, Object> e = map.pollLastEntry();
        return e == null ? null : e.getKey();
    }

    @Override
    public Comparator<? super E> comparator() {
        return map.comparator();
    }

    @Override
    public NavigableSet<E> descendingSet() {
        return new KeySet<>(map.descendingMap(), addValue);
    }

    @Override
    public NavigableSet<E> subSet(
            E fromElement, boolean fromInclusive, E toElement, boolean toInclusive) {
        return new KeySet<>(
                map.subMap(fromElement, fromInclusive, toElement, toInclusive), addValue);
    }

    @Override
    public NavigableSet<E> headSet(E toElement, boolean inclusive) {
        return new KeySet<>(map.headMap(toElement, inclusive), addValue);
    }

    @Override
    public NavigableSet<E> tailSet(E fromElement, boolean inclusive) {
        return new KeySet<>(map.tailMap(fromElement, inclusive), addValue);
    }

    @Override
    public SortedSet<E> subSet(E fromElement, E toElement) {
        return subSet(fromElement, true, toElement, false);
    }

    @Override
    public SortedSet<E> headSet(E toElement) {
        return headSet(toElement, false);
    }

    @Override
    public SortedSet<E> tailSet(E fromElement) {
        return tailSet(fromElement, true);
    }
}

/** The values of a SkipMap or sub-map view, in the view's key order. */
final class Values<V> extends AbstractCollection<V> {
    private final ConcurrentNavigableMap<?, V> map;

    Values(ConcurrentNavigableMap<?, V> map) {
        this.map = map;
    }

    @Override
    public Iterator<V> iterator() {
        return Views.values(map);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
        return map.containsValue(o);
    }

    @Override
    public void clear() {
        map.clear();
    }
}

/** The entries of a SkipMap or sub-map view; its iterators yield SkipMapEntry handles. */
final class EntrySet<K, V> extends AbstractSet<Map.Entry<K, V>> {
    private final ConcurrentNavigableMap<K, V> map;

    EntrySet(ConcurrentNavigableMap<K, V> map) {
        this.map = map;
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
        return Views.entries(map);
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof Map.Entry<?, ?> e) || e.getKey() == null || e.getValue() == null) {
            return false;
        }
        V v = map.get(e.getKey());
        return v != null && v.equals(e.getValue());
    }

    @Override
    public boolean remove(Object o) {
        if (!(o instanceof Map.Entry<?, ?> e) || e.getKey() == null || e.getValue() == null) {
            return false;
        }
        return map.remove(e.getKey(), e.getValue());
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        Objects.requireNonNull(c, "c");
        boolean changed = false;
        for (Object o : c) {
            changed |= remove(o);
        }
        return changed;
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public void clear() {
        map.clear();
    }
}
