package dev.ferrum.examples.routing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A backend that a routing table owns, standing in for a connection pool: it is opened when a table
 * is loaded and closed when that table is retired. Serving a request on a closed backend is the bug
 * this example exists to rule out, so {@link #handle} detects it instead of trusting the caller.
 */
final class Backend implements AutoCloseable {
    private final String address;
    private final long generation;
    private final Metrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongAdder served = new LongAdder();

    Backend(String address, long generation, Metrics metrics) {
        this.address = address;
        this.generation = generation;
        this.metrics = metrics;
        metrics.backendsOpened.increment();
    }

    /**
     * Serves one request. Returns normally if the backend was open for the whole call.
     *
     * @throws IllegalStateException if the backend was closed before or during the request
     */
    void handle(String path) {
        if (closed.get()) {
            throw new IllegalStateException("request " + path + " on closed backend " + this);
        }
        served.increment(); // the "work" of a request
        if (closed.get()) {
            throw new IllegalStateException("backend " + this + " closed during request " + path);
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    long served() {
        return served.sum();
    }

    String address() {
        return address;
    }

    /** Closes the backend once; later calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            metrics.backendsClosed.increment();
        }
    }

    @Override
    public String toString() {
        return address + "#" + generation;
    }
}
