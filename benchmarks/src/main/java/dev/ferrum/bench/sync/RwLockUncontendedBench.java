package dev.ferrum.bench.sync;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one uncontended acquire and release, read and write, on one thread: Ferrum's {@code
 * RwLock} against {@code ReentrantReadWriteLock}, {@code StampedLock} (read lock, and optimistic
 * read) and {@code synchronized}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Threads(1)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class RwLockUncontendedBench {

    @Param({
        RwImpls.FERRUM,
        RwImpls.RRWL,
        RwImpls.STAMPED,
        RwImpls.OPTIMISTIC,
        RwImpls.SYNCHRONIZED
    })
    public String impl;

    private RwImpls.Guarded lock;

    @Setup
    public void setup() {
        lock = RwImpls.create(impl);
    }

    @Benchmark
    public long read() {
        return lock.read();
    }

    @Benchmark
    public long write() {
        return lock.write();
    }
}
