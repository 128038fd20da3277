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
 * Read scaling: read-only throughput at 1 and 2 threads of Ferrum's {@code ShardedLock}, whose
 * readers touch only their own shard, against locks whose readers all update one shared word
 * ({@code RwLock}, {@code ReentrantReadWriteLock}, {@code StampedLock}'s read lock) and the
 * optimistic read that writes nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class ShardedLockBench {

    /** {@code ferrum} is the ShardedLock here; {@code rwlock} is Ferrum's single-word lock. */
    @Param({"ferrum", "rwlock", RwImpls.RRWL, RwImpls.STAMPED, RwImpls.OPTIMISTIC})
    public String impl;

    private RwImpls.Guarded lock;

    @Setup
    public void setup() {
        String name = impl;
        if (name.equals("ferrum")) {
            name = RwImpls.SHARDED;
        } else if (name.equals("rwlock")) {
            name = RwImpls.FERRUM;
        }
        lock = RwImpls.create(name);
    }

    @Benchmark
    @Threads(1)
    public long read1Thread() {
        return lock.read();
    }

    @Benchmark
    @Threads(2)
    public long read2Threads() {
        return lock.read();
    }
}
