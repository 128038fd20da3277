package dev.ferrum.channel;

import java.util.function.Supplier;

/** The buffered and rendezvous flavours every channel test runs against. */
enum Flavour {
    ZERO(() -> Channel.bounded(0), 0),
    ARRAY_1(() -> Channel.bounded(1), 1),
    ARRAY_8(() -> Channel.bounded(8), 8),
    LIST(Channel::unbounded, -1);

    private final Supplier<Channel<?>> factory;

    /** The capacity, 0 for rendezvous, -1 for unbounded. */
    final int capacity;

    Flavour(Supplier<Channel<?>> factory, int capacity) {
        this.factory = factory;
        this.capacity = capacity;
    }

    @SuppressWarnings("unchecked")
    <T> Channel<T> create() {
        return (Channel<T>) factory.get();
    }

    boolean buffers() {
        return capacity != 0;
    }
}
