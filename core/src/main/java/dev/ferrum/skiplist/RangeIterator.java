package dev.ferrum.skiplist;

import dev.ferrum.skiplist.SkipMap.KeyRange;
import dev.ferrum.skiplist.SkipMap.Node;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Double-ended, weakly consistent iterator over the live nodes of a key range. The front end
 * remembers the last node it returned and steps to its successor; the back end likewise steps to
 * the predecessor (a search from the top, O(log n)). A candidate at or beyond the other end's last
 * returned key means the ends have met: the iterator is then done for good.
 */
final class RangeIterator<K, V, T> implements DoubleEndedIterator<T> {
    private final SkipMap<K, V> map;
    private final KeyRange<K> kr;
    private final Function<Node<K, V>, T> view;

    private Node<K, V> frontLast;
    private Node<K, V> backLast;
    private Node<K, V> frontPending;
    private Node<K, V> backPending;
    private boolean done;

    RangeIterator(SkipMap<K, V> map, KeyRange<K> kr, Function<Node<K, V>, T> view) {
        this.map = map;
        this.kr = kr;
        this.view = view;
        if (kr.lo != null && kr.hi != null) {
            int r = map.cpr(kr.lo, kr.hi);
            // Inverted, or a single key that one end excludes: empty.
            done = r > 0 || (r == 0 && !(kr.loInclusive && kr.hiInclusive));
        }
    }

    private Node<K, V> peekFront() {
        if (done) {
            return null;
        }
        Node<K, V> n = frontPending;
        if (n == null) {
            n = frontLast == null ? map.lowestIn(kr) : map.successor(frontLast);
            if (n != null && map.tooHigh(n.key, kr)) {
                n = null;
            }
        }
        if (n == null || (backLast != null && map.cpr(n.key, backLast.key) >= 0)) {
            done = true;
            frontPending = null;
            backPending = null;
            return null;
        }
        frontPending = n;
        return n;
    }

    private Node<K, V> peekBack() {
        if (done) {
            return null;
        }
        Node<K, V> n = backPending;
        if (n == null) {
            n = backLast == null ? map.highestIn(kr) : map.predecessor(backLast);
            if (n != null && map.tooLow(n.key, kr)) {
                n = null;
            }
        }
        if (n == null || (frontLast != null && map.cpr(n.key, frontLast.key) <= 0)) {
            done = true;
            frontPending = null;
            backPending = null;
            return null;
        }
        backPending = n;
        return n;
    }

    @Override
    public boolean hasNext() {
        return peekFront() != null;
    }

    @Override
    public T next() {
        Node<K, V> n = peekFront();
        if (n == null) {
            throw new NoSuchElementException();
        }
        frontPending = null;
        frontLast = n;
        return view.apply(n);
    }

    @Override
    public boolean hasNextBack() {
        return peekBack() != null;
    }

    @Override
    public T nextBack() {
        Node<K, V> n = peekBack();
        if (n == null) {
            throw new NoSuchElementException();
        }
        backPending = null;
        backLast = n;
        return view.apply(n);
    }
}
