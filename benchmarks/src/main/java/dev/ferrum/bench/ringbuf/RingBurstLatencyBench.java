package dev.ferrum.bench.ringbuf;

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

/**
 * Burst round-trip latency: the benchmark thread sends a burst of {@link #burst} items through one
 * queue, an echo thread (started in setup) passes each item back through a second queue, and one
 * operation ends when the whole burst is back. Both directions use the same implementation with
 * busy-polling (the non-blocking operations only), so the score is the queue's own cost plus the
 * cache-line transfers between the two cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Agrona reaches into jdk.internal.misc; JDK 17 accepts the flag too.
@Fork(value = 3, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class RingBurstLatencyBench {

    /** An echo reply slower than this fails the benchmark instead of hanging it. */
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final Integer ITEM = 7;

    @Param({
        SpscQueues.FERRUM,
        SpscQueues.JCTOOLS,
        SpscQueues.JCTOOLS_VH,
        SpscQueues.AGRONA,
        SpscQueues.ABQ
    })
    public String impl;

    @Param("32")
    public int burst;

    private SpscQueues ping;
    private SpscQueues pong;
    private Thread echo;
    private volatile boolean stop;

    @Setup(Level.Trial)
    public void setUp() {
        ping = SpscQueues.create(impl, 128);
        pong = SpscQueues.create(impl, 128);
        stop = false;
        echo =
                new Thread(
                        () -> {
                            while (!stop) {
                                Integer x = ping.poll();
                                if (x == null) {
                                    Thread.onSpinWait();
                                    continue;
                                }
                                while (!pong.offer(x)) {
                                    Thread.onSpinWait();
                                }
                            }
                        },
                        "echo");
        echo.setDaemon(true);
        echo.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        stop = true;
        echo.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Benchmark
    public int roundTrip() {
        for (int i = 0; i < burst; i++) {
            while (!ping.offer(ITEM)) {
                Thread.onSpinWait();
            }
        }
        long start = System.nanoTime();
        int back = 0;
        while (back < burst) {
            if (pong.poll() != null) {
                back++;
            } else if (System.nanoTime() - start > TIMEOUT_NANOS) {
                throw new IllegalStateException("echo did not answer: " + back + "/" + burst);
            } else {
                Thread.onSpinWait();
            }
        }
        return back;
    }
}
