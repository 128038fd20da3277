package dev.ferrum.sync;

import dev.ferrum.internal.Timeouts;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread parking primitive with a single token, after crossbeam-utils' {@code Parker}.
 *
 * <p>Conceptually a {@code Parker} holds one token, initially absent. {@link Unparker#unpark()}
 * makes the token available (several unparks still make only one token). {@link #park()} blocks
 * until the token is available and consumes it; if it is already available, {@code park} consumes
 * it and returns at once. So an unpark that happens before the park is not lost.
 *
 * <pre>{@code
 * Parker parker = new Parker();
 * Unparker unparker = parker.unparker();
 * new Thread(() -> { doWork(); unparker.unpark(); }).start();
 * parker.park();   // returns once the worker has unparked (or at once if it already had)
 * }</pre>
 *
 * <p>Unlike {@link LockSupport#park()}, {@code park} never returns spuriously: it returns normally
 * only when it has consumed the token, and the timed {@link #park(Duration)} says whether it did.
 *
 * <h2>Threads</h2>
 *
 * <p>One thread at a time may park on a {@code Parker} (any thread: the parker may be handed from
 * one thread to another between parks); a second thread calling {@code park} while one is parked
 * gets an {@link IllegalStateException}. {@link Unparker}s are shareable by any number of threads.
 *
 * <h2>Interrupts and timeouts</h2>
 *
 * <p>As in {@code java.util.concurrent}: a park entered with the interrupt flag set, or interrupted
 * while blocked, throws {@link InterruptedException} with the flag cleared and the token left as it
 * was. If the token arrived before the interrupt was seen, the park consumes it and returns
 * normally with the flag still set. Timeouts accept any {@link Duration}: zero or negative does not
 * block but still consumes an available token; huge values do not overflow.
 *
 * <h2>Memory consistency effects</h2>
 *
 * <p>Actions in a thread before {@link Unparker#unpark()} happen-before the actions after a park
 * that consumes the token that unpark made available.
 *
 * <p>Differences from the Rust original: parks are interruptible (Java threads are); {@code
 * park(Duration)} returns a {@code boolean} instead of {@code UnparkReason}.
 */
public final class Parker {
    /*
     * Implementation notes.
     *
     * Source: crossbeam-utils src/sync/parker.rs, which keeps a state word EMPTY / PARKED /
     * NOTIFIED beside a mutex and condition variable. Here LockSupport takes the place of the
     * mutex and condition variable, because it already is a per-thread binary permit that survives
     * an unpark-before-park: the state word only has to decide who consumes the token and when a
     * real unpark is needed. Ferrum's Waiter/WaitQueue are built for many waiters that are
     * selected once per wait; a Parker has one waiter and a token that persists across waits and
     * may arrive before any wait, so a Waiter per park would add an allocation and a queue of one
     * without changing the protocol below.
     *
     *     EMPTY --unpark--> NOTIFIED --park consumes--> EMPTY
     *     EMPTY --park blocks--> PARKED --unpark--> NOTIFIED (+ LockSupport.unpark(thread))
     *     PARKED --timeout/interrupt (CAS wins)--> EMPTY
     *
     * Invariants: only the parking thread moves the state out of NOTIFIED or PARKED to EMPTY, or
     * from EMPTY to PARKED; unparkers only swap in NOTIFIED. The parking thread publishes itself in
     * `thread` (release store) before its volatile CAS to PARKED, so an unparker whose swap returns
     * PARKED reads the right thread. LockSupport.park may return spuriously; the loop re-checks the
     * state word, so callers never see it.
     */

    private static final int EMPTY = 0;
    private static final int PARKED = 1;
    private static final int NOTIFIED = 2;

    /** EMPTY, PARKED or NOTIFIED; changed by CAS or getAndSet (volatile) only. */
    private volatile int state;

    /** The thread parked or about to park; written before the CAS to PARKED. */
    private volatile Thread thread;

    private final Unparker unparker = new Unparker(this);

    /** Creates a parker with no token. */
    public Parker() {}

    /** Returns the unparker of this parker (always the same object). */
    public Unparker unparker() {
        return unparker;
    }

    /**
     * Blocks until the token is available, then consumes it. Returns at once if it is available
     * already.
     *
     * @throws InterruptedException if the thread is interrupted before or while blocked (the token
     *     is then left as it was)
     * @throws IllegalStateException if another thread is parked on this parker
     */
    public void park() throws InterruptedException {
        park0(Timeouts.FOREVER);
    }

    /**
     * Blocks until the token is available or the timeout passes; consumes the token if it got it.
     *
     * @param timeout how long to wait at most; zero or negative only takes an available token
     * @return {@code true} if the token was consumed (this parker was unparked), {@code false} on
     *     timeout
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if the thread is interrupted before or while blocked (the token
     *     is then left as it was)
     * @throws IllegalStateException if another thread is parked on this parker
     */
    public boolean park(Duration timeout) throws InterruptedException {
        return park0(Timeouts.toNanos(timeout));
    }

    private boolean park0(long budget) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        // Volatile CAS: consume a token that is already there.
        if (STATE.compareAndSet(this, NOTIFIED, EMPTY)) {
            return true;
        }
        if (budget == 0L) {
            return false;
        }
        THREAD.setRelease(this, Thread.currentThread()); // ordered before the CAS below
        int witness = (int) STATE.compareAndExchange(this, EMPTY, PARKED);
        if (witness == NOTIFIED) {
            // The token arrived after the first check.
            STATE.setVolatile(this, EMPTY);
            return true;
        }
        if (witness == PARKED) {
            throw new IllegalStateException("another thread is parked on this Parker");
        }
        final boolean timed = budget != Timeouts.FOREVER;
        final long start = timed ? System.nanoTime() : 0L;
        while (true) {
            if (timed) {
                long remaining = budget - (System.nanoTime() - start);
                if (remaining <= 0L) {
                    return giveUp() == NOTIFIED;
                }
                LockSupport.parkNanos(this, remaining);
            } else {
                LockSupport.park(this);
            }
            // Volatile CAS: consume the token an unparker left (absorbs spurious returns).
            if (STATE.compareAndSet(this, NOTIFIED, EMPTY)) {
                return true;
            }
            if (Thread.interrupted()) {
                if (giveUp() == NOTIFIED) {
                    // The token won the race: the park completed, so keep the interrupt pending.
                    Thread.currentThread().interrupt();
                    return true;
                }
                throw new InterruptedException();
            }
        }
    }

    /**
     * Leaves the PARKED state: to EMPTY if still parked, consuming the token if it came meanwhile.
     * Returns the state found: PARKED (gave up cleanly) or NOTIFIED (token consumed).
     */
    private int giveUp() {
        // Volatile swap: races with an unparker's swap; whoever comes second sees the other.
        return (int) STATE.getAndSet(this, EMPTY);
    }

    /** Makes the token available and wakes the parked thread, if any. */
    void unpark() {
        // Volatile swap: after it, the parking thread's CAS or swap sees NOTIFIED.
        int previous = (int) STATE.getAndSet(this, NOTIFIED);
        if (previous == PARKED) {
            LockSupport.unpark((Thread) THREAD.getAcquire(this));
        }
    }

    @Override
    public String toString() {
        int s = (int) STATE.getVolatile(this);
        return "Parker[" + (s == EMPTY ? "empty" : s == PARKED ? "parked" : "notified") + "]";
    }

    private static final VarHandle STATE;
    private static final VarHandle THREAD;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(Parker.class, "state", int.class);
            THREAD = l.findVarHandle(Parker.class, "thread", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
