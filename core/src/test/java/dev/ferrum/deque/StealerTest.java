package dev.ferrum.deque;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StealerTest {

    @Test
    void steal_onEmpty_isEmpty() {
        for (Worker<String> w : new Worker[] {Worker.newFifo(), Worker.newLifo()}) {
            Stealer<String> s = w.stealer();
            assertThat(s.steal().isEmpty()).isTrue();
            assertThat(s.isEmpty()).isTrue();
            assertThat(s.size()).isZero();
        }
    }

    @Test
    void steal_takesOldestFirst_untilEmpty() {
        for (Worker<Integer> w : new Worker[] {Worker.newFifo(), Worker.newLifo()}) {
            Stealer<Integer> s = w.stealer();
            for (int i = 0; i < 100; i++) {
                w.push(i);
            }
            assertThat(s.size()).isEqualTo(100);
            assertThat(s.isEmpty()).isFalse();
            for (int i = 0; i < 100; i++) {
                assertThat(s.steal()).isEqualTo(Steal.success(i));
            }
            assertThat(s.steal().isEmpty()).isTrue();
            assertThat(w.pop()).isNull();
        }
    }

    @Test
    void stealers_ofOneWorker_shareItsItems() {
        Worker<Integer> w = Worker.newLifo();
        Stealer<Integer> a = w.stealer();
        Stealer<Integer> b = w.stealer();
        w.push(1);
        w.push(2);
        assertThat(a.steal().value()).isEqualTo(1);
        assertThat(b.steal().value()).isEqualTo(2);
        assertThat(a.steal().isEmpty()).isTrue();
    }

    @Test
    void batchMethods_rejectNullDestAndNonPositiveLimit() {
        Worker<String> w = Worker.newFifo();
        Stealer<String> s = w.stealer();
        Worker<String> d = Worker.newFifo();
        assertThatThrownBy(() -> s.stealBatch(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dest");
        assertThatThrownBy(() -> s.stealBatchAndPop(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dest");
        assertThatThrownBy(() -> s.stealBatchWithLimit(d, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be positive: limit=0");
        assertThatThrownBy(() -> s.stealBatchWithLimitAndPop(d, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be positive: limit=-3");
    }

    /** A batch into the deque the stealer belongs to moves nothing (crossbeam #448). */
    @Test
    void stealBatch_intoOwnDeque_isNoOp() {
        for (boolean fifo : new boolean[] {true, false}) {
            Worker<Integer> w = fifo ? Worker.newFifo() : Worker.newLifo();
            Stealer<Integer> s = w.stealer();
            assertThat(s.stealBatch(w).isEmpty()).isTrue();
            assertThat(s.stealBatchWithLimit(w, 5).isEmpty()).isTrue();
            assertThat(s.stealBatchAndPop(w).isEmpty()).isTrue();
            for (int i = 0; i < 10; i++) {
                w.push(i);
            }
            assertThat(s.stealBatch(w).isSuccess()).isTrue();
            assertThat(s.stealBatchWithLimit(w, 3).isSuccess()).isTrue();
            assertThat(w.size()).isEqualTo(10);
            // ...AndPop into the own deque is a plain pop.
            assertThat(s.stealBatchAndPop(w).value()).isEqualTo(fifo ? 0 : 9);
            assertThat(s.stealBatchWithLimitAndPop(w, 2).value()).isEqualTo(fifo ? 1 : 8);
            assertThat(w.size()).isEqualTo(8);
        }
    }

    /** A batch into a destination that already holds items grows it and appends. */
    @Test
    void stealBatch_intoNonEmptyDest_growsItAndKeepsItsItems() {
        Worker<Integer> src = Worker.newFifo();
        Worker<Integer> dest = Worker.newFifo();
        for (int i = 0; i < 60; i++) {
            dest.push(-1 - i);
        }
        for (int i = 0; i < 100; i++) {
            src.push(i);
        }
        assertThat(src.stealer().stealBatch(dest).isSuccess()).isTrue();
        assertThat(dest.size()).isEqualTo(60 + Worker.MAX_BATCH);
        assertThat(dest.capacity()).isEqualTo(128);
        for (int i = 0; i < 60; i++) {
            assertThat(dest.pop()).isEqualTo(-1 - i);
        }
        for (int i = 0; i < Worker.MAX_BATCH; i++) {
            assertThat(dest.pop()).isEqualTo(i);
        }
        assertThat(dest.stealer().steal().isEmpty()).isTrue();
    }

    @Test
    void stealBatch_defaultLimit_is32() {
        Worker<Integer> src = Worker.newLifo();
        for (int i = 0; i < 1000; i++) {
            src.push(i);
        }
        Worker<Integer> dest = Worker.newLifo();
        src.stealer().stealBatch(dest);
        assertThat(dest.size()).isEqualTo(32);
        Worker<Integer> dest2 = Worker.newLifo();
        assertThat(src.stealer().stealBatchAndPop(dest2).isSuccess()).isTrue();
        assertThat(dest2.size()).isEqualTo(31);
    }
}
