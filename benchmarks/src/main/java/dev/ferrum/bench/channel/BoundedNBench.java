package dev.ferrum.bench.channel;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * The array flavour with room for a whole batch, {@code Channel.bounded(N)} (as crossbeam sizes it:
 * sends never wait), against {@code ArrayBlockingQueue(N)} and JCTools {@code MpmcArrayQueue(N)}
 * with spin-then-yield waiting.
 *
 * <p>Scenarios and method: see {@link ChannelBench}.
 */
public class BoundedNBench extends ChannelBench {

    /** The implementation under test. */
    @Param({Pipes.FERRUM, Pipes.ABQ, Pipes.JCTOOLS})
    public String impl;

    @Override
    String impl() {
        return impl;
    }

    @Override
    int capacity() {
        return BATCH;
    }

    /** One thread sends a batch, then receives it (crossbeam's {@code seq}). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void seq() throws InterruptedException {
        batch();
    }
}
