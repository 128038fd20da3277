package dev.ferrum.swap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Function;

/**
 * A pin on the value an {@link ArcSwap} held when the guard was opened: while the guard is open the
 * value is not released, even if the swap has replaced it meanwhile. Obtained from {@link
 * ArcSwap#guard()} or {@link ArcSwap.View#guard()} and meant for try-with-resources:
 *
 * <pre>{@code
 * try (Guard<Backend> g = backends.guard()) {
 *     g.get().send(request);   // the Backend cannot be released while g is open
 * }
 * }</pre>
 *
 * <p>{@link #get()} always returns the same value: a guard is a snapshot, it does not follow later
 * stores. Keep guards short-lived: a replaced value is released only after the last guard on it
 * closes, so a forgotten guard keeps its value (a connection pool, a mapped file) alive forever.
 *
 * <p>{@link #close()} is idempotent: the first call removes the pin (and may run the release action
 * of a value that has been replaced meanwhile, in the calling thread); later calls do nothing.
 * After closing, {@link #get()} throws {@link IllegalStateException}, so a closed guard can never
 * hand out a value that may have been released.
 *
 * <p>A guard is meant to be used by the thread that opened it, but it may be handed to another
 * thread (with the usual happens-before hand-off) and closed there. Closing concurrently from two
 * threads is safe: exactly one of the calls removes the pin.
 *
 * <p>On an {@code ArcSwap} without a release action a guard pins nothing; it then only carries the
 * value, so that code written against guards works with either kind of swap.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to {@code close()} of a guard
 * happen-before the release action of the guarded value (whichever thread runs it).
 *
 * @param <T> the type of the guarded value
 */
public final class Guard<T> implements AutoCloseable {

    private final T value;

    /** The pinned slot, or {@code null} when the guard pins nothing. */
    private final Slot<?> slot;

    /** The stripe of {@code slot} this guard incremented. */
    private final int stripe;

    /** 0 = open, 1 = closed. Set once by compareAndSet; read with getVolatile. */
    private volatile int closed;

    Guard(T value, Slot<?> slot, int stripe) {
        this.value = value;
        this.slot = slot;
        this.stripe = stripe;
    }

    /**
     * Returns the guarded value. It stays valid (not released) until this guard is closed.
     *
     * @return the value the swap held when this guard was opened ({@code null} only in a nullable
     *     swap)
     * @throws IllegalStateException if this guard has been closed
     */
    public T get() {
        // Volatile read: sees a close() by another thread (closing is idempotent, any thread).
        if ((int) CLOSED.getVolatile(this) != 0) {
            throw new IllegalStateException("guard is closed");
        }
        return value;
    }

    /** Returns whether {@link #close()} has been called. */
    public boolean isClosed() {
        // Volatile read: pairs with the volatile CAS that closes the guard.
        return (int) CLOSED.getVolatile(this) != 0;
    }

    /**
     * Removes this guard's pin. If the value has been replaced and this was its last guard, the
     * swap's release action runs here, in the calling thread, and any exception it throws
     * propagates from this call (the pin is removed and the value counts as released regardless).
     * Calling it again does nothing.
     */
    @Override
    public void close() {
        // Volatile CAS: exactly one close removes the pin, even from two threads at once.
        if (CLOSED.compareAndSet(this, 0, 1) && slot != null) {
            slot.unpin(stripe);
        }
    }

    /**
     * Moves this guard's pin to a new guard carrying {@code f} applied to the value; this guard is
     * closed without unpinning. If {@code f} throws, this guard is closed normally and the
     * exception propagates.
     */
    <R> Guard<R> project(Function<? super T, ? extends R> f) {
        R projected;
        try {
            projected = f.apply(get());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        // Volatile CAS: hands this guard's pin to the projection exactly once.
        if (!CLOSED.compareAndSet(this, 0, 1)) {
            throw new IllegalStateException("guard is closed");
        }
        return new Guard<>(projected, slot, stripe);
    }

    /** The pinned slot, or {@code null}. */
    Slot<?> slot() {
        return slot;
    }

    @Override
    public String toString() {
        return isClosed() ? "Guard[closed]" : "Guard[" + value + "]";
    }

    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(Guard.class, "closed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
