package dev.ferrum.stress.sync;

import dev.ferrum.sync.RwLock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/** jcstress tests of {@link RwLock}: mutual exclusion, upgrade atomicity, downgrade atomicity. */
public final class RwLockTest {

    private RwLockTest() {}

    /** Two fields that a writer sets together under the write lock. */
    public static final class Pair {
        int x;
        int y;
    }

    /**
     * A reader under the read lock never sees half of a write made under the write lock: it sees
     * both fields written or neither.
     */
    @JCStressTest
    @Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "read before the write")
    @Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "read after the write")
    @Outcome(expect = Expect.FORBIDDEN, desc = "reader saw a half-written pair: no exclusion")
    @State
    public static class MutualExclusion {
        final RwLock<Pair> lock = new RwLock<>(new Pair());

        @Actor
        public void writer() {
            try (RwLock.WriteGuard<Pair> g = lock.write()) {
                g.get().x = 1;
                g.get().y = 1;
            }
        }

        @Actor
        public void reader(II_Result r) {
            try (RwLock.ReadGuard<Pair> g = lock.read()) {
                r.r1 = g.get().x;
                r.r2 = g.get().y;
            }
        }
    }

    /**
     * Nothing is written between an upgradable read and the write it upgrades to: the upgrader adds
     * one to what it read, a plain writer adds ten, and both increments survive.
     */
    @JCStressTest
    @Outcome(id = "0, 11", expect = Expect.ACCEPTABLE, desc = "upgrade first, then the writer")
    @Outcome(id = "10, 11", expect = Expect.ACCEPTABLE, desc = "writer first, then the upgrade")
    @Outcome(expect = Expect.FORBIDDEN, desc = "a write slipped into the upgrade: update lost")
    @State
    public static class UpgradeAtomicity {
        final RwLock<int[]> lock = new RwLock<>(new int[1]);

        @Actor
        public void upgrader(II_Result r) {
            RwLock.UpgradableReadGuard<int[]> u = lock.upgradableRead();
            int seen = u.get()[0];
            try (RwLock.WriteGuard<int[]> w = u.upgrade()) {
                w.get()[0] = seen + 1;
            }
            r.r1 = seen;
        }

        @Actor
        public void writer() {
            try (RwLock.WriteGuard<int[]> w = lock.write()) {
                w.get()[0] += 10;
            }
        }

        @Arbiter
        public void arbiter(II_Result r) {
            try (RwLock.ReadGuard<int[]> g = lock.read()) {
                r.r2 = g.get()[0];
            }
        }
    }

    /**
     * A write lock downgraded to a read lock still sees its own write: no writer can come between
     * the write and the read that the downgrade keeps.
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "other writer first, then ours")
    @Outcome(id = "1, 2", expect = Expect.ACCEPTABLE, desc = "ours first, then the other")
    @Outcome(expect = Expect.FORBIDDEN, desc = "a writer slipped in during the downgrade")
    @State
    public static class DowngradeAtomicity {
        final RwLock<int[]> lock = new RwLock<>(new int[1]);

        @Actor
        public void downgrader(II_Result r) {
            RwLock.WriteGuard<int[]> w = lock.write();
            w.get()[0] = 1;
            try (RwLock.ReadGuard<int[]> g = w.downgrade()) {
                r.r1 = g.get()[0];
            }
        }

        @Actor
        public void writer() {
            try (RwLock.WriteGuard<int[]> w = lock.write()) {
                w.get()[0] = 2;
            }
        }

        @Arbiter
        public void arbiter(II_Result r) {
            try (RwLock.ReadGuard<int[]> g = lock.read()) {
                r.r2 = g.get()[0];
            }
        }
    }
}
