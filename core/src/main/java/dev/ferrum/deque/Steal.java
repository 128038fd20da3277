package dev.ferrum.deque;

import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The outcome of a steal: {@linkplain #isSuccess() success} with the stolen value, {@linkplain
 * #isEmpty() empty} (the source had nothing to take), or {@linkplain #isRetry() retry} (the steal
 * lost a race with another thread and should be attempted again).
 *
 * <p>Port of crossbeam-deque's {@code Steal<T>} enum ({@code crossbeam-deque/src/deque.rs}). A
 * retry is not an error and not a sign that the source is empty: it is the price of lock-free
 * stealing, and a caller that wants an item must loop while the result is a retry. The empty and
 * retry results are shared instances and allocate nothing; a success allocates one small object,
 * except the success of a batch steal into a worker, which carries no value and is shared as well.
 *
 * <p>Combining the steals of several sources, "the first success, otherwise retry if any source
 * asked for a retry, otherwise empty", is {@link #firstOf(Stream)} (crossbeam's {@code
 * FromIterator} for {@code Steal}) or, for two, {@link #orElse(Supplier)}.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param <T> the type of the stolen value
 */
public final class Steal<T> {

    private static final int EMPTY_KIND = 0;
    private static final int SUCCESS_KIND = 1;
    private static final int RETRY_KIND = 2;

    private static final Steal<?> EMPTY = new Steal<>(EMPTY_KIND, null);
    private static final Steal<?> RETRY = new Steal<>(RETRY_KIND, null);

    /** The success of a batch steal, which moves items into a worker and returns none itself. */
    static final Steal<Void> BATCH_SUCCESS = new Steal<>(SUCCESS_KIND, null);

    private final int kind;
    private final T value;

    private Steal(int kind, T value) {
        this.kind = kind;
        this.value = value;
    }

    /**
     * Returns the shared empty result.
     *
     * @param <T> the value type
     * @return the empty result; allocates nothing
     */
    @SuppressWarnings("unchecked")
    public static <T> Steal<T> empty() {
        return (Steal<T>) EMPTY;
    }

    /**
     * Returns the shared retry result.
     *
     * @param <T> the value type
     * @return the retry result; allocates nothing
     */
    @SuppressWarnings("unchecked")
    public static <T> Steal<T> retry() {
        return (Steal<T>) RETRY;
    }

    /**
     * Returns a success carrying {@code value}.
     *
     * @param value the stolen value
     * @param <T> the value type
     * @return a new success result
     * @throws NullPointerException if {@code value} is null
     */
    public static <T> Steal<T> success(T value) {
        return new Steal<>(SUCCESS_KIND, Objects.requireNonNull(value, "value"));
    }

    /**
     * Combines steals lazily: consumes {@code steals} up to and including the first success and
     * returns it; if none succeeds, returns retry if any of them was a retry, otherwise empty.
     * Since a stream is lazy, sources after the first success are not stolen from:
     *
     * <pre>{@code
     * Steal<Task> s = Steal.firstOf(stealers.stream().map(Stealer::steal));
     * }</pre>
     *
     * @param steals the results to combine, typically a stream that performs one steal per element
     * @param <T> the value type
     * @return the first success, else retry if any retried, else empty
     * @throws NullPointerException if {@code steals} or one of its elements is null
     */
    public static <T> Steal<T> firstOf(Stream<? extends Steal<T>> steals) {
        Objects.requireNonNull(steals, "steals");
        boolean retry = false;
        for (Iterator<? extends Steal<T>> it = steals.iterator(); it.hasNext(); ) {
            Steal<T> s = Objects.requireNonNull(it.next(), "steal");
            if (s.kind == SUCCESS_KIND) {
                return s;
            }
            retry |= s.kind == RETRY_KIND;
        }
        return retry ? retry() : empty();
    }

    /**
     * Returns whether the source was empty.
     *
     * @return {@code true} for the empty result
     */
    public boolean isEmpty() {
        return kind == EMPTY_KIND;
    }

    /**
     * Returns whether a value (or, for a batch steal, at least one item) was stolen.
     *
     * @return {@code true} for a success
     */
    public boolean isSuccess() {
        return kind == SUCCESS_KIND;
    }

    /**
     * Returns whether the steal lost a race and should be attempted again.
     *
     * @return {@code true} for the retry result
     */
    public boolean isRetry() {
        return kind == RETRY_KIND;
    }

    /**
     * Returns the stolen value, or {@code null} if this is not a success. A successful batch steal
     * ({@code Steal<Void>}) also returns {@code null}: its items went into the destination worker.
     *
     * @return the value, or {@code null}
     */
    public T value() {
        return value;
    }

    /**
     * Returns this result if it is a success; otherwise asks {@code next} for another steal and
     * returns its success, or else retry if either of the two was a retry, or else empty. This is
     * crossbeam's {@code Steal::or_else}: {@code next} is not called after a success.
     *
     * @param next the alternative steal, called at most once
     * @return the combined result
     * @throws NullPointerException if {@code next} is null or returns null
     */
    public Steal<T> orElse(Supplier<? extends Steal<T>> next) {
        Objects.requireNonNull(next, "next");
        if (kind == SUCCESS_KIND) {
            return this;
        }
        Steal<T> other = Objects.requireNonNull(next.get(), "next.get()");
        if (other.kind == SUCCESS_KIND) {
            return other;
        }
        return (kind == RETRY_KIND || other.kind == RETRY_KIND) ? retry() : empty();
    }

    /** Two results are equal if they are of the same kind and carry equal values. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Steal)) {
            return false;
        }
        Steal<?> other = (Steal<?>) o;
        return kind == other.kind && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * kind + Objects.hashCode(value);
    }

    @Override
    public String toString() {
        switch (kind) {
            case EMPTY_KIND:
                return "Steal.Empty";
            case RETRY_KIND:
                return "Steal.Retry";
            default:
                return "Steal.Success[" + value + "]";
        }
    }
}
