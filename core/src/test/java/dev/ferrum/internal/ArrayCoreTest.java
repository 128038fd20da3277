package dev.ferrum.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArrayCoreTest {

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void constructor_withNonPositiveCapacity_throwsNamingTheValue(int capacity) {
        assertThatThrownBy(() -> new ArrayCore<Integer>(capacity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be positive: capacity=" + capacity);
    }

    @ParameterizedTest
    @ValueSource(ints = {(1 << 30) + 1, Integer.MAX_VALUE})
    void constructor_aboveMaximum_throwsNamingTheValue(int capacity) {
        assertThatThrownBy(() -> new ArrayCore<Integer>(capacity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity=" + capacity);
    }

    /** A seeded random sequence of operations agrees with an ArrayDeque model at every step. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 31, 32, 33})
    void randomOperations_matchSequentialModel(int capacity) {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        ArrayCore<Integer> core = new ArrayCore<>(capacity);
        ArrayDeque<Integer> model = new ArrayDeque<>();
        for (int i = 0; i < 20_000; i++) {
            String ctx = "seed=" + seed + " step=" + i;
            switch (rnd.nextInt(4)) {
                case 0:
                    {
                        int r = core.offer(i);
                        if (model.size() < capacity) {
                            assertThat(r).as(ctx).isEqualTo(ArrayCore.OK);
                            model.addLast(i);
                        } else {
                            assertThat(r).as(ctx).isEqualTo(ArrayCore.FULL);
                        }
                        break;
                    }
                case 1:
                    {
                        Integer evicted = core.forcePush(i);
                        Integer expected = model.size() == capacity ? model.pollFirst() : null;
                        model.addLast(i);
                        assertThat(evicted).as(ctx).isEqualTo(expected);
                        break;
                    }
                case 2:
                    assertThat(core.poll()).as(ctx).isEqualTo(model.pollFirst());
                    break;
                default:
                    assertThat(core.peek()).as(ctx).isEqualTo(model.peekFirst());
                    break;
            }
            assertThat(core.size()).as(ctx).isEqualTo(model.size());
            assertThat(core.isEmpty()).as(ctx).isEqualTo(model.isEmpty());
            assertThat(core.isFull()).as(ctx).isEqualTo(model.size() == capacity);
            if (i % 13 == 0) {
                List<Integer> seen = new ArrayList<>();
                core.iterator().forEachRemaining(seen::add);
                assertThat(seen).as(ctx).containsExactlyElementsOf(model);
            }
        }
    }

    @Test
    void disconnect_returnsTrueOnlyForFirstCaller() {
        ArrayCore<Integer> core = new ArrayCore<>(3);
        assertThat(core.isDisconnected()).isFalse();
        assertThat(core.disconnect()).isTrue();
        assertThat(core.disconnect()).isFalse();
        assertThat(core.isDisconnected()).isTrue();
    }

    /** After disconnection offers fail, but what was buffered is still delivered in order. */
    @Test
    void disconnect_failsOffersButKeepsBufferedItems() {
        ArrayCore<Integer> core = new ArrayCore<>(3);
        for (int lap = 0; lap < 2; lap++) { // move the indices off zero first
            core.offer(9);
            core.poll();
        }
        assertThat(core.offer(1)).isEqualTo(ArrayCore.OK);
        assertThat(core.offer(2)).isEqualTo(ArrayCore.OK);
        core.disconnect();
        assertThat(core.offer(3)).isEqualTo(ArrayCore.DISCONNECTED);
        assertThat(core.size()).isEqualTo(2);
        assertThat(core.isFull()).isFalse();
        assertThat(core.poll()).isEqualTo(1);
        assertThat(core.peek()).isEqualTo(2);
        assertThat(core.poll()).isEqualTo(2);
        assertThat(core.poll()).isNull();
        assertThat(core.isEmpty()).isTrue();
        assertThat(core.size()).isZero();
    }

    @Test
    void disconnect_onFullCore_keepsFullAndSize() {
        ArrayCore<Integer> core = new ArrayCore<>(2);
        core.offer(1);
        core.offer(2);
        core.disconnect();
        assertThat(core.isFull()).isTrue();
        assertThat(core.size()).isEqualTo(2);
        assertThat(core.offer(3)).isEqualTo(ArrayCore.DISCONNECTED);
    }

    @Test
    void forcePush_onDisconnectedCore_throws() {
        ArrayCore<Integer> core = new ArrayCore<>(2);
        core.disconnect();
        assertThatThrownBy(() -> core.forcePush(1)).isInstanceOf(IllegalStateException.class);
    }

    /** discardAll drops every item and clears the slots, so the items can be collected. */
    @Test
    void discardAll_afterDisconnect_dropsEverythingAndClearsSlots() throws Exception {
        ArrayCore<Object> core = new ArrayCore<>(4);
        java.lang.ref.WeakReference<Object> ref;
        {
            Object item = new Object();
            ref = new java.lang.ref.WeakReference<>(item);
            core.offer(item);
            core.offer(new Object());
        }
        core.disconnect();
        assertThat(core.discardAll()).isEqualTo(2);
        assertThat(core.isEmpty()).isTrue();
        assertThat(core.poll()).isNull();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(ref.get()).as("popped item still reachable from the core").isNull();
    }

    /** An iterator yields nothing pushed after its creation and skips what was popped since. */
    @Test
    void iterator_isWeaklyConsistent() {
        ArrayCore<Integer> core = new ArrayCore<>(4);
        core.offer(1);
        core.offer(2);
        core.offer(3);
        Iterator<Integer> it = core.iterator();
        assertThat(it.next()).isEqualTo(1);
        core.poll();
        core.poll(); // 2 is gone before the iterator reaches it
        core.offer(4);
        core.offer(5);
        List<Integer> rest = new ArrayList<>();
        it.forEachRemaining(rest::add);
        assertThat(rest).containsExactly(3);
    }

    /** Concurrent offers and polls deliver every item exactly once. */
    @Test
    @Timeout(60)
    void concurrentOffersAndPolls_deliverEachItemOnce() throws Exception {
        ArrayCore<Integer> core = new ArrayCore<>(3);
        int perProducer = 100_000;
        long[] sums = new long[2];
        Thread[] threads = new Thread[4];
        for (int p = 0; p < 2; p++) {
            int base = p * perProducer;
            threads[p] =
                    new Thread(
                            () -> {
                                for (int i = 1; i <= perProducer; i++) {
                                    while (core.offer(base + i) != ArrayCore.OK) {
                                        Thread.yield();
                                    }
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
