package dev.ferrum.channel;

import dev.ferrum.internal.WaitQueue;
import dev.ferrum.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The shared core of one channel, whatever its flavour: the handle counts and the operations that
 * {@link Sender}, {@link Receiver} and {@link Select} delegate to.
 *
 * @param <T> the message type
 */
abstract class Chan<T> {
    /*
     * Implementation notes
     *
     * Port of crossbeam-channel's split between src/channel.rs (handles), src/counter.rs (handle
     * counts) and the SelectHandle trait of src/select.rs, which each flavour implements. Here a
     * flavour is a subclass; the handles only count themselves and check arguments.
     *
     * Handle counts: senders and receivers start at 1 (the handles of the new Channel record);
     * clone() increments, the first close() of a handle decrements. The decrement that reaches 0
     * disconnects the side (disconnectSenders / disconnectReceivers). A count never rises from 0
     * again, because only a live, unclosed handle may be cloned and it holds one unit itself.
     *
     * Tokens: a blocking operation registers its Waiter under TOKEN; Select registers op i under
     * TOKEN + i. A disconnection selects every registered waiter with DISCONNECTED_TOKEN, which is
     * above any operation token, so that waiters can tell a disconnect from a hand-off.
     *
     * Observers: each flavour keeps two extra wait queues for Select.ready(), so that a
     * readiness-only waiter never consumes the single notification a real sender or receiver
     * needs (crossbeam's Waker keeps "observers" apart from "selectors" for the same reason).
     */

    /** The token of a blocking send or receive, and of observers. */
    static final long TOKEN = Waiter.FIRST_TOKEN;

    /** The selection a disconnection gives every waiter of the channel. */
    static final long DISCONNECTED_TOKEN = Long.MAX_VALUE;

    /** Waiters of {@code Select.ready()} interested in "a receive would not block". */
    final WaitQueue recvObservers = new WaitQueue();

    /** Waiters of {@code Select.ready()} interested in "a send would not block". */
    final WaitQueue sendObservers = new WaitQueue();

    /** Live sender handles. Changed only by getAndAdd (volatile). */
    private volatile int senders = 1;

    /** Live receiver handles. Changed only by getAndAdd (volatile). */
    private volatile int receivers = 1;

    // ---- handle counting ----------------------------------------------------------------------

    final void acquireSender() {
        // Volatile add: the caller holds an unclosed handle, so the count is at least 1 here.
        SENDERS.getAndAdd(this, 1);
    }

    final void acquireReceiver() {
        RECEIVERS.getAndAdd(this, 1);
    }

    final void releaseSender() {
        // Volatile add: exactly one releasing call sees the count go from 1 to 0.
        if ((int) SENDERS.getAndAdd(this, -1) == 1) {
            disconnectSenders();
        }
    }

    final void releaseReceiver() {
        if ((int) RECEIVERS.getAndAdd(this, -1) == 1) {
            disconnectReceivers();
        }
    }

    /** Wakes every observer of both kinds; for disconnection. */
    final void notifyObservers() {
        recvObservers.notifyAll(TOKEN);
        sendObservers.notifyAll(TOKEN);
    }

    // ---- operations ---------------------------------------------------------------------------

    /**
     * Sends without waiting.
     *
     * @return {@code false} if the channel is full (rendezvous: no receiver is waiting)
     * @throws DisconnectedException if the channel is disconnected
     */
    abstract boolean trySend(T msg);

    /**
     * Sends, waiting at most {@code nanos} (a {@code Timeouts} budget) for room.
     *
     * @param interruptible whether an interrupt ends the wait; if not, a pending interrupt stays
     *     set and the wait goes on
     * @return {@code false} on timeout, with nothing sent
     * @throws InterruptedException if interrupted while waiting, with nothing sent
     * @throws DisconnectedException if the channel is or becomes disconnected, with nothing sent
     */
    abstract boolean send(T msg, long nanos, boolean interruptible) throws InterruptedException;

    /**
     * Receives without waiting.
     *
     * @return the message, or {@code null} if the channel is empty
     * @throws DisconnectedException if the channel is empty and disconnected
     */
    abstract T tryRecv();

    /**
     * Receives, waiting at most {@code nanos} (a {@code Timeouts} budget) for a message.
     *
     * @return the message, or {@code null} on timeout
     * @throws InterruptedException if interrupted while waiting, with nothing taken
     * @throws DisconnectedException if the channel is or becomes empty and disconnected
     */
    abstract T recv(long nanos) throws InterruptedException;

    /** Disconnects because every sender is gone (or by request): receivers drain, then fail. */
    abstract boolean disconnectSenders();

    /** Disconnects because every receiver is gone (or by request): buffered messages dropped. */
    abstract boolean disconnectReceivers();

    abstract boolean isDisconnected();

    /** A snapshot of the number of buffered messages, in {@code [0, capacity]}. */
    abstract int size();

    /** The capacity, or {@code -1} when unbounded. */
    abstract int capacity();

    boolean isEmpty() {
        return size() == 0;
    }

    boolean isFull() {
        int cap = capacity();
        return cap >= 0 && size() >= cap;
    }

    // ---- select hooks (crossbeam-channel's SelectHandle)
    // ------------------------------------------

    /**
     * Tries to make the operation ready and commits to it: a receive takes its message into {@code
     * out.value}; a rendezvous send reserves a waiting receiver. A disconnected channel is ready
     * with {@code out.disconnected} set.
     */
    abstract boolean trySelect(boolean send, Slot out);

    /**
     * Registers {@code waiter} under {@code token} in the queue of the operation's condition.
     *
     * @param reg per-operation registration state (the rendezvous packet)
     * @param ownOpposite how many operations of the same select in the other direction are already
     *     registered on this channel (their entries are not counterparts)
     * @return whether the operation looks ready now, in which case the caller gives up waiting
     */
    abstract boolean register(boolean send, Waiter waiter, long token, Slot reg, int ownOpposite);

    /** Removes the registration of {@link #register}, if still there. */
    abstract void unregister(boolean send, Waiter waiter, long token);

    /**
     * After {@code waiter} was selected with this operation's token: completes the selection into
     * {@code out}, or returns {@code false} if the chance was lost (buffered flavours retry).
     */
    abstract boolean accept(boolean send, Slot reg, Slot out);

    /** Whether the operation would not block now (including because of disconnection). */
    abstract boolean isReady(boolean send);

    /** Finishes a selected receive. */
    @SuppressWarnings("unchecked")
    T completeRecv(Slot s) {
        if (s.disconnected) {
            throw new DisconnectedException();
        }
        return (T) s.value;
    }

    /** Finishes a selected send. */
    abstract void completeSend(Slot s, T msg);

    /**
     * For timer channels: nanoseconds from {@code now} (a {@code System.nanoTime()} value) until a
     * receive becomes ready, or {@code Long.MAX_VALUE} if no time will make it ready.
     */
    long nanosUntilReady(long now) {
        return Long.MAX_VALUE;
    }

    /** Per-operation scratch state of one selection. */
    static final class Slot {
        /** A message a selected receive already took. */
        Object value;

        /** The channel was disconnected when the operation was selected. */
        boolean disconnected;

        /** Rendezvous: the packet that carries the message between the two parties. */
        Packet packet;

        /** Rendezvous: the receiver a selected send must unpark once the packet is filled. */
        Waiter counterpart;

        void clear() {
            value = null;
            disconnected = false;
            packet = null;
            counterpart = null;
        }
    }

    private static final VarHandle SENDERS;
    private static final VarHandle RECEIVERS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SENDERS = l.findVarHandle(Chan.class, "senders", int.class);
            RECEIVERS = l.findVarHandle(Chan.class, "receivers", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
