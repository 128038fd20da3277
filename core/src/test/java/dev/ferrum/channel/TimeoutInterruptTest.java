package dev.ferrum.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Timeouts at the extremes and interrupts of blocked operations, for every flavour. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimeoutInterruptTest {

    private static final long MS = 1_000_000L;
    private static final Duration HUGE = ChronoUnit.FOREVER.getDuration();

    /** Puts one message where a receive can take it without waiting (rendezvous: a sender). */
    private static Threads.Running<Void> offerOne(Channel<Integer> ch, Flavour f, int msg)
            throws Exception {
        if (f.buffers()) {
            ch.sender().send(msg);
            return null;
        }
        Threads.Running<Void> s =
                Threads.start(
                        () -> {
                            ch.sender().send(msg);
                            return null;
                        });
        s.awaitBlocked();
        return s;
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void zeroAndNegativeTimeout_onEmpty_returnNullAtOnce(Flavour f) throws Exception {
        // The bound must hold for the fastest of five attempts: on a loaded machine one attempt
        // can lose the processor for longer than 5 ms, but a call that waits loses every time.
        Channel<Integer> ch = f.create();
        long fastest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            long t0 = System.nanoTime();
            assertThat(ch.receiver().recv(Duration.ZERO)).isNull();
            assertThat(ch.receiver().recv(Duration.ofNanos(-1))).isNull();
            assertThat(ch.receiver().recv(Duration.ofDays(-3650))).isNull();
            fastest = Math.min(fastest, System.nanoTime() - t0);
        }
        assertThat(fastest).isLessThan(5 * MS);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void zeroTimeout_withMessageThere_returnsIt(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        Threads.Running<Void> s = offerOne(ch, f, 42);
        assertThat(ch.receiver().recv(Duration.ZERO)).isEqualTo(42);
        if (s != null) {
            s.get();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void hugeTimeout_waitsWithoutOverflowUntilMessage(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        Threads.Running<Integer> r = Threads.start(() -> ch.receiver().recv(HUGE));
        Thread.sleep(200);
        assertThat(r.result).as("no early timeout").isNotDone();
        ch.sender().send(7);
        assertThat(r.get()).isEqualTo(7);
    }

    /** A 100 ms timeout lasts at least 100 ms, well under 150 ms, and parks instead of spinning. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void timedRecv_honoursTimeoutWithoutBurningCpu(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // Warm up the path once, so class loading is not measured.
        ch.receiver().recv(Duration.ofMillis(1));
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        assertThat(ch.receiver().recv(Duration.ofMillis(100))).isNull();
        long wall = System.nanoTime() - t0;
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        assertThat(wall).isGreaterThanOrEqualTo(100 * MS).isLessThan(150 * MS);
        assertThat(cpu).isLessThan(20 * MS);
    }

    @ParameterizedTest
    @EnumSource(
            value = Flavour.class,
            names = {"ZERO", "ARRAY_1"})
    void timedSend_whenFull_zeroFailsAtOnceAndHugeBlocks(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        if (f.capacity == 1) {
            ch.sender().send(0);
        }
        assertThat(ch.sender().send(1, Duration.ZERO)).isFalse(); // warm-up: class loading
        long t0 = System.nanoTime();
        assertThat(ch.sender().send(1, Duration.ZERO)).isFalse();
        assertThat(System.nanoTime() - t0).isLessThan(5 * MS);
        Threads.Running<Boolean> s = Threads.start(() -> ch.sender().send(2, HUGE));
        s.awaitBlocked();
        Thread.sleep(50);
        assertThat(s.result).isNotDone();
        if (f.capacity == 1) {
            assertThat(ch.receiver().recv()).isEqualTo(0);
        }
        assertThat(ch.receiver().recv()).isEqualTo(2);
        assertThat(s.get()).isTrue();
    }

    /**
     * An interrupted blocked receive throws at once with the flag clear and takes nothing; a later
     * send is received by another receive without delay.
     */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void interruptedRecv_throwsClearsFlagAndHasNoEffect(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        Threads.Running<Boolean> r =
                Threads.start(
                        () -> {
                            try {
                                ch.receiver().recv();
                                return false;
                            } catch (InterruptedException e) {
                                return !Thread.currentThread().isInterrupted();
                            }
                        });
        r.awaitBlocked();
        long t0 = System.nanoTime();
        r.thread.interrupt();
        assertThat(r.get()).as("InterruptedException with the flag cleared").isTrue();
        assertThat(System.nanoTime() - t0).isLessThan(100 * MS);
        Threads.Running<Void> s = offerOne(ch, f, 5);
        assertThat(ch.receiver().recv(Duration.ofSeconds(1))).isEqualTo(5);
        if (s != null) {
            s.get();
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void interruptedSend_throwsAndSendsNothing(Flavour f) throws Exception {
        if (f.capacity < 0) {
            return;
        }
        Channel<Integer> ch = f.create();
        for (int i = 0; i < f.capacity; i++) {
            ch.sender().send(i);
        }
        Threads.Running<Boolean> s =
                Threads.start(
                        () -> {
                            try {
                                ch.sender().send(99);
                                return false;
                            } catch (InterruptedException e) {
                                return !Thread.currentThread().isInterrupted();
                            }
                        });
        s.awaitBlocked();
        s.thread.interrupt();
        assertThat(s.get()).isTrue();
        for (int i = 0; i < f.capacity; i++) {
            assertThat(ch.receiver().tryRecv()).isEqualTo(i);
        }
        assertThat(ch.receiver().tryRecv()).as("the interrupted send delivered nothing").isNull();
    }

    /** Entered with the flag set, blocking and timed calls throw at once, even with a message. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void preInterrupted_blockingCallsThrowAtOnceWithoutEffect(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        Threads.Running<Void> s = offerOne(ch, f, 1);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ch.receiver().recv()).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ch.receiver().recv(Duration.ZERO))
                .isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ch.sender().send(2)).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        Select sel = new Select();
        sel.recv(ch.receiver());
        assertThatThrownBy(sel::select).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(ch.receiver().recv()).as("the message is still there").isEqualTo(1);
        if (s != null) {
            s.get();
        }
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ch.receiver().recv()).isInstanceOf(InterruptedException.class);
    }
}
