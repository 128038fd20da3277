/**
 * Ferrum: the concurrency primitives of Rust's crossbeam, arc-swap, ringbuf and parking_lot, for
 * Java.
 *
 * <p>Each primitive family lives in its own exported package. {@code dev.ferrum.internal} holds the
 * shared waiting mechanism and is not exported.
 */
module dev.ferrum {
    exports dev.ferrum.channel;
    exports dev.ferrum.deque;
    exports dev.ferrum.queue;
    exports dev.ferrum.ringbuf;
    exports dev.ferrum.skiplist;
    exports dev.ferrum.swap;
    exports dev.ferrum.sync;
}
