package dev.ferrum.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One blocked thread's side of a wait: the thread to unpark, a selection word that a notifier sets
 * exactly once, and an optional hand-off slot.
 *
 * <p>This is the Java shape of crossbeam-channel's {@code Context} ({@code src/context.rs}): a
 * waiter registers itself in one or more {@link WaitQueue}s under an operation token, then awaits.
 * Exactly one party decides how the wait ends, by a compare-and-set of {@link #selected()} away
 * from {@link #WAITING}: either a notifier, which writes its token and then unparks the thread, or
 * the waiter itself, which writes {@link #TIMED_OUT} or {@link #INTERRUPTED} when it gives up.
 * Whoever loses that race learns the winner's value, so a notification is never both delivered and
 * lost, and a timed-out waiter is never also selected.
 *
 * <h2>Waiting policy</h2>
 *
 * <p>{@link #await} first spins for a few checks ({@link #SPINS} spin hints, none on a single
 * processor, where the notifier cannot run while we spin), then yields the processor a few times
 * ({@link #YIELDS}), and only then parks with {@link LockSupport#park(Object)} or {@link
 * LockSupport#parkNanos(Object, long)}. The spin catches a notifier that is running on another core
 * right now; the yields hand the processor to a notifier that is runnable but not running, which is
 * the common case when threads outnumber cores; parking keeps an idle waiter from burning a core. A
 * park costs two context switches and a futex wake-up (several microseconds here), so neither pure
 * spinning nor parking at once is right on every machine: this mix keeps the fast cases fast and
 * bounds the waste at a few microseconds. Spurious returns from {@code park} are absorbed by the
 * loop. No {@code synchronized}, {@code Object.wait} or {@code Thread.sleep} is used, so a waiting
 * virtual thread releases its carrier ({@code Thread.yield} on a virtual thread yields its carrier
 * too).
 *
 * <h2>Interrupts</h2>
 *
 * <p>An interruptible await that sees the interrupt flag clears it and tries to select {@link
 * #INTERRUPTED}. If a notifier won the race, the wait completed: await returns the notifier's token
 * and sets the flag again, so that the caller finishes its operation normally with the interrupt
 * still pending (never both an effect and an {@code InterruptedException}, never neither).
 *
 * <p>A waiter belongs to the thread that created it: only that thread may call {@link #await} and
 * {@link #reset}. Any thread may call {@link #trySelect}, {@link #unpark} and the packet methods.
 */
public final class Waiter {

    /** Nobody has decided how this wait ends yet. */
    public static final long WAITING = 0L;

    /** The waiter gave up because its budget ran out. */
    public static final long TIMED_OUT = 1L;

    /** The waiter gave up because its thread was interrupted. */
    public static final long INTERRUPTED = 2L;

    /** Notifiers select a waiter with tokens from this value up; their meaning is the caller's. */
    public static final long FIRST_TOKEN = 3L;

    /**
     * Spin hints before yielding. A hint costs 10 to 100 ns depending on the processor (and more on
     * a virtual machine that traps it), so 32 bound the spin at a few microseconds even where hints
     * are slow, while covering a hand-off between two running threads. Zero on one processor.
     */
    static final int SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 1 << 5 : 0;

    /** Yields before parking: enough to let a runnable notifier on this core finish its step. */
    static final int YIELDS = 4;

    private final Thread thread;

    /** WAITING until selected once; written only by compareAndSet, read with getAcquire. */
    private volatile long selected;

    /** Hand-off slot; ordered by the selection word (see storePacket). */
    private Object packet;

    /** Creates a waiter owned by, and parking, the current thread. */
    public Waiter() {
        this.thread = Thread.currentThread();
    }

    /** The thread that awaits on this waiter. */
    public Thread thread() {
        return thread;
    }

    /**
     * Returns the selection: {@link #WAITING}, {@link #TIMED_OUT}, {@link #INTERRUPTED}, or a
     * notifier's token. Acquire read: a non-waiting value makes visible everything its writer did
     * before selecting.
     */
    public long selected() {
        return (long) SELECTED.getAcquire(this);
    }

    /**
     * Tries to decide this wait with {@code token}. Succeeds for exactly one caller, and only while
     * the waiter is still {@link #WAITING}. Does not unpark: a notifier that also hands over a
     * packet stores it first, then calls {@link #unpark()}.
     *
     * @param token the notifier's token, at least {@link #FIRST_TOKEN}
     * @return {@code true} if this call decided the wait
     */
    public boolean trySelect(long token) {
        assert token >= FIRST_TOKEN : "notifier tokens start at FIRST_TOKEN: token=" + token;
        // Volatile CAS: the single decision point; it also publishes the notifier's prior writes.
        return SELECTED.compareAndSet(this, WAITING, token);
    }

    /** Wakes the waiting thread if it is parked. Harmless if it is not. */
    public void unpark() {
        LockSupport.unpark(thread);
    }

    /**
     * Stores a value for the waiter to take. Release store: a waiter that reads the packet after
     * observing the notifier's later release/volatile write (its selection or a ready flag) sees
     * it.
     */
    public void storePacket(Object value) {
        PACKET.setRelease(this, value);
    }

    /** Returns the stored packet, or {@code null}. Acquire read, pairing with storePacket. */
    public Object packet() {
        return PACKET.getAcquire(this);
    }

    /**
     * Makes the waiter reusable for another wait by its owner. Only the owner thread may call it,
     * and only when the waiter is registered in no queue. Plain-strength writes would do, since
     * nobody else can reach an unregistered waiter; the release store of the packet orders them
     * before any later registration's publication.
     */
    public void reset() {
        assert Thread.currentThread() == thread : "only the owner may reset a waiter";
        SELECTED.setVolatile(this, WAITING);
        PACKET.setRelease(this, null);
    }

    /**
     * Blocks the owner thread until the wait is decided: a notifier selects it, the budget runs
     * out, or (if {@code interruptible}) the thread is interrupted.
     *
     * @param timeoutNanos the budget from {@link Timeouts}: {@code 0} does not wait at all, {@link
     *     Timeouts#FOREVER} has no deadline
     * @param interruptible whether an interrupt ends the wait
     * @return the notifier's token, or {@link #TIMED_OUT}, or {@link #INTERRUPTED} (the flag is
     *     then clear); never {@link #WAITING}
     */
    public long await(long timeoutNanos, boolean interruptible) {
        assert Thread.currentThread() == thread : "only the owner may await a waiter";
        long sel;
        if (timeoutNanos <= 0L) {
            return abort(TIMED_OUT);
        }
        for (int i = SPINS; i > 0; i--) {
            if ((sel = selected()) != WAITING) {
                return sel;
            }
            Thread.onSpinWait();
        }
        for (int i = YIELDS; i > 0; i--) {
            if ((sel = selected()) != WAITING) {
                return sel;
            }
            Thread.yield();
        }
        final boolean timed = timeoutNanos != Timeouts.FOREVER;
        final long start = timed ? System.nanoTime() : 0L;
        boolean swallowedInterrupt = false;
        while ((sel = selected()) == WAITING) {
            if (Thread.interrupted()) {
                if (interruptible) {
                    return abort(INTERRUPTED);
                }
                // park returns at once while the flag is set, so an uninterruptible wait would
                // spin: clear the flag for the wait and set it again before returning.
                swallowedInterrupt = true;
            }
            if (timed) {
                // Elapsed time against the budget: no absolute deadline that could overflow.
                long remaining = timeoutNanos - (System.nanoTime() - start);
                if (remaining <= 0L) {
                    sel = abort(TIMED_OUT);
                    break;
                }
                LockSupport.parkNanos(this, remaining);
            } else {
                LockSupport.park(this);
            }
        }
        if (swallowedInterrupt) {
            thread.interrupt();
        }
        return sel;
    }

    /**
     * The owner gives up with {@code reason}. If a notifier selected the waiter first, its token
     * stands and is returned; a swallowed interrupt is then restored.
     */
    private long abort(long reason) {
        // Volatile CAS: races with trySelect for the single decision.
        long witness = (long) SELECTED.compareAndExchange(this, WAITING, reason);
        if (witness == WAITING) {
            return reason;
        }
        if (reason == INTERRUPTED) {
            thread.interrupt();
        }
        // compareAndExchange has volatile semantics: the notifier's prior writes are visible.
        return witness;
    }

    @Override
    public String toString() {
        return "Waiter[thread=" + thread.getName() + ", selected=" + selected() + "]";
    }

    private static final VarHandle SELECTED;
    private static final VarHandle PACKET;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SELECTED = l.findVarHandle(Waiter.class, "selected", long.class);
            PACKET = l.findVarHandle(Waiter.class, "packet", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
