package dev.ferrum.deque;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Steals racing buffer growth and shrinking (crossbeam PR #726, RUSTSEC-2021-0093): an owner pushes
 * ids in bursts that grow the buffer and pops so that it shrinks again, while thieves use every
 * steal method; each id must be obtained exactly once.
 *
 * <p>Scale: each repetition moves {@code 20_000 * scale} ids, and there are {@code max(2, min(100,
 * 2 * scale))} repetitions per flavour; {@code -Dferrum.stress.scale=50} gives the full size of
 * 10^6 ids times 100 repetitions. The seed of a failing repetition is in the failure message;
 * {@code -Dferrum.stress.seed=...} replays it (thread timing aside).
 */
class StealRaceStressTest {

    static final int SCALE = Integer.getInteger("ferrum.stress.scale", 1);
    static final int ITEMS = 20_000 * SCALE;
    static final int REPETITIONS = Math.max(2, Math.min(100, 2 * SCALE));
    static final int THIEVES = 4;

    @ParameterizedTest(name = "fifo={0}")
    @ValueSource(booleans = {true, false})
    @Timeout(120)
    void stealsRacingResizes_obtainEachItemExactlyOnce(boolean fifo) throws Exception {
        long baseSeed = Long.getLong("ferrum.stress.seed", System.nanoTime());
        for (int rep = 0; rep < REPETITIONS; rep++) {
            runOnce(fifo, baseSeed + rep);
        }
    }

    private static void runOnce(boolean fifo, long seed) throws Exception {
        Worker<Integer> owner = fifo ? Worker.newFifo() : Worker.newLifo();
        Stealer<Integer> stealer;
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<BitSet> seen = new ArrayList<>();
        List<int[]> duplicates = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(THIEVES + 1);
        List<Thread> threads = new ArrayList<>();
        // The owner thread creates its stealer first, so it becomes the owner before thieves start.
        AtomicReference<Stealer<Integer>> stealerRef = new AtomicReference<>();
        BitSet ownerSeen = new BitSet(ITEMS);
        int[] ownerDup = {-1};
        seen.add(ownerSeen);
        duplicates.add(ownerDup);
        Thread ownerThread =
                new Thread(
                        () -> {
                            try {
                                stealerRef.set(owner.stealer());
                                start.await();
                                Random rnd = new Random(seed);
                                int next = 0;
                                while (next < ITEMS) {
                                    int burst = 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 600);
                                    for (int i = 0; i < burst && next < ITEMS; i++) {
                                        owner.push(next++);
                                    }
                                    int pops = rnd.nextInt(burst + 1);
                                    for (int i = 0; i < pops; i++) {
                                        Integer x = owner.pop();
                                        if (x == null) {
                                            break;
                                        }
                                        record(ownerSeen, ownerDup, x);
                                    }
                                }
                                for (Integer x; (x = owner.pop()) != null; ) {
                                    record(ownerSeen, ownerDup, x);
                                }
                            } catch (Throwable e) {
                                failure.compareAndSet(null, e);
                            } finally {
                                done.set(true);
                            }
                        },
                        "owner");
        ownerThread.start();
        while (stealerRef.get() == null) {
            Thread.onSpinWait();
        }
        stealer = stealerRef.get();
        for (int t = 0; t < THIEVES; t++) {
            BitSet mine = new BitSet(ITEMS);
            int[] dup = {-1};
            seen.add(mine);
            duplicates.add(dup);
            final int id = t;
            Thread thief =
                    new Thread(
                            () -> {
                                Worker<Integer> local =
                                        id % 2 == 0 ? Worker.newFifo() : Worker.newLifo();
                                try {
                                    start.await();
                                    int op = id;
                                    while (true) {
                                        boolean finished = done.get();
                                        Steal<?> s = stealOnce(stealer, local, op++);
                                        if (s.isSuccess() && s.value() != null) {
                                            record(mine, dup, (Integer) s.value());
                                        }
                                        for (Integer x; (x = local.pop()) != null; ) {
                                            record(mine, dup, x);
                                        }
                                        if (finished && s.isEmpty() && stealer.isEmpty()) {
                                            break;
                                        }
                                    }
                                } catch (Throwable e) {
                                    failure.compareAndSet(null, e);
                                }
                            },
                            "thief-" + t);
            threads.add(thief);
            thief.start();
        }
        ownerThread.join();
        for (Thread t : threads) {
            t.join();
        }
        String ctx = "seed=" + seed + " fifo=" + owner.isFifo();
        assertThat(failure.get()).as(ctx).isNull();
        BitSet all = new BitSet(ITEMS);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(duplicates.get(i)[0])
                    .as(ctx + ": id obtained twice by one thread")
                    .isEqualTo(-1);
            BitSet overlap = (BitSet) all.clone();
            overlap.and(seen.get(i));
            assertThat(overlap.isEmpty()).as(ctx + ": ids obtained twice: " + overlap).isTrue();
            all.or(seen.get(i));
        }
        assertThat(all.cardinality()).as(ctx + ": ids lost").isEqualTo(ITEMS);
    }

    /** Rotates through every steal method, with varying limits. */
    private static Steal<?> stealOnce(Stealer<Integer> s, Worker<Integer> local, int op) {
        switch (op % 5) {
            case 0:
                return s.steal();
            case 1:
                return s.stealBatch(local);
            case 2:
                return s.stealBatchAndPop(local);
            case 3:
                return s.stealBatchWithLimit(local, 1 + op % 7);
            default:
                return s.stealBatchWithLimitAndPop(local, 1 + op % 7);
        }
    }

    private static void record(BitSet mine, int[] dup, int id) {
        if (mine.get(id) && dup[0] < 0) {
            dup[0] = id;
        }
        mine.set(id);
    }
}
