package dev.ferrum.channel;

import dev.ferrum.internal.Timeouts;
import dev.ferrum.internal.Waiter;
import dev.ferrum.sync.Backoff;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The slot through which one message passes between a rendezvous sender and receiver (crossbeam
 * {@code flavors/zero.rs}, {@code Packet}).
 *
 * <p>A blocking sender creates it full; a blocking receiver or a selecting thread creates it empty.
 * The party that must wait for it to fill (a receiver that paired with a selecting sender, which
 * writes its message only when its caller completes the selected operation) snoozes briefly and
 * then parks on a {@link Waiter} that {@link #fill} selects. The message is never taken away: a
 * packet is used for exactly one transfer and then dropped.
 */
final class Packet {
    /** The message; written once, volatile (publishes the message's contents). */
    private volatile Object msg;

    /** A parked reader, published with a volatile write before it re-checks {@code msg}. */
    private volatile Waiter reader;

    Packet() {}

    Packet(Object msg) {
        this.msg = msg;
    }

    /** Writes the message and wakes a reader parked on it. */
    void fill(Object m) {
        // Volatile store, then volatile load of reader: Dekker with await() (store reader, load
        // msg), so a reader either sees the message or is seen here and woken.
        MSG.setVolatile(this, m);
        Waiter w = (Waiter) READER.getVolatile(this);
        if (w != null && w.trySelect(Chan.TOKEN)) {
            w.unpark();
        }
    }

    /**
     * Waits, without giving up on interrupt, until the message is there and returns it. The
     * transfer is already committed when anyone calls this, so it must not fail.
     */
    Object await() {
        Object m = MSG.getVolatile(this);
        if (m != null) {
            return m;
        }
        Backoff backoff = new Backoff();
        boolean interrupted = false;
        while ((m = MSG.getVolatile(this)) == null) {
            if (!backoff.isCompleted()) {
                backoff.snooze();
                continue;
            }
            Waiter w = new Waiter();
            READER.setVolatile(this, w);
            if ((m = MSG.getVolatile(this)) != null) {
                break;
            }
            // Interruptible, so that a pending interrupt cannot turn park() into a busy loop; the
            // interrupt is remembered and restored once the message is here.
            if (w.await(Timeouts.FOREVER, true) == Waiter.INTERRUPTED) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return m;
    }

    private static final VarHandle MSG;
    private static final VarHandle READER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            MSG = l.findVarHandle(Packet.class, "msg", Object.class);
            READER = l.findVarHandle(Packet.class, "reader", Waiter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
