package dev.ferrum.bench.queue;

import dev.ferrum.queue.ArrayQueue;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpmcArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * Throughput of bounded MPMC queues under producer/consumer load: Ferrum's {@link ArrayQueue}
 * against {@link ArrayBlockingQueue} (JDK) and JCTools' {@link MpmcArrayQueue}.
 *
 * <p>Each group runs producers that {@code offer} and consumers that {@code poll}; a failed offer
 * (full) or an empty poll is retried inside the same invocation (yielding between tries, since the
 * machine may have fewer cores than threads), so every counted operation is a successful one and
 * the group score is successful offers plus polls per second. {@code oneToOne} is 1+1 threads,
 * {@code twoToTwo} is 2+2.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class BoundedQueueBench {

    private static final Integer ITEM = 42;

    /** {@code ferrum}: ArrayQueue; {@code jdk}: ArrayBlockingQueue; {@code jctools}. */
    @Param({"ferrum", "jdk", "jctools"})
    public String impl;

    @Param({"1024"})
    public int capacity;

    private Queue<Integer> queue;

    @Setup(Level.Trial)
    public void create() {
        switch (impl) {
            case "ferrum":
                queue = new ArrayQueue<>(capacity);
                break;
            case "jdk":
                queue = new ArrayBlockingQueue<>(capacity);
                break;
            case "jctools":
                queue = new MpmcArrayQueue<>(capacity);
                break;
            default:
                throw new IllegalArgumentException("unknown impl: impl=" + impl);
        }
    }

    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public void offer1(Control control) {
        offer(control);
    }

    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public Integer poll1(Control control) {
        return poll(control);
    }

    @Benchmark
    @Group("twoToTwo")
    @GroupThreads(2)
    public void offer2(Control control) {
        offer(control);
    }

    @Benchmark
    @Group("twoToTwo")
    @GroupThreads(2)
    public Integer poll2(Control control) {
        return poll(control);
    }

    private void offer(Control control) {
        while (!queue.offer(ITEM) && !control.stopMeasurement) {
            Thread.yield();
        }
    }

    private Integer poll(Control control) {
        Integer v;
        while ((v = queue.poll()) == null && !control.stopMeasurement) {
            Thread.yield();
        }
        return v;
    }
}
