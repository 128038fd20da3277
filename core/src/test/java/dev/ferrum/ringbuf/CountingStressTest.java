package dev.ferrum.ringbuf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every item pushed by one thread arrives exactly once and in order at the other, through rings of
 * capacity 1, 2, 3 and 1000, with random slice sizes and a random mix of the non-blocking and
 * blocking operations on both sides (so the wake-up protocol is exercised too: a lost wake-up hangs
 * the test).
 *
 * <p>Scale: each capacity moves {@code 100_000 * ferrum.stress.scale} items; {@code
 * -Dferrum.stress.scale=1000} gives the full size of 10^8 items per capacity.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class CountingStressTest {

    private static final int SCALE = Integer.getInteger("ferrum.stress.scale", 1);
    private static final long ITEMS = 100_000L * SCALE;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 1000})
    void everyItemArrivesOnceInOrder(int cap) throws Exception {
        long seed = System.nanoTime();
        try {
            run(cap, seed);
        } catch (Throwable e) {
            throw new AssertionError("capacity=" + cap + " seed=" + seed, e);
        }
    }

    private static void run(int cap, long seed) throws Exception {
        RingBuffer<Long> ring = RingBuffer.create(cap);
        var producer = Threads.start("producer", () -> produce(ring.producer(), cap, seed));
        var consumer = Threads.start("consumer", () -> consume(ring.consumer(), cap, seed + 1));
        producer.result().get(590, TimeUnit.SECONDS);
        assertThat(consumer.result().get(590, TimeUnit.SECONDS)).isEqualTo(ITEMS);
    }

    private static Void produce(Producer<Long> p, int cap, long seed) throws InterruptedException {
        SplittableRandom rnd = new SplittableRandom(seed);
        Long[] buf = new Long[2 * cap + 1];
        long next = 0;
        while (next < ITEMS) {
            int op = rnd.nextInt(8);
            if (op == 0) {
                assertThat(p.push(next)).isTrue();
                next++;
            } else if (op == 1) {
                if (p.tryPush(next)) {
                    next++;
                }
            } else if (op == 2) {
                int k = (int) Math.min(rnd.nextInt(1, buf.length + 1), ITEMS - next);
                List<Long> list = new ArrayList<>(k);
                for (int i = 0; i < k; i++) {
                    list.add(next + i);
                }
                next += p.pushAll(list.iterator());
            } else {
                int k = (int) Math.min(rnd.nextInt(1, buf.length + 1), ITEMS - next);
                for (int i = 0; i < k; i++) {
                    buf[i] = next + i;
                }
                int n = p.pushSlice(buf, 0, k);
                next += n;
                if (n == 0) {
                    // Full: block for space instead of spinning.
                    assertThat(p.push(next)).isTrue();
                    next++;
                }
            }
        }
        p.close();
        return null;
    }

    private static Long consume(Consumer<Long> c, int cap, long seed) throws InterruptedException {
        SplittableRandom rnd = new SplittableRandom(seed);
        Long[] buf = new Long[2 * cap + 1];
        long expect = 0;
        for (; ; ) {
            int op = rnd.nextInt(8);
            if (op == 0) {
                Long x = c.pop();
                if (x == null) {
                    break;
                }
                check(x, expect++);
            } else if (op == 1) {
                Long x = c.tryPop();
                if (x != null) {
                    check(x, expect++);
                }
            } else if (op == 2) {
                long[] e = {expect};
                c.drain(x -> check(x, e[0]++));
                expect = e[0];
            } else {
                int m = rnd.nextInt(1, buf.length + 1);
                int n = c.popSlice(buf, 0, m);
                for (int i = 0; i < n; i++) {
                    check(buf[i], expect++);
                }
                if (n == 0) {
                    // Empty: block for an item (or the end) instead of spinning.
                    Long x = c.pop();
                    if (x == null) {
                        break;
                    }
                    check(x, expect++);
                }
            }
        }
        return expect;
    }

    private static void check(Long actual, long expected) {
        if (actual != expected) {
            throw new AssertionError("expected item " + expected + " but got " + actual);
        }
    }
}
