/**
 * A lock-free concurrent ordered map and set, ported from crossbeam-skiplist.
 *
 * <p>{@link dev.ferrum.skiplist.SkipMap} is a drop-in for {@link
 * java.util.concurrent.ConcurrentSkipListMap} and {@link dev.ferrum.skiplist.SkipSet} for {@link
 * java.util.concurrent.ConcurrentSkipListSet}. Both add crossbeam-skiplist's API: entry handles
 * ({@link dev.ferrum.skiplist.SkipMapEntry}, {@link dev.ferrum.skiplist.SkipSetEntry}) that stay
 * usable after removal and can remove exactly their entry, {@link dev.ferrum.skiplist.Bound}s for
 * {@code lowerBound}/{@code upperBound}/{@code range}, and double-ended range iterators ({@link
 * dev.ferrum.skiplist.DoubleEndedIterator}).
 *
 * <p>Where this port differs from crossbeam-skiplist: replacing the value of a present key happens
 * in place, so the key is never transiently absent and existing handles see the new value
 * (crossbeam links a new entry and retires the old one); an inverted range is empty for {@code
 * range} and rejected by {@code subMap}, as in {@code TreeMap}.
 *
 * <p>Nothing in this package blocks: every operation is lock-free.
 */
package dev.ferrum.skiplist;
