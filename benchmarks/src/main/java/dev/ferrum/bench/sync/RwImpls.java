package dev.ferrum.bench.sync;

import dev.ferrum.sync.RwLock;
import dev.ferrum.sync.ShardedLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * The reader-writer locks the sync benchmarks compare, each guarding a pair of longs that a write
 * increments together and a read sums. One implementation per fork, so each call site stays
 * monomorphic.
 */
final class RwImpls {

    /** Ferrum's {@link RwLock}. */
    static final String FERRUM = "ferrum";

    /** {@link ReentrantReadWriteLock}, non-fair (its default). */
    static final String RRWL = "rrwl";

    /** {@link StampedLock}'s read and write locks. */
    static final String STAMPED = "stamped";

    /** {@link StampedLock}'s optimistic read (falling back to the read lock), write lock. */
    static final String OPTIMISTIC = "optimistic";

    /** One monitor for reads and writes. */
    static final String SYNCHRONIZED = "synchronized";

    /** Ferrum's {@link ShardedLock}. */
    static final String SHARDED = "sharded";

    private RwImpls() {}

    /** The guarded data. */
    static final class Pair {
        long a;
        long b;
    }

    /** A lock with its data: one read or one write per call. */
    abstract static class Guarded {
        abstract long read();

        abstract long write();
    }

    static Guarded create(String impl) {
        switch (impl) {
            case FERRUM:
                return new FerrumRw();
            case SHARDED:
                return new Sharded();
            case RRWL:
                return new Rrwl();
            case STAMPED:
                return new Stamped();
            case OPTIMISTIC:
                return new Optimistic();
            case SYNCHRONIZED:
                return new Monitor();
            default:
                throw new IllegalArgumentException("unknown impl: impl=" + impl);
        }
    }

    static final class FerrumRw extends Guarded {
        private final RwLock<Pair> lock = new RwLock<>(new Pair());

        @Override
        long read() {
            try (RwLock.ReadGuard<Pair> g = lock.read()) {
                Pair p = g.get();
                return p.a + p.b;
            }
        }

        @Override
        long write() {
            try (RwLock.WriteGuard<Pair> g = lock.write()) {
                Pair p = g.get();
                p.a++;
                p.b++;
                return p.a;
            }
        }
    }

    static final class Sharded extends Guarded {
        private final ShardedLock<Pair> lock = new ShardedLock<>(new Pair());

        @Override
        long read() {
            try (ShardedLock.ReadGuard<Pair> g = lock.read()) {
                Pair p = g.get();
                return p.a + p.b;
            }
        }

        @Override
        long write() {
            try (ShardedLock.WriteGuard<Pair> g = lock.write()) {
                Pair p = g.get();
                p.a++;
                p.b++;
                return p.a;
            }
        }
    }

    static final class Rrwl extends Guarded {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private final Pair p = new Pair();

        @Override
        long read() {
            lock.readLock().lock();
            try {
                return p.a + p.b;
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        long write() {
            lock.writeLock().lock();
            try {
                p.a++;
                p.b++;
                return p.a;
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    static class Stamped extends Guarded {
        final StampedLock lock = new StampedLock();
        final Pair p = new Pair();

        @Override
        long read() {
            long s = lock.readLock();
            try {
                return p.a + p.b;
            } finally {
                lock.unlockRead(s);
            }
        }

        @Override
        final long write() {
            long s = lock.writeLock();
            try {
                p.a++;
                p.b++;
                return p.a;
            } finally {
                lock.unlockWrite(s);
            }
        }
    }

    static final class Optimistic extends Stamped {
        @Override
        long read() {
            long s = lock.tryOptimisticRead();
            long sum = p.a + p.b;
            if (lock.validate(s)) {
                return sum;
            }
            return super.read();
        }
    }

    static final class Monitor extends Guarded {
        private final Pair p = new Pair();

        @Override
        long read() {
            synchronized (p) {
                return p.a + p.b;
            }
        }

        @Override
        long write() {
            synchronized (p) {
                p.a++;
                p.b++;
                return p.a;
            }
        }
    }
}
