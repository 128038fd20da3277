package dev.ferrum.channel;

import dev.ferrum.internal.ListCore;

/**
 * The unbounded flavour: a linked list of blocks of slots; a send never waits.
 *
 * @param <T> the message type
 */
final class ListChan<T> extends BufferedChan<T> {
    /*
     * Implementation notes
     *
     * Port of crossbeam-channel src/flavors/list.rs. The block algorithm (blocks of 31 slots with
     * WRITE/READ state bits, head and tail indices with a disconnection mark bit in the tail,
     * blocks unlinked as they are consumed) lives in dev.ferrum.internal.ListCore, shared with
     * dev.ferrum.queue.SegQueue; its notes give the invariants and linearization points. This
     * class adds blocking receives, timeouts, disconnection and select (BufferedChan). Senders
     * never wait, so nobody is ever registered in the senders queue and a send is always ready.
     */

    private final ListCore<T> core = new ListCore<>();

    ListChan() {}

    @Override
    int offer(T msg) {
        return core.offer(msg) ? OK : DISCONNECTED;
    }

    @Override
    T poll() {
        return core.poll();
    }

    @Override
    void afterRecv() {
        // No sender ever waits for room; observers of "send ready" are never waiting either.
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
        return -1;
    }

    @Override
    boolean isEmpty() {
        return core.isEmpty();
    }

    @Override
    boolean isFull() {
        return false;
    }

    @Override
    public String toString() {
        return "Channel.unbounded()";
    }
}
