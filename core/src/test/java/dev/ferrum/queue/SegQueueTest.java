package dev.ferrum.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegQueueTest {

    private static final int BLOCK = 31;

    @Test
    void pushAndPop_areFifoAcrossManyBlocks() {
        SegQueue<Integer> q = new SegQueue<>();
        for (int i = 0; i < 10 * BLOCK + 7; i++) {
            q.push(i);
        }
        assertThat(q.size()).isEqualTo(10 * BLOCK + 7);
        for (int i = 0; i < 10 * BLOCK + 7; i++) {
            assertThat(q.pop()).isEqualTo(i);
        }
        assertThat(q.pop()).isNull();
    }

    /** C07, sequential part: push a block's worth, pop it, size is exactly 0; push 1, size 1. */
    @Test
    void size_afterFullBlockRoundTrip_isExact() {
        SegQueue<Integer> q = new SegQueue<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < BLOCK; i++) {
                q.push(i);
            }
            assertThat(q.size()).isEqualTo(BLOCK);
            for (int i = 0; i < BLOCK; i++) {
                q.pop();
            }
            assertThat(q.size()).isZero();
            assertThat(q.isEmpty()).isTrue();
            q.push(1);
            assertThat(q.size()).isEqualTo(1);
            q.pop();
        }
    }

    @Test
    void peek_returnsHeadWithoutRemoving() {
        SegQueue<Integer> q = new SegQueue<>();
        assertThat(q.peek()).isNull();
        q.push(1);
        q.push(2);
        assertThat(q.peek()).isEqualTo(1);
        assertThat(q.size()).isEqualTo(2);
    }

    @Test
    void nullElements_areRejectedNamingTheArgument() {
        SegQueue<Integer> q = new SegQueue<>();
        assertThatThrownBy(() -> q.push(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> q.offer(null)).isInstanceOf(NullPointerException.class);
        assertThat(q).isEmpty();
    }

    @Test
    void removalOfArbitraryElements_isUnsupported() {
        SegQueue<Integer> q = new SegQueue<>();
        q.push(1);
        q.push(2);
        assertThatThrownBy(() -> q.remove(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> q.removeAll(List.of(2)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> q.removeIf(x -> x == 2))
                .isInstanceOf(UnsupportedOperationException.class);
        Iterator<Integer> it = q.iterator();
        it.next();
        assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
        assertThat(q).containsExactly(1, 2);
    }

    @Test
    void clear_popsEverything() {
        SegQueue<Integer> q = new SegQueue<>();
        for (int i = 0; i < 100; i++) {
            q.push(i);
        }
        q.clear();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.size()).isZero();
    }
}
