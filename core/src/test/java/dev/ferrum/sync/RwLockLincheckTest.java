package dev.ferrum.sync;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Lincheck model check of the raw lock's non-blocking operations: every interleaving the model
 * checker explores (a thread switch at each shared-memory access) must be linearizable with respect
 * to a plain sequential model of a reader-writer lock with one upgradable slot, down to the exact
 * state word.
 *
 * <p>Each operation names the thread it belongs to, so that the model can keep per-thread holds (a
 * thread holds at most one mode at a time here); an operation that does not apply to the thread's
 * current hold returns -1 without touching the lock. Kept small for a 2-core machine.
 */
class RwLockLincheckTest {

    static final int NONE = 0;
    static final int READ = 1;
    static final int UPGRADABLE = 2;
    static final int WRITE = 3;

    /** The real lock. */
    @Param(name = "thread", gen = ThreadIdGen.class)
    public static class Actual {
        private final RwLockSync sync = new RwLockSync();
        private final int[] mode = new int[4];

        @Operation
        public int tryRead(@Param(name = "thread") int t) {
            if (mode[t] != NONE) {
                return -1;
            }
            if (!sync.tryAcquireShared(false)) {
                return 0;
            }
            mode[t] = READ;
            return 1;
        }

        @Operation
        public int tryWrite(@Param(name = "thread") int t) {
            if (mode[t] != NONE) {
                return -1;
            }
            if (!sync.tryAcquireExclusive()) {
                return 0;
            }
            mode[t] = WRITE;
            return 1;
        }

        @Operation
        public int tryUpgradable(@Param(name = "thread") int t) {
            if (mode[t] != NONE) {
                return -1;
            }
            if (!sync.tryAcquireUpgradable()) {
                return 0;
            }
            mode[t] = UPGRADABLE;
            return 1;
        }

        @Operation
        public int tryUpgrade(@Param(name = "thread") int t) {
            if (mode[t] != UPGRADABLE) {
                return -1;
            }
            if (!sync.tryUpgrade()) {
                return 0;
            }
            mode[t] = WRITE;
            return 1;
        }

        @Operation
        public int downgrade(@Param(name = "thread") int t) {
            if (mode[t] == WRITE) {
                sync.downgradeExclusiveToShared();
                mode[t] = READ;
                return 1;
            }
            if (mode[t] == UPGRADABLE) {
                sync.downgradeUpgradableToShared();
                mode[t] = READ;
                return 2;
            }
            return -1;
        }

        @Operation
        public int downgradeToUpgradable(@Param(name = "thread") int t) {
            if (mode[t] != WRITE) {
                return -1;
            }
            sync.downgradeExclusiveToUpgradable();
            mode[t] = UPGRADABLE;
            return 1;
        }

        @Operation
        public int release(@Param(name = "thread") int t) {
            int m = mode[t];
            if (m == READ) {
                sync.releaseShared();
            } else if (m == UPGRADABLE) {
                sync.releaseUpgradable();
            } else if (m == WRITE) {
                sync.releaseExclusive(false);
            }
            mode[t] = NONE;
            return m;
        }

        @Operation
        public long state() {
            return sync.state();
        }
    }

    /** The sequential model: counts and flags, no concurrency. */
    public static class Model {
        private long readers;
        private boolean upgradable;
        private boolean writer;
        private final int[] mode = new int[4];

        public int tryRead(int t) {
            if (mode[t] != NONE) {
                return -1;
            }
            if (writer) {
                return 0;
            }
            readers++;
            mode[t] = READ;
            return 1;
        }

        public int tryWrite(int t) {
            if (mode[t] != NONE) {
                return -1;
            }
            if (writer || upgradable || readers > 0) {
                return 0;
            }
            writer = true;
            mode[t] = WRITE;
            return 1;
        }

        public int tryUpgradable(int t) {
            if (mode[t] != NONE) {
                return -1;
            }
            if (writer || upgradable) {
                return 0;
            }
            upgradable = true;
            readers++;
            mode[t] = UPGRADABLE;
            return 1;
        }

        public int tryUpgrade(int t) {
            if (mode[t] != UPGRADABLE) {
                return -1;
            }
            if (readers != 1) {
                return 0;
            }
            upgradable = false;
            readers = 0;
            writer = true;
            mode[t] = WRITE;
            return 1;
        }

        public int downgrade(int t) {
            if (mode[t] == WRITE) {
                writer = false;
                readers++;
                mode[t] = READ;
                return 1;
            }
            if (mode[t] == UPGRADABLE) {
                upgradable = false;
                mode[t] = READ;
                return 2;
            }
            return -1;
        }

        public int downgradeToUpgradable(int t) {
            if (mode[t] != WRITE) {
                return -1;
            }
            writer = false;
            upgradable = true;
            readers++;
            mode[t] = UPGRADABLE;
            return 1;
        }

        public int release(int t) {
            int m = mode[t];
            if (m == READ) {
                readers--;
            } else if (m == UPGRADABLE) {
                readers--;
                upgradable = false;
            } else if (m == WRITE) {
                writer = false;
            }
            mode[t] = NONE;
            return m;
        }

        public long state() {
            return readers * RwLockSync.ONE_READER
                    | (writer ? RwLockSync.WRITER : 0L)
                    | (upgradable ? RwLockSync.UPGRADABLE : 0L);
        }
    }

    @Test
    @Timeout(300)
    void rawLockTryOperations_areLinearizable() {
        new ModelCheckingOptions()
                .iterations(Integer.getInteger("ferrum.lincheck.iterations", 10))
                .invocationsPerIteration(250)
                .threads(2)
                .actorsPerThread(4)
                .actorsBefore(0)
                .actorsAfter(0)
                .sequentialSpecification(Model.class)
                .check(Actual.class);
    }
}
