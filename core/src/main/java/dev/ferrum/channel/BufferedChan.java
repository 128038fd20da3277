package dev.ferrum.channel;

import dev.ferrum.internal.Timeouts;
import dev.ferrum.internal.WaitQueue;
import dev.ferrum.internal.Waiter;
import dev.ferrum.sync.Backoff;

/**
 * The blocking and select layer shared by the two buffered flavours: a non-blocking core (the
 * bounded array or the unbounded list of blocks, shared with {@code dev.ferrum.queue}) plus the
 * wait queues of blocked senders and receivers.
 *
 * @param <T> the message type
 */
abstract class BufferedChan<T> extends Chan<T> {
    /*
     * Implementation notes
     *
     * Port of the blocking parts of crossbeam-channel src/flavors/array.rs and list.rs (send,
     * recv, and the SelectHandle impls); the lock-free cores are dev.ferrum.internal.ArrayCore
     * and ListCore, which also back ArrayQueue and SegQueue.
     *
     * Blocking operation (the waiting protocol of dev.ferrum.internal):
     *   1. try the core operation, spinning between attempts (the steps of Backoff.spin) for
     *      PRE_PARK_ROUNDS rounds (about 127 spin hints in all; no yields: with more runnable
     *      threads than processors, as on a shared 2-CPU host, a yield often gives the processor
     *      to unrelated work for a whole time slice, and measured slower than registering and
     *      parking; the Waiter spins once more before it parks);
     *   2. register a Waiter in the queue of the condition ("not full" for senders, "not empty"
     *      for receivers);
     *   3. re-check the condition (or disconnection) with volatile reads: if it changed, decide
     *      our own wait at once (await with a zero budget);
     *   4. await, unregister, and go back to 1 (after a notification, a timeout or an interrupt
     *      that lost to a notification, the operation is always retried once more).
     * Every successful core operation is a volatile CAS and is followed by notifyOne on the other
     * side's queue (a volatile read of its empty flag when nobody waits): with step 3 this is the
     * Dekker pattern that rules out lost wake-ups.
     *
     * Disconnection marks the core (a bit in its tail index), then wakes every waiter with
     * DISCONNECTED_TOKEN. A receive that finds the core empty reads the mark and then polls once
     * more: messages whose send linearized before the mark are still there (the core's poll waits
     * for a send that reserved a slot before the mark to finish writing), so they are drained
     * before DisconnectedException (never "closed" with items left). When the receivers go, the
     * core is also emptied (discardAll) so that the garbage collector can reclaim the messages.
     */

    /**
     * Spin rounds before a blocking operation registers a waiter; see {@link #retry}. None on a
     * single processor, where the counterpart cannot run while we spin.
     */
    static final int PRE_PARK_ROUNDS = Runtime.getRuntime().availableProcessors() > 1 ? 7 : 0;

    static final int OK = 0;
    static final int FULL = 1;
    static final int DISCONNECTED = 2;

    final WaitQueue senders = new WaitQueue();
    final WaitQueue receivers = new WaitQueue();

    /** Stores the message: {@link #OK}, {@link #FULL} or {@link #DISCONNECTED}. */
    abstract int offer(T msg);

    /** Takes the oldest message, or {@code null} if the core is empty. */
    abstract T poll();

    /** Sets the disconnection mark; true for the first caller. */
    abstract boolean markDisconnected();

    /** Drops every buffered message. */
    abstract void discardAll();

    // ---- operations ---------------------------------------------------------------------------

    private void afterSend() {
        receivers.notifyOne();
        recvObservers.notifyAll(TOKEN);
    }

    void afterRecv() {
        senders.notifyOne();
        sendObservers.notifyAll(TOKEN);
    }

    @Override
    final boolean trySend(T msg) {
        int r = offer(msg);
        if (r == OK) {
            afterSend();
            return true;
        }
        if (r == DISCONNECTED) {
            throw new DisconnectedException(msg);
        }
        return false;
    }

    @Override
    final boolean send(T msg, long nanos, boolean interruptible) throws InterruptedException {
        if (trySend(msg)) {
            return true; // no clock read: see recv
        }
        final long start = nanos == Timeouts.FOREVER || nanos == 0L ? 0L : System.nanoTime();
        boolean interrupted = false;
        try {
            while (true) {
                int round = 0;
                while (true) {
                    if (trySend(msg)) {
                        return true;
                    }
                    if (nanos == 0L || !retry(round++)) {
                        break;
                    }
                }
                long left = remaining(nanos, start);
                if (left <= 0L) {
                    return false;
                }
                Waiter w = new Waiter();
                senders.register(w, TOKEN);
                long sel = !isFull() || isDisconnected() ? w.await(0L, false) : w.await(left, true);
                senders.unregister(w, TOKEN);
                if (sel == Waiter.INTERRUPTED) {
                    if (interruptible) {
                        throw new InterruptedException();
                    }
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    final T tryRecv() {
        T m = poll();
        if (m == null) {
            if (!isDisconnected()) {
                return null;
            }
            // Seen the mark: anything sent before it is in the core now; look once more.
            m = poll();
            if (m == null) {
                throw new DisconnectedException();
            }
        }
        afterRecv();
        return m;
    }

    @Override
    final T recv(long nanos) throws InterruptedException {
        // One attempt before the budget's clock is read: System.nanoTime() costs about as much as
        // a whole send and receive (26 ns on a KVM guest), and an operation that succeeds at once
        // does not need it.
        T first = tryRecv();
        if (first != null) {
            return first;
        }
        final long start = nanos == Timeouts.FOREVER || nanos == 0L ? 0L : System.nanoTime();
        while (true) {
            int round = 0;
            while (true) {
                T m = tryRecv();
                if (m != null) {
                    return m;
                }
                if (nanos == 0L || !retry(round++)) {
                    break;
                }
            }
            long left = remaining(nanos, start);
            if (left <= 0L) {
                return null;
            }
            Waiter w = new Waiter();
            receivers.register(w, TOKEN);
            long sel = !isEmpty() || isDisconnected() ? w.await(0L, false) : w.await(left, true);
            receivers.unregister(w, TOKEN);
            if (sel == Waiter.INTERRUPTED) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * One more non-blocking attempt before registering? Spins only, for {@link #PRE_PARK_ROUNDS}
     * rounds of {@code 2^round} spin hints (1 + 2 + ... + 64, the steps of {@link Backoff#spin()}),
     * and never yields: on a machine with more runnable threads than processors a yield can hand
     * the processor to an unrelated process for a whole time slice, and {@code Waiter.await} spins
     * once more before it parks anyway. The round number is the whole state, so that no backoff
     * object is allocated per message: escape analysis did not remove one here ({@code -prof gc}
     * showed its 16 bytes on every message that waited).
     */
    private static boolean retry(int round) {
        if (round >= PRE_PARK_ROUNDS) {
            return false;
        }
        for (int i = 1 << round; i > 0; i--) {
            Thread.onSpinWait();
        }
        return true;
    }

    private static long remaining(long nanos, long start) {
        if (nanos == Timeouts.FOREVER || nanos == 0L) {
            return nanos;
        }
        return nanos - (System.nanoTime() - start);
    }

    // ---- disconnection ------------------------------------------------------------------------

    @Override
    final boolean disconnectSenders() {
        if (!markDisconnected()) {
            return false;
        }
        wakeAll();
        return true;
    }

    @Override
    final boolean disconnectReceivers() {
        boolean first = markDisconnected();
        // Nobody can receive any more: let the collector have the messages. The mark is set, so
        // no send can add one after this drain.
        discardAll();
        if (first) {
            wakeAll();
        }
        return first;
    }

    private void wakeAll() {
        senders.notifyAll(DISCONNECTED_TOKEN);
        receivers.notifyAll(DISCONNECTED_TOKEN);
        notifyObservers();
    }

    // ---- select hooks -------------------------------------------------------------------------

    @Override
    final boolean trySelect(boolean send, Slot out) {
        if (send) {
            if (isDisconnected()) {
                out.disconnected = true;
                return true;
            }
            return !isFull();
        }
        try {
            out.value = tryRecv();
        } catch (DisconnectedException e) {
            out.disconnected = true;
            return true;
        }
        return out.value != null;
    }

    @Override
    final boolean register(boolean send, Waiter waiter, long token, Slot reg, int ownOpposite) {
        (send ? senders : receivers).register(waiter, token);
        return isReady(send);
    }

    @Override
    final void unregister(boolean send, Waiter waiter, long token) {
        (send ? senders : receivers).unregister(waiter, token);
    }

    @Override
    final boolean accept(boolean send, Slot reg, Slot out) {
        return trySelect(send, out);
    }

    @Override
    final boolean isReady(boolean send) {
        return isDisconnected() || (send ? !isFull() : !isEmpty());
    }

    @Override
    final void completeSend(Slot s, T msg) {
        if (s.disconnected) {
            throw new DisconnectedException(msg);
        }
        if (trySend(msg)) {
            return;
        }
        try {
            // Room seen by the selection was taken by another sender: wait for room, without
            // giving up on interrupt (the selection is committed), flag restored by send.
            send(msg, Timeouts.FOREVER, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible send does not throw", e);
        }
    }
}
