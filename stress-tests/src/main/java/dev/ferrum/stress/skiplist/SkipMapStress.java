package dev.ferrum.stress.skiplist;

import dev.ferrum.skiplist.SkipMap;
import dev.ferrum.skiplist.SkipMapEntry;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.I_Result;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/** The ordering and race claims of {@link SkipMap}. */
public final class SkipMapStress {

    private SkipMapStress() {}

    /** A value whose fields are plain: only the map's put/get ordering publishes them. */
    static final class Payload {
        int a;
        int b;
    }

    /**
     * A value put by one thread is seen fully built by a get that finds it: writes before {@code
     * put} happen-before actions after the {@code get} that returns the value. The key is new, so
     * this covers the linking CAS; neighbours are present so the node lands mid-list.
     */
    @JCStressTest
    @Outcome(id = "-1", expect = Expect.ACCEPTABLE, desc = "get ran first: key absent")
    @Outcome(id = "3", expect = Expect.ACCEPTABLE, desc = "saw the value fully built")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "saw the value with a field missing: unsafe publication")
    @State
    public static class PutPublishesValue {
        private final SkipMap<Integer, Payload> map = new SkipMap<>();

        {
            map.put(1, new Payload());
            map.put(3, new Payload());
        }

        @Actor
        public void writer() {
            Payload p = new Payload();
            p.a = 1;
            p.b = 2;
            map.put(2, p);
        }

        @Actor
        public void reader(I_Result r) {
            Payload p = map.get(2);
            r.r1 = p == null ? -1 : p.a + p.b;
        }
    }

    /**
     * Replacing the value of a present key never makes it absent to a concurrent get: the reader
     * sees the old or the new value (and the new one fully built), never null.
     */
    @JCStressTest
    @Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "get saw the old value")
    @Outcome(id = "5", expect = Expect.ACCEPTABLE, desc = "get saw the new value fully built")
    @Outcome(id = "-1", expect = Expect.FORBIDDEN, desc = "key transiently absent during replace")
    @Outcome(expect = Expect.FORBIDDEN, desc = "saw the new value with a field missing")
    @State
    public static class ReplaceNeverHidesKey {
        private final SkipMap<Integer, Payload> map = new SkipMap<>();

        {
            Payload old = new Payload();
            old.a = 1;
            map.put(7, old);
        }

        @Actor
        public void writer() {
            Payload p = new Payload();
            p.a = 2;
            p.b = 3;
            map.insert(7, p);
        }

        @Actor
        public void reader(I_Result r) {
            Payload p = map.get(7);
            r.r1 = p == null ? -1 : p.a + p.b;
        }
    }

    /**
     * Two concurrent removals of one entry, by key and through a handle: exactly one reports
     * success.
     */
    @JCStressTest
    @Outcome(id = "true, false", expect = Expect.ACCEPTABLE, desc = "remove(key) won")
    @Outcome(id = "false, true", expect = Expect.ACCEPTABLE, desc = "handle remove() won")
    @Outcome(id = "true, true", expect = Expect.FORBIDDEN, desc = "both claim the removal")
    @Outcome(id = "false, false", expect = Expect.FORBIDDEN, desc = "entry removed by nobody")
    @State
    public static class TwoRemovesOneWinner {
        private final SkipMap<Integer, Integer> map = new SkipMap<>();
        private final SkipMapEntry<Integer, Integer> handle;

        {
            map.put(0, 0);
            handle = map.insert(1, 1);
            map.put(2, 2);
        }

        @Actor
        public void byKey(ZZ_Result r) {
            r.r1 = map.remove(1) != null;
        }

        @Actor
        public void byHandle(ZZ_Result r) {
            r.r2 = handle.remove();
        }
    }

    /**
     * {@code compareInsert(k, 2, v -> v == 1)} races {@code remove(k)} on {k=1}. Either the
     * replacement comes first and the removal takes 2, or the removal takes 1 and the insert puts 2
     * into the empty slot. r1: value of the returned entry; r2: value removed; r3: value left
     * afterwards (-1 absent).
     */
    @JCStressTest
    @Outcome(
            id = "2, 2, -1",
            expect = Expect.ACCEPTABLE,
            desc = "compareInsert replaced 1 by 2, then remove took 2")
    @Outcome(
            id = "2, 1, 2",
            expect = Expect.ACCEPTABLE,
            desc = "remove took 1, then compareInsert inserted 2")
    @Outcome(expect = Expect.FORBIDDEN, desc = "an update was lost or applied twice")
    @State
    public static class CompareInsertVersusRemove {
        private final SkipMap<Integer, Integer> map = new SkipMap<>();

        {
            map.put(5, 1);
        }

        @Actor
        public void compareInsert(III_Result r) {
            r.r1 = map.compareInsert(5, 2, v -> v == 1).value();
        }

        @Actor
        public void remove(III_Result r) {
            Integer v = map.remove(5);
            r.r2 = v == null ? -1 : v;
        }

        @Arbiter
        public void after(III_Result r) {
            Integer v = map.get(5);
            r.r3 = v == null ? -1 : v;
        }
    }
}
