package dev.ferrum.bench.wait;

import dev.ferrum.sync.Backoff;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of a contended compare-and-set retry loop: two threads increment one shared {@link
 * AtomicLong}, each with {@code get}, then {@code compareAndSet(v, v + 1)} until it succeeds.
 *
 * <p>One operation is one <em>successful</em> increment, so the score counts increments, not
 * attempts. The implementations differ only in what a thread does after a failed CAS:
 *
 * <ul>
 *   <li>{@code ferrum}: {@link Backoff#spin()}, exponentially longer spin waits;
 *   <li>{@code plain}: nothing, retry at once;
 *   <li>{@code onspinwait}: one {@link Thread#onSpinWait()}.
 * </ul>
 *
 * <p>Ferrum's variant creates its {@code Backoff} once per operation, as the class documentation
 * shows, so any allocation the JIT fails to remove is part of its cost ({@code -prof gc} shows it).
 *
 * <p>The secondary result {@code failedCas} is the rate of failed attempts, in the same unit as the
 * score: the cost that each policy trades against the time it waits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(3)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class CasRetryBench {

    /** What to do after a failed CAS; {@code ferrum} is Ferrum's, the others are baselines. */
    @Param({"ferrum", "plain", "onspinwait"})
    public String impl;

    private final AtomicLong counter = new AtomicLong();
    private Incrementer incrementer;

    /** Failed attempts of one benchmark thread, reported as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Failures {
        public long failedCas;

        @Setup(Level.Iteration)
        public void reset() {
            failedCas = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        switch (impl) {
            case "ferrum":
                incrementer = new BackoffIncrementer();
                break;
            case "plain":
                incrementer = new PlainIncrementer();
                break;
            case "onspinwait":
                incrementer = new SpinHintIncrementer();
                break;
            default:
                throw new IllegalArgumentException("unknown incrementer: impl=" + impl);
        }
    }

    /** One successful increment; returns the value written so that it cannot be eliminated. */
    @Benchmark
    public long increment(Failures failures) {
        return incrementer.increment(counter, failures);
    }

    /** A CAS-retry increment; returns the new value and counts failed attempts. */
    private interface Incrementer {
        long increment(AtomicLong counter, Failures failures);
    }

    private static final class BackoffIncrementer implements Incrementer {
        @Override
        public long increment(AtomicLong counter, Failures failures) {
            Backoff backoff = new Backoff();
            long v = counter.get();
            while (!counter.compareAndSet(v, v + 1)) {
                failures.failedCas++;
                backoff.spin();
                v = counter.get();
            }
            return v + 1;
        }
    }

    private static final class PlainIncrementer implements Incrementer {
        @Override
        public long increment(AtomicLong counter, Failures failures) {
            long v = counter.get();
            while (!counter.compareAndSet(v, v + 1)) {
                failures.failedCas++;
                v = counter.get();
            }
            return v + 1;
        }
    }

    private static final class SpinHintIncrementer implements Incrementer {
        @Override
        public long increment(AtomicLong counter, Failures failures) {
            long v = counter.get();
            while (!counter.compareAndSet(v, v + 1)) {
                failures.failedCas++;
                Thread.onSpinWait();
                v = counter.get();
            }
            return v + 1;
        }
    }
}
