package dev.ferrum.channel;

import dev.ferrum.internal.ArrayCore;

/**
 * The bounded flavour: a preallocated ring of {@code capacity} slots with per-slot stamps.
 *
 * @param <T> the message type
 */
final class ArrayChan<T> extends BufferedChan<T> {
    /*
     * Implementation notes
     *
     * Port of crossbeam-channel src/flavors/array.rs. The slot algorithm (Vyukov's bounded MPMC
     * queue with per-slot stamps and a disconnection mark bit in the tail) lives in
     * dev.ferrum.internal.ArrayCore, shared with dev.ferrum.queue.ArrayQueue; its notes give the
     * state picture, the invariants and the linearization points (the CAS of the tail for a send,
     * of the head for a receive). This class adds blocking, timeouts, disconnection and select
     * (BufferedChan). Exactly `capacity` messages fit; size() is a snapshot in [0, capacity].
     * A capacity above ArrayCore.MAX_CAPACITY fails in the constructor, before any allocation.
     */

    private final ArrayCore<T> core;

    ArrayChan(int capacity) {
        this.core = new ArrayCore<>(capacity);
    }

    @Override
    int offer(T msg) {
        int r = core.offer(msg);
        return r == ArrayCore.OK ? OK : r == ArrayCore.FULL ? FULL : DISCONNECTED;
    }

    @Override
    T poll() {
        return core.poll();
    }

    @Override
    boolean markDisconnected() {
        return core.disconnect();
    }

    @Override
    void discardAll() {
        core.discardAll();
    }

    @Override
    boolean isDisconnected() {
        return core.isDisconnected();
    }

    @Override
    int size() {
        return core.size();
    }

    @Override
    int capacity() {
        return core.capacity();
    }

    @Override
    boolean isEmpty() {
        return core.isEmpty();
    }

    @Override
    boolean isFull() {
        return core.isFull();
    }

    @Override
    public String toString() {
        return "Channel.bounded(" + core.capacity() + ")";
    }
}
