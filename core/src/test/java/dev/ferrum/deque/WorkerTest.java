package dev.ferrum.deque;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WorkerTest {

    @Test
    void fifo_popsInPushOrder() {
        Worker<Integer> w = Worker.newFifo();
        assertThat(w.isFifo()).isTrue();
        for (int i = 0; i < 5; i++) {
            w.push(i);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(w.pop()).isEqualTo(i);
        }
        assertThat(w.pop()).isNull();
    }

    @Test
    void lifo_popsNewestFirst() {
        Worker<Integer> w = Worker.newLifo();
        assertThat(w.isFifo()).isFalse();
        for (int i = 0; i < 5; i++) {
            w.push(i);
        }
        for (int i = 4; i >= 0; i--) {
            assertThat(w.pop()).isEqualTo(i);
        }
        assertThat(w.pop()).isNull();
    }

    @Test
    void pop_onEmpty_returnsNull_andLeavesDequeUsable() {
        for (Worker<String> w : new Worker[] {Worker.newFifo(), Worker.newLifo()}) {
            assertThat(w.pop()).isNull();
            assertThat(w.pop()).isNull();
            w.push("a");
            assertThat(w.size()).isEqualTo(1);
            assertThat(w.pop()).isEqualTo("a");
            assertThat(w.size()).isZero();
        }
    }

    @Test
    void isEmptyAndSize_trackPushesAndPops() {
        for (Worker<Integer> w : new Worker[] {Worker.newFifo(), Worker.newLifo()}) {
            assertThat(w.isEmpty()).isTrue();
            assertThat(w.size()).isZero();
            w.push(1);
            w.push(2);
            assertThat(w.isEmpty()).isFalse();
            assertThat(w.size()).isEqualTo(2);
            w.pop();
            assertThat(w.size()).isEqualTo(1);
            w.stealer().steal();
            assertThat(w.isEmpty()).isTrue();
            assertThat(w.size()).isZero();
        }
    }

    @Test
    void push_null_throwsNpeNamingTheArgument() {
        Worker<String> w = Worker.newLifo();
        assertThatThrownBy(() -> w.push(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("item");
        assertThat(w.isEmpty()).isTrue();
    }

    /** The buffer doubles when a push finds it full, keeping every item in order. */
    @Test
    void push_beyondCapacity_growsByDoubling_andKeepsOrder() {
        for (boolean fifo : new boolean[] {true, false}) {
            Worker<Integer> w = fifo ? Worker.newFifo() : Worker.newLifo();
            assertThat(w.capacity()).isEqualTo(Worker.MIN_CAP);
            for (int i = 0; i < Worker.MIN_CAP; i++) {
                w.push(i);
            }
            assertThat(w.capacity()).isEqualTo(Worker.MIN_CAP);
            w.push(Worker.MIN_CAP);
            assertThat(w.capacity()).isEqualTo(2 * Worker.MIN_CAP);
            for (int i = Worker.MIN_CAP + 1; i < 1000; i++) {
                w.push(i);
            }
            assertThat(w.capacity()).isEqualTo(1024);
            assertThat(w.size()).isEqualTo(1000);
            for (int i = 0; i < 1000; i++) {
                assertThat(w.pop()).isEqualTo(fifo ? i : 999 - i);
            }
        }
    }

    /** Popping shrinks the buffer when it is mostly empty, never below the minimum capacity. */
    @Test
    void pop_whenMostlyEmpty_shrinks_butNotBelowMinimum() {
        for (boolean fifo : new boolean[] {true, false}) {
            Worker<Integer> w = fifo ? Worker.newFifo() : Worker.newLifo();
            for (int i = 0; i < 1024; i++) {
                w.push(i);
            }
            assertThat(w.capacity()).isEqualTo(1024);
            int minSeen = 1024;
            while (w.size() > 0) {
                w.pop();
                assertThat(w.capacity()).isGreaterThanOrEqualTo(Worker.MIN_CAP);
                assertThat(w.capacity()).isGreaterThanOrEqualTo(w.size());
                minSeen = Math.min(minSeen, w.capacity());
            }
            assertThat(w.capacity()).isEqualTo(Worker.MIN_CAP);
            assertThat(minSeen).isEqualTo(Worker.MIN_CAP);
        }
    }

    @Test
    void stealer_takesFromTheFront_inBothFlavours() {
        Worker<Integer> fifo = Worker.newFifo();
        Worker<Integer> lifo = Worker.newLifo();
        for (int i = 1; i <= 3; i++) {
            fifo.push(i);
            lifo.push(i);
        }
        assertThat(fifo.stealer().steal()).isEqualTo(Steal.success(1));
        assertThat(fifo.pop()).isEqualTo(2);
        assertThat(fifo.pop()).isEqualTo(3);
        assertThat(lifo.stealer().steal()).isEqualTo(Steal.success(1));
        assertThat(lifo.pop()).isEqualTo(3);
        assertThat(lifo.pop()).isEqualTo(2);
    }

    /** A worker created on one thread is owned by the first thread that uses it. */
    @Test
    @Timeout(10)
    void firstUsingThread_becomesOwner_evenIfAnotherCreatedIt() throws Exception {
        Worker<String> w = Worker.newLifo();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t =
                new Thread(
                        () -> {
                            try {
                                w.push("x");
                                w.pop();
                            } catch (Throwable e) {
                                failure.set(e);
                            }
                        });
        t.start();
        t.join();
        assertThat(failure.get()).isNull();
        assertThatThrownBy(() -> w.push("y"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("owned by thread " + t.getName());
    }

    /** Stealers may be created before the worker has an owner, without claiming it. */
    @Test
    @Timeout(10)
    void stealer_beforeAnyOwner_doesNotClaimOwnership() throws Exception {
        Worker<String> w = Worker.newLifo();
        Stealer<String> s = w.stealer();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t =
                new Thread(
                        () -> {
                            try {
                                w.push("x");
                                w.stealer();
                            } catch (Throwable e) {
                                failure.set(e);
                            }
                        });
        t.start();
        t.join();
        assertThat(failure.get()).isNull();
        assertThat(s.steal().value()).isEqualTo("x");
        assertThatThrownBy(w::stealer).isInstanceOf(AssertionError.class);
    }

    /** With assertions enabled, every owner-only method rejects a second thread. */
    @Test
    @Timeout(10)
    void ownerOnlyMethods_fromAnotherThread_failAssertion() throws Exception {
        Worker<String> w = Worker.newFifo();
        w.push("a");
        Worker<String> other = Worker.newFifo();
        Stealer<String> s = w.stealer();
        Stealer<String> otherStealer = other.stealer();
        other.push("o");
        Runnable[] calls = {
            () -> w.push("b"),
            w::pop,
            w::stealer,
            w::isEmpty,
            w::size,
            // A batch destination is used as its owner: only its owner may steal into it.
            () -> otherStealer.stealBatch(w),
            () -> otherStealer.stealBatchAndPop(w),
        };
        for (Runnable call : calls) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread t =
                    new Thread(
                            () -> {
                                try {
                                    call.run();
                                } catch (Throwable e) {
                                    failure.set(e);
                                }
                            });
            t.start();
            t.join();
            assertThat(failure.get()).isInstanceOf(AssertionError.class);
        }
        // Stealers are for every thread.
        AtomicReference<Steal<String>> stolen = new AtomicReference<>();
        Thread t = new Thread(() -> stolen.set(s.steal()));
        t.start();
        t.join();
        assertThat(stolen.get()).isEqualTo(Steal.success("a"));
    }
}
