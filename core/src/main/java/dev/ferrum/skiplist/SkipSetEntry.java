package dev.ferrum.skiplist;

import dev.ferrum.skiplist.SkipMap.Node;

/**
 * A handle to one element of a {@link SkipSet}: crossbeam-skiplist's {@code set::Entry}. It stays
 * usable after the element is removed, can remove exactly that element, and steps to neighbouring
 * elements.
 *
 * @param <E> the element type
 */
public final class SkipSetEntry<E> {
    private final SkipMap<E, Boolean> map;
    private final Node<E, Boolean> node;

    SkipSetEntry(SkipMap<E, Boolean> map, Node<E, Boolean> node) {
        this.map = map;
        this.node = node;
    }

    /**
     * Returns the element.
     *
     * @return the element
     */
    public E value() {
        return node.key;
    }

    /**
     * Returns whether this element has been removed from the set.
     *
     * @return true once removed
     */
    public boolean isRemoved() {
        return !SkipMap.isLive(node);
    }

    /**
     * Removes this element from the set; if several threads remove it at once, exactly one
     * succeeds.
     *
     * @return true only for the caller that removed it
     */
    public boolean remove() {
        return map.tryRemove(node) != null;
    }

    /**
     * Returns the next larger element present, or null if there is none.
     *
     * @return the next entry
     */
    public SkipSetEntry<E> next() {
        return SkipSet.handle(map, map.successor(node));
    }

    /**
     * Returns the next smaller element present, or null if there is none.
     *
     * @return the previous entry
     */
    public SkipSetEntry<E> prev() {
        return SkipSet.handle(map, map.predecessor(node));
    }

    /** Entries are equal when they refer to equal elements. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SkipSetEntry<?> e && node.key.equals(e.node.key);
    }

    @Override
    public int hashCode() {
        return node.key.hashCode();
    }

    @Override
    public String toString() {
        return String.valueOf(node.key);
    }
}
