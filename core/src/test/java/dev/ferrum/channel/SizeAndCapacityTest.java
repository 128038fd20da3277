package dev.ferrum.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** size() stays within bounds under concurrency; capacities at the edges behave exactly. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SizeAndCapacityTest {

    /** Samples per run; -Dferrum.stress.scale=50 gives the full 10^7. */
    private static final int SAMPLES = 200_000 * Integer.getInteger("ferrum.stress.scale", 1);

    /** Sampled under P pushers and C poppers, size() is never negative or above the bound. */
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void size_staysWithinBoundsUnderConcurrency(int threads) throws Exception {
        for (int cap : new int[] {8, -1}) {
            Channel<Integer> ch = cap < 0 ? Channel.unbounded() : Channel.bounded(cap);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong pushed = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(
                        new Thread(
                                () -> {
                                    while (!stop.get()) {
                                        if (ch.sender().trySend(1)) {
                                            pushed.incrementAndGet();
                                        }
                                        if (cap < 0 && pushed.get() > 1_000_000) {
                                            Thread.yield();
                                        }
                                    }
                                }));
                workers.add(
                        new Thread(
                                () -> {
                                    while (!stop.get()) {
                                        ch.receiver().tryRecv();
                                    }
                                }));
            }
            workers.forEach(Thread::start);
            try {
                for (int i = 0; i < SAMPLES; i++) {
                    int n = ch.receiver().size();
                    assertThat(n).isGreaterThanOrEqualTo(0);
                    if (cap >= 0) {
                        assertThat(n).isLessThanOrEqualTo(cap);
                    } else {
                        assertThat((long) n).isLessThanOrEqualTo(pushed.get() + threads);
                    }
                }
            } finally {
                stop.set(true);
                for (Thread t : workers) {
                    t.join();
                }
            }
        }
    }

    /** Across a block boundary of the unbounded flavour the length is exactly 0, then 1. */
    @Test
    void unbounded_sizeAcrossBlockBoundary_isExact() {
        Channel<Integer> ch = Channel.unbounded();
        for (int lap = 0; lap < 3; lap++) {
            for (int i = 0; i < 31; i++) {
                ch.sender().trySend(i);
            }
            assertThat(ch.sender().size()).isEqualTo(31);
            for (int i = 0; i < 31; i++) {
                assertThat(ch.receiver().tryRecv()).isEqualTo(i);
            }
            assertThat(ch.sender().size()).isZero();
            assertThat(ch.sender().isEmpty()).isTrue();
        }
        ch.sender().trySend(1);
        assertThat(ch.sender().size()).isOne();
    }

    /** Exactly cap messages fit (not cap - 1), FIFO, over three laps; isFull iff size == cap. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 8, 1000})
    void bounded_smallCapacities_holdExactlyCap(int cap) {
        Channel<Integer> ch = Channel.bounded(cap);
        assertThat(ch.sender().capacity()).hasValue(cap);
        for (int lap = 0; lap < 3; lap++) {
            for (int i = 0; i < cap; i++) {
                assertThat(ch.sender().isFull()).isFalse();
                assertThat(ch.sender().trySend(lap * cap + i)).isTrue();
            }
            assertThat(ch.sender().trySend(-1)).as("cap + 1st send").isFalse();
            assertThat(ch.sender().isFull()).isTrue();
            assertThat(ch.sender().size()).isEqualTo(cap);
            for (int i = 0; i < cap; i++) {
                assertThat(ch.receiver().tryRecv()).isEqualTo(lap * cap + i);
            }
            assertThat(ch.receiver().tryRecv()).isNull();
            assertThat(ch.receiver().size()).isZero();
        }
    }

    @Test
    void bounded_zero_isRendezvous() {
        Channel<Integer> ch = Channel.bounded(0);
        assertThat(ch.sender().capacity()).hasValue(0);
        assertThat(ch.sender().trySend(1)).isFalse();
        assertThat(ch.sender().size()).isZero();
    }

    /** A capacity too large fails in the factory, with IAE or OOM, never at a later send. */
    @ParameterizedTest
    @ValueSource(ints = {Integer.MAX_VALUE, Integer.MAX_VALUE - 8, (1 << 30) + 1})
    void bounded_hugeCapacity_failsAtConstruction(int cap) {
        assertThatThrownBy(() -> Channel.bounded(cap))
                .isInstanceOfAny(IllegalArgumentException.class, OutOfMemoryError.class);
    }
}
