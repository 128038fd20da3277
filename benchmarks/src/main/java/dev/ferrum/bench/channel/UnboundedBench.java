package dev.ferrum.bench.channel;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * The list flavour, {@code Channel.unbounded()}, against {@code LinkedBlockingQueue}, {@code
 * LinkedTransferQueue} and JCTools unbounded xadd queues with spin-then-yield waiting.
 *
 * <p>Scenarios and method: see {@link ChannelBench}.
 */
public class UnboundedBench extends ChannelBench {

    /** The implementation under test. */
    @Param({Pipes.FERRUM, Pipes.LBQ, Pipes.LTQ, Pipes.JCTOOLS})
    public String impl;

    @Override
    String impl() {
        return impl;
    }

    @Override
    int capacity() {
        return Pipes.UNBOUNDED;
    }

    /** One thread sends a batch, then receives it (crossbeam's {@code seq}). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void seq() throws InterruptedException {
        batch();
    }
}
