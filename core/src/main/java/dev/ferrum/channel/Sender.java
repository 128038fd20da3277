package dev.ferrum.channel;

import dev.ferrum.internal.Timeouts;
import java.time.Duration;
import java.util.Objects;

/**
 * The sending side of a channel: one counted handle among possibly many.
 *
 * <p>A {@code Sender} may be shared by any number of threads. {@link #clone()} makes another handle
 * to the same channel; {@link #close()} releases this handle, once (later calls do nothing). When
 * the last sender handle of a channel is closed, the channel disconnects: receivers still get every
 * buffered message, then {@link DisconnectedException}. When the last receiver is closed, every
 * send fails at once with {@link DisconnectedException} and delivers nothing. Using a closed handle
 * for anything but {@code close()}, {@code isClosed()} or the observers throws {@link
 * IllegalStateException}.
 *
 * <p><b>Sending.</b> {@link #send(Object)} blocks while the channel is full; for a rendezvous
 * channel ({@code Channel.bounded(0)}) it blocks until a receiver takes the message. {@link
 * #trySend(Object)} never blocks and returns {@code false} when full (rendezvous: when no receiver
 * is waiting at that moment). {@link #send(Object, Duration)} waits at most the given time.
 *
 * <p><b>Interrupts</b> follow {@code java.util.concurrent}: a blocking or timed send entered with
 * the interrupt flag set, or interrupted while waiting, throws {@link InterruptedException}, clears
 * the flag and has sent nothing. If the message was already handed over when the interrupt is seen,
 * the send returns normally and the flag stays set.
 *
 * <p><b>Timeouts</b> accept any {@code Duration}: zero or negative means "do not wait" (a message
 * is still sent if there is room, or a receiver waiting), and a huge duration waits forever rather
 * than overflowing.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread before it sends a message happen-before
 * actions after the receive of that message returns in another thread.
 *
 * <p>Null messages are rejected with {@link NullPointerException}.
 *
 * @param <T> the message type
 */
public final class Sender<T> extends ChannelHandle<T> implements AutoCloseable {

    Sender(Chan<T> chan) {
        super(chan);
    }

    /**
     * Sends a message, waiting while the channel is full (rendezvous: until a receiver takes it).
     *
     * @throws NullPointerException if {@code msg} is null
     * @throws DisconnectedException if the channel is or becomes disconnected before the message is
     *     sent; {@link DisconnectedException#unsentMessage()} returns {@code msg}
     * @throws InterruptedException if interrupted before or while waiting; nothing was sent
     * @throws IllegalStateException if this handle is closed
     */
    public void send(T msg) throws InterruptedException {
        Objects.requireNonNull(msg, "msg");
        checkOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        chan.send(msg, Timeouts.FOREVER, true);
    }

    /**
     * Sends a message if that is possible without waiting.
     *
     * @return {@code true} if sent; {@code false} if the channel is full, or for a rendezvous
     *     channel if no receiver is waiting (the caller keeps {@code msg})
     * @throws NullPointerException if {@code msg} is null
     * @throws DisconnectedException if the channel is disconnected
     * @throws IllegalStateException if this handle is closed
     */
    public boolean trySend(T msg) {
        Objects.requireNonNull(msg, "msg");
        checkOpen();
        return chan.trySend(msg);
    }

    /**
     * Sends a message, waiting at most {@code timeout} for room (rendezvous: for a receiver).
     *
     * @param timeout zero or negative: do not wait; too large to represent: wait forever
     * @return {@code true} if sent, {@code false} if the timeout elapsed first (nothing was sent)
     * @throws NullPointerException if {@code msg} or {@code timeout} is null
     * @throws DisconnectedException if the channel is or becomes disconnected first
     * @throws InterruptedException if interrupted before or while waiting; nothing was sent
     * @throws IllegalStateException if this handle is closed
     */
    public boolean send(T msg, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(msg, "msg");
        long nanos = Timeouts.toNanos(timeout);
        checkOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return chan.send(msg, nanos, true);
    }

    /**
     * Returns a new sender handle for the same channel (not a copy of the channel). The new handle
     * counts separately and must be closed separately.
     *
     * @throws IllegalStateException if this handle is closed
     */
    @Override
    public Sender<T> clone() {
        checkOpen();
        chan.acquireSender();
        return new Sender<>(chan);
    }

    /**
     * Releases this handle. The first call on a handle counts; later calls do nothing. Closing the
     * last sender handle disconnects the channel: receivers drain what is buffered and then see
     * {@link DisconnectedException}, and blocked receivers wake up.
     */
    @Override
    public void close() {
        if (closeOnce()) {
            chan.releaseSender();
        }
    }

    /**
     * Disconnects the whole channel now, whatever the number of live handles, as if every sender
     * had closed: receivers still drain the buffered messages, then see {@link
     * DisconnectedException}; further sends fail. Blocked senders and receivers wake up. This
     * handle stays open (close it as usual).
     *
     * @return {@code true} if this call disconnected the channel, {@code false} if it already was
     */
    public boolean disconnect() {
        return chan.disconnectSenders();
    }
}
