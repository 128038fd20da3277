package dev.ferrum.skiplist;

import dev.ferrum.skiplist.SkipMap.KeyRange;
import dev.ferrum.skiplist.SkipMap.Node;
import java.io.Serializable;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NavigableSet;
import java.util.SortedSet;

/**
 * A lock-free concurrent sorted set: a drop-in for {@link
 * java.util.concurrent.ConcurrentSkipListSet} that also offers the API of crossbeam-skiplist's
 * {@code SkipSet} (element handles, bounds, double-ended ranges).
 *
 * <p>It is backed by a {@link SkipMap} whose values are all {@link Boolean#TRUE}, and inherits its
 * guarantees: single-element operations are atomic, the element methods are lock-free, iteration is
 * weakly consistent (an exhausted iterator stays exhausted) and costs O(log n) per step in either
 * direction, and {@link #size()} is a snapshot that is never negative. Null elements are rejected
 * with {@link NullPointerException}. Views ({@code subSet}, {@code headSet}, {@code tailSet},
 * {@code descendingSet}) write through, including {@code add} within their range.
 *
 * <p>Memory consistency: actions in a thread before adding an element happen-before actions after
 * another thread finds or removes that element.
 *
 * @param <E> the element type
 */
public final class SkipSet<E> extends AbstractSet<E>
        implements NavigableSet<E>, Cloneable, Serializable {
    private static final long serialVersionUID = 1L;

    /** The backing map; every value is Boolean.TRUE. */
    private final SkipMap<E, Boolean> map;

    /** The ascending view that implements most methods. */
    private final transient KeySet<E> view;

    /** Creates an empty set ordered by the elements' natural ordering. */
    public SkipSet() {
        this(new SkipMap<>());
    }

    /**
     * Creates an empty set ordered by {@code comparator}.
     *
     * @param comparator the ordering, or null for natural ordering
     */
    public SkipSet(Comparator<? super E> comparator) {
        this(new SkipMap<>(comparator));
    }

    /**
     * Creates a set with the elements of {@code c}, in natural ordering.
     *
     * @param c the elements
     * @throws NullPointerException if c or any element is null
     */
    public SkipSet(Collection<? extends E> c) {
        this(new SkipMap<>());
        addAll(c);
    }

    /**
     * Creates a set with the elements and the ordering of {@code s}.
     *
     * @param s the sorted set to copy
     * @throws NullPointerException if s or any element is null
     */
    public SkipSet(SortedSet<E> s) {
        this(new SkipMap<>(s.comparator()));
        addAll(s);
    }

    private SkipSet(SkipMap<E, Boolean> map) {
        this.map = map;
        this.view = new KeySet<>(map, Boolean.TRUE);
    }

    static <E> SkipSetEntry<E> handle(SkipMap<E, Boolean> map, Node<E, Boolean> n) {
        return n == null ? null : new SkipSetEntry<>(map, n);
    }

    private SkipSetEntry<E> handle(Node<E, Boolean> n) {
        return handle(map, n);
    }

    // ---------------------------------------------------------------- Set / NavigableSet

    /** Returns a snapshot of the number of elements; never negative. */
    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    /**
     * @throws NullPointerException if o is null
     */
    @Override
    public boolean contains(Object o) {
        return map.containsKey(o);
    }

    /**
     * Adds e if absent.
     *
     * @return true if added
     * @throws NullPointerException if e is null
     */
    @Override
    public boolean add(E e) {
        return map.putIfAbsent(e, Boolean.TRUE) == null;
    }

    /**
     * Removes o if present.
     *
     * @return true if this call removed it
     * @throws NullPointerException if o is null
     */
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
        return view.iterator();
    }

    @Override
    public Iterator<E> descendingIterator() {
        return view.descendingIterator();
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
        return view.pollFirst();
    }

    @Override
    public E pollLast() {
        return view.pollLast();
    }

    @Override
    public Comparator<? super E> comparator() {
        return map.comparator();
    }

    @Override
    public NavigableSet<E> descendingSet() {
        return view.descendingSet();
    }

    @Override
    public NavigableSet<E> subSet(
            E fromElement, boolean fromInclusive, E toElement, boolean toInclusive) {
        return view.subSet(fromElement, fromInclusive, toElement, toInclusive);
    }

    @Override
    public NavigableSet<E> headSet(E toElement, boolean inclusive) {
        return view.headSet(toElement, inclusive);
    }

    @Override
    public NavigableSet<E> tailSet(E fromElement, boolean inclusive) {
        return view.tailSet(fromElement, inclusive);
    }

    @Override
    public SortedSet<E> subSet(E fromElement, E toElement) {
        return view.subSet(fromElement, toElement);
    }

    @Override
    public SortedSet<E> headSet(E toElement) {
        return view.headSet(toElement);
    }

    @Override
    public SortedSet<E> tailSet(E fromElement) {
        return view.tailSet(fromElement);
    }

    /**
     * Returns a shallow copy with the same ordering.
     *
     * @return the copy
     */
    @Override
    public SkipSet<E> clone() {
        return new SkipSet<>(map.clone());
    }

    private Object readResolve() {
        return new SkipSet<>(map);
    }

    // ---------------------------------------------------------------- crossbeam API

    /**
     * Returns a handle to the smallest element, or null if empty.
     *
     * @return the first entry
     */
    public SkipSetEntry<E> front() {
        return handle(map.firstNode());
    }

    /**
     * Returns a handle to the largest element, or null if empty.
     *
     * @return the last entry
     */
    public SkipSetEntry<E> back() {
        return handle(map.lastNode());
    }

    /**
     * Removes the smallest element and returns its handle, or null if empty. Under concurrent pops
     * each element is handed to exactly one caller.
     *
     * @return the removed entry
     */
    public SkipSetEntry<E> popFront() {
        SkipMapEntry<E, Boolean> e = map.popFront();
        return e == null ? null : handle(map.getNodeOf(e));
    }

    /**
     * Removes the largest element and returns its handle, or null if empty. Under concurrent pops
     * each element is handed to exactly one caller.
     *
     * @return the removed entry
     */
    public SkipSetEntry<E> popBack() {
        SkipMapEntry<E, Boolean> e = map.popBack();
        return e == null ? null : handle(map.getNodeOf(e));
    }

    /**
     * Returns a handle to the element equal to e, or null if absent.
     *
     * @param e the element
     * @return the entry
     * @throws NullPointerException if e is null
     */
    public SkipSetEntry<E> get(Object e) {
        SkipMapEntry<E, Boolean> h = map.getEntry(e);
        return h == null ? null : handle(map.getNodeOf(h));
    }

    /**
     * Adds e if absent and returns the handle of the element now present (crossbeam's {@code
     * insert}, which for a set is the same as {@code get_or_insert}).
     *
     * @param e the element
     * @return the entry
     * @throws NullPointerException if e is null
     */
    public SkipSetEntry<E> insert(E e) {
        return handle(map.getNodeOf(map.getOrInsert(e, Boolean.TRUE)));
    }

    /**
     * Returns the handle of the smallest element inside {@code bound}, or null (see {@link
     * SkipMap#lowerBound}).
     *
     * @param bound the lower bound
     * @return the entry
     * @throws NullPointerException if bound is null
     */
    public SkipSetEntry<E> lowerBound(Bound<? extends E> bound) {
        SkipMapEntry<E, Boolean> h = map.lowerBound(bound);
        return h == null ? null : handle(map.getNodeOf(h));
    }

    /**
     * Returns the handle of the largest element inside {@code bound}, or null (see {@link
     * SkipMap#upperBound}).
     *
     * @param bound the upper bound
     * @return the entry
     * @throws NullPointerException if bound is null
     */
    public SkipSetEntry<E> upperBound(Bound<? extends E> bound) {
        SkipMapEntry<E, Boolean> h = map.upperBound(bound);
        return h == null ? null : handle(map.getNodeOf(h));
    }

    /**
     * Returns a double-ended, weakly consistent iterator over the elements between the bounds; an
     * inverted range is empty (see {@link SkipMap#range}).
     *
     * @param lower the lower bound
     * @param upper the upper bound
     * @return the iterator
     * @throws NullPointerException if a bound is null
     */
    public DoubleEndedIterator<SkipSetEntry<E>> range(
            Bound<? extends E> lower, Bound<? extends E> upper) {
        return new RangeIterator<>(map, map.toRange(lower, upper), this::handle);
    }

    /**
     * Returns a double-ended, weakly consistent iterator over all elements.
     *
     * @return the iterator
     */
    public DoubleEndedIterator<SkipSetEntry<E>> iter() {
        return new RangeIterator<>(map, KeyRange.all(), this::handle);
    }
}
