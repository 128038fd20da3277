package dev.ferrum.sync;

import dev.ferrum.internal.Timeouts;
import dev.ferrum.internal.WaitQueue;
import dev.ferrum.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * Waits for a group of participants to finish, after crossbeam-utils' {@code WaitGroup} and Go's
 * {@code sync.WaitGroup}.
 *
 * <p>Each participant is registered with {@link #register()}, which returns its {@link Participant}
 * handle; the participant calls {@link Participant#done()} (or {@code close()}, so that
 * try-with-resources works) when it finishes. {@link #await()} blocks until every registered
 * participant is done.
 *
 * <pre>{@code
 * WaitGroup wg = new WaitGroup();
 * for (int i = 0; i < 4; i++) {
 *     WaitGroup.Participant p = wg.register();   // register before starting the work
 *     executor.execute(() -> {
 *         try (p) {
 *             work();
 *         }
 *     });
 * }
 * wg.await();                                      // all four have finished
 * }</pre>
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Register a participant before handing its work out (as above), not inside it: an {@code
 *       await} that finds no unfinished participant returns at once.
 *   <li>{@code done()} counts once per handle; calling it again does nothing. A participant handle
 *       is therefore safe to close in a {@code finally} and elsewhere.
 *   <li>A group may be reused: once {@code await} has returned, registering starts a new round. An
 *       {@code await} returns as soon as the count is zero at some moment after it began, even if
 *       new participants register right after.
 *   <li>Any number of threads may await at once.
 * </ul>
 *
 * <p>Difference from the Rust original: in crossbeam the group value itself is a participant and
 * {@code wait} consumes it (drop + wait); here the group and its participants are separate objects
 * and {@code await} has no side effect, so that an interrupted or timed-out {@code await} leaves
 * nothing half done, and so that a finished participant can never be counted twice.
 *
 * <h2>Interrupts and timeouts</h2>
 *
 * <p>{@link #await()} and {@link #await(Duration)} throw {@link InterruptedException} (with the
 * flag cleared) if the thread is interrupted before or while blocked; the group is unchanged.
 * Timeouts accept any {@link Duration}: zero or negative only checks, huge values do not overflow.
 *
 * <h2>Memory consistency effects</h2>
 *
 * <p>Actions of a participant before its {@code done()} happen-before the actions that follow an
 * {@code await} returning {@code true} (or normally) after that participant was done.
 */
public final class WaitGroup {
    /*
     * Implementation notes.
     *
     * A count of unfinished participants (volatile int) and a WaitQueue of awaiting threads.
     * register() increments it; done() decrements it once per handle (a CAS on the handle's own
     * flag makes it idempotent) and, when it reaches zero, wakes every waiter with notifyAll.
     * await() follows the package's waiting protocol (see dev.ferrum.internal): check, spin
     * briefly, register a Waiter, re-check the count, await. The decrement is a volatile
     * read-modify-write before the notifier's volatile read of the queue's emptiness flag, and the
     * waiter's registration is a volatile write before its volatile re-read of the count: the
     * Dekker pattern that rules out a lost wake-up. A woken waiter returns without re-checking the
     * count, since it was zero when the notifier woke it (a new round may have begun since).
     */

    private static final long ZERO = Waiter.FIRST_TOKEN;

    /** Unfinished participants. Changed by getAndAdd (volatile); read with getVolatile. */
    private volatile int count;

    private final WaitQueue waiters = new WaitQueue();

    /** Creates a group with no participants. */
    public WaitGroup() {}

    /**
     * Registers one more participant.
     *
     * @return the participant's handle, whose {@code done()} signals that it has finished
     * @throws IllegalStateException if {@code Integer.MAX_VALUE} participants are unfinished
     */
    public Participant register() {
        int previous = (int) COUNT.getAndAdd(this, 1);
        if (previous == Integer.MAX_VALUE) {
            COUNT.getAndAdd(this, -1);
            throw new IllegalStateException("too many participants: count=" + previous);
        }
        return new Participant(this);
    }

    /** Returns the number of unfinished participants: a snapshot. */
    public int participants() {
        return (int) COUNT.getVolatile(this);
    }

    /**
     * Blocks until every registered participant is done. Returns at once if none is unfinished.
     *
     * @throws InterruptedException if the thread is interrupted before or while blocked
     */
    public void await() throws InterruptedException {
        boolean done = await0(Timeouts.FOREVER);
        assert done : "an untimed await returns only when the count is zero";
    }

    /**
     * Blocks until every registered participant is done or the timeout passes.
     *
     * @param timeout how long to wait at most; zero or negative only checks
     * @return {@code true} if every participant was done, {@code false} on timeout
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if the thread is interrupted before or while blocked
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return await0(Timeouts.toNanos(timeout));
    }

    private boolean await0(long budget) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (isZero()) {
            return true;
        }
        Backoff backoff = new Backoff();
        while (!backoff.isCompleted() && budget != 0L) {
            backoff.snooze();
            if (isZero()) {
                return true;
            }
        }
        if (budget == 0L) {
            return false;
        }
        Waiter waiter = new Waiter();
        waiters.register(waiter, ZERO); // volatile write of the queue's emptiness flag
        if (isZero()) { // the re-check of the waiting protocol
            waiters.unregister(waiter, ZERO);
            return true;
        }
        long outcome = waiter.await(budget, true);
        if (outcome == ZERO) {
            return true; // the notifier removed our entry
        }
        waiters.unregister(waiter, ZERO);
        if (outcome == Waiter.INTERRUPTED) {
            throw new InterruptedException(); // the flag was cleared by the waiter
        }
        return isZero(); // timed out: report what is there now
    }

    private boolean isZero() {
        return (int) COUNT.getVolatile(this) == 0;
    }

    private void arrive() {
        // Volatile read-modify-write: publishes the participant's work to the awaiting threads.
        int remaining = (int) COUNT.getAndAdd(this, -1) - 1;
        assert remaining >= 0 : "count below zero: count=" + remaining;
        if (remaining == 0) {
            waiters.notifyAll(ZERO);
        }
    }

    @Override
    public String toString() {
        return "WaitGroup[participants=" + participants() + "]";
    }

    /**
     * One registered participant of a {@link WaitGroup}. Calling {@link #done()} (or {@link
     * #close()}) signals that it has finished; only the first call counts.
     */
    public static final class Participant implements AutoCloseable {

        private final WaitGroup group;

        /** 0 until done; set once by CAS. */
        private volatile int done;

        Participant(WaitGroup group) {
            this.group = group;
        }

        /**
         * Signals that this participant has finished, waking the awaiting threads if it was the
         * last one. Only the first call on a handle counts; later calls do nothing. Never blocks.
         *
         * @return {@code true} if this call counted, {@code false} if the handle was already done
         */
        public boolean done() {
            // Volatile CAS: exactly one call per handle decrements the count.
            if (DONE.compareAndSet(this, 0, 1)) {
                group.arrive();
                return true;
            }
            return false;
        }

        /** Same as {@link #done()}. */
        @Override
        public void close() {
            done();
        }

        /** Returns whether {@link #done()} has been called on this handle. */
        public boolean isDone() {
            return (int) DONE.getVolatile(this) != 0;
        }

        @Override
        public String toString() {
            return "WaitGroup.Participant[" + (isDone() ? "done" : "running") + "]";
        }

        private static final VarHandle DONE;

        static {
            try {
                DONE = MethodHandles.lookup().findVarHandle(Participant.class, "done", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(WaitGroup.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
