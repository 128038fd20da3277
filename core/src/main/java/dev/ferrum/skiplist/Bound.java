package dev.ferrum.skiplist;

import java.util.Objects;

/**
 * One end of a key range: {@link #included included}, {@link #excluded excluded} or {@link
 * #unbounded unbounded}. This is the Java shape of Rust's {@code std::ops::Bound}, which
 * crossbeam-skiplist's {@code lower_bound}, {@code upper_bound} and {@code range} take.
 *
 * <p>Bounds are immutable values; two bounds are equal when they have the same kind and equal keys.
 *
 * @param <T> the key type
 */
public sealed interface Bound<T> permits Bound.Included, Bound.Excluded, Bound.Unbounded {

    /**
     * A bound that contains its key.
     *
     * @param key the key, never null
     * @param <T> the key type
     */
    record Included<T>(T key) implements Bound<T> {
        /**
         * Creates an inclusive bound.
         *
         * @throws NullPointerException if {@code key} is null
         */
        public Included {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A bound that stops just short of its key.
     *
     * @param key the key, never null
     * @param <T> the key type
     */
    record Excluded<T>(T key) implements Bound<T> {
        /**
         * Creates an exclusive bound.
         *
         * @throws NullPointerException if {@code key} is null
         */
        public Excluded {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * No bound at all: the range extends to the end of the map on this side.
     *
     * @param <T> the key type
     */
    record Unbounded<T>() implements Bound<T> {}

    /**
     * Returns a bound that includes {@code key}.
     *
     * @param key the key
     * @param <T> the key type
     * @return the bound
     * @throws NullPointerException if {@code key} is null
     */
    static <T> Bound<T> included(T key) {
        return new Included<>(key);
    }

    /**
     * Returns a bound that excludes {@code key}.
     *
     * @param key the key
     * @param <T> the key type
     * @return the bound
     * @throws NullPointerException if {@code key} is null
     */
    static <T> Bound<T> excluded(T key) {
        return new Excluded<>(key);
    }

    /**
     * Returns the bound that does not limit the range.
     *
     * @param <T> the key type
     * @return the shared unbounded instance
     */
    @SuppressWarnings("unchecked")
    static <T> Bound<T> unbounded() {
        return (Bound<T>) UnboundedHolder.INSTANCE;
    }

    /**
     * Returns the key of an included or excluded bound, or null when unbounded.
     *
     * @return the key, or null
     */
    default T keyOrNull() {
        if (this instanceof Included<T> in) {
            return in.key();
        }
        if (this instanceof Excluded<T> ex) {
            return ex.key();
        }
        return null;
    }

    /**
     * Returns whether the bound contains its own key (true only for {@link Included}).
     *
     * @return true for an included bound
     */
    default boolean isInclusive() {
        return this instanceof Included;
    }
}

/** Holds the one shared {@link Bound.Unbounded} instance. */
final class UnboundedHolder {
    static final Bound.Unbounded<Object> INSTANCE = new Bound.Unbounded<>();

    private UnboundedHolder() {}
}
