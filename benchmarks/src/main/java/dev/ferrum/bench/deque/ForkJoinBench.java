package dev.ferrum.bench.deque;

import java.util.concurrent.ForkJoinPool;
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
 * Fork/join workloads on {@link StealingPool} ({@code ferrum}) and on a {@link ForkJoinPool} with
 * the same number of threads ({@code forkjoin}): fib(30) split down to fib(12), and the sum of 2^22
 * longs split into chunks of 4096. Time per whole computation, submitted from the benchmark thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class ForkJoinBench {

    @Param({"ferrum", "forkjoin"})
    public String impl;

    /** Pool threads; the machine this was written for has two cores. */
    @Param({"2"})
    public int threads;

    static final int FIB_N = 30;
    static final int FIB_THRESHOLD = 12;
    static final int SUM_CHUNK = 4096;

    private StealingPool stealing;
    private ForkJoinPool forkJoin;
    private long[] array;

    @Setup(Level.Trial)
    public void setUp() {
        array = new long[1 << 22];
        for (int i = 0; i < array.length; i++) {
            array[i] = i;
        }
        switch (impl) {
            case "ferrum":
                stealing = new StealingPool(threads);
                break;
            case "forkjoin":
                forkJoin = new ForkJoinPool(threads);
                break;
            default:
                throw new IllegalArgumentException("unknown impl: impl=" + impl);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (stealing != null) {
            stealing.close();
        }
        if (forkJoin != null) {
            forkJoin.shutdown();
        }
    }

    @Benchmark
    public long fib30() throws InterruptedException {
        if (stealing != null) {
            return ForkJoinWork.fib(stealing, FIB_N, FIB_THRESHOLD);
        }
        return forkJoin.invoke(new ForkJoinWork.Fib(FIB_N, FIB_THRESHOLD));
    }

    @Benchmark
    public long arraySum() throws InterruptedException {
        if (stealing != null) {
            return ForkJoinWork.sum(stealing, array, SUM_CHUNK);
        }
        return forkJoin.invoke(new ForkJoinWork.Sum(array, 0, array.length, SUM_CHUNK));
    }
}
