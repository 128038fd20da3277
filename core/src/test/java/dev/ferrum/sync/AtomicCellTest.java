package dev.ferrum.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AtomicCellTest {

    @Test
    void loadStoreSwapTake_behaveAsACell() {
        AtomicCell<String> cell = new AtomicCell<>("a");
        assertThat(cell.load()).isEqualTo("a");
        cell.store("b");
        assertThat(cell.load()).isEqualTo("b");
        assertThat(cell.swap("c")).isEqualTo("b");
        assertThat(cell.take()).isEqualTo("c");
        assertThat(cell.load()).isNull();
        assertThat(new AtomicCell<String>().load()).isNull();
        assertThat(AtomicCell.isLockFree()).isTrue();
    }

    /** compareExchange compares by identity and returns the witness. */
    @Test
    void compareExchange_comparesByIdentity_andReturnsWitness() {
        String a = new String("x");
        String b = new String("x"); // equal but not the same object
        AtomicCell<String> cell = new AtomicCell<>(a);
        assertThat(cell.compareExchange(b, "y")).isSameAs(a); // fails: a != b
        assertThat(cell.load()).isSameAs(a);
        assertThat(cell.compareExchange(a, "y")).isSameAs(a); // succeeds
        assertThat(cell.load()).isEqualTo("y");
    }

    @Test
    void fetchUpdate_returnsPrevious_andDeclinesWhenFunctionReturnsItsArgument() {
        AtomicCell<Integer> cell = new AtomicCell<>(1);
        assertThat(cell.fetchUpdate(v -> v + 1)).isEqualTo(1);
        assertThat(cell.load()).isEqualTo(2);
        Integer before = cell.load();
        assertThat(cell.fetchUpdate(v -> v)).isSameAs(before);
        assertThat(cell.load()).isSameAs(before);
        assertThatThrownBy(() -> cell.fetchUpdate(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("update");
    }

    /** Concurrent fetchUpdate increments are never lost. */
    @Test
    @Timeout(60)
    void fetchUpdate_underContention_losesNoUpdate() throws Exception {
        AtomicCell<Integer> cell = new AtomicCell<>(0);
        int perThread = 50_000;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(
                    new Thread(
                            () -> {
                                for (int i = 0; i < perThread; i++) {
                                    cell.fetchUpdate(v -> v + 1);
                                }
                            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(cell.load()).isEqualTo(4 * perThread);
    }
}
