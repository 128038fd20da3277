package dev.ferrum.skiplist;

import dev.ferrum.skiplist.SkipMap.Node;
import java.util.Map;
import java.util.Objects;

/**
 * A handle to one entry of a {@link SkipMap}: a cursor that is also a {@link Map.Entry}. This is
 * crossbeam-skiplist's {@code map::Entry}.
 *
 * <p>The handle refers to the entry itself, not to a copy: {@link #value()} reads the current value
 * (replacements happen in place, so a handle sees them). After the entry is removed, {@link
 * #isRemoved()} is true and {@link #value()} keeps returning the last value it had; a later
 * insertion of the same key creates a different entry. {@link #next()} and {@link #prev()} step to
 * the neighbouring live entries of the map, even from a removed entry.
 *
 * <p>Equality and hash code follow {@link Map.Entry}, using the current value.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class SkipMapEntry<K, V> implements Map.Entry<K, V> {
    private final SkipMap<K, V> map;
    private final Node<K, V> node;

    SkipMapEntry(SkipMap<K, V> map, Node<K, V> node) {
        this.map = map;
        this.node = node;
    }

    Node<K, V> node() {
        return node;
    }

    /**
     * Returns the key.
     *
     * @return the key
     */
    public K key() {
        return node.key;
    }

    /**
     * Returns the current value, or the last value if the entry has been removed.
     *
     * @return the value
     */
    public V value() {
        return SkipMap.lastValue(node);
    }

    @Override
    public K getKey() {
        return node.key;
    }

    @Override
    public V getValue() {
        return value();
    }

    /**
     * Replaces the value of this entry in place (the key never becomes absent).
     *
     * @param value the new value
     * @return the value replaced
     * @throws NullPointerException if value is null
     * @throws IllegalStateException if the entry has been removed
     */
    @Override
    public V setValue(V value) {
        Objects.requireNonNull(value, "value");
        V old = map.replaceIn(node, value);
        if (old == null) {
            throw new IllegalStateException("entry has been removed: key=" + node.key);
        }
        return old;
    }

    /**
     * Returns whether this entry has been removed from the map.
     *
     * @return true once removed
     */
    public boolean isRemoved() {
        return !SkipMap.isLive(node);
    }

    /**
     * Removes this entry from the map. If several threads remove the same entry at once (through
     * handles, {@code remove(key)}, pops or otherwise), exactly one succeeds.
     *
     * @return true only for the caller that removed it
     */
    public boolean remove() {
        return map.tryRemove(node) != null;
    }

    /**
     * Returns the live entry with the next larger key, or null if there is none.
     *
     * @return the next entry
     */
    public SkipMapEntry<K, V> next() {
        return map.handle(map.successor(node));
    }

    /**
     * Returns the live entry with the next smaller key, or null if there is none.
     *
     * @return the previous entry
     */
    public SkipMapEntry<K, V> prev() {
        return map.handle(map.predecessor(node));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Map.Entry<?, ?> e
                && node.key.equals(e.getKey())
                && value().equals(e.getValue());
    }

    @Override
    public int hashCode() {
        return node.key.hashCode() ^ value().hashCode();
    }

    @Override
    public String toString() {
        return node.key + "=" + value();
    }
}
