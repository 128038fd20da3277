package dev.ferrum.examples.routing;

import java.util.concurrent.atomic.LongAdder;

/** Counters shared by the request threads, the reloader and the reporter of one router run. */
final class Metrics {
    final LongAdder requests = new LongAdder();
    final LongAdder closedBackendUses = new LongAdder();
    final LongAdder reloads = new LongAdder();
    final LongAdder rejectedReloads = new LongAdder();
    final LongAdder backendsOpened = new LongAdder();
    final LongAdder backendsClosed = new LongAdder();

    /** Backends opened and not yet closed: those of the live table plus those still pinned. */
    long openBackends() {
        // Read closed first: a close is always preceded by its open, so this is never negative.
        long closed = backendsClosed.sum();
        return backendsOpened.sum() - closed;
    }
}
