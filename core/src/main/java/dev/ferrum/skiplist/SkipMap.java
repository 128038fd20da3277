package dev.ferrum.skiplist;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A lock-free concurrent sorted map: a drop-in for {@link
 * java.util.concurrent.ConcurrentSkipListMap} that also offers the API of crossbeam-skiplist's
 * {@code SkipMap} (entry handles that stay usable after removal, bounds, double-ended ranges).
 *
 * <p>Keys are ordered by their natural ordering or by the {@link Comparator} given at construction.
 * Null keys and null values are rejected with {@link NullPointerException}. Every operation is
 * lock-free: no thread ever blocks another, and nothing in this class parks.
 *
 * <h2>Atomicity</h2>
 *
 * <p>Single-key operations ({@code get}, {@code put}, {@code remove}, {@code putIfAbsent}, {@code
 * replace}, {@code compute}, {@code computeIfAbsent}, {@code computeIfPresent}, {@code merge}, and
 * the crossbeam-style {@code insert}, {@code getOrInsert}, {@code getOrInsertWith}, {@code
 * compareInsert}) are atomic for their key. Replacing the value of a present key swaps the value
 * inside the existing entry, so a concurrent reader sees the old or the new value and never a
 * missing key. The functions given to {@code compute}, {@code computeIfPresent} and {@code merge}
 * may be applied more than once when other threads change the same key concurrently; only the
 * result of the last application, computed from the value it replaces, takes effect. The function
 * of {@code computeIfAbsent} and the supplier of {@link #getOrInsertWith} run at most once per
 * call, but two racing calls may both run theirs: exactly one of the values becomes visible and
 * both calls return that one.
 *
 * <p>Bulk operations ({@code putAll}, {@code clear}, {@code equals}) are not atomic. Iterators and
 * views are <em>weakly consistent</em>: they never throw {@link
 * java.util.ConcurrentModificationException}, return each entry at most once, reflect every entry
 * present throughout the iteration, and may or may not reflect concurrent changes. An iterator that
 * has reported its end ({@code hasNext() == false}) keeps reporting it. Iterating in descending
 * order costs O(log n) per step, the same order as ascending iteration.
 *
 * <p>{@link #size()} is a snapshot of a counter: it may be stale at once under concurrent updates,
 * but is never negative.
 *
 * <h2>Entries</h2>
 *
 * <p>Entries returned by the {@link java.util.NavigableMap} methods ({@code firstEntry}, {@code
 * ceilingEntry}, {@code pollFirstEntry}, ...) are immutable snapshots, as in {@code
 * ConcurrentSkipListMap}. The crossbeam-style methods ({@link #front}, {@link #lowerBound}, {@link
 * #insert}, ...) and the iterators of {@link #entrySet()} return {@link SkipMapEntry} handles that
 * refer to the entry itself: they read its current value, can remove exactly that entry, and step
 * to neighbours. Because replacing a value happens in place, a handle obtained before a replacement
 * sees the new value and does not report removal. This differs from crossbeam-skiplist, whose
 * {@code insert} links a fresh entry and marks the old one removed (which briefly hides the key
 * from readers).
 *
 * <h2>Memory consistency</h2>
 *
 * <p>Actions in a thread before placing a key or value into the map happen-before actions after
 * another thread reads or removes that key or value.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class SkipMap<K, V> extends AbstractMap<K, V>
        implements ConcurrentNavigableMap<K, V>, Cloneable, Serializable {

    /*
     * Implementation notes.
     *
     * The algorithm is a lock-free skiplist in the style of crossbeam-skiplist
     * (crossbeam-rs/crossbeam, crossbeam-skiplist/src/base.rs: one node per key with a tower of
     * forward references, deletion by marking those references, searches that help unlink
     * marked nodes) and of the JDK's ConcurrentSkipListMap notes (Doug Lea's description of a
     * Harris-style list with helping; his notes also describe the retry-by-predecessor-key way
     * of stepping backwards used here). Java has no tagged pointers, so a marked reference is a
     * small Marked box holding the successor; the garbage collector replaces crossbeam's epochs
     * and reference counts.
     *
     * State picture (levels grow upwards; H is the head, a keyless node with MAX_HEIGHT levels):
     *
     *   level 2:  H ---------------------> 7 -------------------> null
     *   level 1:  H ------> 3 -----------> 7 ------> 9 ---------> null
     *   level 0:  H -> 1 -> 3 -> 5 -> 6 -> 7 -> 8 -> 9 -> 11 ---> null
     *
     * A node holds its key (final), its value, and its tower of successors: slot i is the
     * successor at level i, either a Node, null (end of list or not yet linked), or a Marked box
     * (the node is being deleted; the box holds the frozen successor). Slots 0 and 1 are fields
     * of the node (next, next1) and slots 2..h-1 an Object[] (upper, absent in the three
     * quarters of the nodes that are at most two levels tall). A step along levels 0 and 1,
     * where a search spends most of its cache misses, then chases one reference per node, not
     * two (node, then its array), so the processor can fetch the next node while it compares the
     * key of this one; and the extra field fills what was alignment padding. A node one level
     * tall holds NO_SLOT in next1, which never changes, so the height needs no field of its
     * own. The value is V while the entry is live, and becomes a Removed box holding the last
     * value when the entry is removed.
     *
     * Invariants:
     *  - Along every level, keys strictly increase; level i is a sublist of level i - 1 except
     *    for transient leftovers described below.
     *  - At most one live node (value not Removed) per key. A new node for key k is only linked
     *    at level 0 after every older node for k has been marked at level 0 and unlinked there.
     *  - A value only ever changes from V to V (replace) or from V to Removed (delete); Removed
     *    is final. A tower slot only ever changes from an unmarked reference to another unmarked
     *    one (link, unlink) or to a Marked box, which is final.
     *  - A deleted node is marked top-down (highest level first), so a node that is unmarked at
     *    level i is unmarked at every level below i.
     *
     * Non-invariants: a deleted node may stay linked for a while (its remover is slow; any
     * search passing by unlinks it). A node whose inserter is still building its tower may be
     * linked at level 0 but not yet above. If a node is deleted while its inserter links an
     * upper level, it can stay linked at that level, marked, until the next search through it
     * unlinks it; readers skip marked nodes, so this is only a short-lived leftover.
     *
     * Linearization points:
     *  - insert of a new key: the successful CAS that links the node at level 0.
     *  - replace of a present key (put, replace, compute, merge, insert, compareInsert): the
     *    successful CAS of the node's value.
     *  - remove (map remove, entry remove, pops, compute to null): the successful CAS of the
     *    value from V to Removed. Exactly one caller wins it, which is why SkipMapEntry.remove
     *    returns true once. Marking and unlinking afterwards are clean-up.
     *  - get / containsKey: the acquire read of the value of the node found; when no live node
     *    is found, a point during the descent at which the key was absent (a node stepped on was
     *    still unmarked, so no later node for the key could have been linked yet).
     *  - pops and pollFirst/LastEntry: the value CAS of the node they located as first (last).
     *    A smaller (larger) key inserted between locating and that CAS is passed over, so a pop
     *    is not linearizable against such an insertion (nor are ConcurrentSkipListMap's polls).
     *  - navigation (ceiling, floor, ...) and iteration are weakly consistent, as in
     *    ConcurrentSkipListMap: each result was a live entry at some point during the call.
     *
     * Reads that only look (get, navigation, iteration) never write: they skip marked nodes by
     * following the box, and only step onto (make "pred" of) a node that was unmarked at that
     * level when read. By the top-down marking rule that node was then still linked at level 0,
     * so following its level-0 reference cannot jump over a node linked after its deletion.
     * Writers (every put, and unlink) use search(), which unlinks every marked node it meets by a CAS on
     * the predecessor and restarts from the top when that CAS fails or its predecessor turns out
     * to be marked. Stepping backwards (lower, floor, descending iteration) searches from the
     * top for the last node below a key, O(log n) per step.
     *
     * Memory modes: the value and tower slots are plain fields accessed only through VarHandles:
     * getAcquire for every read, compareAndSet (volatile) for every change. One exception:
     * height() reads next1 plainly, only to tell NO_SLOT (fixed at construction) from the rest.
     * Plain writes occur only while a node is private to its inserter (its key, first value,
     * level-0 successor and the NO_SLOT of a one-level node); the CAS that links it publishes
     * them. maxHeight is a hint read with getOpaque: a stale, lower value only makes a search
     * start lower and still be correct, because every node is linked at level 0.
     *
     * Heights: 1 + the trailing zeros of a random int, so a node reaches level i with
     * probability 2^-i (as in crossbeam-skiplist's base.rs, random_height), capped at
     * maxHeight + 1 (as crossbeam prunes heights far above the current towers) and at
     * MAX_HEIGHT. A sparser tower (probability 4^-i, tried) makes about as many comparisons
     * per search, but takes about three steps along each level instead of one, so more of them
     * land in the large lower levels that miss the caches: with 10^5 keys lookups took 1.6x as
     * long. Half the nodes are then two levels tall or more, which the inline slot 1 serves
     * without an array.
     *
     * Notation for local names: c comparator; n, m nodes; p/pred predecessor; s/succ successor
     * (may be a Marked box while unchecked); h height; lvl level; v, nv old and new values;
     * r comparison result; kr a KeyRange (lo, loInclusive, hi, hiInclusive; null end = unbounded).
     */

    private static final long serialVersionUID = 1L;

    /** Levels of the head tower; a node is at most this tall. */
    static final int MAX_HEIGHT = 32;

    /** The ordering, or null for natural ordering. */
    private final Comparator<? super K> comparator;

    /** Keyless sentinel whose tower starts every level. Never marked. */
    private final transient Node<K, V> head;

    /** Count of live entries: incremented after a link, decremented after a removal. */
    private final transient LongAdder count;

    /** Highest tower in use (at least 1); a hint for where searches start. */
    private transient int maxHeight;

    private transient KeySet<K> keySetView;
    private transient Values<V> valuesView;
    private transient EntrySet<K, V> entrySetView;
    private transient SubMap<K, V> descendingView;

    /** Creates an empty map ordered by the keys' natural ordering. */
    public SkipMap() {
        this((Comparator<? super K>) null);
    }

    /**
     * Creates an empty map ordered by {@code comparator}.
     *
     * @param comparator the ordering, or null for the keys' natural ordering
     */
    public SkipMap(Comparator<? super K> comparator) {
        this.comparator = comparator;
        this.head = new Node<>(null, null, MAX_HEIGHT);
        this.count = new LongAdder();
        this.maxHeight = 1;
    }

    /**
     * Creates a map with the mappings of {@code m}, ordered by the keys' natural ordering.
     *
     * @param m the mappings to copy
     * @throws NullPointerException if {@code m} or any of its keys or values is null
     * @throws ClassCastException if the keys are not mutually comparable
     */
    public SkipMap(Map<? extends K, ? extends V> m) {
        this((Comparator<? super K>) null);
        putAll(m);
    }

    /**
     * Creates a map with the mappings and the ordering of {@code m}.
     *
     * @param m the sorted map to copy
     * @throws NullPointerException if {@code m} or any of its keys or values is null
     */
    public SkipMap(SortedMap<K, ? extends V> m) {
        this(m.comparator());
        putAll(m);
    }

    // ------------------------------------------------------------------ nodes and VarHandles

    /** One key, its value and its tower of successors. */
    static final class Node<K, V> {
        final K key;

        /** V while live, Removed once deleted; see the implementation notes. */
        Object value;

        /** Tower slot 0: the successor at level 0 (Node, null or Marked). */
        Object next;

        /** Tower slot 1 (Node, null or Marked), or NO_SLOT for a node one level tall. */
        Object next1;

        /** Tower slots 2..height-1 (slot i at index i - 2); null for a node at most two tall. */
        final Object[] upper;

        Node(K key, Object value, int height) {
            this.key = key;
            this.value = value;
            this.next1 = height > 1 ? null : NO_SLOT;
            this.upper = height > 2 ? new Object[height - 2] : null;
        }

        int height() {
            // Plain read of next1: it is NO_SLOT exactly when the node is one level tall, a fact
            // fixed at construction and published with the node; any other value means two.
            return upper != null ? upper.length + 2 : next1 == NO_SLOT ? 1 : 2;
        }
    }

    /** The contents of slot 1 of a node one level tall; no search ever reads it as a link. */
    static final Object NO_SLOT = new Object();

    /** The value of a deleted node: a box that keeps the last value for entry handles. */
    static final class Removed {
        final Object value;

        Removed(Object value) {
            this.value = value;
        }
    }

    /** A marked tower slot: the node holding it is being deleted; next is frozen. */
    static final class Marked {
        final Node<?, ?> next;

        Marked(Node<?, ?> next) {
            this.next = next;
        }
    }

    private static final VarHandle VALUE;
    private static final VarHandle NEXT;
    private static final VarHandle NEXT1;
    private static final VarHandle TOWER;
    private static final VarHandle MAX_HEIGHT_VH;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            VALUE = l.findVarHandle(Node.class, "value", Object.class);
            NEXT = l.findVarHandle(Node.class, "next", Object.class);
            NEXT1 = l.findVarHandle(Node.class, "next1", Object.class);
            MAX_HEIGHT_VH = l.findVarHandle(SkipMap.class, "maxHeight", int.class);
            TOWER = MethodHandles.arrayElementVarHandle(Object[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Object valueAcquire(Node<?, ?> n) {
        return VALUE.getAcquire(n);
    }

    private static boolean casValue(Node<?, ?> n, Object expected, Object update) {
        return VALUE.compareAndSet(n, expected, update);
    }

    private static Object slotAcquire(Node<?, ?> n, int lvl) {
        return lvl == 0
                ? NEXT.getAcquire(n)
                : lvl == 1 ? NEXT1.getAcquire(n) : TOWER.getAcquire(n.upper, lvl - 2);
    }

    private static boolean casSlot(Node<?, ?> n, int lvl, Object expected, Object update) {
        return lvl == 0
                ? NEXT.compareAndSet(n, expected, update)
                : lvl == 1
                        ? NEXT1.compareAndSet(n, expected, update)
                        : TOWER.compareAndSet(n.upper, lvl - 2, expected, update);
    }

    /** The successor at lvl with any mark stripped. */
    @SuppressWarnings("unchecked")
    private static <K, V> Node<K, V> nextAt(Node<K, V> n, int lvl) {
        Object s = slotAcquire(n, lvl);
        return (Node<K, V>) (s instanceof Marked m ? m.next : s);
    }

    static boolean isLive(Node<?, ?> n) {
        return !(valueAcquire(n) instanceof Removed);
    }

    /** The current value, or the last one if the node was removed. */
    @SuppressWarnings("unchecked")
    static <V> V lastValue(Node<?, V> n) {
        Object v = valueAcquire(n);
        return (V) (v instanceof Removed r ? r.value : v);
    }

    /** The current value, or null if the node was removed. */
    @SuppressWarnings("unchecked")
    static <V> V liveValue(Node<?, V> n) {
        Object v = valueAcquire(n);
        return v instanceof Removed ? null : (V) v;
    }

    /** Opaque read: only a hint for where searches start (see the notes). */
    private int topLevel() {
        return (int) MAX_HEIGHT_VH.getOpaque(this) - 1;
    }

    @SuppressWarnings("unchecked")
    int cpr(Object a, Object b) {
        Comparator<? super K> c = comparator;
        return c != null ? c.compare((K) a, (K) b) : ((Comparable<Object>) a).compareTo(b);
    }

    // ------------------------------------------------------------------ read-only searches

    /**
     * Returns the node for key, live or not, or null if there is none. Read-only: skips marked
     * nodes and returns early when it meets the key at an upper level.
     */
    private Node<K, V> findNode(Object key) {
        Node<K, V> pred = head;
        for (int lvl = topLevel(); lvl >= 0; lvl--) {
            Node<K, V> curr = nextAt(pred, lvl);
            while (curr != null) {
                // Compare first: a node past the key sends us down whether or not it is being
                // deleted, so its successor (another object, often another cache miss) is only
                // read when we may step onto curr or return it.
                int r = cpr(curr.key, key);
                if (r > 0) {
                    break;
                }
                Object succ = slotAcquire(curr, lvl);
                if (succ instanceof Marked m) {
                    curr = cast(m.next); // curr is being deleted: skip it, never step onto it
                    continue;
                }
                if (r == 0) {
                    return curr;
                }
                pred = curr;
                curr = cast(succ);
            }
        }
        return null;
    }

    /**
     * Returns the last node whose key is below key (at most key when inclusive), or head. The node
     * may have been removed since; callers check.
     */
    private Node<K, V> findPredecessor(Object key, boolean inclusive) {
        Node<K, V> pred = head;
        for (int lvl = topLevel(); lvl >= 0; lvl--) {
            Node<K, V> curr = nextAt(pred, lvl);
            while (curr != null) {
                int r = cpr(curr.key, key); // first, as in findNode
                if (r > 0 || (r == 0 && !inclusive)) {
                    break;
                }
                Object succ = slotAcquire(curr, lvl);
                if (succ instanceof Marked m) {
                    curr = cast(m.next);
                    continue;
                }
                pred = curr;
                curr = cast(succ);
            }
        }
        return pred;
    }

    /** The first live node after pred at level 0 whose key is above key (or equal, inclusive). */
    private Node<K, V> liveAfter(Node<K, V> pred, Object key, boolean inclusive) {
        Node<K, V> n = nextAt(pred, 0);
        while (n != null) {
            Object succ = slotAcquire(n, 0);
            if (succ instanceof Marked m) {
                n = cast(m.next);
                continue;
            }
            if (key == null || isAbove(n.key, key, inclusive)) {
                if (isLive(n)) {
                    return n;
                }
            }
            n = cast(succ);
        }
        return null;
    }

    private boolean isAbove(Object k, Object bound, boolean inclusive) {
        int r = cpr(k, bound);
        return r > 0 || (inclusive && r == 0);
    }

    /** The first live node with key above key (or equal when inclusive), or null. */
    Node<K, V> findAbove(Object key, boolean inclusive) {
        return liveAfter(findPredecessor(key, !inclusive), key, inclusive);
    }

    /**
     * The last live node with key below key (or equal when inclusive), or null. A removed candidate
     * makes it search again below that candidate's key, so it ends.
     */
    Node<K, V> findBelow(Object key, boolean inclusive) {
        for (; ; ) {
            Node<K, V> p = findPredecessor(key, inclusive);
            if (p == head) {
                return null;
            }
            if (isLive(p)) {
                return p;
            }
            key = p.key;
            inclusive = false;
        }
    }

    /** The first live node, or null. */
    Node<K, V> firstNode() {
        return liveAfter(head, null, false);
    }

    /** The last live node, or null. */
    Node<K, V> lastNode() {
        Node<K, V> pred = head;
        for (int lvl = topLevel(); lvl >= 0; lvl--) {
            Node<K, V> curr = nextAt(pred, lvl);
            while (curr != null) {
                Object succ = slotAcquire(curr, lvl);
                if (succ instanceof Marked m) {
                    curr = cast(m.next);
                    continue;
                }
                pred = curr;
                curr = cast(succ);
            }
        }
        if (pred == head) {
            return null;
        }
        return isLive(pred) ? pred : findBelow(pred.key, false);
    }

    /** The live successor of n (which may itself have been removed), or null. */
    Node<K, V> successor(Node<K, V> n) {
        if (slotAcquire(n, 0) instanceof Marked) {
            return findAbove(n.key, false); // its level-0 reference is frozen: search afresh
        }
        // Keys strictly increase along level 0, and n was unmarked when read above, so every node
        // reachable from it is above n.key: no key comparison (and no load of each key) needed.
        return liveAfter(n, null, false);
    }

    /** The live predecessor of n, or null. */
    Node<K, V> predecessor(Node<K, V> n) {
        return findBelow(n.key, false);
    }

    // ------------------------------------------------------------------ ranges

    /** An interval of keys; a null end is unbounded. Immutable. */
    static final class KeyRange<K> implements Serializable {
        private static final long serialVersionUID = 1L;
        static final KeyRange<Object> ALL = new KeyRange<>(null, false, null, false);

        final K lo;
        final boolean loInclusive;
        final K hi;
        final boolean hiInclusive;

        KeyRange(K lo, boolean loInclusive, K hi, boolean hiInclusive) {
            this.lo = lo;
            this.loInclusive = loInclusive;
            this.hi = hi;
            this.hiInclusive = hiInclusive;
        }

        @SuppressWarnings("unchecked")
        static <K> KeyRange<K> all() {
            return (KeyRange<K>) ALL;
        }
    }

    boolean tooLow(Object key, KeyRange<K> kr) {
        if (kr.lo == null) {
            return false;
        }
        int r = cpr(key, kr.lo);
        return r < 0 || (r == 0 && !kr.loInclusive);
    }

    boolean tooHigh(Object key, KeyRange<K> kr) {
        if (kr.hi == null) {
            return false;
        }
        int r = cpr(key, kr.hi);
        return r > 0 || (r == 0 && !kr.hiInclusive);
    }

    boolean inRange(Object key, KeyRange<K> kr) {
        return !tooLow(key, kr) && !tooHigh(key, kr);
    }

    /** The lowest live node in kr, or null. */
    Node<K, V> lowestIn(KeyRange<K> kr) {
        Node<K, V> n = kr.lo == null ? firstNode() : findAbove(kr.lo, kr.loInclusive);
        return n != null && !tooHigh(n.key, kr) ? n : null;
    }

    /** The highest live node in kr, or null. */
    Node<K, V> highestIn(KeyRange<K> kr) {
        Node<K, V> n = kr.hi == null ? lastNode() : findBelow(kr.hi, kr.hiInclusive);
        return n != null && !tooLow(n.key, kr) ? n : null;
    }

    /** The lowest live node in kr above key (or equal when inclusive), or null. */
    Node<K, V> aboveIn(Object key, boolean inclusive, KeyRange<K> kr) {
        if (tooLow(key, kr)) {
            return lowestIn(kr);
        }
        Node<K, V> n = findAbove(key, inclusive);
        return n != null && !tooHigh(n.key, kr) ? n : null;
    }

    /** The highest live node in kr below key (or equal when inclusive), or null. */
    Node<K, V> belowIn(Object key, boolean inclusive, KeyRange<K> kr) {
        if (tooHigh(key, kr)) {
            return highestIn(kr);
        }
        Node<K, V> n = findBelow(key, inclusive);
        return n != null && !tooLow(n.key, kr) ? n : null;
    }

    // ------------------------------------------------------------------ writers

    /**
     * Walks levels top..0 towards key and fills preds and succs for the levels below their length
     * (none when they are null): succs[lvl] is the first node at lvl whose key is not below key,
     * preds[lvl] the node before it. Unlinks every marked node it meets (helping) and restarts from
     * the top when a CAS fails or a predecessor is marked.
     */
    private void search(Object key, Node<K, V>[] preds, Node<K, V>[] succs, int top) {
        retry:
        for (; ; ) {
            Node<K, V> pred = head;
            for (int lvl = top; lvl >= 0; lvl--) {
                Object raw = slotAcquire(pred, lvl);
                if (raw instanceof Marked) {
                    continue retry; // pred got deleted after we stepped onto it
                }
                Node<K, V> curr = cast(raw);
                while (curr != null) {
                    Object succ = slotAcquire(curr, lvl);
                    if (succ instanceof Marked m) {
                        // Help: unlink curr at this level. Fails if pred changed or got marked.
                        if (!casSlot(pred, lvl, curr, m.next)) {
                            continue retry;
                        }
                        curr = cast(m.next);
                        continue;
                    }
                    if (cpr(curr.key, key) < 0) {
                        pred = curr;
                        curr = cast(succ);
                    } else {
                        break;
                    }
                }
                if (preds != null && lvl < preds.length) {
                    preds[lvl] = pred;
                    succs[lvl] = curr;
                }
            }
            return;
        }
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Node<K, V>[] newNodeArray(int length) {
        return (Node<K, V>[]) new Node<?, ?>[length];
    }

    private int randomHeight() {
        int r = ThreadLocalRandom.current().nextInt();
        int h = 1 + Integer.numberOfTrailingZeros(r);
        int cap = Math.min(MAX_HEIGHT, (int) MAX_HEIGHT_VH.getOpaque(this) + 1);
        return Math.min(h, cap);
    }

    private void raiseMaxHeight(int h) {
        for (int cur = (int) MAX_HEIGHT_VH.getOpaque(this); cur < h; ) {
            int witness = (int) MAX_HEIGHT_VH.compareAndExchange(this, cur, h);
            if (witness == cur) {
                return;
            }
            cur = witness;
        }
    }

    /**
     * Links a new node of height h for key unless a live node for key is found. Returns the new
     * node, or null when a live node exists: it is then succs[0], and the caller deals with its
     * value. preds and succs have length h; the search fills them.
     */
    private Node<K, V> linkNew(K key, Object value, int h, Node<K, V>[] preds, Node<K, V>[] succs) {
        int top = Math.max(h, (int) MAX_HEIGHT_VH.getOpaque(this)) - 1;
        Node<K, V> node = null;
        for (; ; ) {
            search(key, preds, succs, top);
            Node<K, V> s0 = succs[0];
            if (s0 != null && cpr(s0.key, key) == 0) {
                if (isLive(s0)) {
                    return null;
                }
                markTower(s0); // help its remover; the next search unlinks it
                continue;
            }
            if (node == null) {
                node = new Node<>(key, value, h);
                raiseMaxHeight(h); // before linking, so every search that can reach it sees it
            }
            node.next = s0; // plain: the node is private until the CAS below publishes it
            if (casSlot(preds[0], 0, s0, node)) {
                break; // linearization point of the insertion
            }
        }
        count.increment();
        buildTower(node, preds, succs, h);
        return node;
    }

    /** Links node at levels 1..h-1, stopping early if the node gets deleted meanwhile. */
    private void buildTower(Node<K, V> node, Node<K, V>[] preds, Node<K, V>[] succs, int h) {
        for (int lvl = 1; lvl < h; lvl++) {
            for (; ; ) {
                Node<K, V> pred = preds[lvl];
                Node<K, V> succ = succs[lvl];
                Object mine = slotAcquire(node, lvl);
                if (mine instanceof Marked) {
                    return; // being deleted: the remover unlinks whatever is linked
                }
                // Only a remover competes for our own slot, and it only marks it.
                if (mine != succ && !casSlot(node, lvl, mine, succ)) {
                    return;
                }
                if (casSlot(pred, lvl, succ, node)) {
                    break;
                }
                search(node.key, preds, succs, h - 1);
                if (succs[0] != node) {
                    return; // no longer linked at level 0: it was deleted and unlinked
                }
                Node<K, V> s = succs[lvl];
                if (s != null && cpr(s.key, node.key) == 0) {
                    return; // defensive: never link in front of another node for the key
                }
            }
            if (slotAcquire(node, lvl) instanceof Marked) {
                // Deleted while we linked this level: its remover may have passed already.
                search(node.key, preds, succs, h - 1);
                return;
            }
        }
    }

    /** Marks every level of n, top-down (see the invariants). */
    private static void markTower(Node<?, ?> n) {
        for (int lvl = n.height() - 1; lvl >= 0; lvl--) {
            for (; ; ) {
                Object s = slotAcquire(n, lvl);
                if (s instanceof Marked || casSlot(n, lvl, s, new Marked((Node<?, ?>) s))) {
                    break;
                }
            }
        }
    }

    /** Marks and unlinks n after its value became Removed. */
    private void unlink(Node<K, V> n) {
        markTower(n);
        int top = topLevel();
        search(n.key, null, null, top); // walked only for the unlinking it does on the way
    }

    /**
     * Removes n if it is live, returning true only for the caller whose CAS removed it.
     *
     * @param n the node
     * @return the removed value, or null if n was already removed
     */
    Object tryRemove(Node<K, V> n) {
        for (; ; ) {
            Object v = valueAcquire(n);
            if (v instanceof Removed) {
                return null;
            }
            if (casValue(n, v, new Removed(v))) { // linearization point of the removal
                count.decrement();
                unlink(n);
                return v;
            }
        }
    }

    /** Replaces the value of n if it is live; returns the old value, or null if removed. */
    @SuppressWarnings("unchecked")
    V replaceIn(Node<K, V> n, V value) {
        for (; ; ) {
            Object v = valueAcquire(n);
            if (v instanceof Removed) {
                return null;
            }
            if (casValue(n, v, value)) {
                return (V) v;
            }
        }
    }

    /** Removes n if its value is exactly v (by identity). */
    private boolean removeIfSame(Node<K, V> n, Object v) {
        if (casValue(n, v, new Removed(v))) {
            count.decrement();
            unlink(n);
            return true;
        }
        return false;
    }

    private static final int PUT = 0;
    private static final int IF_ABSENT = 1;
    private static final int IF_MATCH = 2;

    /**
     * The one insertion path. Modes: PUT replaces any value, IF_ABSENT keeps a present value,
     * IF_MATCH replaces only if test accepts the present value. Returns the node now holding the
     * key when wantNode, else the value that was present (or null if the key was absent).
     */
    private Object doPut(K key, V value, int mode, Predicate<? super V> test, boolean wantNode) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        // One writer's search serves both outcomes: it ends where a new node is linked, and next
        // to the live node for key if there is one (a read-only findNode first would walk the
        // levels twice whenever the key is absent).
        int h = randomHeight();
        Node<K, V>[] preds = newNodeArray(h); // only the levels the new node would be linked at
        Node<K, V>[] succs = newNodeArray(h);
        for (; ; ) {
            Node<K, V> created = linkNew(key, value, h, preds, succs);
            if (created != null) {
                return wantNode ? created : null;
            }
            Node<K, V> n = succs[0];
            for (Object v = valueAcquire(n); !(v instanceof Removed); v = valueAcquire(n)) {
                @SuppressWarnings("unchecked")
                V old = (V) v;
                if (mode == IF_ABSENT || (mode == IF_MATCH && !test.test(old))) {
                    return wantNode ? n : old;
                }
                if (casValue(n, v, value)) { // linearization point of the replacement
                    return wantNode ? n : old;
                }
            }
            // Removed since the search: link a new node.
        }
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Node<K, V> cast(Object n) {
        return (Node<K, V>) n;
    }

    // ------------------------------------------------------------------ Map

    /**
     * Returns a snapshot of the number of entries; may be stale at once under concurrent updates.
     *
     * @return the count, never negative, at most {@link Integer#MAX_VALUE}
     */
    @Override
    public int size() {
        long s = count.sum();
        return s <= 0 ? 0 : (int) Math.min(s, Integer.MAX_VALUE);
    }

    /**
     * Returns whether the map has no entries at the moment of the check.
     *
     * @return true if empty
     */
    @Override
    public boolean isEmpty() {
        return firstNode() == null;
    }

    /**
     * Returns whether the map holds key.
     *
     * @throws NullPointerException if key is null
     * @throws ClassCastException if key cannot be compared with the keys in the map
     */
    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    /**
     * Returns whether some entry has a value equal to value (a linear scan).
     *
     * @throws NullPointerException if value is null
     */
    @Override
    public boolean containsValue(Object value) {
        Objects.requireNonNull(value, "value");
        for (Node<K, V> n = firstNode(); n != null; n = successor(n)) {
            V v = liveValue(n);
            if (v != null && value.equals(v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the value of key, or null if absent.
     *
     * @throws NullPointerException if key is null
     * @throws ClassCastException if key cannot be compared with the keys in the map
     */
    @Override
    public V get(Object key) {
        Objects.requireNonNull(key, "key");
        Node<K, V> n = findNode(key);
        return n == null ? null : liveValue(n);
    }

    /**
     * Returns the value of key, or defaultValue if absent.
     *
     * @throws NullPointerException if key is null
     */
    @Override
    public V getOrDefault(Object key, V defaultValue) {
        V v = get(key);
        return v != null ? v : defaultValue;
    }

    /**
     * Maps key to value, replacing (in place) any previous value.
     *
     * @return the previous value, or null
     * @throws NullPointerException if key or value is null
     */
    @Override
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        return (V) doPut(key, value, PUT, null, false);
    }

    /**
     * Maps key to value unless key is present.
     *
     * @return the present value, or null if value was inserted
     * @throws NullPointerException if key or value is null
     */
    @Override
    @SuppressWarnings("unchecked")
    public V putIfAbsent(K key, V value) {
        return (V) doPut(key, value, IF_ABSENT, null, false);
    }

    /**
     * Removes key.
     *
     * @return the removed value, or null if absent
     * @throws NullPointerException if key is null
     */
    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object key) {
        Objects.requireNonNull(key, "key");
        Node<K, V> n = findNode(key);
        return n == null ? null : (V) tryRemove(n);
    }

    /**
     * Removes key only if it maps to a value equal to value.
     *
     * @return true if removed
     * @throws NullPointerException if key is null
     */
    @Override
    public boolean remove(Object key, Object value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            return false;
        }
        Node<K, V> n = findNode(key);
        if (n == null) {
            return false;
        }
        for (; ; ) {
            Object v = valueAcquire(n);
            if (v instanceof Removed || !value.equals(v)) {
                return false;
            }
            if (removeIfSame(n, v)) {
                return true;
            }
        }
    }

    /**
     * Replaces the value of key only if it maps to a value equal to oldValue.
     *
     * @return true if replaced
     * @throws NullPointerException if any argument is null
     */
    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
        Node<K, V> n = findNode(key);
        if (n == null) {
            return false;
        }
        for (; ; ) {
            Object v = valueAcquire(n);
            if (v instanceof Removed || !oldValue.equals(v)) {
                return false;
            }
            if (casValue(n, v, newValue)) {
                return true;
            }
        }
    }

    /**
     * Replaces the value of key only if key is present.
     *
     * @return the previous value, or null if absent
     * @throws NullPointerException if key or value is null
     */
    @Override
    @SuppressWarnings("unchecked")
    public V replace(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Node<K, V> n = findNode(key);
        if (n == null) {
            return null;
        }
        for (; ; ) {
            Object v = valueAcquire(n);
            if (v instanceof Removed) {
                return null;
            }
            if (casValue(n, v, value)) {
                return (V) v;
            }
        }
    }

    /**
     * Returns the value of key, computing and inserting one if absent. The function runs at most
     * once per call, only when the key is absent; if another thread inserts the key first, its
     * value is kept and returned, and the computed one is discarded.
     *
     * @return the present or inserted value, or null if the function returned null
     * @throws NullPointerException if key or mappingFunction is null
     */
    @Override
    @SuppressWarnings("unchecked")
    public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mappingFunction, "mappingFunction");
        V v = get(key);
        if (v != null) {
            return v;
        }
        V nv = mappingFunction.apply(key);
        if (nv == null) {
            return null;
        }
        V present = (V) doPut(key, nv, IF_ABSENT, null, false);
        return present != null ? present : nv;
    }

    /**
     * Atomically replaces the value of a present key with the function's result, or removes the key
     * if the result is null. The function may run more than once under contention.
     *
     * @return the new value, or null if absent or removed
     * @throws NullPointerException if key or remappingFunction is null
     */
    @Override
    public V computeIfPresent(
            K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(remappingFunction, "remappingFunction");
        for (; ; ) {
            Node<K, V> n = findNode(key);
            if (n == null) {
                return null;
            }
            Object v = valueAcquire(n);
            if (v instanceof Removed) {
                return null;
            }
            @SuppressWarnings("unchecked")
            V nv = remappingFunction.apply(key, (V) v);
            if (nv == null) {
                if (removeIfSame(n, v)) {
                    return null;
                }
            } else if (casValue(n, v, nv)) {
                return nv;
            }
        }
    }

    /**
     * Atomically computes a new value for key from its present value (or null), inserting,
     * replacing or (for a null result) removing. The function may run more than once under
     * contention.
     *
     * @return the new value, or null if none
     * @throws NullPointerException if key or remappingFunction is null
     */
    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(remappingFunction, "remappingFunction");
        for (; ; ) {
            Node<K, V> n = findNode(key);
            Object v = n == null ? null : valueAcquire(n);
            if (v == null || v instanceof Removed) {
                V nv = remappingFunction.apply(key, null);
                if (nv == null) {
                    return null;
                }
                if (doPut(key, nv, IF_ABSENT, null, false) == null) {
                    return nv;
                }
            } else {
                @SuppressWarnings("unchecked")
                V nv = remappingFunction.apply(key, (V) v);
                if (nv == null) {
                    if (removeIfSame(n, v)) {
                        return null;
                    }
                } else if (casValue(n, v, nv)) {
                    return nv;
                }
            }
        }
    }

    /**
     * Atomically inserts value if key is absent, else replaces the present value with the
     * function's result (removing the key if it is null). The function may run more than once under
     * contention.
     *
     * @return the new value, or null if removed
     * @throws NullPointerException if any argument is null
     */
    @Override
    public V merge(
            K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(remappingFunction, "remappingFunction");
        for (; ; ) {
            Node<K, V> n = findNode(key);
            Object v = n == null ? null : valueAcquire(n);
            if (v == null || v instanceof Removed) {
                if (doPut(key, value, IF_ABSENT, null, false) == null) {
                    return value;
                }
            } else {
                @SuppressWarnings("unchecked")
                V nv = remappingFunction.apply((V) v, value);
                if (nv == null) {
                    if (removeIfSame(n, v)) {
                        return null;
                    }
                } else if (casValue(n, v, nv)) {
                    return nv;
                }
            }
        }
    }

    /**
     * Replaces each value with the function's result, one entry at a time (each replacement is
     * atomic; the whole is not).
     *
     * @throws NullPointerException if function is null or returns null
     */
    @Override
    public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
        Objects.requireNonNull(function, "function");
        for (Node<K, V> n = firstNode(); n != null; n = successor(n)) {
            for (; ; ) {
                Object v = valueAcquire(n);
                if (v instanceof Removed) {
                    break;
                }
                @SuppressWarnings("unchecked")
                V nv = function.apply(n.key, (V) v);
                Objects.requireNonNull(nv, "function result");
                if (casValue(n, v, nv)) {
                    break;
                }
            }
        }
    }

    /**
     * Performs action for each entry in ascending key order (weakly consistent).
     *
     * @throws NullPointerException if action is null
     */
    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        Objects.requireNonNull(action, "action");
        for (Node<K, V> n = firstNode(); n != null; n = successor(n)) {
            V v = liveValue(n);
            if (v != null) {
                action.accept(n.key, v);
            }
        }
    }

    /** Removes every entry, one at a time (not atomic). */
    @Override
    public void clear() {
        for (Node<K, V> n = firstNode(); n != null; n = successor(n)) {
            tryRemove(n);
        }
    }

    /**
     * Returns a shallow copy (keys and values are not cloned), with the same ordering.
     *
     * @return the copy
     */
    @Override
    public SkipMap<K, V> clone() {
        SkipMap<K, V> copy = new SkipMap<>(comparator);
        copy.putAll(this);
        return copy;
    }

    // ------------------------------------------------------------------ SortedMap / NavigableMap

    @Override
    public Comparator<? super K> comparator() {
        return comparator;
    }

    static <K, V> Map.Entry<K, V> snapshot(Node<K, V> n) {
        if (n == null) {
            return null;
        }
        V v = liveValue(n);
        return new AbstractMap.SimpleImmutableEntry<>(n.key, v != null ? v : lastValue(n));
    }

    static <K> K keyOrNull(Node<K, ?> n) {
        return n == null ? null : n.key;
    }

    static <K> K keyOrThrow(Node<K, ?> n) {
        if (n == null) {
            throw new NoSuchElementException();
        }
        return n.key;
    }

    /**
     * Removes and returns the first live node of kr (ascending) or the last (descending), or null
     * when there is none.
     */
    Map.Entry<K, V> pollIn(KeyRange<K> kr, boolean last) {
        for (; ; ) {
            Node<K, V> n = last ? highestIn(kr) : lowestIn(kr);
            if (n == null) {
                return null;
            }
            Object v = tryRemove(n);
            if (v != null) {
                @SuppressWarnings("unchecked")
                V value = (V) v;
                return new AbstractMap.SimpleImmutableEntry<>(n.key, value);
            }
        }
    }

    /**
     * @throws NullPointerException if key is null
     */
    @Override
    public Map.Entry<K, V> lowerEntry(K key) {
        return snapshot(findBelow(Objects.requireNonNull(key, "key"), false));
    }

    /**
     * @throws NullPointerException if key is null
     */
    @Override
    public K lowerKey(K key) {
        return keyOrNull(findBelow(Objects.requireNonNull(key, "key"), false));
    }

    /**
     * @throws NullPointerException if key is null
     */
    @Override
    public Map.Entry<K, V> floorEntry(K key) {
        return snapshot(findBelow(Objects.requireNonNull(key, "key"), true));
    }

    /**
     * @throws NullPointerException if key is null
     */
    @Override
    public K floorKey(K key) {
        return keyOrNull(findBelow(Objects.requireNonNull(key, "key"), true));
    }

    /**
     * @throws NullPointerException if key is null
     */
    @Override
    public Map.Entry<K, V> ceilingEntry(K key) {
        return snapshot(findAbove(Objects.requireNonNull(key, "key"), true));
    }

    /**
     * @throws NullPointerException if key is null
     */
    @Override
    public K ceilingKey(K key) {
        return keyOrNull(findAbove(Objects.requireNonNull(key, "key"), true));
    }

    /**
     * @throws NullPointerException if key is null
     */
    @Override
    public Map.Entry<K, V> higherEntry(K key) {
        return snapshot(findAbove(Objects.requireNonNull(key, "key"), false));
    }

    /**
     * @throws NullPointerException if key is null
     */
    @Override
    public K higherKey(K key) {
        return keyOrNull(findAbove(Objects.requireNonNull(key, "key"), false));
    }

    @Override
    public Map.Entry<K, V> firstEntry() {
        return snapshot(firstNode());
    }

    @Override
    public Map.Entry<K, V> lastEntry() {
        return snapshot(lastNode());
    }

    /**
     * @throws NoSuchElementException if the map is empty
     */
    @Override
    public K firstKey() {
        return keyOrThrow(firstNode());
    }

    /**
     * @throws NoSuchElementException if the map is empty
     */
    @Override
    public K lastKey() {
        return keyOrThrow(lastNode());
    }

    @Override
    public Map.Entry<K, V> pollFirstEntry() {
        return pollIn(KeyRange.all(), false);
    }

    @Override
    public Map.Entry<K, V> pollLastEntry() {
        return pollIn(KeyRange.all(), true);
    }

    // ------------------------------------------------------------------ views

    @Override
    public NavigableSet<K> keySet() {
        KeySet<K> ks = keySetView;
        if (ks == null) {
            ks = new KeySet<>(this, null);
            keySetView = ks;
        }
        return ks;
    }

    @Override
    public NavigableSet<K> navigableKeySet() {
        return keySet();
    }

    @Override
    public NavigableSet<K> descendingKeySet() {
        return descendingMap().navigableKeySet();
    }

    @Override
    public java.util.Collection<V> values() {
        Values<V> vs = valuesView;
        if (vs == null) {
            vs = new Values<>(this);
            valuesView = vs;
        }
        return vs;
    }

    /**
     * Returns a view of the entries. Its iterators yield {@link SkipMapEntry} handles, whose {@code
     * setValue} replaces the value in place (and throws {@link IllegalStateException} if the entry
     * has been removed).
     */
    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        EntrySet<K, V> es = entrySetView;
        if (es == null) {
            es = new EntrySet<>(this);
            entrySetView = es;
        }
        return es;
    }

    @Override
    public ConcurrentNavigableMap<K, V> descendingMap() {
        SubMap<K, V> d = descendingView;
        if (d == null) {
            d = new SubMap<>(this, KeyRange.all(), true);
            descendingView = d;
        }
        return d;
    }

    /**
     * @throws NullPointerException if a key is null
     * @throws IllegalArgumentException if fromKey is above toKey
     */
    @Override
    public ConcurrentNavigableMap<K, V> subMap(
            K fromKey, boolean fromInclusive, K toKey, boolean toInclusive) {
        Objects.requireNonNull(fromKey, "fromKey");
        Objects.requireNonNull(toKey, "toKey");
        if (cpr(fromKey, toKey) > 0) {
            throw new IllegalArgumentException(
                    "fromKey is above toKey: fromKey=" + fromKey + ", toKey=" + toKey);
        }
        return new SubMap<>(
                this, new KeyRange<>(fromKey, fromInclusive, toKey, toInclusive), false);
    }

    /**
     * @throws NullPointerException if toKey is null
     */
    @Override
    public ConcurrentNavigableMap<K, V> headMap(K toKey, boolean inclusive) {
        Objects.requireNonNull(toKey, "toKey");
        return new SubMap<>(this, new KeyRange<>(null, false, toKey, inclusive), false);
    }

    /**
     * @throws NullPointerException if fromKey is null
     */
    @Override
    public ConcurrentNavigableMap<K, V> tailMap(K fromKey, boolean inclusive) {
        Objects.requireNonNull(fromKey, "fromKey");
        return new SubMap<>(this, new KeyRange<>(fromKey, inclusive, null, false), false);
    }

    /**
     * @throws NullPointerException if a key is null
     * @throws IllegalArgumentException if fromKey is above toKey
     */
    @Override
    public ConcurrentNavigableMap<K, V> subMap(K fromKey, K toKey) {
        return subMap(fromKey, true, toKey, false);
    }

    /**
     * @throws NullPointerException if toKey is null
     */
    @Override
    public ConcurrentNavigableMap<K, V> headMap(K toKey) {
        return headMap(toKey, false);
    }

    /**
     * @throws NullPointerException if fromKey is null
     */
    @Override
    public ConcurrentNavigableMap<K, V> tailMap(K fromKey) {
        return tailMap(fromKey, true);
    }

    // ------------------------------------------------------------------ crossbeam API

    Node<K, V> getNodeOf(SkipMapEntry<K, V> e) {
        return e.node();
    }

    SkipMapEntry<K, V> handle(Node<K, V> n) {
        return n == null ? null : new SkipMapEntry<>(this, n);
    }

    /**
     * Returns a handle to the entry with the smallest key, or null if the map is empty.
     *
     * @return the first entry
     */
    public SkipMapEntry<K, V> front() {
        return handle(firstNode());
    }

    /**
     * Returns a handle to the entry with the largest key, or null if the map is empty.
     *
     * @return the last entry
     */
    public SkipMapEntry<K, V> back() {
        return handle(lastNode());
    }

    /**
     * Removes the entry with the smallest key and returns its (removed) handle, or null if the map
     * is empty. Under concurrent pops each entry is handed to exactly one caller.
     *
     * <p>The removal is atomic, and the entry removed was the first live entry when this call
     * located it. An entry with a smaller key inserted by another thread between that moment and
     * the removal is passed over, as in {@code ConcurrentSkipListMap.pollFirstEntry} and
     * crossbeam-skiplist's {@code pop_front}; without concurrent insertions of smaller keys, pops
     * are linearizable. {@link #popBack} and {@code pollFirstEntry}/{@code pollLastEntry} behave
     * the same way.
     *
     * @return the removed entry
     */
    public SkipMapEntry<K, V> popFront() {
        return pop(false);
    }

    /**
     * Removes the entry with the largest key and returns its (removed) handle, or null if the map
     * is empty. Under concurrent pops each entry is handed to exactly one caller.
     *
     * @return the removed entry
     */
    public SkipMapEntry<K, V> popBack() {
        return pop(true);
    }

    private SkipMapEntry<K, V> pop(boolean last) {
        for (; ; ) {
            Node<K, V> n = last ? lastNode() : firstNode();
            if (n == null) {
                return null;
            }
            if (tryRemove(n) != null) {
                return handle(n);
            }
        }
    }

    /**
     * Returns a handle to the entry for key, or null if absent (crossbeam's {@code get}).
     *
     * @param key the key
     * @return the entry
     * @throws NullPointerException if key is null
     */
    public SkipMapEntry<K, V> getEntry(Object key) {
        Objects.requireNonNull(key, "key");
        Node<K, V> n = findNode(key);
        return n != null && isLive(n) ? handle(n) : null;
    }

    /**
     * Removes key and returns the handle of the removed entry, or null if absent.
     *
     * @param key the key
     * @return the removed entry
     * @throws NullPointerException if key is null
     */
    public SkipMapEntry<K, V> removeEntry(Object key) {
        Objects.requireNonNull(key, "key");
        Node<K, V> n = findNode(key);
        return n != null && tryRemove(n) != null ? handle(n) : null;
    }

    /**
     * Maps key to value, replacing any present value in place, and returns the entry's handle.
     * Unlike crossbeam-skiplist, which links a new entry and removes the old one, the entry stays
     * the same: handles obtained earlier see the new value and are not removed.
     *
     * @param key the key
     * @param value the value
     * @return the entry now holding key
     * @throws NullPointerException if key or value is null
     */
    @SuppressWarnings("unchecked")
    public SkipMapEntry<K, V> insert(K key, V value) {
        return handle((Node<K, V>) doPut(key, value, PUT, null, true));
    }

    /**
     * Returns the entry for key, inserting value first if key is absent.
     *
     * @param key the key
     * @param value the value to insert if absent
     * @return the present or inserted entry
     * @throws NullPointerException if key or value is null
     */
    @SuppressWarnings("unchecked")
    public SkipMapEntry<K, V> getOrInsert(K key, V value) {
        return handle((Node<K, V>) doPut(key, value, IF_ABSENT, null, true));
    }

    /**
     * Returns the entry for key, inserting the supplier's value first if key is absent.
     *
     * <p>The supplier runs only when the key is found absent, and at most once per call. Two racing
     * calls for the same absent key may both run their suppliers; exactly one of the values is ever
     * visible in the map, and both calls return the entry holding it. The other value is discarded.
     *
     * @param key the key
     * @param supplier makes the value to insert
     * @return the present or inserted entry
     * @throws NullPointerException if key or supplier is null, or the supplier returns null
     */
    @SuppressWarnings("unchecked")
    public SkipMapEntry<K, V> getOrInsertWith(K key, Supplier<? extends V> supplier) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(supplier, "supplier");
        SkipMapEntry<K, V> e = getEntry(key);
        if (e != null) {
            return e;
        }
        V v = Objects.requireNonNull(supplier.get(), "supplier result");
        return handle((Node<K, V>) doPut(key, v, IF_ABSENT, null, true));
    }

    /**
     * Inserts value if key is absent; if present, replaces its value only if {@code shouldReplace}
     * accepts the present value (which it is not called with when absent). The test and the
     * replacement are atomic together: the value replaced is the one tested.
     *
     * @param key the key
     * @param value the new value
     * @param shouldReplace decides whether to replace a present value
     * @return the entry holding key afterwards
     * @throws NullPointerException if any argument is null
     */
    @SuppressWarnings("unchecked")
    public SkipMapEntry<K, V> compareInsert(K key, V value, Predicate<? super V> shouldReplace) {
        Objects.requireNonNull(shouldReplace, "shouldReplace");
        return handle((Node<K, V>) doPut(key, value, IF_MATCH, shouldReplace, true));
    }

    /**
     * Returns the entry with the smallest key inside {@code bound} (crossbeam's {@code
     * lower_bound}): the first key at or above an included key, above an excluded key, or the first
     * key of all when unbounded. Null if there is none.
     *
     * @param bound the lower bound
     * @return the entry
     * @throws NullPointerException if bound is null
     */
    public SkipMapEntry<K, V> lowerBound(Bound<? extends K> bound) {
        Objects.requireNonNull(bound, "bound");
        K k = bound.keyOrNull();
        return handle(k == null ? firstNode() : findAbove(k, bound.isInclusive()));
    }

    /**
     * Returns the entry with the largest key inside {@code bound} (crossbeam's {@code
     * upper_bound}): the last key at or below an included key, below an excluded key, or the last
     * key of all when unbounded. Null if there is none.
     *
     * @param bound the upper bound
     * @return the entry
     * @throws NullPointerException if bound is null
     */
    public SkipMapEntry<K, V> upperBound(Bound<? extends K> bound) {
        Objects.requireNonNull(bound, "bound");
        K k = bound.keyOrNull();
        return handle(k == null ? lastNode() : findBelow(k, bound.isInclusive()));
    }

    /**
     * Returns a double-ended, weakly consistent iterator over the entries between the two bounds,
     * yielding handles. An inverted range (lower key above upper key, or equal keys not both
     * included) is empty, as in crossbeam-skiplist; {@link #subMap} throws instead.
     *
     * @param lower the lower bound
     * @param upper the upper bound
     * @return the iterator
     * @throws NullPointerException if a bound is null
     */
    public DoubleEndedIterator<SkipMapEntry<K, V>> range(
            Bound<? extends K> lower, Bound<? extends K> upper) {
        return new RangeIterator<>(this, toRange(lower, upper), this::handle);
    }

    /**
     * Returns a double-ended, weakly consistent iterator over all entries, yielding handles.
     *
     * @return the iterator
     */
    public DoubleEndedIterator<SkipMapEntry<K, V>> iter() {
        return new RangeIterator<>(this, KeyRange.all(), this::handle);
    }

    KeyRange<K> toRange(Bound<? extends K> lower, Bound<? extends K> upper) {
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        return new KeyRange<>(
                lower.keyOrNull(), lower.isInclusive(), upper.keyOrNull(), upper.isInclusive());
    }

    // ------------------------------------------------------------------ iterators

    /** Weakly consistent iterator over the live nodes of a range, in either direction. */
    abstract static class NodeIterator<K, V, T> implements Iterator<T> {
        final SkipMap<K, V> map;
        final KeyRange<K> kr;
        final boolean descending;
        Node<K, V> next;
        Node<K, V> lastReturned;

        NodeIterator(SkipMap<K, V> map, KeyRange<K> kr, boolean descending) {
            this.map = map;
            this.kr = kr;
            this.descending = descending;
            this.next = descending ? map.highestIn(kr) : map.lowestIn(kr);
        }

        @Override
        public final boolean hasNext() {
            return next != null;
        }

        final Node<K, V> advance() {
            Node<K, V> n = next;
            if (n == null) {
                throw new NoSuchElementException();
            }
            lastReturned = n;
            Node<K, V> m = descending ? map.predecessor(n) : map.successor(n);
            if (m != null && (descending ? map.tooLow(m.key, kr) : map.tooHigh(m.key, kr))) {
                m = null;
            }
            next = m; // once null it stays null: an exhausted iterator stays exhausted
            return n;
        }

        @Override
        public final void remove() {
            Node<K, V> n = lastReturned;
            if (n == null) {
                throw new IllegalStateException("next() not called, or remove() already called");
            }
            lastReturned = null;
            map.tryRemove(n);
        }
    }

    Iterator<K> keyIterator(KeyRange<K> kr, boolean descending) {
        return new NodeIterator<K, V, K>(this, kr, descending) {
            @Override
            public K next() {
                return advance().key;
            }
        };
    }

    Iterator<V> valueIterator(KeyRange<K> kr, boolean descending) {
        return new NodeIterator<K, V, V>(this, kr, descending) {
            @Override
            public V next() {
                return lastValue(advance());
            }
        };
    }

    Iterator<Map.Entry<K, V>> entryIterator(KeyRange<K> kr, boolean descending) {
        return new NodeIterator<K, V, Map.Entry<K, V>>(this, kr, descending) {
            @Override
            public Map.Entry<K, V> next() {
                return handle(advance());
            }
        };
    }

    /** Counts the live nodes of kr (a linear scan). */
    int countIn(KeyRange<K> kr) {
        long c = 0;
        for (Node<K, V> n = lowestIn(kr); n != null && !tooHigh(n.key, kr); n = successor(n)) {
            c++;
        }
        return (int) Math.min(c, Integer.MAX_VALUE);
    }

    // ------------------------------------------------------------------ serialization

    private Object writeReplace() {
        List<Object> kv = new ArrayList<>();
        for (Node<K, V> n = firstNode(); n != null; n = successor(n)) {
            V v = liveValue(n);
            if (v != null) {
                kv.add(n.key);
                kv.add(v);
            }
        }
        return new SerialForm(comparator, kv.toArray());
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("SkipMap is read through its serial form");
    }

    /** The serialized form: the comparator and the keys and values in ascending order. */
    static final class SerialForm implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The ordering, or null for natural ordering. */
        private final Comparator<?> comparator;

        /** Keys and values alternating, ascending by key. */
        private final Object[] keysAndValues;

        SerialForm(Comparator<?> comparator, Object[] keysAndValues) {
            this.comparator = comparator;
            this.keysAndValues = keysAndValues;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Object readResolve() {
            SkipMap map = new SkipMap((Comparator) comparator);
            for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
            return map;
        }
    }
}
