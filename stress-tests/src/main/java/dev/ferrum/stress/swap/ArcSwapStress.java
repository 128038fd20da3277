package dev.ferrum.stress.swap;

import dev.ferrum.swap.ArcSwap;
import dev.ferrum.swap.Guard;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/** The ordering and race claims of {@link ArcSwap}. */
public final class ArcSwapStress {

    private ArcSwapStress() {}

    /** A value whose fields are plain: only the swap's store/load ordering publishes them. */
    static final class Config {
        int a;
        int b;
    }

    /**
     * A value stored by one thread is seen fully constructed by a loader: fields written before
     * {@code store} are visible to a {@code load} that returns the value.
     */
    @JCStressTest
    @Outcome(id = "-1", expect = Expect.ACCEPTABLE, desc = "load ran first: saw the initial value")
    @Outcome(id = "3", expect = Expect.ACCEPTABLE, desc = "saw the stored value fully built")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "saw the stored value with a field missing: unsafe publication")
    @State
    public static class StorePublishesFields {
        private final Config initial = new Config();
        private final ArcSwap<Config> swap = ArcSwap.of(initial);

        @Actor
        public void writer() {
            Config c = new Config();
            c.a = 1;
            c.b = 2;
            swap.store(c);
        }

        @Actor
        public void reader(I_Result r) {
            Config c = swap.load();
            r.r1 = c == initial ? -1 : c.a + c.b;
        }
    }

    /**
     * The same publication through a releasing swap, whose store installs a new slot holding the
     * value, read by {@code load()}. The forbidden outcome, the stored value with a field missing,
     * means the slot (or the value in it) reached the reader without the ordering of the store that
     * installed it.
     */
    @JCStressTest
    @Outcome(id = "-1", expect = Expect.ACCEPTABLE, desc = "load ran first: saw the initial value")
    @Outcome(id = "3", expect = Expect.ACCEPTABLE, desc = "saw the stored value fully built")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "saw the stored value with a field missing: unsafe publication")
    @State
    public static class ReleasingStorePublishesFieldsToLoad {
        private final Config initial = new Config();
        private final ArcSwap<Config> swap = ArcSwap.of(initial, c -> {});

        @Actor
        public void writer() {
            Config c = new Config();
            c.a = 1;
            c.b = 2;
            swap.store(c);
        }

        @Actor
        public void reader(I_Result r) {
            Config c = swap.load();
            r.r1 = c == initial ? -1 : c.a + c.b;
        }
    }

    /**
     * The same publication through a releasing swap, read through a guard. The forbidden outcome,
     * the stored value with a field missing, means the guard's read of the current slot does not
     * order the reads of the value after the store that installed it.
     */
    @JCStressTest
    @Outcome(id = "-1", expect = Expect.ACCEPTABLE, desc = "guard ran first: saw the initial value")
    @Outcome(id = "3", expect = Expect.ACCEPTABLE, desc = "saw the stored value fully built")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "saw the stored value with a field missing: unsafe publication")
    @State
    public static class ReleasingStorePublishesFieldsToGuard {
        private final Config initial = new Config();
        private final ArcSwap<Config> swap = ArcSwap.of(initial, c -> {});

        @Actor
        public void writer() {
            Config c = new Config();
            c.a = 1;
            c.b = 2;
            swap.store(c);
        }

        @Actor
        public void reader(I_Result r) {
            try (Guard<Config> g = swap.guard()) {
                Config c = g.get();
                r.r1 = c == initial ? -1 : c.a + c.b;
            }
        }
    }

    /** A resource that records whether and how often it was released. */
    static final class Resource {
        volatile boolean released;
        final AtomicInteger releases = new AtomicInteger();

        void release() {
            releases.incrementAndGet();
            released = true;
        }
    }

    /**
     * A guard racing a swap either pins the old value, which is released only after the guard
     * closes, or gets the new one; it never observes a released value; the old value is released
     * exactly once. r1: which value the guard got (1 old, 2 new); r2: 1 if the guard saw its value
     * released while open; r3: releases of the old value, seen after both actors finished.
     */
    @JCStressTest
    @Outcome(
            id = "1, 0, 1",
            expect = Expect.ACCEPTABLE,
            desc = "guard pinned the old value; released once, after the guard closed")
    @Outcome(
            id = "2, 0, 1",
            expect = Expect.ACCEPTABLE,
            desc = "guard got the new value; the old one released once")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "released while pinned, released twice, or never released")
    @State
    public static class GuardRacingSwap {
        private final Resource old = new Resource();
        private final Resource next = new Resource();
        private final ArcSwap<Resource> swap = ArcSwap.of(old, Resource::release);

        @Actor
        public void reader(III_Result r) {
            try (Guard<Resource> g = swap.guard()) {
                Resource v = g.get();
                r.r1 = v == old ? 1 : 2;
                boolean seenReleased = v.released;
                Thread.onSpinWait(); // widen the window in which a writer may retire it
                r.r2 = seenReleased || v.released ? 1 : 0;
            }
        }

        @Actor
        public void writer() {
            swap.store(next);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = old.releases.get();
        }
    }

    /**
     * Two concurrent {@code compareAndSwap} with the same expected value: exactly one succeeds, and
     * (in a releasing swap) the replaced value is released once. r1, r2: 1 if that actor's call
     * succeeded; r3: the winner's value (1 or 2) combined with the old value's releases (x10).
     */
    @JCStressTest
    @Outcome(id = "1, 0, 11", expect = Expect.ACCEPTABLE, desc = "first won; old released once")
    @Outcome(id = "0, 1, 12", expect = Expect.ACCEPTABLE, desc = "second won; old released once")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "both or neither succeeded, wrong final value, or wrong release count")
    @State
    public static class CompareAndSwapSameExpected {
        private final Resource old = new Resource();
        private final Resource one = new Resource();
        private final Resource two = new Resource();
        private final ArcSwap<Resource> swap = ArcSwap.of(old, Resource::release);

        @Actor
        public void first(III_Result r) {
            r.r1 = swap.compareAndSwap(old, one) == old ? 1 : 0;
        }

        @Actor
        public void second(III_Result r) {
            r.r2 = swap.compareAndSwap(old, two) == old ? 1 : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            Resource v = swap.load();
            int winner = v == one ? 1 : v == two ? 2 : 9;
            r.r3 = old.releases.get() * 10 + winner;
        }
    }

    /**
     * The same race on a plain swap, where {@code compareAndSwap} is a single compare-and-exchange:
     * exactly one of two calls expecting the same value succeeds, and the final value is the
     * winner's. The forbidden outcomes expose a compare that is not atomic with its write (both
     * succeed, the later write overwriting the earlier), or a failure reported with the expected
     * value as witness. r1, r2: 1 if that actor's call succeeded; r3: the final value (1 or 2).
     */
    @JCStressTest
    @Outcome(id = "1, 0, 1", expect = Expect.ACCEPTABLE, desc = "first won")
    @Outcome(id = "0, 1, 2", expect = Expect.ACCEPTABLE, desc = "second won")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "both or neither succeeded, or the final value is not the winner's")
    @State
    public static class PlainCompareAndSwapSameExpected {
        private final Object old = new Object();
        private final Object one = new Object();
        private final Object two = new Object();
        private final ArcSwap<Object> swap = ArcSwap.of(old);

        @Actor
        public void first(III_Result r) {
            r.r1 = swap.compareAndSwap(old, one) == old ? 1 : 0;
        }

        @Actor
        public void second(III_Result r) {
            r.r2 = swap.compareAndSwap(old, two) == old ? 1 : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            Object v = swap.load();
            r.r3 = v == one ? 1 : v == two ? 2 : 9;
        }
    }

    /**
     * A guard closing races the swap that retired its value: the last of the two to finish releases
     * it, exactly once. r1: releases of the old value seen by the arbiter.
     */
    @JCStressTest
    @Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "released exactly once")
    @Outcome(id = "0", expect = Expect.FORBIDDEN, desc = "never released: lost release")
    @Outcome(expect = Expect.FORBIDDEN, desc = "released more than once")
    @State
    public static class GuardCloseRacingSwap {
        private final Resource old = new Resource();
        private final ArcSwap<Resource> swap = ArcSwap.of(old, Resource::release);
        private final Guard<Resource> guard = swap.guard();

        @Actor
        public void reader() {
            guard.close();
        }

        @Actor
        public void writer() {
            swap.store(new Resource());
        }

        @Arbiter
        public void arbiter(I_Result r) {
            r.r1 = old.releases.get();
        }
    }

    /**
     * {@code close()} races {@code guard()} on a releasing swap: the guard either fails with {@link
     * IllegalStateException} or pins the value, which close then retires but must not release until
     * the guard closes; either way the value is released exactly once. The forbidden outcomes
     * expose a close that releases the value without waiting for its guards, or a guard that pins a
     * slot close has already retired (a guard that skips its check that the slot is still current):
     * the guard then observes a released value. A release count other than one exposes a lost or a
     * doubled release. r1: 1 if guard() returned a guard; r2: 1 if the guard saw its value released
     * while open; r3: releases of the value, seen after both actors.
     */
    @JCStressTest
    @Outcome(
            id = "1, 0, 1",
            expect = Expect.ACCEPTABLE,
            desc = "guard pinned the value; released once, after the guard closed")
    @Outcome(
            id = "0, 0, 1",
            expect = Expect.ACCEPTABLE,
            desc = "close came first: guard() threw; released once by close")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "guard saw a released value, or released twice or never")
    @State
    public static class CloseRacingGuard {
        private final Resource value = new Resource();
        private final ArcSwap<Resource> swap = ArcSwap.of(value, Resource::release);

        @Actor
        public void reader(III_Result r) {
            Guard<Resource> g;
            try {
                g = swap.guard();
            } catch (IllegalStateException closed) {
                r.r1 = 0;
                return;
            }
            r.r1 = 1;
            Resource v = g.get();
            boolean seenReleased = v.released;
            Thread.onSpinWait(); // widen the window in which close may retire it
            r.r2 = seenReleased || v.released ? 1 : 0;
            g.close();
        }

        @Actor
        public void closer() {
            swap.close();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = value.releases.get();
        }
    }

    /**
     * {@code close()} races a write on a releasing swap: the write either completes before the
     * close, and then close releases the written value, or throws {@link IllegalStateException} and
     * its value stays the caller's; the initial value is released exactly once either way. The
     * forbidden outcomes expose a close that does not install its closed marker atomically against
     * the write: a write that lands after close has retired the initial value leaves its own value
     * never released, and a close that retires a slot the write already retired releases the
     * initial value twice. r1: 1 if store threw; r2: releases of the stored value; r3: releases of
     * the initial value, both seen after both actors.
     */
    @JCStressTest
    @Outcome(
            id = "0, 1, 1",
            expect = Expect.ACCEPTABLE,
            desc = "store came first: each value released once")
    @Outcome(
            id = "1, 0, 1",
            expect = Expect.ACCEPTABLE,
            desc = "close came first: store threw; its value not taken, the initial released once")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "a value released twice, or never, or a rejected value released")
    @State
    public static class CloseRacingStore {
        private final Resource initial = new Resource();
        private final Resource stored = new Resource();
        private final ArcSwap<Resource> swap = ArcSwap.of(initial, Resource::release);

        @Actor
        public void writer(III_Result r) {
            try {
                swap.store(stored);
                r.r1 = 0;
            } catch (IllegalStateException closed) {
                r.r1 = 1;
            }
        }

        @Actor
        public void closer() {
            swap.close();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r2 = stored.releases.get();
            r.r3 = initial.releases.get();
        }
    }
}
