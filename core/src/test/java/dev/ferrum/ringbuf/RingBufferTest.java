package dev.ferrum.ringbuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** The generic ring's single-threaded contracts, closing, blocking, timeouts and interrupts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RingBufferTest {

    // ---- construction and basic FIFO ---------------------------------------------------------

    @Test
    void create_withNonPositiveCapacity_throwsIllegalArgumentWithValue() {
        assertThatThrownBy(() -> RingBuffer.create(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be positive: capacity=0");
        assertThatThrownBy(() -> RingBuffer.create(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity=-5");
    }

    @Test
    void producerAndConsumer_areTheSameObjectsOnEveryCall() {
        RingBuffer<String> ring = RingBuffer.create(2);
        assertThat(ring.producer()).isSameAs(ring.producer());
        assertThat(ring.consumer()).isSameAs(ring.consumer());
        assertThat(ring.capacity()).isEqualTo(2);
    }

    @Test
    void tryPush_whenFull_returnsFalse_andTryPop_whenEmpty_returnsNull() {
        RingBuffer<Integer> ring = RingBuffer.create(2);
        Producer<Integer> p = ring.producer();
        Consumer<Integer> c = ring.consumer();
        assertThat(c.tryPop()).isNull();
        assertThat(p.tryPush(1)).isTrue();
        assertThat(p.tryPush(2)).isTrue();
        assertThat(p.tryPush(3)).isFalse();
        assertThat(c.peek()).isEqualTo(1);
        assertThat(c.tryPop()).isEqualTo(1);
        assertThat(c.tryPop()).isEqualTo(2);
        assertThat(c.tryPop()).isNull();
        assertThat(c.peek()).isNull();
    }

    @Test
    void nullItems_areRejectedWithArgumentName() {
        RingBuffer<String> ring = RingBuffer.create(4);
        Producer<String> p = ring.producer();
        assertThatThrownBy(() -> p.tryPush(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("item");
        assertThatThrownBy(() -> p.push(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> p.pushSlice(null, 0, 0))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("src");
        assertThatThrownBy(() -> p.pushAll(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> p.push("x", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("timeout");
    }

    /** A slice with a null item pushes nothing at all. */
    @Test
    void pushSlice_withNullItem_pushesNothing() {
        RingBuffer<String> ring = RingBuffer.create(4);
        assertThatThrownBy(() -> ring.producer().pushSlice(new String[] {"a", null, "c"}, 0, 3))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("src[1]");
        assertThat(ring.consumer().occupiedLen()).isZero();
    }

    @Test
    void sliceOperations_checkBounds() {
        RingBuffer<String> ring = RingBuffer.create(4);
        String[] a = new String[3];
        assertThatThrownBy(() -> ring.producer().pushSlice(a, 2, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.producer().pushSlice(a, -1, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.consumer().popSlice(a, 1, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.consumer().skip(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must not be negative: n=-1");
    }

    /** pushAll takes from the iterator only what fits, so the rest stays in the iterator. */
    @Test
    void pushAll_takesOnlyWhatFits_andLeavesTheRestInTheIterator() {
        RingBuffer<Integer> ring = RingBuffer.create(3);
        Iterator<Integer> it = List.of(1, 2, 3, 4, 5).iterator();
        assertThat(ring.producer().pushAll(it)).isEqualTo(3);
        assertThat(it.next()).isEqualTo(4);
        List<Integer> out = new ArrayList<>();
        assertThat(ring.consumer().drain(out::add)).isEqualTo(3);
        assertThat(out).containsExactly(1, 2, 3);
    }

    @Test
    void pushAll_whenIteratorYieldsNull_keepsTheItemsBefore() {
        RingBuffer<String> ring = RingBuffer.create(4);
        List<String> src = new ArrayList<>();
        src.add("a");
        src.add(null);
        assertThatThrownBy(() -> ring.producer().pushAll(src.iterator()))
                .isInstanceOf(NullPointerException.class);
        assertThat(ring.consumer().tryPop()).isEqualTo("a");
        assertThat(ring.consumer().tryPop()).isNull();
    }

    /** An action that throws keeps the items after the one it threw on. */
    @Test
    void drain_whenActionThrows_keepsTheRest() {
        RingBuffer<Integer> ring = RingBuffer.create(4);
        ring.producer().pushSlice(new Integer[] {1, 2, 3}, 0, 3);
        assertThatThrownBy(
                        () ->
                                ring.consumer()
                                        .drain(
                                                x -> {
                                                    if (x == 2) {
                                                        throw new IllegalStateException("boom");
                                                    }
                                                }))
                .hasMessage("boom");
        assertThat(ring.consumer().tryPop()).isEqualTo(3);
        assertThat(ring.producer().vacantLen()).isEqualTo(4);
    }

    @Test
    void skip_discardsOldestItems() {
        RingBuffer<Integer> ring = RingBuffer.create(4);
        ring.producer().pushSlice(new Integer[] {1, 2, 3}, 0, 3);
        assertThat(ring.consumer().skip(2)).isEqualTo(2);
        assertThat(ring.consumer().skip(5)).isEqualTo(1);
        assertThat(ring.consumer().skip(5)).isZero();
        assertThat(ring.producer().tryPush(9)).isTrue();
        assertThat(ring.consumer().tryPop()).isEqualTo(9);
    }

    // ---- closing -----------------------------------------------------------------------------

    @Test
    void afterProducerClose_consumerGetsEveryItemThenEnd() throws Exception {
        RingBuffer<String> ring = RingBuffer.create(4);
        Producer<String> p = ring.producer();
        Consumer<String> c = ring.consumer();
        p.tryPush("a");
        p.tryPush("b");
        p.close();
        p.close(); // idempotent
        assertThat(c.isClosed()).isTrue();
        assertThat(c.isFinished()).isFalse();
        assertThat(c.pop()).isEqualTo("a");
        assertThat(c.pop(Duration.ofSeconds(1))).isEqualTo("b");
        assertThat(c.isFinished()).isTrue();
        assertThat(c.pop()).isNull();
        assertThat(c.pop(Duration.ofDays(1))).isNull();
    }

    @Test
    void pushAfterOwnClose_throwsIllegalState() {
        Producer<String> p = RingBuffer.<String>create(4).producer();
        p.close();
        assertThatThrownBy(() -> p.tryPush("x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("producer is closed");
        assertThatThrownBy(() -> p.push("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterConsumerClose_pushesFailAtOnce_andPopsDeliverNothing() throws Exception {
        RingBuffer<String> ring = RingBuffer.create(4);
        Producer<String> p = ring.producer();
        Consumer<String> c = ring.consumer();
        p.tryPush("a");
        c.close();
        assertThat(p.isClosed()).isTrue();
        assertThat(p.tryPush("b")).isFalse();
        assertThat(p.pushSlice(new String[] {"c"}, 0, 1)).isZero();
        assertThat(p.pushAll(List.of("d").iterator())).isZero();
        assertThat(p.push("e")).isFalse();
        assertThat(p.push("f", Duration.ofDays(1))).isFalse();
        assertThat(c.tryPop()).isNull();
        assertThat(c.pop()).isNull();
        assertThat(c.isFinished()).isTrue();
    }

    /** A producer blocked on a full ring wakes and fails when the consumer closes. */
    @Test
    void consumerClose_wakesBlockedProducer_whichReturnsFalse() throws Exception {
        RingBuffer<String> r = RingBuffer.create(1);
        var blocked =
                Threads.start(
                        "producer",
                        () -> {
                            r.producer().tryPush("a");
                            return r.producer().push("b");
                        });
        blocked.awaitParked();
        r.consumer().close();
        assertThat(blocked.get()).isFalse();
    }

    /** A consumer blocked on an empty ring wakes at the producer's close and sees the end. */
    @Test
    void producerClose_wakesBlockedConsumer_whichSeesEnd() throws Exception {
        RingBuffer<String> ring = RingBuffer.create(2);
        var blocked = Threads.start("consumer", () -> ring.consumer().pop());
        blocked.awaitParked();
        ring.producer().close();
        assertThat(blocked.get()).isNull();
    }

    @Test
    void consumerClose_fromAnotherThread_wakesBlockedConsumer() throws Exception {
        RingBuffer<String> ring = RingBuffer.create(2);
        var blocked = Threads.start("consumer", () -> ring.consumer().pop());
        blocked.awaitParked();
        ring.consumer().close();
        assertThat(blocked.get()).isNull();
    }

    // ---- blocking, timeouts, interrupts ------------------------------------------------------

    @Test
    void blockingPop_returnsItemPushedLater() throws Exception {
        RingBuffer<String> ring = RingBuffer.create(2);
        var blocked = Threads.start("consumer", () -> ring.consumer().pop());
        blocked.awaitParked();
        ring.producer().push("x");
        assertThat(blocked.get()).isEqualTo("x");
    }

    @Test
    void blockingPush_waitsForSpace() throws Exception {
        RingBuffer<String> ring = RingBuffer.create(1);
        var blocked =
                Threads.start(
                        "producer",
                        () -> {
                            ring.producer().push("a");
                            return ring.producer().push("b");
                        });
        blocked.awaitParked();
        assertThat(ring.consumer().pop()).isEqualTo("a");
        assertThat(blocked.get()).isTrue();
        assertThat(ring.consumer().pop()).isEqualTo("b");
    }

    /** Zero and negative timeouts do not wait but still take or place what they can. */
    @Test
    void zeroAndNegativeTimeouts_doNotWait_butStillSucceedWhenPossible() throws Exception {
        RingBuffer<String> ring = RingBuffer.create(1);
        Producer<String> p = ring.producer();
        Consumer<String> c = ring.consumer();
        long t0 = System.nanoTime();
        assertThat(c.pop(Duration.ZERO)).isNull();
        assertThat(c.pop(Duration.ofSeconds(-1))).isNull();
        assertThat(p.push("a", Duration.ZERO)).isTrue();
        assertThat(p.push("b", Duration.ofNanos(-1))).isFalse();
        assertThat(c.pop(Duration.ZERO)).isEqualTo("a");
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
    }

    /** A timed pop on an empty ring honours the timeout and parks rather than spinning. */
    @Test
    void timedPop_onEmptyRing_returnsNullAfterTimeout_withoutBurningCpu() throws Exception {
        Consumer<String> c = RingBuffer.<String>create(1).consumer();
        c.pop(Duration.ofMillis(1)); // warm up the code path
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        assertThat(c.pop(Duration.ofMillis(100))).isNull();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        long cpuMs = TimeUnit.NANOSECONDS.toMillis(mx.getCurrentThreadCpuTime() - cpu0);
        assertThat(ms).isBetween(100L, 2_000L);
        assertThat(cpuMs).isLessThan(20L);
        assertThat(c.isFinished()).isFalse();
    }

    @Test
    void timedPush_onFullRing_returnsFalseAfterTimeout() throws Exception {
        Producer<String> p = RingBuffer.<String>create(1).producer();
        p.tryPush("a");
        long t0 = System.nanoTime();
        assertThat(p.push("b", Duration.ofMillis(100))).isFalse();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(100_000_000L);
        assertThat(p.isClosed()).isFalse();
    }

    /** A huge timeout must not overflow into "already expired". */
    @Test
    void hugeTimeout_waitsUntilAnItemArrives() throws Exception {
        RingBuffer<String> ring = RingBuffer.create(1);
        var blocked =
                Threads.start(
                        "consumer",
                        () -> ring.consumer().pop(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)));
        blocked.awaitParked();
        Thread.sleep(50);
        assertThat(blocked.result()).isNotDone();
        ring.producer().push("late");
        assertThat(blocked.get()).isEqualTo("late");
    }

    @Test
    void pop_whenInterruptedOnEntry_throwsAndTakesNothing() {
        RingBuffer<String> ring = RingBuffer.create(1);
        ring.producer().tryPush("a");
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ring.consumer().pop()).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(ring.consumer().tryPop()).isEqualTo("a");
    }

    @Test
    void push_whenInterruptedOnEntry_throwsAndPushesNothing() {
        RingBuffer<String> ring = RingBuffer.create(1);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ring.producer().push("a"))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(ring.consumer().occupiedLen()).isZero();
    }

    /**
     * Interrupting a consumer parked in pop throws InterruptedException promptly with the flag
     * cleared, and leaves the ring fully usable: a later push is popped by the same consumer.
     */
    @Test
    void pop_interruptedWhileBlocked_throwsWithFlagCleared_andRingStaysUsable() throws Exception {
        RingBuffer<String> ring = RingBuffer.create(2);
        var blocked =
                Threads.start(
                        "consumer",
                        () -> {
                            try {
                                ring.consumer().pop();
                                return "no exception";
                            } catch (InterruptedException e) {
                                boolean flag = Thread.currentThread().isInterrupted();
                                String next = ring.consumer().pop(Duration.ofSeconds(5));
                                return "interrupted flag=" + flag + " next=" + next;
                            }
                        });
        blocked.awaitParked();
        blocked.thread().interrupt();
        Threads.awaitTrue(
                () -> blocked.thread().getState() != Thread.State.WAITING,
                "consumer did not react to the interrupt");
        Thread.sleep(20);
        ring.producer().push("after");
        assertThat(blocked.get()).isEqualTo("interrupted flag=false next=after");
    }

    @Test
    void push_interruptedWhileBlocked_throwsAndPushesNothing() throws Exception {
        RingBuffer<String> ring = RingBuffer.create(1);
        var blocked =
                Threads.start(
                        "producer",
                        () -> {
                            ring.producer().push("a");
                            try {
                                ring.producer().push("b");
                                return "no exception";
                            } catch (InterruptedException e) {
                                return "interrupted flag=" + Thread.currentThread().isInterrupted();
                            }
                        });
        blocked.awaitParked();
        blocked.thread().interrupt();
        assertThat(blocked.get()).isEqualTo("interrupted flag=false");
        assertThat(ring.consumer().tryPop()).isEqualTo("a");
        assertThat(ring.consumer().tryPop()).isNull();
    }

    // ---- ownership ---------------------------------------------------------------------------

    /** With assertions enabled, a second thread using an owned side fails fast. */
    @Test
    void ownerOnlyMethods_fromAnotherThread_failWithAssertionError() throws Exception {
        RingBuffer<String> ring = RingBuffer.create(4);
        ring.producer().tryPush("mine"); // this thread becomes the producer's owner
        var other = Threads.start("intruder", () -> ring.producer().tryPush("theirs"));
        assertThatThrownBy(other::get).hasCauseInstanceOf(AssertionError.class);
        // Handing over before first use is fine: the first caller becomes the owner.
        var consumer = Threads.start("consumer", () -> ring.consumer().tryPop());
        assertThat(consumer.get()).isEqualTo("mine");
    }

    // ---- virtual threads ---------------------------------------------------------------------

    /**
     * Consumers blocked in pop on virtual threads do not pin their carriers: many more of them than
     * carriers block at once, and all finish once their producers push.
     */
    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void blockedVirtualThreads_doNotPinCarriers() throws Exception {
        Method factory =
                java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        int n = 1000;
        List<RingBuffer<Integer>> rings = new ArrayList<>();
        List<Future<Integer>> results = new ArrayList<>();
        ExecutorService ex = (ExecutorService) factory.invoke(null);
        try {
            for (int i = 0; i < n; i++) {
                RingBuffer<Integer> r = RingBuffer.create(1);
                rings.add(r);
                results.add(ex.submit(() -> r.consumer().pop()));
            }
            Thread.sleep(200);
            for (int i = 0; i < n; i++) {
                RingBuffer<Integer> r = rings.get(i);
                int v = i;
                ex.submit(() -> r.producer().push(v));
            }
            for (int i = 0; i < n; i++) {
                assertThat(results.get(i).get(20, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            ex.shutdownNow();
        }
    }
}
