package dev.ferrum.channel;

import dev.ferrum.internal.WaitQueue;
import dev.ferrum.internal.Waiter;
import dev.ferrum.sync.Backoff;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The zero-capacity (rendezvous) flavour: a send completes only by handing its message directly to
 * a receiver; nothing is ever buffered.
 *
 * @param <T> the message type
 */
final class ZeroChan<T> extends Chan<T> {
    /*
     * Implementation notes
     *
     * Port of crossbeam-channel src/flavors/zero.rs. State:
     *
     *     lock ──guards──▶ { senders: WaitQueue of (Waiter, Packet full or empty),
     *                        receivers: WaitQueue of (Waiter, Packet empty),
     *                        disconnected }
     *
     * Invariant (under the lock): a registered waiter that is still WAITING in one queue implies
     * that no WAITING waiter of another thread was in the opposite queue when it registered,
     * because every operation first tries to pair with the opposite queue and registers only if
     * that fails, all in one critical section. So a blocked sender and a blocked receiver never
     * miss each other. The lock is a spin lock held for a few list operations, never across a
     * park (crossbeam uses a Mutex for the same section); while it is held others snooze.
     *
     * Hand-off: the pairing party selects the counterpart's Waiter (WaitQueue.trySelectOne, a CAS:
     * the linearization point of the transfer), then moves the message through the counterpart's
     * Packet and unparks it. A blocking sender's packet is full from the start, so its receiver
     * takes the message at once and the sender returns as soon as it sees its selection. A
     * blocking receiver's packet is empty and the selecting sender fills it right after the
     * selection. A Select's send registration has an empty packet too: a receiver that pairs with
     * it waits (Packet.await) until the selecting thread completes SelectedOperation.send.
     *
     * Give-up: a waiter that times out or is interrupted decides its own wait by CAS (Waiter
     * abort); if a counterpart selected it first, the transfer stands and the call completes
     * normally (with the interrupt flag restored), so an abandoned call never has an effect.
     *
     * Observers (Select.ready): a sender that registers wakes the receive observers and vice
     * versa, since a registered counterpart is what makes the other direction ready.
     */

    private final WaitQueue senders = new WaitQueue();
    private final WaitQueue receivers = new WaitQueue();

    /** 0 = free, 1 = held; acquired by CAS, released by a release store. */
    private volatile int lock;

    /** Set once, under the lock; read without it with volatile strength. */
    private volatile boolean disconnected;

    ZeroChan() {}

    // ---- operations ---------------------------------------------------------------------------

    @Override
    boolean trySend(T msg) {
        WaitQueue.Entry e;
        lock();
        try {
            if (isDisconnectedLocked()) {
                throw new DisconnectedException(msg);
            }
            e = receivers.trySelectOne();
        } finally {
            unlock();
        }
        if (e == null) {
            return false;
        }
        handTo(e, msg);
        return true;
    }

    @Override
    boolean send(T msg, long nanos, boolean interruptible) throws InterruptedException {
        Waiter w = null;
        WaitQueue.Entry e;
        lock();
        try {
            if (isDisconnectedLocked()) {
                throw new DisconnectedException(msg);
            }
            e = receivers.trySelectOne();
            if (e == null && nanos > 0L) {
                w = new Waiter();
                senders.register(w, TOKEN, new Packet(msg));
            }
        } finally {
            unlock();
        }
        if (e != null) {
            handTo(e, msg);
            return true;
        }
        if (w == null) {
            return false;
        }
        recvObservers.notifyAll(TOKEN);
        long sel = w.await(nanos, interruptible);
        if (sel == TOKEN) {
            // A receiver selected us and takes the message from our full packet.
            return true;
        }
        lock();
        try {
            senders.unregister(w, TOKEN);
        } finally {
            unlock();
        }
        if (sel == DISCONNECTED_TOKEN) {
            throw new DisconnectedException(msg);
        }
        if (sel == Waiter.INTERRUPTED) {
            throw new InterruptedException();
        }
        return false;
    }

    @Override
    T tryRecv() {
        WaitQueue.Entry e;
        lock();
        try {
            e = senders.trySelectOne();
            if (e == null && isDisconnectedLocked()) {
                throw new DisconnectedException();
            }
        } finally {
            unlock();
        }
        return e == null ? null : takeFrom(e);
    }

    @Override
    T recv(long nanos) throws InterruptedException {
        Waiter w = null;
        Packet p = null;
        WaitQueue.Entry e;
        lock();
        try {
            e = senders.trySelectOne();
            if (e == null) {
                if (isDisconnectedLocked()) {
                    throw new DisconnectedException();
                }
                if (nanos > 0L) {
                    w = new Waiter();
                    p = new Packet();
                    receivers.register(w, TOKEN, p);
                }
            }
        } finally {
            unlock();
        }
        if (e != null) {
            return takeFrom(e);
        }
        if (w == null) {
            return null;
        }
        sendObservers.notifyAll(TOKEN);
        long sel = w.await(nanos, true);
        if (sel == TOKEN) {
            return cast(p.await());
        }
        lock();
        try {
            receivers.unregister(w, TOKEN);
        } finally {
            unlock();
        }
        if (sel == DISCONNECTED_TOKEN) {
            throw new DisconnectedException();
        }
        if (sel == Waiter.INTERRUPTED) {
            throw new InterruptedException();
        }
        return null;
    }

    /** Completes a send to a selected receiver entry: fill its packet, wake it. */
    private static void handTo(WaitQueue.Entry e, Object msg) {
        ((Packet) e.packet()).fill(msg);
        e.waiter().unpark();
    }

    /**
     * Completes a receive from a selected sender entry: wake it, take (or wait for) the message.
     */
    private T takeFrom(WaitQueue.Entry e) {
        // Unpark first: a selecting sender must return from select() before it can fill.
        e.waiter().unpark();
        return cast(((Packet) e.packet()).await());
    }

    @SuppressWarnings("unchecked")
    private T cast(Object o) {
        return (T) o;
    }

    // ---- disconnection and state --------------------------------------------------------------

    @Override
    boolean disconnectSenders() {
        return disconnect();
    }

    @Override
    boolean disconnectReceivers() {
        // Nothing is buffered, so there is nothing to drop: blocked senders keep their messages.
        return disconnect();
    }

    private boolean disconnect() {
        lock();
        try {
            if (isDisconnectedLocked()) {
                return false;
            }
            // Volatile store under the lock: every later critical section sees it, and every
            // earlier registration is in the queues we wake below.
            DISCONNECTED.setVolatile(this, true);
        } finally {
            unlock();
        }
        senders.notifyAll(DISCONNECTED_TOKEN);
        receivers.notifyAll(DISCONNECTED_TOKEN);
        notifyObservers();
        return true;
    }

    @Override
    boolean isDisconnected() {
        return (boolean) DISCONNECTED.getVolatile(this);
    }

    private boolean isDisconnectedLocked() {
        // Plain read: written only under the lock we hold.
        return (boolean) DISCONNECTED.get(this);
    }

    @Override
    int size() {
        return 0;
    }

    @Override
    int capacity() {
        return 0;
    }

    @Override
    boolean isEmpty() {
        return true;
    }

    @Override
    boolean isFull() {
        return true;
    }

    // ---- select hooks -------------------------------------------------------------------------

    @Override
    boolean trySelect(boolean send, Slot out) {
        WaitQueue.Entry e;
        lock();
        try {
            if (isDisconnectedLocked()) {
                out.disconnected = true;
                return true;
            }
            e = send ? receivers.trySelectOne() : senders.trySelectOne();
        } finally {
            unlock();
        }
        if (e == null) {
            return false;
        }
        out.packet = (Packet) e.packet();
        if (send) {
            // The receiver stays selected but parked until completeSend fills its packet.
            out.counterpart = e.waiter();
        } else {
            e.waiter().unpark();
        }
        return true;
    }

    @Override
    boolean register(boolean send, Waiter waiter, long token, Slot reg, int ownOpposite) {
        boolean ready;
        lock();
        try {
            if (isDisconnectedLocked()) {
                return true;
            }
            reg.packet = new Packet();
            if (send) {
                senders.register(waiter, token, reg.packet);
                ready = receivers.size() > ownOpposite;
            } else {
                receivers.register(waiter, token, reg.packet);
                ready = senders.size() > ownOpposite;
            }
        } finally {
            unlock();
        }
        (send ? recvObservers : sendObservers).notifyAll(TOKEN);
        return ready;
    }

    @Override
    void unregister(boolean send, Waiter waiter, long token) {
        lock();
        try {
            (send ? senders : receivers).unregister(waiter, token);
        } finally {
            unlock();
        }
    }

    @Override
    boolean accept(boolean send, Slot reg, Slot out) {
        // A counterpart selected our registration: the transfer is committed through our packet.
        out.packet = reg.packet;
        return true;
    }

    @Override
    boolean isReady(boolean send) {
        return isDisconnected() || !(send ? receivers : senders).isEmpty();
    }

    @Override
    T completeRecv(Slot s) {
        if (s.disconnected) {
            throw new DisconnectedException();
        }
        return cast(s.packet.await());
    }

    @Override
    void completeSend(Slot s, T msg) {
        if (s.disconnected) {
            throw new DisconnectedException(msg);
        }
        s.packet.fill(msg);
        if (s.counterpart != null) {
            s.counterpart.unpark();
        }
    }

    // ---- the lock -----------------------------------------------------------------------------

    private void lock() {
        // Volatile CAS acquires the lock and everything the previous holder wrote.
        if (LOCK.compareAndSet(this, 0, 1)) {
            return;
        }
        Backoff backoff = new Backoff();
        do {
            backoff.snooze();
        } while ((int) LOCK.getOpaque(this) != 0 || !LOCK.compareAndSet(this, 0, 1));
    }

    private void unlock() {
        // Release store: publishes the critical section to the next acquiring CAS.
        LOCK.setRelease(this, 0);
    }

    private static final VarHandle LOCK;
    private static final VarHandle DISCONNECTED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LOCK = l.findVarHandle(ZeroChan.class, "lock", int.class);
            DISCONNECTED = l.findVarHandle(ZeroChan.class, "disconnected", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
