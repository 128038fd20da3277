package dev.ferrum.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ListCoreTest {

    /** A seeded random sequence of operations agrees with an ArrayDeque model at every step. */
    @Test
    void randomOperations_matchSequentialModel() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        ListCore<Integer> core = new ListCore<>();
        ArrayDeque<Integer> model = new ArrayDeque<>();
        for (int i = 0; i < 50_000; i++) {
            String ctx = "seed=" + seed + " step=" + i;
            // Bias towards growth for a while, then towards shrinking, to cross many blocks.
            int bias = (i / 5_000) % 2 == 0 ? 6 : 3;
            int op = rnd.nextInt(10);
            if (op < bias) {
                assertThat(core.offer(i)).as(ctx).isTrue();
                model.addLast(i);
            } else if (op < 9) {
                assertThat(core.poll()).as(ctx).isEqualTo(model.pollFirst());
            } else {
                assertThat(core.peek()).as(ctx).isEqualTo(model.peekFirst());
            }
            assertThat(core.size()).as(ctx).isEqualTo(model.size());
            assertThat(core.isEmpty()).as(ctx).isEqualTo(model.isEmpty());
            if (i % 97 == 0) {
                List<Integer> seen = new ArrayList<>();
                core.iterator().forEachRemaining(seen::add);
                assertThat(seen).as(ctx).containsExactlyElementsOf(model);
            }
        }
    }

    /** size is exact around every block boundary, for each head offset (C07, sequential part). */
    @Test
    void size_atBlockBoundaries_isExact() {
        for (int start = 0; start < 2 * ListCore.LAP; start++) {
            ListCore<Integer> core = new ListCore<>();
            for (int i = 0; i < start; i++) {
                core.offer(i);
                core.poll();
            }
            assertThat(core.size()).isZero();
            for (int n = 1; n <= 3 * ListCore.BLOCK_CAP + 1; n++) {
                core.offer(n);
                assertThat(core.size()).as("start=%d n=%d", start, n).isEqualTo(n);
            }
            for (int n = 3 * ListCore.BLOCK_CAP + 1; n > 0; n--) {
                assertThat(core.size()).as("start=%d n=%d", start, n).isEqualTo(n);
                core.poll();
            }
            assertThat(core.size()).isZero();
            assertThat(core.isEmpty()).isTrue();
        }
    }

    /** After disconnection offers fail, but what was buffered is still delivered in order. */
    @Test
    void disconnect_failsOffersButKeepsBufferedItems() {
        ListCore<Integer> core = new ListCore<>();
        for (int i = 0; i < 40; i++) {
            core.offer(i);
        }
        assertThat(core.disconnect()).isTrue();
        assertThat(core.disconnect()).isFalse();
        assertThat(core.isDisconnected()).isTrue();
        assertThat(core.offer(99)).isFalse();
        assertThat(core.size()).isEqualTo(40);
        for (int i = 0; i < 40; i++) {
            assertThat(core.poll()).isEqualTo(i);
        }
        assertThat(core.poll()).isNull();
        assertThat(core.size()).isZero();
    }

    @Test
    void discardAll_afterDisconnect_dropsEverything() {
        ListCore<Integer> core = new ListCore<>();
        for (int i = 0; i < 100; i++) {
            core.offer(i);
        }
        core.disconnect();
        assertThat(core.discardAll()).isEqualTo(100);
        assertThat(core.isEmpty()).isTrue();
        assertThat(core.poll()).isNull();
    }

    /** An iterator yields nothing pushed after its creation and skips what was popped since. */
    @Test
    void iterator_isWeaklyConsistent() {
        ListCore<Integer> core = new ListCore<>();
        for (int i = 0; i < 40; i++) {
            core.offer(i);
        }
        Iterator<Integer> it = core.iterator();
        assertThat(it.next()).isZero();
        for (int i = 0; i < 35; i++) {
            core.poll();
        }
        core.offer(100);
        List<Integer> rest = new ArrayList<>();
        it.forEachRemaining(rest::add);
        assertThat(rest).containsExactly(35, 36, 37, 38, 39);
    }

    /**
     * A disconnection that races with producers crossing block boundaries is never lost: once
     * disconnect returned, every later offer fails.
     */
    @Test
    @Timeout(60)
    void disconnect_racingBlockInstall_isNeverLost() throws Exception {
        for (int round = 0; round < 2_000; round++) {
            ListCore<Integer> core = new ListCore<>();
            for (int i = 0; i < ListCore.BLOCK_CAP - 2; i++) {
                core.offer(i);
            }
            Thread producer =
                    new Thread(
                            () -> {
                                for (int i = 0; i < 8; i++) {
                                    core.offer(i);
                                }
                            });
            producer.start();
            core.disconnect();
            producer.join();
            assertThat(core.offer(1)).as("round %d", round).isFalse();
            assertThat(core.isDisconnected()).isTrue();
        }
    }

    /** Concurrent offers and polls deliver every item exactly once. */
    @Test
    @Timeout(60)
    void concurrentOffersAndPolls_deliverEachItemOnce() throws Exception {
        ListCore<Integer> core = new ListCore<>();
        int perProducer = 100_000;
        long[] sums = new long[2];
        Thread[] threads = new Thread[4];
        for (int p = 0; p < 2; p++) {
            int base = p * perProducer;
            threads[p] =
                    new Thread(
                            () -> {
                                for (int i = 1; i <= perProducer; i++) {
                                    core.offer(base + i);
                                }
                            });
        }
        for (int c = 0; c < 2; c++) {
            int id = c;
            threads[2 + c] =
                    new Thread(
                            () -> {
                                for (int n = 0; n < perProducer; n++) {
                                    Integer v;
                                    while ((v = core.poll()) == null) {
                                        Thread.yield();
                                    }
                                    sums[id] += v;
                                }
                            });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long n = 2L * perProducer;
        assertThat(sums[0] + sums[1]).isEqualTo(n * (n + 1) / 2);
        assertThat(core.isEmpty()).isTrue();
    }
}
