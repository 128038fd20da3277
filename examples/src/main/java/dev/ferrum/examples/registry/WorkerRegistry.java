package dev.ferrum.examples.registry;

import dev.ferrum.skiplist.SkipMap;
import dev.ferrum.skiplist.SkipMapEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A registry of workers that hands each job to the least loaded one, built from two {@link
 * SkipMap}s:
 *
 * <ul>
 *   <li>{@code byName}: name → the worker's current {@link Load}, the truth. A load changes only by
 *       {@link SkipMap#compareInsert}, which replaces the value only if it is still the one the
 *       caller read: an atomic compare-and-set on one entry, retried on conflict.
 *   <li>{@code byLoad}: an index ordered by (load, name, version), so that {@link SkipMap#front()}
 *       is the least loaded worker. It is updated after the truth (insert the new key, remove the
 *       old), so it may briefly hold stale keys; every key carries the version of the load it was
 *       made from, and a reader that meets a key whose version is no longer current removes it and
 *       looks again. Versions are never reused, so a stale key can never be mistaken for a current
 *       one.
 * </ul>
 */
final class WorkerRegistry {
    /** A worker's load at one version; versions increase with every change of any worker. */
    record Load(int jobs, long version) {}

    /** A key of the load index. */
    record LoadKey(int jobs, String name, long version) {}

    private static final Comparator<LoadKey> BY_LOAD =
            Comparator.comparingInt(LoadKey::jobs)
                    .thenComparing(LoadKey::name)
                    .thenComparingLong(LoadKey::version);

    private final SkipMap<String, Load> byName = new SkipMap<>();
    private final SkipMap<LoadKey, String> byLoad = new SkipMap<>(BY_LOAD);
    private final AtomicLong versions = new AtomicLong();

    /** Registers a worker with no jobs; returns false if the name is taken. */
    boolean register(String name) {
        Load fresh = new Load(0, versions.incrementAndGet());
        SkipMapEntry<String, Load> e = byName.getOrInsert(name, fresh);
        if (e.value() != fresh) {
            return false;
        }
        byLoad.insert(new LoadKey(0, name, fresh.version()), name);
        return true;
    }

    /**
     * Picks the least loaded worker and gives it one more job, atomically with respect to every
     * other change of that worker's load. Returns its name, or null if none is registered.
     */
    String acquire() {
        for (; ; ) {
            SkipMapEntry<LoadKey, String> front = byLoad.front();
            if (front == null) {
                if (byName.isEmpty()) {
                    return null;
                }
                // Every worker is between its load change and the index update (or its key was
                // just dropped as stale): index the current loads ourselves rather than wait for
                // those threads. A key added twice is the same key; one that is stale by the
                // time it lands is dropped by the next reader that meets it.
                byName.forEach((n, l) -> byLoad.insert(new LoadKey(l.jobs(), n, l.version()), n));
                continue;
            }
            LoadKey k = front.key();
            Load current = byName.get(k.name());
            if (current == null || current.version() != k.version()) {
                byLoad.remove(k); // stale: that load has changed since the key was made
                continue;
            }
            if (update(k.name(), current, +1)) {
                return k.name();
            }
            // Another thread changed this worker first: look at the front again.
        }
    }

    /** Records that a job of {@code name} has finished. */
    void release(String name) {
        for (; ; ) {
            Load current = byName.get(name);
            if (current == null) {
                throw new IllegalArgumentException("unknown worker: " + name);
            }
            if (current.jobs() == 0) {
                throw new IllegalStateException("worker has no job to release: " + name);
            }
            if (update(name, current, -1)) {
                return;
            }
        }
    }

    /** One compare-and-set of a worker's load, then the index. */
    private boolean update(String name, Load expected, int delta) {
        Load next = new Load(expected.jobs() + delta, versions.incrementAndGet());
        // compareInsert replaces the value only if the predicate accepts the present one; the test
        // and the replacement are one atomic step, so two threads cannot both move from expected.
        // Whether it replaced is what the predicate said last: SkipMap replaces values in place,
        // so the returned entry's value() may already show a later thread's load, and comparing
        // it with next would mistake our own success for a conflict.
        boolean[] accepted = new boolean[1];
        byName.compareInsert(name, next, v -> accepted[0] = v == expected);
        if (!accepted[0]) {
            return false;
        }
        byLoad.insert(new LoadKey(next.jobs(), name, next.version()), name);
        byLoad.remove(new LoadKey(expected.jobs(), name, expected.version()));
        return true;
    }

    /** The current load of each worker (a weakly consistent snapshot). */
    Map<String, Integer> loads() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        byName.forEach((n, l) -> m.put(n, l.jobs()));
        return m;
    }

    /**
     * Checks the invariants of a registry no thread is using: every load is zero or more, and the
     * index holds exactly one key per worker, the current one, once stale keys are dropped. Returns
     * the violations found (empty if none).
     */
    List<String> checkQuiescent() {
        List<String> problems = new ArrayList<>();
        Set<LoadKey> current = new HashSet<>();
        byName.forEach(
                (n, l) -> {
                    if (l.jobs() < 0) {
                        problems.add("negative load: " + n + "=" + l.jobs());
                    }
                    current.add(new LoadKey(l.jobs(), n, l.version()));
                });
        Set<LoadKey> indexed = new HashSet<>();
        for (LoadKey k : byLoad.keySet()) {
            Load l = byName.get(k.name());
            if (l != null && l.version() == k.version()) {
                indexed.add(k);
            }
        }
        if (!indexed.equals(current)) {
            problems.add("index " + indexed + " does not match loads " + current);
        }
        return problems;
    }

    /** The index keys, for invariant checks. */
    Iterable<LoadKey> indexKeys() {
        return byLoad.keySet();
    }

    /** The current load of {@code name}, with its version, or null. */
    Load load(String name) {
        return byName.get(name);
    }
}
