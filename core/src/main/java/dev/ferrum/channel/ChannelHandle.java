package dev.ferrum.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.OptionalInt;

/**
 * What {@link Sender} and {@link Receiver} share: the channel they are a handle of, the handle's
 * own closed flag, and the snapshot queries that are the same from either side.
 *
 * @param <T> the message type
 */
abstract class ChannelHandle<T> {

    final Chan<T> chan;

    /** Set once by the first close(); volatile so other threads' uses of the handle see it. */
    private volatile boolean closed;

    ChannelHandle(Chan<T> chan) {
        this.chan = chan;
    }

    /**
     * Marks this handle closed; {@code true} only for the first call, which must then release the
     * handle's count. Volatile CAS: exactly one close per handle releases the count.
     */
    final boolean closeOnce() {
        return CLOSED.compareAndSet(this, false, true);
    }

    /** Returns whether {@code close()} has been called on this handle. */
    public boolean isClosed() {
        return (boolean) CLOSED.getVolatile(this);
    }

    /** Returns whether the channel is disconnected (from either side). */
    public boolean isDisconnected() {
        return chan.isDisconnected();
    }

    /**
     * Returns the number of buffered messages: a snapshot, between 0 and the capacity, that may be
     * stale at once. Always 0 for a rendezvous channel.
     */
    public int size() {
        return chan.size();
    }

    /** Returns whether no message is buffered (a snapshot; always true for rendezvous). */
    public boolean isEmpty() {
        return chan.isEmpty();
    }

    /** Returns whether the buffer is full (a snapshot; always true for rendezvous). */
    public boolean isFull() {
        return chan.isFull();
    }

    /** Returns the capacity ({@code 0} for rendezvous), or empty for an unbounded channel. */
    public OptionalInt capacity() {
        int cap = chan.capacity();
        return cap < 0 ? OptionalInt.empty() : OptionalInt.of(cap);
    }

    /** Returns whether {@code other} is a handle of the same channel. */
    public boolean sameChannel(Sender<?> other) {
        return other != null && other.chan == chan;
    }

    /** Returns whether {@code other} is a handle of the same channel. */
    public boolean sameChannel(Receiver<?> other) {
        return other != null && other.chan == chan;
    }

    /** Throws {@link IllegalStateException} if this handle is closed. */
    final void checkOpen() {
        if ((boolean) CLOSED.getVolatile(this)) {
            throw new IllegalStateException(
                    getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " is closed");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + chan + (isClosed() ? ", closed]" : "]");
    }

    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED =
                    MethodHandles.lookup()
                            .findVarHandle(ChannelHandle.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
