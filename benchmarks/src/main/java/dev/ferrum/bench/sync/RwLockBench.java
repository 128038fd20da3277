package dev.ferrum.bench.sync;

import java.util.concurrent.ThreadLocalRandom;
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
 * Read/write mixes on a lock guarding a pair of longs: Ferrum's {@code RwLock} against {@code
 * ReentrantReadWriteLock}, {@code StampedLock} (read lock, and optimistic read) and {@code
 * synchronized}, at 1 and 2 threads.
 *
 * <p>{@code writePercent} is the share of operations that write: 0 (read-only), 5 (read-mostly) and
 * 50. Each operation draws its kind from {@code ThreadLocalRandom}, the same for every
 * implementation. Throughput is in operations per microsecond, all threads together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class RwLockBench {

    @Param({
        RwImpls.FERRUM,
        RwImpls.RRWL,
        RwImpls.STAMPED,
        RwImpls.OPTIMISTIC,
        RwImpls.SYNCHRONIZED
    })
    public String impl;

    @Param({"0", "5", "50"})
    public int writePercent;

    private RwImpls.Guarded lock;

    @Setup
    public void setup() {
        lock = RwImpls.create(impl);
    }

    private long op() {
        if (writePercent != 0 && ThreadLocalRandom.current().nextInt(100) < writePercent) {
            return lock.write();
        }
        return lock.read();
    }

    @Benchmark
    @Threads(1)
    public long mix1Thread() {
        return op();
    }

    @Benchmark
    @Threads(2)
    public long mix2Threads() {
        return op();
    }
}
