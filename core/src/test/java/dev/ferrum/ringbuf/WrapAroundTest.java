package dev.ferrum.ringbuf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 64-bit indices may wrap (past {@code Long.MAX_VALUE} and past {@code -1}): lengths, contents
 * and order stay exact across the wrap, single-threaded and with two threads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WrapAroundTest {

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE - 20, -20L})
    void pushAndPopAcrossIndexOverflow_keepOrderAndLengths(long start) {
        for (int cap : new int[] {1, 3, 7, 8}) {
            RingBuffer<Integer> ring = RingBuffer.create(cap, start);
            Producer<Integer> p = ring.producer();
            Consumer<Integer> c = ring.consumer();
            int next = 0;
            int expect = 0;
            SplittableRandom rnd = new SplittableRandom(cap);
            for (int step = 0; step < 200; step++) {
                int k = rnd.nextInt(cap + 2);
                int occupied = next - expect;
                for (int i = 0; i < k; i++) {
                    boolean ok = p.tryPush(next);
                    assertThat(ok).isEqualTo(occupied + i < cap);
                    if (ok) {
                        next++;
                    }
                }
                assertThat(c.occupiedLen()).isEqualTo(next - expect);
                assertThat(p.vacantLen()).isEqualTo(cap - (next - expect));
                int m = rnd.nextInt(cap + 2);
                for (int i = 0; i < m; i++) {
                    Integer x = c.tryPop();
                    if (expect < next) {
                        assertThat(x).isEqualTo(expect++);
                    } else {
                        assertThat(x).isNull();
                    }
                }
            }
            assertThat(next).isGreaterThan(40); // the indices really crossed the overflow point
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE - 1000, -1000L})
    void twoThreadsAcrossIndexOverflow_deliverEveryItemInOrder(long start) throws Exception {
        RingBuffer<Integer> ring = RingBuffer.create(3, start);
        int items = 20_000;
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
        int expect = 0;
        Integer x;
        while ((x = ring.consumer().pop()) != null) {
            assertThat(x).isEqualTo(expect++);
        }
        producer.get();
        assertThat(expect).isEqualTo(items);
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE - 10, -10L})
    void byteRing_acrossIndexOverflow_keepsBytesInOrder(long start) throws Exception {
        ByteRingBuffer ring = ByteRingBuffer.create(5, start);
        byte[] out = new byte[3];
        int next = 0;
        int expect = 0;
        for (int step = 0; step < 50; step++) {
            byte[] src = {(byte) next, (byte) (next + 1), (byte) (next + 2)};
            next += ring.producer().pushSlice(src, 0, 3);
            int n = ring.consumer().popSlice(out, 0, 2);
            for (int i = 0; i < n; i++) {
                assertThat(out[i]).isEqualTo((byte) expect++);
            }
            assertThat(ring.consumer().occupiedLen()).isEqualTo(next - expect);
        }
        assertThat(expect).isGreaterThan(20);
    }
}
