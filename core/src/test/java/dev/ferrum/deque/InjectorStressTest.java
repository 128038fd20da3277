package dev.ferrum.deque;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Counting stress of the injector: concurrent pushers and thieves using every steal method; every
 * item is obtained exactly once, and one thief sees each pusher's items in push order.
 *
 * <p>Scale: {@code 200_000 * scale} items per test; {@code -Dferrum.stress.scale=500} moves 10^8.
 */
class InjectorStressTest {

    static final int SCALE = Integer.getInteger("ferrum.stress.scale", 1);
    static final int ITEMS = 200_000 * SCALE;

    @Test
    @Timeout(60)
    void pushersAndThieves_obtainEachItemExactlyOnce() throws Exception {
        run(2, 2, false);
    }

    /** With a single thief, each pusher's items come out in the order it pushed them (FIFO). */
    @Test
    @Timeout(60)
    void singleThief_seesEachPushersItemsInOrder() throws Exception {
        run(2, 1, true);
    }

    private static void run(int pushers, int thieves, boolean checkOrder) throws Exception {
        Injector<Integer> q = new Injector<>();
        AtomicInteger finishedPushers = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        int perPusher = ITEMS / pushers;
        for (int p = 0; p < pushers; p++) {
            int base = p * perPusher;
            threads.add(
                    new Thread(
                            () -> {
                                for (int i = 0; i < perPusher; i++) {
                                    q.push(base + i);
                                }
                                finishedPushers.incrementAndGet();
                            }));
        }
        List<BitSet> seen = new ArrayList<>();
        for (int t = 0; t < thieves; t++) {
            BitSet mine = new BitSet(ITEMS);
            seen.add(mine);
            int id = t;
            threads.add(
                    new Thread(
                            () -> {
                                Worker<Integer> local =
                                        id % 2 == 0 ? Worker.newFifo() : Worker.newLifo();
                                int[] last = new int[pushers];
                                java.util.Arrays.fill(last, -1);
                                try {
                                    for (int op = 0; ; op++) {
                                        boolean finished = finishedPushers.get() == pushers;
                                        Steal<?> s;
                                        switch (op % 5) {
                                            case 0:
                                                s = q.steal();
                                                break;
                                            case 1:
                                                s = q.stealBatch(local);
                                                break;
                                            case 2:
                                                s = q.stealBatchAndPop(local);
                                                break;
                                            case 3:
                                                s = q.stealBatchWithLimit(local, 1 + op % 9);
                                                break;
                                            default:
                                                s = q.stealBatchWithLimitAndPop(local, 1 + op % 9);
                                        }
                                        if (s.value() != null) {
                                            take(
                                                    mine,
                                                    last,
                                                    perPusher,
                                                    checkOrder,
                                                    (Integer) s.value());
                                        }
                                        for (Integer x; (x = local.pop()) != null; ) {
                                            take(mine, last, perPusher, checkOrder, x);
                                        }
                                        if (finished && s.isEmpty()) {
                                            break;
                                        }
                                    }
                                } catch (Throwable e) {
                                    failure.compareAndSet(null, e);
                                }
                            }));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        BitSet all = new BitSet(ITEMS);
        for (BitSet s : seen) {
            BitSet overlap = (BitSet) all.clone();
            overlap.and(s);
            assertThat(overlap.isEmpty()).as("items obtained twice: %s", overlap).isTrue();
            all.or(s);
        }
        assertThat(all.cardinality()).as("items lost").isEqualTo(perPusher * pushers);
        assertThat(q.isEmpty()).isTrue();
    }

    private static void take(BitSet mine, int[] last, int perPusher, boolean checkOrder, int x) {
        if (mine.get(x)) {
            throw new AssertionError("item obtained twice: " + x);
        }
        mine.set(x);
        if (checkOrder) {
            int p = x / perPusher;
            if (x <= last[p]) {
                throw new AssertionError("pusher " + p + ": " + x + " after " + last[p]);
            }
            last[p] = x;
        }
    }
}
