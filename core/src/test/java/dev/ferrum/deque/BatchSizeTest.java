package dev.ferrum.deque;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batch sizes and orders of every batch method, for every source (FIFO worker, LIFO worker,
 * injector) and destination flavour, every source size n in 0..70 and limits 1, 2, the default cap
 * and unbounded: a quiescent batch takes exactly min(ceil(n / 2), limit) items, the popped item
 * included, and the destination pops them in the order the source's owner would have.
 */
class BatchSizeTest {

    enum Source {
        FIFO_WORKER,
        LIFO_WORKER,
        INJECTOR
    }

    static final int[] LIMITS = {1, 2, Worker.MAX_BATCH, Integer.MAX_VALUE};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Source src : Source.values()) {
            for (boolean destFifo : new boolean[] {true, false}) {
                for (boolean pop : new boolean[] {false, true}) {
                    out.add(Arguments.of(src, destFifo, pop));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} into {1} (fifo dest), andPop={2}")
    @MethodSource("cases")
    void batch_takesHalfCapped_inOwnerOrder(Source src, boolean destFifo, boolean pop) {
        for (int n = 0; n <= 70; n++) {
            for (int limit : LIMITS) {
                check(src, destFifo, pop, n, limit);
            }
        }
    }

    private static void check(Source src, boolean destFifo, boolean pop, int n, int limit) {
        String where = src + " n=" + n + " limit=" + limit + " destFifo=" + destFifo;
        Worker<Integer> source = src == Source.FIFO_WORKER ? Worker.newFifo() : Worker.newLifo();
        Injector<Integer> injector = new Injector<>();
        for (int i = 0; i < n; i++) {
            if (src == Source.INJECTOR) {
                injector.push(i);
            } else {
                source.push(i);
            }
        }
        Worker<Integer> dest = destFifo ? Worker.newFifo() : Worker.newLifo();
        Steal<?> result;
        boolean useDefault = limit == Worker.MAX_BATCH;
        if (src == Source.INJECTOR) {
            if (pop) {
                result =
                        useDefault
                                ? injector.stealBatchAndPop(dest)
                                : injector.stealBatchWithLimitAndPop(dest, limit);
            } else {
                result =
                        useDefault
                                ? injector.stealBatch(dest)
                                : injector.stealBatchWithLimit(dest, limit);
            }
        } else {
            Stealer<Integer> s = source.stealer();
            if (pop) {
                result =
                        useDefault
                                ? s.stealBatchAndPop(dest)
                                : s.stealBatchWithLimitAndPop(dest, limit);
            } else {
                result = useDefault ? s.stealBatch(dest) : s.stealBatchWithLimit(dest, limit);
            }
        }
        if (n == 0) {
            assertThat(result.isEmpty()).as(where).isTrue();
            assertThat(dest.size()).as(where).isZero();
            return;
        }
        assertThat(result.isSuccess()).as(where).isTrue();
        int k = Math.min((n + 1) / 2, limit);
        // Items 0..k-1 were taken (thieves take the oldest). The owner of the source would have
        // popped them oldest first (FIFO worker, injector) or newest first (LIFO worker).
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            expected.add(src == Source.LIFO_WORKER ? k - 1 - i : i);
        }
        List<Integer> got = new ArrayList<>();
        if (pop) {
            got.add((Integer) result.value());
        } else {
            assertThat(result.value()).as(where).isNull();
        }
        assertThat(dest.size()).as(where).isEqualTo(pop ? k - 1 : k);
        for (Integer x; (x = dest.pop()) != null; ) {
            got.add(x);
        }
        assertThat(got).as(where).isEqualTo(expected);
        // The rest stayed in the source, in order.
        List<Integer> rest = new ArrayList<>();
        if (src == Source.INJECTOR) {
            assertThat(injector.size()).as(where).isEqualTo(n - k);
            for (Steal<Integer> s; (s = injector.steal()).isSuccess(); ) {
                rest.add(s.value());
            }
        } else {
            assertThat(source.size()).as(where).isEqualTo(n - k);
            for (Steal<Integer> s; (s = source.stealer().steal()).isSuccess(); ) {
                rest.add(s.value());
            }
        }
        List<Integer> expectedRest = new ArrayList<>();
        for (int i = k; i < n; i++) {
            expectedRest.add(i);
        }
        assertThat(rest).as(where).isEqualTo(expectedRest);
    }
}
