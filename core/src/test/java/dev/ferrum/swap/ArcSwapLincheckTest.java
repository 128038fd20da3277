package dev.ferrum.swap;

import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck model check: {@code load}, {@code store}, {@code swap}, {@code compareAndSwap}, {@code
 * rcu} and {@code guard} of both kinds of swap are linearizable against a sequential model. Values
 * are four canonical instances, so identity comparison is exercised; results are reported as their
 * indices.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ArcSwapLincheckTest {

    /** Distinct instances with identity equality; operations return their index. */
    static final class Val {
        final int i;

        Val(int i) {
            this.i = i;
        }
    }

    static final Val[] VALUES = {new Val(0), new Val(1), new Val(2), new Val(3)};

    static int index(Val v) {
        return v.i;
    }

    private static ModelCheckingOptions options() {
        return new ModelCheckingOptions()
                .iterations(Integer.getInteger("ferrum.stress.scale", 1) * 10)
                .invocationsPerIteration(300)
                .threads(2)
                .actorsPerThread(3)
                .sequentialSpecification(Model.class);
    }

    @Test
    void plainSwap_isLinearizable() {
        options().check(Plain.class);
    }

    @Test
    void releasingSwap_isLinearizable() {
        options().check(Releasing.class);
    }

    /** The operations, shared by both kinds; the subclass picks the swap. */
    @Param(name = "v", gen = IntGen.class, conf = "0:3")
    abstract static class Ops {
        final ArcSwap<Val> swap;

        Ops(ArcSwap<Val> swap) {
            this.swap = swap;
        }

        @Operation
        public int load() {
            return index(swap.load());
        }

        @Operation
        public void store(@Param(name = "v") int v) {
            swap.store(VALUES[v]);
        }

        @Operation
        public int swap(@Param(name = "v") int v) {
            return index(swap.swap(VALUES[v]));
        }

        @Operation
        public int compareAndSwap(@Param(name = "v") int expected, @Param(name = "v") int v) {
            return index(swap.compareAndSwap(VALUES[expected], VALUES[v]));
        }

        @Operation
        public int rcu() {
            return index(swap.rcu(x -> VALUES[(x.i + 1) % VALUES.length]));
        }

        @Operation
        public int guard() {
            try (Guard<Val> g = swap.guard()) {
                return index(g.get());
            }
        }
    }

    public static final class Plain extends Ops {
        public Plain() {
            super(ArcSwap.of(VALUES[0]));
        }
    }

    /**
     * A releasing swap with a no-op release action: the model check concerns the atomic operations
     * (values repeat here, which a releasing swap documents as misuse only for the release count).
     */
    public static final class Releasing extends Ops {
        public Releasing() {
            super(ArcSwap.of(VALUES[0], v -> {}));
        }
    }

    /** The sequential specification: a plain field. */
    public static final class Model {
        private Val value = VALUES[0];

        public int load() {
            return index(value);
        }

        public void store(int v) {
            value = VALUES[v];
        }

        public int swap(int v) {
            Val prev = value;
            value = VALUES[v];
            return index(prev);
        }

        public int compareAndSwap(int expected, int v) {
            Val prev = value;
            if (prev == VALUES[expected]) {
                value = VALUES[v];
            }
            return index(prev);
        }

        public int rcu() {
            Val prev = value;
            value = VALUES[(prev.i + 1) % VALUES.length];
            return index(prev);
        }

        public int guard() {
            return index(value);
        }
    }
}
