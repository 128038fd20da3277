package dev.ferrum.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Lets one publishing thread skip the store-load fence of the usual wake-up protocol on every
 * publication, paying it only while the one thread that consumes its publications is about to wait.
 *
 * <p>The usual protocol (see the package notes) makes both sides do "volatile store, then volatile
 * load": the publisher stores its index and reads the wait queue's empty flag; the waiter registers
 * and re-reads the index. On x86 the publisher's volatile store is a locked instruction that waits
 * for its store buffer to drain, on every item. A single-producer single-consumer ring that
 * publishes each item with a release store instead would be several times faster, but then the
 * publisher's read of the empty flag may be satisfied before its index store is visible, and the
 * waiter's re-read may miss the index: a lost wake-up. This class closes that gap.
 *
 * <h2>Protocol</h2>
 *
 * <p>Waiter (the only thread that calls {@link #announce}, {@link #acknowledged} and {@link
 * #withdraw}):
 *
 * <ol>
 *   <li>{@code e = announce()}: a volatile store of a fresh epoch;
 *   <li>register in the wait queue (a volatile store);
 *   <li>{@code acked = acknowledged(e)} (a volatile load), <em>then</em> re-read the published
 *       state with a volatile (or acquire) load; if something arrived, stop waiting;
 *   <li>if {@code acked}, park with no time limit of our own; otherwise park for a bounded probe
 *       time, then go back to 2;
 *   <li>{@code withdraw()} once the wait is over.
 * </ol>
 *
 * <p>Publisher (the only thread that calls {@link #ring}), after each publication, which may be a
 * release store: {@code if (ring()) { read the wait queue (volatile) and wake the waiter }}. {@code
 * ring()} is an opaque load of the announced epoch; only when an epoch is announced does it store
 * it back as the acknowledgement, with a volatile store, which orders the following queue read
 * after it.
 *
 * <h2>Why no wake-up is lost</h2>
 *
 * <p>Suppose the waiter parks without a time limit: it read {@code ack == e}, written by a
 * publication P that had read the announcement {@code e}. P's publication store precedes its
 * acknowledgement in program order, and the waiter's volatile read of the acknowledgement
 * synchronizes with it, so the waiter's later re-read of the published state sees P (and everything
 * before it). Any later publication Q comes after P in the publisher's program order, so by
 * coherence its opaque read of the announcement sees {@code e} again (the waiter changes the
 * announcement only when this wait is over). Q therefore stores the acknowledgement (volatile) and
 * reads the queue (volatile). In the synchronization order either that read comes after the
 * waiter's registration, and Q sees the waiter and wakes it; or it comes before, and then Q's
 * acknowledgement precedes the waiter's read of the acknowledgement, which therefore synchronizes
 * with Q (or a later publication) and makes the waiter's re-read see Q: the waiter did not park.
 *
 * <p>Suppose instead the waiter read no acknowledgement of {@code e}: no publication has yet seen
 * the announcement, and one that is racing with it may have read the announcement too early. Such a
 * publication is visible to the waiter's re-reads eventually (opaque and stronger reads make
 * progress), which is what the bounded probe parks are for: the waiter looks again after each. The
 * probes run only while the publisher publishes nothing, and end at the first publication that sees
 * the announcement; in steady streaming the publisher sees it at once and the waiter parks until
 * woken.
 *
 * <p>Memory modes: the announcement is written with volatile stores by the waiter and read with an
 * opaque load by the publisher; the acknowledgement is written with a volatile store by the
 * publisher and read with a volatile load by the waiter.
 */
public final class Doorbell {

    /** The epoch the waiter announced, or 0 when it is not waiting. Written by the waiter only. */
    private volatile long announced;

    /** The last announced epoch a publication saw. Written by the publisher only. */
    private volatile long acknowledged;

    /** The waiter's epoch counter; plain, waiter-only. 64 bits: an epoch never comes back. */
    private long lastEpoch;

    /** Creates a doorbell with no waiter. */
    public Doorbell() {}

    /**
     * Waiter: announces a new wait; returns its epoch (never 0). Volatile store: ordered before the
     * registration that follows.
     */
    public long announce() {
        long e = ++lastEpoch;
        ANNOUNCED.setVolatile(this, e);
        return e;
    }

    /**
     * Waiter: whether a publication has seen the announcement of {@code epoch}. Volatile load: call
     * it after registering and before re-reading the published state.
     */
    public boolean acknowledged(long epoch) {
        return (long) ACKNOWLEDGED.getVolatile(this) == epoch;
    }

    /** Waiter: the wait is over. Opaque store: publications merely stop acknowledging. */
    public void withdraw() {
        ANNOUNCED.setOpaque(this, 0L);
    }

    /**
     * Publisher, after a publication: returns whether a waiter has announced a wait, in which case
     * the acknowledgement has been stored (volatile) and the caller must read the wait queue
     * (volatile) and wake the waiter found there. Without a waiter it costs one opaque load.
     */
    public boolean ring() {
        // Opaque: a stale 0 is covered by the waiter's probes (see the class notes).
        long e = (long) ANNOUNCED.getOpaque(this);
        if (e == 0L) {
            return false;
        }
        // Volatile store: orders the caller's queue read after it (the Dekker half).
        ACKNOWLEDGED.setVolatile(this, e);
        return true;
    }

    @Override
    public String toString() {
        // Opaque reads: a diagnostic snapshot, ordered with nothing.
        return "Doorbell[announced="
                + (long) ANNOUNCED.getOpaque(this)
                + ", acknowledged="
                + (long) ACKNOWLEDGED.getOpaque(this)
                + "]";
    }

    private static final VarHandle ANNOUNCED;
    private static final VarHandle ACKNOWLEDGED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ANNOUNCED = l.findVarHandle(Doorbell.class, "announced", long.class);
            ACKNOWLEDGED = l.findVarHandle(Doorbell.class, "acknowledged", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
