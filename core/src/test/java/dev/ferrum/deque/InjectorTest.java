package dev.ferrum.deque;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InjectorTest {

    @Test
    void steal_onEmpty_isEmpty() {
        Injector<String> q = new Injector<>();
        assertThat(q.steal().isEmpty()).isTrue();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.size()).isZero();
        Worker<String> w = Worker.newFifo();
        assertThat(q.stealBatch(w).isEmpty()).isTrue();
        assertThat(q.stealBatchAndPop(w).isEmpty()).isTrue();
        assertThat(q.stealBatchWithLimit(w, 3).isEmpty()).isTrue();
        assertThat(q.stealBatchWithLimitAndPop(w, 3).isEmpty()).isTrue();
    }

    /** FIFO order across many blocks (63 slots each), with size tracking every step. */
    @Test
    void pushAndSteal_acrossBlocks_keepFifoOrderAndSize() {
        Injector<Integer> q = new Injector<>();
        int n = 10 * Injector.BLOCK_CAP + 7;
        for (int i = 0; i < n; i++) {
            assertThat(q.size()).isEqualTo(i);
            q.push(i);
        }
        assertThat(q.isEmpty()).isFalse();
        for (int i = 0; i < n; i++) {
            assertThat(q.size()).isEqualTo(n - i);
            assertThat(q.steal()).isEqualTo(Steal.success(i));
        }
        assertThat(q.steal().isEmpty()).isTrue();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.size()).isZero();
    }

    /** Batches stop at a block's end, and repeated batches drain every item exactly once. */
    @Test
    void batches_acrossBlocks_drainEverythingInOrder() {
        Injector<Integer> q = new Injector<>();
        int n = 5 * Injector.BLOCK_CAP + 11;
        for (int i = 0; i < n; i++) {
            q.push(i);
        }
        Worker<Integer> w = Worker.newFifo();
        int next = 0;
        boolean pop = false;
        while (true) {
            int before = q.size();
            Steal<?> s = pop ? q.stealBatchWithLimitAndPop(w, 50) : q.stealBatchWithLimit(w, 50);
            if (s.isEmpty()) {
                break;
            }
            assertThat(s.isSuccess()).isTrue();
            int taken = before - q.size();
            assertThat(taken).isBetween(1, Math.min((before + 1) / 2, 50));
            if (pop) {
                assertThat(s.value()).isEqualTo(next++);
            }
            for (Integer x; (x = w.pop()) != null; ) {
                assertThat(x).isEqualTo(next++);
            }
            pop = !pop;
        }
        assertThat(next).isEqualTo(n);
        assertThat(q.size()).isZero();
    }

    @Test
    void nullsAndBadLimits_areRejected() {
        Injector<String> q = new Injector<>();
        Worker<String> w = Worker.newLifo();
        assertThatThrownBy(() -> q.push(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("item");
        assertThatThrownBy(() -> q.stealBatch(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dest");
        assertThatThrownBy(() -> q.stealBatchWithLimit(w, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be positive: limit=0");
        assertThatThrownBy(() -> q.stealBatchWithLimitAndPop(w, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be positive: limit=0");
        assertThat(q.isEmpty()).isTrue();
    }
}
