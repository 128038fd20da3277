package dev.ferrum.bench.wait;

/**
 * A counter that one thread raises and another thread waits on: one direction of a hand-off.
 *
 * <p>Posted values never decrease. A post happens-before the return of an {@link #await} that
 * observes its value, so a waiter sees everything the poster wrote before posting. At most one
 * thread awaits a given signal at a time; any thread may post.
 */
interface Signal {

    /** Raises the value to {@code value} and wakes the waiter, if there is one. */
    void post(long value);

    /**
     * Waits until the posted value is at least {@code target}.
     *
     * @param timeoutNanos how long to wait at most; the wait may overshoot it by one park or one
     *     round of spinning
     * @return {@code true} if the value reached {@code target}, {@code false} on timeout
     */
    boolean await(long target, long timeoutNanos);
}
