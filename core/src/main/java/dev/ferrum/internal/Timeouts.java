package dev.ferrum.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Conversion of user timeouts to the nanosecond budgets that {@link Waiter#await} takes.
 *
 * <p>A budget is a non-negative count of nanoseconds. {@code 0} means "do not wait" and {@link
 * #FOREVER} means "no deadline". Budgets are never turned into absolute deadlines by addition:
 * {@link Waiter#await} keeps the start time and compares the elapsed time against the budget, which
 * cannot overflow, so a huge timeout can never wrap into "already expired".
 */
public final class Timeouts {

    /** The budget of an untimed wait, and the saturated budget of any timeout too large to hold. */
    public static final long FOREVER = Long.MAX_VALUE;

    private Timeouts() {}

    /**
     * Converts a timeout to a budget: negative and zero become {@code 0}, a duration too long for a
     * {@code long} of nanoseconds (about 292 years) becomes {@link #FOREVER}.
     *
     * @throws NullPointerException if {@code timeout} is null
     */
    public static long toNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            return 0L;
        }
        if (timeout.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L) {
            // Duration.toNanos() would throw ArithmeticException from here on.
            return FOREVER;
        }
        return timeout.toNanos();
    }

    /**
     * Converts a timeout in the {@code java.util.concurrent} style to a budget, with the same rules
     * as {@link #toNanos(Duration)}.
     *
     * @throws NullPointerException if {@code unit} is null
     */
    public static long toNanos(long time, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        // TimeUnit.toNanos saturates at Long.MIN_VALUE / Long.MAX_VALUE.
        return Math.max(0L, unit.toNanos(time));
    }
}
