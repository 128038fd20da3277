package dev.ferrum.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guard lifecycle of a releasing swap: a replaced value is released exactly once, only after
 * every guard that pinned it has closed; a guard never observes a released value.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GuardTest {

    private final List<String> released = new ArrayList<>();
    private final ArcSwap<String> swap = ArcSwap.of("a", released::add);

    @Test
    void store_withoutGuards_releasesReplacedValueAtOnce() {
        swap.store("b");
        assertThat(released).containsExactly("a");
        swap.store("c");
        assertThat(released).containsExactly("a", "b");
    }

    @Test
    void store_whileGuardOpen_releasesOnlyWhenGuardCloses() {
        Guard<String> g = swap.guard();
        swap.store("b");
        assertThat(released).isEmpty();
        assertThat(g.get()).isEqualTo("a"); // the guard keeps its snapshot
        assertThat(swap.load()).isEqualTo("b");
        g.close();
        assertThat(released).containsExactly("a");
    }

    @Test
    void replacedValue_isReleasedAfterItsLastGuardOnly() {
        Guard<String> g1 = swap.guard();
        Guard<String> g2 = swap.guard();
        swap.store("b");
        g1.close();
        assertThat(released).isEmpty();
        g2.close();
        assertThat(released).containsExactly("a");
    }

    @Test
    void guardsOnSuccessiveValues_releaseEachValueIndependently() {
        Guard<String> ga = swap.guard();
        swap.store("b");
        Guard<String> gb = swap.guard();
        swap.store("c");
        assertThat(released).isEmpty();
        gb.close();
        assertThat(released).containsExactly("b");
        ga.close();
        assertThat(released).containsExactly("b", "a");
    }

    @Test
    void guardOnCurrentValue_closingReleasesNothing() {
        Guard<String> g = swap.guard();
        g.close();
        assertThat(released).isEmpty();
        assertThat(swap.currentSlot().pins()).isZero();
    }

    /** Guard.close() is idempotent: a second close neither unpins twice nor releases again. */
    @Test
    void close_twice_isIdempotent() {
        Guard<String> g1 = swap.guard();
        Guard<String> g2 = swap.guard();
        swap.store("b");
        g1.close();
        g1.close(); // must not remove g2's pin
        assertThat(released).isEmpty();
        g2.close();
        g2.close();
        assertThat(released).containsExactly("a");
    }

    @Test
    void get_afterClose_throwsIse() {
        Guard<String> g = swap.guard();
        assertThat(g.isClosed()).isFalse();
        g.close();
        assertThat(g.isClosed()).isTrue();
        assertThatThrownBy(g::get)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("guard is closed");
        assertThat(g.toString()).isEqualTo("Guard[closed]");
    }

    @Test
    void guard_closedInAnotherThread_releasesThere() throws Exception {
        Guard<String> g = swap.guard();
        swap.store("b");
        String releasedBy =
                CompletableFuture.supplyAsync(
                                () -> {
                                    g.close();
                                    return released.isEmpty() ? "nobody" : "closer";
                                })
                        .get(10, TimeUnit.SECONDS);
        assertThat(releasedBy).isEqualTo("closer");
        assertThat(released).containsExactly("a");
    }

    @Test
    void closeSwap_withoutGuards_releasesCurrentValueOnce() {
        swap.store("b");
        swap.close();
        swap.close();
        assertThat(released).containsExactly("a", "b");
    }

    @Test
    void closeSwap_withGuardOpen_releasesCurrentValueWhenGuardCloses() {
        Guard<String> g = swap.guard();
        swap.close();
        assertThat(released).isEmpty();
        assertThat(g.get()).isEqualTo("a"); // a guard opened before close stays valid
        g.close();
        assertThat(released).containsExactly("a");
    }

    @Test
    void storeOfCurrentValue_changesAndReleasesNothing() {
        swap.store("a");
        assertThat(swap.swap("a")).isEqualTo("a");
        assertThat(released).isEmpty();
        swap.store("b");
        assertThat(released).containsExactly("a");
    }

    @Test
    void compareAndSwap_failure_doesNotReleaseTheRejectedNewValue() {
        assertThat(swap.compareAndSwap("zzz", "b")).isEqualTo("a");
        assertThat(released).isEmpty();
        assertThat(swap.compareAndSwap("a", "b")).isEqualTo("a");
        assertThat(released).containsExactly("a");
    }

    /** rcu pins the value f reads, and releases the candidates of attempts that lost the race. */
    @Test
    void rcu_releasesDiscardedCandidatesAndKeepsReadValuePinned() {
        List<String> seen = new ArrayList<>();
        String prev =
                swap.rcu(
                        x -> {
                            seen.add(x);
                            if (seen.size() == 1) {
                                swap.store("b"); // "a" is retired but pinned by rcu's guard
                                assertThat(released).isEmpty();
                            }
                            return x + "+";
                        });
        assertThat(prev).isEqualTo("b");
        assertThat(seen).containsExactly("a", "b");
        // "a+" lost and was discarded; "a" released once rcu's guard on it closed; "b" replaced.
        assertThat(released).containsExactlyInAnyOrder("a", "a+", "b");
        assertThat(swap.load()).isEqualTo("b+");
    }

    @Test
    void viewGuard_pinsTheUnderlyingValue() {
        ArcSwap.View<Integer> len = swap.map(String::length);
        Guard<Integer> g = len.guard();
        swap.store("bb");
        assertThat(released).isEmpty();
        assertThat(g.get()).isEqualTo(1);
        g.close();
        assertThat(released).containsExactly("a");
    }

    @Test
    void viewGuard_whenProjectionThrows_unpins() {
        ArcSwap.View<Integer> bad =
                swap.map(
                        s -> {
                            throw new IllegalArgumentException("projection");
                        });
        assertThatThrownBy(bad::guard).isInstanceOf(IllegalArgumentException.class);
        assertThat(swap.currentSlot().pins()).isZero();
    }

    @Test
    void releaseAction_seesTheValueOnlyAfterPinsAreGone() {
        List<Long> pinsAtRelease = new ArrayList<>();
        AtomicReference<Slot<?>> first = new AtomicReference<>();
        ArcSwap<String> s = ArcSwap.of("a", v -> pinsAtRelease.add(first.get().pins()));
        first.set(s.currentSlot());
        Guard<String> g = s.guard();
        s.store("b");
        assertThat(first.get().isReleased()).isFalse();
        g.close();
        assertThat(pinsAtRelease).containsExactly(0L);
        assertThat(first.get().isReleased()).isTrue();
    }

    /**
     * Guards opened by threads with consecutive ids count in different stripes, so readers on
     * different cores do not write one shared counter.
     */
    @Test
    void guardsOfDifferentThreads_pinDifferentStripes() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Slot.STRIPES > 1, "one processor");
        Slot<?> slot = swap.currentSlot();
        List<Integer> stripes = new ArrayList<>();
        for (int t = 0; t < Slot.STRIPES; t++) {
            AtomicReference<Guard<String>> held = new AtomicReference<>();
            int[] probe = new int[1];
            Thread th =
                    new Thread(
                            () -> {
                                held.set(swap.guard());
                                probe[0] = Slot.probe();
                            });
            th.start();
            th.join();
            assertThat(slot.pinsIn(probe[0])).isEqualTo(1);
            stripes.add(probe[0]);
            held.get().close();
        }
        assertThat(stripes).as("stripes of consecutive threads").doesNotHaveDuplicates();
    }

    @Test
    void plainSwapGuard_carriesValueAndClosesIdempotently() {
        ArcSwap<String> plain = ArcSwap.of("a");
        Guard<String> g = plain.guard();
        plain.store("b");
        assertThat(g.get()).isEqualTo("a");
        g.close();
        g.close();
        assertThatThrownBy(g::get).isInstanceOf(IllegalStateException.class);
    }
}
