package dev.ferrum.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A mutable cell holding a reference that many threads read and replace atomically, after
 * crossbeam-utils' {@code AtomicCell}.
 *
 * <p>Loads are acquire reads and stores are release writes, as in crossbeam: a value stored by one
 * thread is seen complete by any thread that loads it. {@link #swap}, {@link #compareExchange},
 * {@link #fetchUpdate} and {@link #take} are atomic read-modify-writes with volatile semantics.
 * Every operation is lock-free (a single {@link VarHandle} access or a compare-and-set loop), so
 * unlike crossbeam there is no fallback to a lock for large values: a Java cell only ever holds a
 * reference.
 *
 * <p>The cell may hold {@code null}, which plays the part of Rust's {@code Default} for {@link
 * #take}.
 *
 * <h2>Identity, not equality</h2>
 *
 * <p>{@link #compareExchange} compares references with {@code ==}, not {@code equals}. For value
 * types and boxed primitives this matters: two {@code Integer}s holding 1000, or two equal {@code
 * String}s, are usually different objects, and a compare-exchange expecting one fails against the
 * other. Pass the very reference you loaded (the witness a failed call returns is such a
 * reference), or keep values canonical. crossbeam compares bytes and then retries on {@code ==};
 * Java has no byte view of an object, so identity is the only atomic comparison.
 *
 * <h2>Memory consistency effects</h2>
 *
 * <p>Actions in a thread before it stores a value (by any operation) happen-before the actions of
 * another thread after it loads that value (by any operation). Stores and loads of
 * <em>different</em> cells are not ordered by this class alone: as with release/acquire in general,
 * two threads that each store to one cell and then load the other may both see the old values.
 *
 * @param <T> the type of the value
 */
public final class AtomicCell<T> {

    /** Written by release stores or volatile read-modify-writes; read with acquire loads. */
    private volatile T value;

    /** Creates a cell holding {@code initial} (which may be null). */
    public AtomicCell(T initial) {
        this.value = initial; // volatile write in the constructor: publishes the initial value
    }

    /** Creates a cell holding {@code null}. */
    public AtomicCell() {}

    /** Returns the current value. Acquire load. */
    @SuppressWarnings("unchecked")
    public T load() {
        return (T) VALUE.getAcquire(this);
    }

    /** Replaces the value. Release store. */
    public void store(T newValue) {
        VALUE.setRelease(this, newValue);
    }

    /** Replaces the value and returns the previous one, atomically. Volatile read-modify-write. */
    @SuppressWarnings("unchecked")
    public T swap(T newValue) {
        return (T) VALUE.getAndSet(this, newValue);
    }

    /**
     * Takes the value out, leaving {@code null} in its place; the Java counterpart of crossbeam's
     * {@code take} (which leaves {@code Default::default()}).
     *
     * @return the previous value
     */
    public T take() {
        return swap(null);
    }

    /**
     * Replaces the value with {@code newValue} if it is the very reference {@code current} (an
     * identity comparison; see the class notes). Volatile read-modify-write.
     *
     * @return the value the cell held: {@code current} itself (same reference) if the exchange
     *     happened, otherwise the differing value that made it fail (the witness)
     */
    @SuppressWarnings("unchecked")
    public T compareExchange(T current, T newValue) {
        return (T) VALUE.compareAndExchange(this, current, newValue);
    }

    /**
     * Updates the value with {@code update}, retrying until no other thread interferes, and returns
     * the value it replaced.
     *
     * <p>{@code update} receives the current value and returns the new one. If it returns its
     * argument itself (the same reference), the cell is left as it is and the call stops: this is
     * the counterpart of crossbeam's closure returning {@code None}. Under contention {@code
     * update} may run several times, so it should be free of side effects.
     *
     * @param update computes the new value from the current one
     * @return the value that was replaced, or (if {@code update} declined) the current value
     * @throws NullPointerException if {@code update} is null
     */
    public T fetchUpdate(UnaryOperator<T> update) {
        Objects.requireNonNull(update, "update");
        T current = load();
        while (true) {
            T next = update.apply(current);
            if (next == current) {
                return current;
            }
            T witness = compareExchange(current, next);
            if (witness == current) {
                return current;
            }
            current = witness;
        }
    }

    /** Always {@code true}: every operation of a Java cell is lock-free. */
    public static boolean isLockFree() {
        return true;
    }

    /** Returns a string with the current value, as {@code String.valueOf} renders it. */
    @Override
    public String toString() {
        return "AtomicCell[" + load() + "]";
    }

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(AtomicCell.class, "value", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
