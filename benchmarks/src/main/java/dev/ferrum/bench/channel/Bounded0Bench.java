package dev.ferrum.bench.channel;

import org.openjdk.jmh.annotations.Param;

/**
 * The rendezvous flavour, {@code Channel.bounded(0)}, against {@code SynchronousQueue} and {@code
 * LinkedTransferQueue.transfer}.
 *
 * <p>Scenarios and method: see {@link ChannelBench}.
 */
public class Bounded0Bench extends ChannelBench {

    /** The implementation under test. */
    @Param({Pipes.FERRUM, Pipes.SQ, Pipes.LTQ_TRANSFER})
    public String impl;

    @Override
    String impl() {
        return impl;
    }

    @Override
    int capacity() {
        return 0;
    }
}
