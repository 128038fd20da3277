package dev.ferrum.bench.wait;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Round-trip time of a ping-pong hand-off between two threads, for each waiting policy.
 *
 * <p>The benchmark thread posts sequence number {@code n} on {@code ping} and waits for {@code n}
 * on {@code pong}; an echo thread, started in setup, waits for {@code n} on {@code ping}, burns
 * {@link #echoWork} tokens of CPU, and posts {@code n} on {@code pong}. One operation is one full
 * round trip, so each side waits once per operation. Both directions use the same policy:
 *
 * <ul>
 *   <li>{@code ferrum}: Ferrum's {@code Waiter}/{@code WaitQueue} protocol, which spins briefly and
 *       then parks;
 *   <li>{@code park}: {@code LockSupport.park} at once;
 *   <li>{@code spin}: busy-waiting with {@code Thread.onSpinWait()};
 *   <li>{@code backoff}: {@code Backoff.snooze()}, spinning then yielding, never parking.
 * </ul>
 *
 * <p>With {@code echoWork = 0} the reply comes as soon as the echo thread gets to run. With a
 * larger value the echo thread works for a while before it replies (1000 tokens take a few
 * microseconds), so a waiter that only spins keeps a processor busy all that time, which costs most
 * where the two threads share few cores with other work.
 *
 * <p>A round trip that takes longer than {@link #REPLY_TIMEOUT_NANOS} fails the benchmark rather
 * than hanging it; the echo thread is stopped and joined in teardown.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class HandoffBench {

    /** A reply slower than this is a failure, not a measurement. */
    static final long REPLY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** How long the idle echo thread waits before it looks at the stop flag again. */
    private static final long ECHO_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** The waiting policy of both sides; {@code ferrum} is Ferrum's, the others are baselines. */
    @Param({Signals.FERRUM, Signals.PARK, Signals.SPIN, Signals.BACKOFF})
    public String impl;

    /** {@link Blackhole#consumeCPU} tokens the echo thread burns before each reply. */
    @Param({"0", "1000"})
    public long echoWork;

    private Signal ping;
    private Signal pong;
    private Thread echo;
    private volatile boolean running;
    private volatile Throwable echoFailure;
    private long sequence;

    @Setup(Level.Trial)
    public void startEcho() {
        ping = Signals.create(impl);
        pong = Signals.create(impl);
        running = true;
        echo = new Thread(this::echoLoop, "handoff-echo");
        echo.setDaemon(true);
        echo.start();
    }

    private void echoLoop() {
        try {
            long next = 1;
            while (running) {
                if (!ping.await(next, ECHO_POLL_NANOS)) {
                    continue;
                }
                if (!running) {
                    return;
                }
                Blackhole.consumeCPU(echoWork);
                pong.post(next);
                next++;
            }
        } catch (Throwable t) {
            echoFailure = t;
        }
    }

    /** One round trip; returns the sequence number so that the work cannot be eliminated. */
    @Benchmark
    public long roundTrip() {
        long n = ++sequence;
        ping.post(n);
        if (!pong.await(n, REPLY_TIMEOUT_NANOS)) {
            throw new IllegalStateException(
                    "no reply within "
                            + TimeUnit.NANOSECONDS.toSeconds(REPLY_TIMEOUT_NANOS)
                            + " s: impl="
                            + impl
                            + ", sequence="
                            + n,
                    echoFailure);
        }
        return n;
    }

    @TearDown(Level.Trial)
    public void stopEcho() throws InterruptedException {
        running = false;
        // Wakes an echo thread that waits for the next ping; it then sees running == false.
        ping.post(Long.MAX_VALUE);
        echo.join(TimeUnit.NANOSECONDS.toMillis(REPLY_TIMEOUT_NANOS));
        if (echo.isAlive()) {
            throw new IllegalStateException("echo thread did not stop: impl=" + impl);
        }
        if (echoFailure != null) {
            throw new IllegalStateException("echo thread failed: impl=" + impl, echoFailure);
        }
    }
}
