package dev.ferrum.ringbuf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Slice operations across the wrap point, checked exhaustively against an {@link ArrayDeque} model:
 * for every capacity 1..9, every start offset, every push length and every pop length, the counts
 * and contents match the model and nothing is written to the destination past the count.
 */
class SliceModelTest {

    private static final Integer SENTINEL = -1;

    @Test
    void objectSlices_matchModel_acrossTheWrapPoint() {
        for (long start : new long[] {0L, Long.MAX_VALUE - 5, -3L}) {
            for (int cap = 1; cap <= 9; cap++) {
                for (int s = 0; s < cap; s++) {
                    for (int k = 0; k <= cap + 1; k++) {
                        for (int m = 0; m <= cap + 1; m++) {
                            runObjects(start, cap, s, k, m);
                        }
                    }
                }
            }
        }
    }

    private static void runObjects(long start, int cap, int s, int k, int m) {
        String where = "start=" + start + " cap=" + cap + " s=" + s + " k=" + k + " m=" + m;
        RingBuffer<Integer> ring = RingBuffer.create(cap, start);
        Producer<Integer> p = ring.producer();
        Consumer<Integer> c = ring.consumer();
        ArrayDeque<Integer> model = new ArrayDeque<>();
        int next = 0;
        // Advance the ring by s items so that the slices start at offset s.
        for (int i = 0; i < s; i++) {
            assertThat(p.tryPush(next++)).isTrue();
            assertThat(c.tryPop()).isEqualTo(i);
        }
        // Two rounds of push k / pop m so that partially filled states are covered too.
        for (int round = 0; round < 2; round++) {
            Integer[] src = new Integer[k];
            for (int i = 0; i < k; i++) {
                src[i] = next++;
            }
            int vacant = cap - model.size();
            int pushed = p.pushSlice(src, 0, k);
            assertThat(pushed).as(where).isEqualTo(Math.min(k, vacant));
            for (int i = 0; i < pushed; i++) {
                model.addLast(src[i]);
            }
            next -= k - pushed;
            checkLengths(ring, model, where);

            Integer[] dst = new Integer[m + 2];
            Arrays.fill(dst, SENTINEL);
            int expected = Math.min(m, model.size());
            int popped = c.popSlice(dst, 1, m);
            assertThat(popped).as(where).isEqualTo(expected);
            assertThat(dst[0]).as(where + " before off").isEqualTo(SENTINEL);
            for (int i = 0; i < popped; i++) {
                assertThat(dst[1 + i]).as(where).isEqualTo(model.pollFirst());
            }
            for (int i = 1 + popped; i < dst.length; i++) {
                assertThat(dst[i]).as(where + " past n").isEqualTo(SENTINEL);
            }
            checkLengths(ring, model, where);
        }
        // What is left comes out in order.
        Integer x;
        while ((x = c.tryPop()) != null) {
            assertThat(x).as(where).isEqualTo(model.pollFirst());
        }
        assertThat(model).as(where).isEmpty();
    }

    private static void checkLengths(RingBuffer<?> ring, ArrayDeque<?> model, String where) {
        assertThat(ring.consumer().occupiedLen()).as(where).isEqualTo(model.size());
        assertThat(ring.producer().vacantLen()).as(where).isEqualTo(ring.capacity() - model.size());
    }

    @Test
    void byteSlices_matchModel_acrossTheWrapPoint() {
        for (long start : new long[] {0L, Long.MAX_VALUE - 5, -3L}) {
            for (int cap = 1; cap <= 9; cap++) {
                for (int s = 0; s < cap; s++) {
                    for (int k = 0; k <= cap + 1; k++) {
                        for (int m = 0; m <= cap + 1; m++) {
                            runBytes(start, cap, s, k, m);
                        }
                    }
                }
            }
        }
    }

    private static void runBytes(long start, int cap, int s, int k, int m) {
        String where = "start=" + start + " cap=" + cap + " s=" + s + " k=" + k + " m=" + m;
        ByteRingBuffer ring = ByteRingBuffer.create(cap, start);
        ByteProducer p = ring.producer();
        ByteConsumer c = ring.consumer();
        ArrayDeque<Byte> model = new ArrayDeque<>();
        byte next = 0;
        for (int i = 0; i < s; i++) {
            assertThat(p.tryPush(next++)).isTrue();
            assertThat(c.tryPop()).isEqualTo(i);
        }
        for (int round = 0; round < 2; round++) {
            byte[] src = new byte[k];
            for (int i = 0; i < k; i++) {
                src[i] = (byte) (next + i);
            }
            int pushed = p.pushSlice(src, 0, k);
            assertThat(pushed).as(where).isEqualTo(Math.min(k, cap - model.size()));
            for (int i = 0; i < pushed; i++) {
                model.addLast(src[i]);
            }
            next += (byte) pushed;
            assertThat(c.occupiedLen()).as(where).isEqualTo(model.size());
            assertThat(p.vacantLen()).as(where).isEqualTo(cap - model.size());

            byte[] dst = new byte[m + 2];
            Arrays.fill(dst, (byte) 0x55);
            int popped = c.popSlice(dst, 1, m);
            assertThat(popped).as(where).isEqualTo(Math.min(m, model.size()));
            assertThat(dst[0]).as(where).isEqualTo((byte) 0x55);
            for (int i = 0; i < popped; i++) {
                assertThat(dst[1 + i]).as(where).isEqualTo(model.pollFirst());
            }
            for (int i = 1 + popped; i < dst.length; i++) {
                assertThat(dst[i]).as(where + " past n").isEqualTo((byte) 0x55);
            }
            assertThat(c.occupiedLen()).as(where).isEqualTo(model.size());
        }
        int b;
        while ((b = c.tryPop()) >= 0) {
            assertThat((byte) b).as(where).isEqualTo(model.pollFirst());
        }
        assertThat(model).as(where).isEmpty();
    }
}
