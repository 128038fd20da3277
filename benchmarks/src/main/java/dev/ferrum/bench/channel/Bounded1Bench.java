package dev.ferrum.bench.channel;

import org.openjdk.jmh.annotations.Param;

/**
 * The array flavour with one slot, {@code Channel.bounded(1)}, against {@code
 * ArrayBlockingQueue(1)}.
 *
 * <p>Scenarios and method: see {@link ChannelBench}.
 */
public class Bounded1Bench extends ChannelBench {

    /** The implementation under test. */
    @Param({Pipes.FERRUM, Pipes.ABQ})
    public String impl;

    @Override
    String impl() {
        return impl;
    }

    @Override
    int capacity() {
        return 1;
    }
}
