package dev.ferrum.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArrayQueueTest {

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void constructor_withNonPositiveCapacity_throwsNamingTheValue(int capacity) {
        assertThatThrownBy(() -> new ArrayQueue<Integer>(capacity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be positive: capacity=" + capacity);
    }

    /** C08: a capacity too large fails at construction with the value in the message. */
    @ParameterizedTest
    @ValueSource(ints = {(1 << 30) + 1, Integer.MAX_VALUE})
    void constructor_withHugeCapacity_failsAtConstruction(int capacity) {
        assertThatThrownBy(() -> new ArrayQueue<Integer>(capacity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be at most 1073741824: capacity=" + capacity);
    }

    /** C08: 2^30 is accepted, so on a heap smaller than its buffer it fails with OOM at once. */
    @Test
    void constructor_withMaximumCapacityOnSmallHeap_throwsOutOfMemoryAtConstruction() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 8L << 30, "heap could hold the buffer");
        assertThatThrownBy(() -> new ArrayQueue<Integer>(1 << 30))
                .isInstanceOf(OutOfMemoryError.class);
    }

    /**
     * C08: for small and odd capacities exactly {@code capacity} items fit, the next push fails,
     * and they come out in order, lap after lap.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 8, 1000})
    void push_exactlyCapacityItemsFit_overThreeLaps(int capacity) {
        ArrayQueue<Integer> q = new ArrayQueue<>(capacity);
        assertThat(q.capacity()).isEqualTo(capacity);
        for (int lap = 0; lap < 3; lap++) {
            for (int i = 0; i < capacity; i++) {
                assertThat(q.isFull()).isFalse();
                assertThat(q.push(lap * capacity + i)).isTrue();
                assertThat(q.size()).isEqualTo(i + 1);
            }
            assertThat(q.push(-1)).as("push beyond capacity").isFalse();
            assertThat(q.isFull()).isTrue();
            assertThat(q.size()).isEqualTo(capacity);
            for (int i = 0; i < capacity; i++) {
                assertThat(q.pop()).isEqualTo(lap * capacity + i);
            }
            assertThat(q.pop()).isNull();
            assertThat(q.isEmpty()).isTrue();
            assertThat(q.size()).isZero();
        }
    }

    @Test
    void forcePush_whenFull_evictsAndReturnsOldest() {
        ArrayQueue<String> q = new ArrayQueue<>(2);
        assertThat(q.forcePush("a")).isNull();
        assertThat(q.forcePush("b")).isNull();
        assertThat(q.forcePush("c")).isEqualTo("a");
        assertThat(q.forcePush("d")).isEqualTo("b");
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.isFull()).isTrue();
        assertThat(q).containsExactly("c", "d");
        assertThat(q.pop()).isEqualTo("c");
        assertThat(q.forcePush("e")).isNull();
        assertThat(q.pop()).isEqualTo("d");
        assertThat(q.pop()).isEqualTo("e");
    }

    @Test
    void forcePush_onCapacityOne_replacesTheOnlyItem() {
        ArrayQueue<Integer> q = new ArrayQueue<>(1);
        assertThat(q.forcePush(1)).isNull();
        for (int i = 2; i < 10; i++) {
            assertThat(q.forcePush(i)).isEqualTo(i - 1);
            assertThat(q.size()).isEqualTo(1);
            assertThat(q.peek()).isEqualTo(i);
        }
    }

    @Test
    void peek_returnsHeadWithoutRemoving() {
        ArrayQueue<Integer> q = new ArrayQueue<>(3);
        assertThat(q.peek()).isNull();
        q.push(1);
        q.push(2);
        assertThat(q.peek()).isEqualTo(1);
        assertThat(q.size()).isEqualTo(2);
    }

    @Test
    void nullElements_areRejectedNamingTheArgument() {
        ArrayQueue<Integer> q = new ArrayQueue<>(2);
        assertThatThrownBy(() -> q.push(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> q.forcePush(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(null)).isInstanceOf(NullPointerException.class);
        assertThat(q).isEmpty();
    }

    @Test
    void add_whenFull_throwsIllegalState() {
        ArrayQueue<Integer> q = new ArrayQueue<>(1);
        q.add(1);
        assertThatThrownBy(() -> q.add(2)).isInstanceOf(IllegalStateException.class);
    }

    /** Removal from the middle is not supported by the algorithm, and says so. */
    @Test
    void removalOfArbitraryElements_isUnsupported() {
        ArrayQueue<Integer> q = new ArrayQueue<>(4);
        q.push(1);
        q.push(2);
        assertThatThrownBy(() -> q.remove(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> q.removeAll(List.of(2)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> q.retainAll(List.of(2)))
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
        ArrayQueue<Integer> q = new ArrayQueue<>(4);
        q.push(1);
        q.push(2);
        q.clear();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.push(3)).isTrue();
        assertThat(q.pop()).isEqualTo(3);
    }

    /** An exhausted iterator stays exhausted even after new pushes. */
    @Test
    void iterator_onceExhausted_staysExhausted() {
        ArrayQueue<Integer> q = new ArrayQueue<>(4);
        q.push(1);
        Iterator<Integer> it = q.iterator();
        assertThat(it.next()).isEqualTo(1);
        assertThat(it.hasNext()).isFalse();
        q.push(2);
        assertThat(it.hasNext()).isFalse();
    }
}
