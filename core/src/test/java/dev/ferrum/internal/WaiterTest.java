package dev.ferrum.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The waiting mechanism: a wait ends exactly once, by a notifier's selection, its budget, or an
 * interrupt; it honours its budget without spinning; it survives spurious wake-ups.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WaiterTest {

    private static final long TOKEN = Waiter.FIRST_TOKEN;
    private static final long MS = 1_000_000L;

    // ---- selection -------------------------------------------------------------------------

    @Test
    void trySelect_succeedsOnceOnly() {
        Waiter w = new Waiter();
        assertThat(w.selected()).isEqualTo(Waiter.WAITING);
        assertThat(w.trySelect(TOKEN)).isTrue();
        assertThat(w.trySelect(TOKEN + 1)).isFalse();
        assertThat(w.selected()).isEqualTo(TOKEN);
    }

    @Test
    void await_returnsSelectionMadeBeforeIt() {
        Waiter w = new Waiter();
        w.trySelect(TOKEN);
        assertThat(w.await(Timeouts.FOREVER, true)).isEqualTo(TOKEN);
    }

    @Test
    void await_returnsTokenOfNotifierInAnotherThread() throws Exception {
        Result r = awaitInThread(Timeouts.FOREVER, true);
        r.awaitParked();
        assertThat(r.waiter.trySelect(TOKEN + 5)).isTrue();
        r.waiter.unpark();
        assertThat(r.result.get(5, TimeUnit.SECONDS)).isEqualTo(TOKEN + 5);
    }

    @Test
    void packet_isHandedOverWithTheSelection() throws Exception {
        Result r = awaitInThread(Timeouts.FOREVER, false);
        r.awaitParked();
        r.waiter.storePacket("hello");
        assertThat(r.waiter.trySelect(TOKEN)).isTrue();
        r.waiter.unpark();
        assertThat(r.result.get(5, TimeUnit.SECONDS)).isEqualTo(TOKEN);
        assertThat(r.waiter.packet()).isEqualTo("hello");
    }

    @Test
    void reset_makesTheWaiterReusable() {
        Waiter w = new Waiter();
        w.storePacket("x");
        w.trySelect(TOKEN);
        w.reset();
        assertThat(w.selected()).isEqualTo(Waiter.WAITING);
        assertThat(w.packet()).isNull();
        assertThat(w.await(0L, false)).isEqualTo(Waiter.TIMED_OUT);
    }

    // ---- budgets ---------------------------------------------------------------------------

    /**
     * Zero and negative budgets return TIMED_OUT at once. On a loaded machine one call can be
     * descheduled for tens of milliseconds, so the bound must hold for the fastest of five calls: a
     * wait that really parked or spun would miss it every time.
     */
    @Test
    void zeroAndNegativeBudgets_returnAtOnceWithoutWaiting() {
        for (long budget : new long[] {0L, -1L, Long.MIN_VALUE}) {
            long fastest = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 5; attempt++) {
                Waiter w = new Waiter();
                long start = System.nanoTime();
                assertThat(w.await(budget, true)).isEqualTo(Waiter.TIMED_OUT);
                fastest = Math.min(fastest, System.nanoTime() - start);
            }
            assertThat(fastest).as("fastest return for budget %d, ns", budget).isLessThan(5 * MS);
        }
    }

    @Test
    void zeroBudget_stillReturnsAnExistingSelection() {
        // A wait that is already decided is not a timeout, even when the caller will not wait.
        Waiter w = new Waiter();
        w.trySelect(TOKEN);
        assertThat(w.await(0L, true)).isEqualTo(TOKEN);
    }

    @Test
    void timedOutWaiter_cannotBeSelectedAfterwards() {
        Waiter w = new Waiter();
        assertThat(w.await(1L, false)).isEqualTo(Waiter.TIMED_OUT);
        assertThat(w.trySelect(TOKEN)).isFalse();
        assertThat(w.selected()).isEqualTo(Waiter.TIMED_OUT);
    }

    /**
     * A 100 ms wait returns no earlier than 100 ms and, on a loaded machine, within 150 ms, using
     * little CPU. Never early, on every attempt; the upper bounds must hold on one of three.
     */
    @Test
    void timedWait_honoursBudgetAndParks() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long bestElapsed = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            Waiter w = new Waiter();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long sel = w.await(100 * MS, true);
            long elapsed = System.nanoTime() - t0;
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            assertThat(sel).isEqualTo(Waiter.TIMED_OUT);
            assertThat(elapsed).as("never early").isGreaterThanOrEqualTo(100 * MS);
            bestElapsed = Math.min(bestElapsed, elapsed);
            bestCpu = Math.min(bestCpu, cpu);
            if (bestElapsed < 150 * MS && bestCpu < 20 * MS) {
                break;
            }
        }
        assertThat(bestElapsed).as("elapsed ns").isLessThan(150 * MS);
        assertThat(bestCpu).as("CPU ns while waiting").isLessThan(20 * MS);
    }

    @Test
    void hugeBudget_doesNotExpireEarly() throws Exception {
        for (long budget :
                new long[] {Timeouts.FOREVER, Timeouts.FOREVER - 1, Long.MAX_VALUE / 2}) {
            Result r = awaitInThread(budget, true);
            r.awaitParked();
            Thread.sleep(200);
            assertThat(r.result).as("budget %d", budget).isNotDone();
            assertThat(r.waiter.trySelect(TOKEN)).isTrue();
            r.waiter.unpark();
            assertThat(r.result.get(5, TimeUnit.SECONDS)).isEqualTo(TOKEN);
        }
    }

    // ---- interrupts ------------------------------------------------------------------------

    @Test
    void interruptBeforeWait_endsItAndClearsTheFlag() {
        Waiter w = new Waiter();
        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        assertThat(w.await(Timeouts.FOREVER, true)).isEqualTo(Waiter.INTERRUPTED);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(100 * MS);
        assertThat(w.trySelect(TOKEN)).as("an interrupted wait cannot be selected").isFalse();
    }

    @Test
    void interruptDuringWait_endsItPromptlyAndClearsTheFlag() throws Exception {
        Result r = awaitInThread(Timeouts.FOREVER, true);
        r.awaitParked();
        long start = System.nanoTime();
        r.thread.get().interrupt();
        assertThat(r.result.get(5, TimeUnit.SECONDS)).isEqualTo(Waiter.INTERRUPTED);
        assertThat(System.nanoTime() - start).isLessThan(100 * MS);
        assertThat(r.flagAfter.get()).as("interrupt flag after the wait").isFalse();
    }

    @Test
    void interruptDuringTimedWait_endsIt() throws Exception {
        Result r = awaitInThread(10_000 * MS, true);
        r.awaitParked();
        r.thread.get().interrupt();
        assertThat(r.result.get(5, TimeUnit.SECONDS)).isEqualTo(Waiter.INTERRUPTED);
        assertThat(r.flagAfter.get()).isFalse();
    }

    /**
     * An uninterruptible wait ignores an interrupt, keeps the flag set for the caller, and keeps
     * parking: with the flag set, {@code park} returns at once, so a wait that did not clear it for
     * the duration would spin for the rest of its budget.
     */
    @Test
    void uninterruptibleWait_ignoresInterruptKeepsTheFlagAndStillParks() throws Exception {
        Result r = awaitInThread(200 * MS, false);
        r.awaitParked();
        r.thread.get().interrupt();
        assertThat(r.result.get(5, TimeUnit.SECONDS)).isEqualTo(Waiter.TIMED_OUT);
        assertThat(r.flagAfter.get()).isTrue();
        assertThat(r.cpuNanos.get()).as("CPU ns used by the wait").isLessThan(50 * MS);
    }

    @Test
    void uninterruptibleWait_enteredWithFlagSet_stillParksAndKeepsTheFlag() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Waiter w = new Waiter();
        Thread.currentThread().interrupt();
        long cpu0 = mx.getCurrentThreadCpuTime();
        assertThat(w.await(150 * MS, false)).isEqualTo(Waiter.TIMED_OUT);
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        assertThat(Thread.interrupted()).as("flag kept").isTrue();
        assertThat(cpu).as("CPU ns used by the wait").isLessThan(50 * MS);
    }

    /**
     * An interrupt racing a selection is reported exactly once: either as INTERRUPTED (the flag
     * cleared, the notifier's selection refused) or by the wait completing with the notifier's
     * token and the flag left set. Never both, never neither.
     */
    @Test
    void interruptRacingSelection_isNeverLostNorDoubled() throws Exception {
        for (int round = 0; round < 2_000; round++) {
            Result r = awaitInThread(Timeouts.FOREVER, true);
            Thread t = r.thread.get();
            while (t == null) {
                Thread.onSpinWait();
                t = r.thread.get();
            }
            if ((round & 1) == 0) {
                LockSupport.parkNanos(round % 50 * 1_000L); // vary where the race lands
            }
            t.interrupt();
            boolean selected = r.waiter.trySelect(TOKEN);
            if (selected) {
                r.waiter.unpark();
            }
            long sel = r.result.get(5, TimeUnit.SECONDS);
            if (selected) {
                assertThat(sel).as("round %d", round).isEqualTo(TOKEN);
                assertThat(r.flagAfter.get()).as("flag kept, round %d", round).isTrue();
            } else {
                assertThat(sel).as("round %d", round).isEqualTo(Waiter.INTERRUPTED);
                assertThat(r.flagAfter.get()).as("flag cleared, round %d", round).isFalse();
            }
        }
    }

    // ---- spurious wake-ups -----------------------------------------------------------------

    @Test
    void spuriousUnparks_doNotEndTheWait() throws Exception {
        Result r = awaitInThread(Timeouts.FOREVER, true);
        r.awaitParked();
        for (int i = 0; i < 100; i++) {
            LockSupport.unpark(r.thread.get());
            LockSupport.parkNanos(100_000L);
        }
        assertThat(r.result).isNotDone();
        assertThat(r.waiter.trySelect(TOKEN)).isTrue();
        r.waiter.unpark();
        assertThat(r.result.get(5, TimeUnit.SECONDS)).isEqualTo(TOKEN);
    }

    @Test
    void spuriousUnparks_doNotShortenATimedWait() throws Exception {
        Result r = awaitInThread(150 * MS, true);
        r.awaitParked();
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            LockSupport.unpark(r.thread.get());
            LockSupport.parkNanos(500_000L);
        }
        assertThat(r.result.get(5, TimeUnit.SECONDS)).isEqualTo(Waiter.TIMED_OUT);
        assertThat(r.elapsedNanos.get()).isGreaterThanOrEqualTo(150 * MS);
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** A wait running in its own thread, with what it returned and its interrupt flag after. */
    private static final class Result {
        final CompletableFuture<Long> result = new CompletableFuture<>();
        final AtomicReference<Thread> thread = new AtomicReference<>();
        final AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        final AtomicReference<Long> elapsedNanos = new AtomicReference<>();
        final AtomicReference<Long> cpuNanos = new AtomicReference<>();
        volatile Waiter waiter;

        /** Waits until the waiting thread is parked (or at least blocked) in await. */
        void awaitParked() throws InterruptedException {
            long deadline = System.nanoTime() + 5_000 * MS;
            while (true) {
                Thread t = thread.get();
                if (t != null && waiter != null) {
                    Thread.State s = t.getState();
                    if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("waiting thread never parked");
                }
                Thread.sleep(1);
            }
        }
    }

    private static Result awaitInThread(long budget, boolean interruptible) {
        Result r = new Result();
        Thread t =
                new Thread(
                        () -> {
                            Waiter w = new Waiter();
                            r.waiter = w;
                            r.thread.set(Thread.currentThread());
                            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                            long cpu0 = mx.getCurrentThreadCpuTime();
                            long t0 = System.nanoTime();
                            long sel = w.await(budget, interruptible);
                            r.elapsedNanos.set(System.nanoTime() - t0);
                            r.cpuNanos.set(mx.getCurrentThreadCpuTime() - cpu0);
                            r.flagAfter.set(Thread.interrupted());
                            r.result.complete(sel);
                        },
                        "waiter");
        t.setDaemon(true);
        t.start();
        while (r.waiter == null) {
            Thread.onSpinWait();
        }
        return r;
    }
}
