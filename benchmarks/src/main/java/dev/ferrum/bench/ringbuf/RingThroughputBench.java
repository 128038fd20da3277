package dev.ferrum.bench.ringbuf;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * Single-producer single-consumer throughput of Ferrum's ring against JCTools {@code
 * SpscArrayQueue} (Unsafe and VarHandle builds), Agrona {@code OneToOneConcurrentArrayQueue} and
 * {@code ArrayBlockingQueue}, in items per microsecond.
 *
 * <p>Each group is one producer thread and one consumer thread. Every benchmark call retries until
 * it succeeds (or JMH ends the measurement), so the group score counts successful operations only:
 * one push plus one pop per item in {@code single}, {@code 16} or {@code 256} of each per call in
 * the slice groups, which {@code @OperationsPerInvocation} turns into items, so the three groups
 * are comparable per item. Peers without batch operations run their batches as loops of single
 * operations; JCTools uses its {@code fill}/{@code drain}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Agrona reaches into jdk.internal.misc; JDK 17 accepts the flag too.
@Fork(value = 3, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class RingThroughputBench {

    @Param({
        SpscQueues.FERRUM,
        SpscQueues.JCTOOLS,
        SpscQueues.JCTOOLS_VH,
        SpscQueues.AGRONA,
        SpscQueues.ABQ
    })
    public String impl;

    @Param("1024")
    public int capacity;

    private SpscQueues queue;
    private static final Integer ITEM = 42;

    @Setup
    public void setUp() {
        queue = SpscQueues.create(impl, capacity);
    }

    /** Per-thread batch buffers. */
    @State(Scope.Thread)
    public static class Buffers {
        final Integer[] buf = new Integer[256];

        @Setup
        public void fill() {
            Arrays.fill(buf, ITEM);
        }
    }

    @Benchmark
    @Group("single")
    @GroupThreads(1)
    public void singlePush(Control control) {
        while (!queue.offer(ITEM) && !control.stopMeasurement) {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("single")
    @GroupThreads(1)
    public Integer singlePop(Control control) {
        Integer x;
        while ((x = queue.poll()) == null && !control.stopMeasurement) {
            Thread.onSpinWait();
        }
        return x;
    }

    @Benchmark
    @Group("slice16")
    @GroupThreads(1)
    @OperationsPerInvocation(16)
    public void slice16Push(Buffers b, Control control) {
        pushAll(b.buf, 16, control);
    }

    @Benchmark
    @Group("slice16")
    @GroupThreads(1)
    @OperationsPerInvocation(16)
    public void slice16Pop(Buffers b, Control control) {
        popAll(b.buf, 16, control);
    }

    @Benchmark
    @Group("slice256")
    @GroupThreads(1)
    @OperationsPerInvocation(256)
    public void slice256Push(Buffers b, Control control) {
        pushAll(b.buf, 256, control);
    }

    @Benchmark
    @Group("slice256")
    @GroupThreads(1)
    @OperationsPerInvocation(256)
    public void slice256Pop(Buffers b, Control control) {
        popAll(b.buf, 256, control);
    }

    private void pushAll(Integer[] buf, int n, Control control) {
        int done = 0;
        while (done < n && !control.stopMeasurement) {
            int k = queue.offerBatch(buf, n - done);
            if (k == 0) {
                Thread.onSpinWait();
            }
            done += k;
        }
    }

    private void popAll(Integer[] buf, int n, Control control) {
        int done = 0;
        while (done < n && !control.stopMeasurement) {
            int k = queue.pollBatch(buf, n - done);
            if (k == 0) {
                Thread.onSpinWait();
            }
            done += k;
        }
    }
}
