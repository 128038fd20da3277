package dev.ferrum.sync;

/**
 * Exponential backoff for spin loops, with the semantics of crossbeam-utils' {@code Backoff}.
 *
 * <p>A spin loop that retries a failed compare-and-set, or waits for another thread to make
 * progress, should not hammer the contended cache line. A {@code Backoff} counts the attempts of
 * one such loop and makes each wait roughly twice as long as the previous one:
 *
 * <ul>
 *   <li>{@link #spin()} is for retrying after <em>contention</em> (a lost CAS): another thread made
 *       progress, so this one should try again soon. It only ever busy-waits, up to {@code 2^6}
 *       calls of {@link Thread#onSpinWait()}.
 *   <li>{@link #snooze()} is for <em>waiting</em> for another thread (an item to arrive, a flag to
 *       flip). It busy-waits at first, then calls {@link Thread#yield()} so that the awaited thread
 *       can run, even on a machine with fewer cores than runnable threads.
 *   <li>{@link #isCompleted()} turns true once snoozing has gone on long enough that the caller
 *       should stop spinning and block (for example with {@link
 *       java.util.concurrent.locks.LockSupport#park()}).
 * </ul>
 *
 * <p>The canonical waiting loop:
 *
 * <pre>{@code
 * Backoff backoff = new Backoff();
 * while (!ready.get()) {
 *     if (backoff.isCompleted()) {
 *         parkUntilReady();   // the caller's own blocking step
 *     } else {
 *         backoff.snooze();
 *     }
 * }
 * }</pre>
 *
 * <p>On a machine with a single available processor busy-waiting cannot help, since the awaited
 * thread cannot run while this one spins: there {@code snooze()} yields from the first call, and
 * {@code spin()} still spins, as a retry after contention is expected to succeed soon.
 *
 * <p>A {@code Backoff} is a small mutable counter owned by one loop in one thread: it is not
 * thread-safe and is meant to be created on the stack of the loop that uses it. It never blocks,
 * sleeps or parks, so it is safe on virtual threads.
 *
 * <p>Ported from crossbeam-utils ({@code src/backoff.rs}): the limits ({@code 2^6} spins, {@code
 * 10} steps in all) are crossbeam's.
 */
public final class Backoff {

    /** Steps up to this one busy-wait for {@code 2^step} spin hints. */
    private static final int SPIN_LIMIT = 6;

    /** After this many steps {@link #isCompleted()} is true. */
    private static final int YIELD_LIMIT = 10;

    /** Busy-waiting helps only if the thread we wait for can run at the same time as us. */
    private static final boolean MULTIPROCESSOR = Runtime.getRuntime().availableProcessors() > 1;

    private int step;

    /** Creates a backoff at its first step. */
    public Backoff() {}

    /** Returns to the first step, so that the next wait is the shortest again. */
    public void reset() {
        step = 0;
    }

    /**
     * Backs off after a lost race on shared state (for example a failed compare-and-set), before
     * retrying. Busy-waits for {@code 2^step} spin hints, at most {@code 2^6}; never yields.
     */
    public void spin() {
        int s = step;
        spinHints(1 << Math.min(s, SPIN_LIMIT));
        step = Math.min(s + 1, SPIN_LIMIT + 1);
    }

    /**
     * The busy-wait itself, kept out of {@link #spin()} and {@link #snooze()} so that those stay
     * small enough to be inlined into a retry loop, which lets the JIT keep the backoff on the
     * stack instead of allocating it.
     */
    private static void spinHints(int hints) {
        for (int i = hints; i > 0; i--) {
            Thread.onSpinWait();
        }
    }

    /**
     * Backs off while waiting for another thread to make progress. Busy-waits for the first steps,
     * then yields the processor; after {@link #isCompleted()} turns true it keeps yielding on each
     * call.
     */
    public void snooze() {
        if (step <= SPIN_LIMIT && MULTIPROCESSOR) {
            spinHints(1 << step);
        } else {
            Thread.yield();
        }
        if (step <= YIELD_LIMIT) {
            step++;
        }
    }

    /**
     * Returns whether backing off has gone on long enough that the caller should block instead (on
     * a lock, a condition, or {@code LockSupport.park}) rather than keep snoozing.
     *
     * @return {@code true} once {@link #snooze()} has been called more than ten times since
     *     creation or the last {@link #reset()}
     */
    public boolean isCompleted() {
        return step > YIELD_LIMIT;
    }

    @Override
    public String toString() {
        return "Backoff[step=" + step + "]";
    }
}
