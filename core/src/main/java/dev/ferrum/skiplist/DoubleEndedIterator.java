package dev.ferrum.skiplist;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator that can also be consumed from the back, like Rust's {@code DoubleEndedIterator}:
 * {@link #next()} walks up from the low end and {@link #nextBack()} walks down from the high end,
 * and the two never yield the same element. Once either end reports that nothing is left, both ends
 * stay exhausted.
 *
 * @param <T> the element type
 */
public interface DoubleEndedIterator<T> extends Iterator<T> {

    /**
     * Returns whether {@link #nextBack()} has an element.
     *
     * @return true if an element remains at the back
     */
    boolean hasNextBack();

    /**
     * Returns the next element from the back.
     *
     * @return the element
     * @throws NoSuchElementException if none remains
     */
    T nextBack();
}
