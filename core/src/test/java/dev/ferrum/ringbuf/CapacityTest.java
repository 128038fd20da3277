package dev.ferrum.ringbuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Degenerate and extreme capacities, and lengths that stay within bounds under concurrency. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CapacityTest {

    /** Exactly cap items fit (not cap - 1), in order, lap after lap. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 8, 1000})
    void exactlyCapacityItemsFit_forThreeLaps(int cap) {
        RingBuffer<Integer> ring = RingBuffer.create(cap);
        Producer<Integer> p = ring.producer();
        Consumer<Integer> c = ring.consumer();
        assertThat(ring.capacity()).isEqualTo(cap);
        int next = 0;
        for (int lap = 0; lap < 3; lap++) {
            int first = next;
            for (int i = 0; i < cap; i++) {
                assertThat(p.tryPush(next++)).as("lap %d item %d", lap, i).isTrue();
            }
            assertThat(p.tryPush(-1)).as("push cap+1").isFalse();
            assertThat(c.occupiedLen()).isEqualTo(cap);
            assertThat(p.vacantLen()).isZero();
            for (int i = 0; i < cap; i++) {
                assertThat(c.tryPop()).isEqualTo(first + i);
            }
            assertThat(c.tryPop()).isNull();
            assertThat(c.occupiedLen()).isZero();
            assertThat(p.vacantLen()).isEqualTo(cap);
        }
    }

    /**
     * Single-item pushes and pops take the slot paths, which never read the other side's index:
     * they must still keep each side's cached view of the other within a lap, or after 2^31 items
     * the counts the slice operations rely on overflow.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void slotPathsKeepTheCachedIndicesWithinALap(int cap) {
        RingBuffer<Integer> ring = RingBuffer.create(cap);
        RingCore core = ring.core();
        for (int i = 0; i < 50 * cap; i++) {
            assertThat(ring.producer().tryPush(i)).isTrue();
            assertThat(ring.consumer().tryPop()).isEqualTo(i);
            assertThat(core.prod.index - core.prod.cachedOther)
                    .as("tail - cachedHead")
                    .isBetween(0L, (long) cap);
            assertThat(core.cons.index - core.cons.cachedOther)
                    .as("head - cachedTail")
                    .isBetween(0L, (long) cap);
        }
    }

    /**
     * A cached view more than 2^31 behind (which no path leaves any more) still gives exact counts:
     * the differences are taken in 64 bits and clamped, never cast to int first.
     */
    @Test
    void countsStayExactWhenACachedViewLagsByMoreThanTheIntRange() {
        long lag = (1L << 32) - 1; // as an int: -1
        RingBuffer<Integer> full = RingBuffer.create(3);
        for (int i = 0; i < 3; i++) {
            assertThat(full.producer().tryPush(i)).isTrue();
        }
        full.core().prod.cachedOther = full.core().prod.index - lag;
        assertThat(full.producer().pushSlice(new Integer[] {9}, 0, 1))
                .as("push into a full ring")
                .isZero();
        assertThat(full.consumer().popSlice(new Integer[3], 0, 3)).isEqualTo(3);

        RingBuffer<Integer> empty = RingBuffer.create(3);
        empty.core().cons.cachedOther = empty.core().cons.index - lag;
        assertThat(empty.consumer().popSlice(new Integer[3], 0, 3))
                .as("pop from an empty ring")
                .isZero();
        assertThat(empty.consumer().peek()).isNull();
        assertThat(empty.consumer().tryPop()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 8, 1000})
    void exactlyCapacityBytesFit_forThreeLaps(int cap) {
        ByteRingBuffer ring = ByteRingBuffer.create(cap);
        for (int lap = 0; lap < 3; lap++) {
            for (int i = 0; i < cap; i++) {
                assertThat(ring.producer().tryPush((byte) i)).isTrue();
            }
            assertThat(ring.producer().tryPush((byte) 0)).isFalse();
            for (int i = 0; i < cap; i++) {
                assertThat(ring.consumer().tryPop()).isEqualTo(i & 0xFF);
            }
            assertThat(ring.consumer().tryPop()).isEqualTo(-1);
        }
    }

    /** Huge capacities fail at construction with a clear message, never later. */
    @Test
    void hugeCapacities_failAtConstruction() {
        assertThatThrownBy(() -> RingBuffer.create(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity=" + Integer.MAX_VALUE);
        assertThatThrownBy(() -> ByteRingBuffer.create(Integer.MAX_VALUE - 7))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteRingBuffer.create(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be positive: capacity=0");
    }

    /**
     * The index arithmetic holds at the largest capacities (2^30 and the maximum), where ringbuf's
     * 2 * capacity overflowed: checked on the storage-free core, starting the indices just below
     * their own overflow point, filling to exactly capacity and draining across the wrap of both
     * the array position and the 64-bit index.
     */
    @ParameterizedTest
    @ValueSource(ints = {1 << 30, RingCore.MAX_CAPACITY})
    void indexArithmetic_atHugeCapacities_staysExact(int cap) {
        RingCore core = new RingCore(cap, Long.MAX_VALUE - 10);
        assertThat(core.producerVacant(1)).isEqualTo(cap);
        core.producerCommit(cap - 1);
        assertThat(core.occupiedLen()).isEqualTo(cap - 1);
        assertThat(core.producerVacant(2)).isEqualTo(1);
        core.producerCommit(1);
        assertThat(core.producerVacant(1)).isZero();
        assertThat(core.occupiedLen()).isEqualTo(cap);
        assertThat(core.vacantLen()).isZero();
        assertThat(core.tailSlot()).isZero();
        assertThat(core.consumerOccupied(1)).isEqualTo(cap);
        core.consumerCommit(cap - 3);
        assertThat(core.headSlot()).isEqualTo(cap - 3);
        assertThat(core.producerVacant(cap)).isEqualTo(cap - 3);
        core.producerCommit(cap - 3);
        assertThat(core.tailSlot()).isEqualTo(cap - 3);
        core.consumerCommit(cap);
        assertThat(core.headSlot()).isEqualTo(cap - 3);
        assertThat(core.occupiedLen()).isZero();
        assertThat(core.consumerOccupied(1)).isZero();
    }

    /**
     * Lengths sampled from a third thread while a producer and a consumer run never leave [0, cap],
     * and when quiescent occupied + vacant == cap.
     */
    @Test
    void lengths_sampledUnderConcurrency_stayWithinBounds() throws Exception {
        int cap = 8;
        int items = 100_000 * Integer.getInteger("ferrum.stress.scale", 1);
        RingBuffer<Integer> ring = RingBuffer.create(cap);
        AtomicBoolean done = new AtomicBoolean();
        var producer =
                Threads.start(
                        "producer",
                        () -> {
                            for (int i = 0; i < items; i++) {
                                ring.producer().push(i);
                            }
                            ring.producer().close();
                            return null;
                        });
        var consumer =
                Threads.start(
                        "consumer",
                        () -> {
                            int n = 0;
                            while (ring.consumer().pop() != null) {
                                n++;
                            }
                            done.set(true);
                            return n;
                        });
        long samples = 0;
        while (!done.get()) {
            int occ = ring.consumer().occupiedLen();
            int vac = ring.producer().vacantLen();
            assertThat(occ).isBetween(0, cap);
            assertThat(vac).isBetween(0, cap);
            if ((++samples & 63) == 0) {
                Thread.yield(); // leave the two cores to the producer and consumer now and then
            }
        }
        producer.get();
        assertThat(consumer.get()).isEqualTo(items);
        assertThat(samples).isPositive();
        assertThat(ring.consumer().occupiedLen() + ring.producer().vacantLen()).isEqualTo(cap);
        assertThat(ring.consumer().occupiedLen()).isZero();
        ring.consumer().close();
    }

    /** Sequential lengths are exact: 0 after balanced push/pop, then 1 after one push. */
    @Test
    void lengths_whenQuiescent_areExact() {
        RingBuffer<Integer> ring = RingBuffer.create(8);
        for (int i = 0; i < 8; i++) {
            ring.producer().tryPush(i);
        }
        for (int i = 0; i < 8; i++) {
            ring.consumer().tryPop();
        }
        assertThat(ring.consumer().occupiedLen()).isZero();
        ring.producer().tryPush(1);
        assertThat(ring.consumer().occupiedLen()).isEqualTo(1);
        assertThat(ring.producer().vacantLen()).isEqualTo(7);
    }
}
