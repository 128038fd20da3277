package dev.ferrum.channel;

import dev.ferrum.internal.Timeouts;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The receiving side of a channel: one counted handle among possibly many.
 *
 * <p>A {@code Receiver} may be shared by any number of threads; several receivers of one channel
 * share its messages (each message goes to exactly one receive), they do not each get a copy.
 * {@link #clone()} makes another handle to the same channel; {@link #close()} releases this handle,
 * once (later calls do nothing). When the last receiver handle is closed, the channel disconnects:
 * sends fail at once and the buffered messages are dropped, so that the garbage collector can
 * reclaim them. When the last sender is closed, receives still return every buffered message and
 * only then throw {@link DisconnectedException}. Using a closed handle for anything but {@code
 * close()}, {@code isClosed()} or the observers throws {@link IllegalStateException}.
 *
 * <p>Messages sent by one thread are received in the order they were sent. Receivers of a timer
 * channel ({@link Channel#after}, {@link Channel#at}, {@link Channel#tick}, {@link Channel#never})
 * have no senders and never disconnect.
 *
 * <p><b>Interrupts</b> follow {@code java.util.concurrent}: a blocking or timed receive entered
 * with the interrupt flag set, or interrupted while waiting, throws {@link InterruptedException},
 * clears the flag and has taken nothing. If a message was already handed over when the interrupt is
 * seen, the receive returns it and the flag stays set. The blocking {@link #iterator()} cannot
 * throw a checked exception: on interrupt it ends, taking nothing, with the flag set.
 *
 * <p><b>Timeouts</b> accept any {@code Duration}: zero or negative means "do not wait" (a message
 * that is already there is still returned), and a huge duration waits forever rather than
 * overflowing.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread before it sends a message happen-before
 * actions after the receive of that message returns in another thread.
 *
 * @param <T> the message type
 */
public final class Receiver<T> extends ChannelHandle<T> implements AutoCloseable, Iterable<T> {

    Receiver(Chan<T> chan) {
        super(chan);
    }

    /**
     * Receives a message, waiting until one is available.
     *
     * @throws DisconnectedException if the channel is (or becomes) empty and disconnected
     * @throws InterruptedException if interrupted before or while waiting; nothing was taken
     * @throws IllegalStateException if this handle is closed
     */
    public T recv() throws InterruptedException {
        checkOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return chan.recv(Timeouts.FOREVER);
    }

    /**
     * Receives a message if one is available now.
     *
     * @return the message, or {@code null} if the channel is empty (rendezvous: no sender waiting)
     * @throws DisconnectedException if the channel is empty and disconnected
     * @throws IllegalStateException if this handle is closed
     */
    public T tryRecv() {
        checkOpen();
        return chan.tryRecv();
    }

    /**
     * Receives a message, waiting at most {@code timeout}.
     *
     * @param timeout zero or negative: do not wait; too large to represent: wait forever
     * @return the message, or {@code null} if the timeout elapsed first
     * @throws NullPointerException if {@code timeout} is null
     * @throws DisconnectedException if the channel is (or becomes) empty and disconnected
     * @throws InterruptedException if interrupted before or while waiting; nothing was taken
     * @throws IllegalStateException if this handle is closed
     */
    public T recv(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        checkOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return chan.recv(nanos);
    }

    /**
     * Moves up to {@code maxMessages} messages that are available now into {@code target}, in
     * receive order, without waiting.
     *
     * @return the number of messages moved; {@code 0} if the channel is empty or {@code maxMessages
     *     <= 0}
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalArgumentException if {@code target} is a collection that refuses an element
     *     (the element is then lost to the channel, as with {@code BlockingQueue.drainTo})
     * @throws DisconnectedException if nothing was moved because the channel is empty and
     *     disconnected
     * @throws IllegalStateException if this handle is closed
     */
    public int drainTo(Collection<? super T> target, int maxMessages) {
        Objects.requireNonNull(target, "target");
        checkOpen();
        int n = 0;
        while (n < maxMessages) {
            T m;
            try {
                m = chan.tryRecv();
            } catch (DisconnectedException e) {
                if (n == 0) {
                    throw e;
                }
                break;
            }
            if (m == null) {
                break;
            }
            target.add(m);
            n++;
        }
        return n;
    }

    /**
     * Returns a blocking iterator: {@code hasNext()} waits for the next message and returns {@code
     * false} once the channel is empty and disconnected. If the thread is interrupted while
     * waiting, the iteration ends without taking anything and the interrupt flag stays set. Once
     * ended, the iterator stays ended.
     */
    @Override
    public Iterator<T> iterator() {
        checkOpen();
        return new MessageIterator(true);
    }

    /**
     * Returns an iterator over the messages available now: it ends at the first moment the channel
     * is empty (or disconnected), and never waits.
     */
    public Iterator<T> tryIter() {
        checkOpen();
        return new MessageIterator(false);
    }

    /**
     * Returns a sequential, ordered stream of the messages as {@link #iterator()} receives them: it
     * ends at disconnection (or on interrupt, with the flag set).
     */
    public Stream<T> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                        iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /**
     * Returns a new receiver handle for the same channel. The new handle counts separately and must
     * be closed separately.
     *
     * @throws IllegalStateException if this handle is closed
     */
    @Override
    public Receiver<T> clone() {
        checkOpen();
        chan.acquireReceiver();
        return new Receiver<>(chan);
    }

    /**
     * Releases this handle. The first call on a handle counts; later calls do nothing. Closing the
     * last receiver handle disconnects the channel: buffered messages are dropped and blocked or
     * later sends fail with {@link DisconnectedException}.
     */
    @Override
    public void close() {
        if (closeOnce()) {
            chan.releaseReceiver();
        }
    }

    /**
     * Disconnects the whole channel now, whatever the number of live handles, as if every receiver
     * had closed: buffered messages are dropped, blocked and later sends fail, and receives see
     * {@link DisconnectedException}. This handle stays open (close it as usual).
     *
     * @return {@code true} if this call disconnected the channel, {@code false} if it already was
     */
    public boolean disconnect() {
        return chan.disconnectReceivers();
    }

    /** Iterator of iterator() (blocking) and tryIter() (non-blocking). */
    private final class MessageIterator implements Iterator<T> {
        private final boolean blocking;
        private T next;
        private boolean ended;

        MessageIterator(boolean blocking) {
            this.blocking = blocking;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (ended) {
                return false;
            }
            try {
                next = blocking ? chan.recv(Timeouts.FOREVER) : chan.tryRecv();
            } catch (DisconnectedException e) {
                next = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next = null;
            }
            if (next == null) {
                ended = true;
                return false;
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T m = next;
            next = null;
            return m;
        }
    }
}
