package dev.ferrum.swap;

import dev.ferrum.sync.Backoff;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The {@link ArcSwap} without a release action, made by {@link ArcSwap#of(Object)}, {@link
 * ArcSwap#ofNullable(Object)} and {@link ArcSwap#empty()}: an atomic reference with arc-swap's API,
 * whose replaced values are left to the garbage collector.
 *
 * <p>See the implementation notes of {@link ArcSwap}.
 */
final class PlainSwap<T> extends ArcSwap<T> {

    /** The value itself. Written only by setVolatile, getAndSet and compareAndExchange. */
    private volatile T current;

    /** Set once by close(); checked by every write and by guard(). */
    private volatile boolean closed;

    PlainSwap(T initial, boolean nullable) {
        super(nullable);
        this.current = initial;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T load() {
        // Acquire: pairs with the volatile write or CAS that installed the value.
        return (T) CURRENT.getAcquire(this);
    }

    @Override
    public Guard<T> guard() {
        checkOpen();
        return new Guard<>(load(), null, 0); // pins nothing: it only carries the value
    }

    @Override
    public void store(T newValue) {
        checkValue(newValue, "newValue");
        checkOpen();
        // Volatile write, as AtomicReference.set.
        CURRENT.setVolatile(this, newValue);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T swap(T newValue) {
        checkValue(newValue, "newValue");
        checkOpen();
        // Volatile getAndSet, as AtomicReference.getAndSet.
        return (T) CURRENT.getAndSet(this, newValue);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T compareAndSwap(T expected, T newValue) {
        checkValue(expected, "expected");
        checkValue(newValue, "newValue");
        checkOpen();
        // Volatile compareAndExchange: returns the witness, which is what we return.
        return (T) CURRENT.compareAndExchange(this, expected, newValue);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T rcu(UnaryOperator<T> f) {
        Objects.requireNonNull(f, "f");
        Backoff backoff = null; // created on the first lost race only
        // Volatile read: the first value to try.
        T prev = (T) CURRENT.getVolatile(this);
        for (; ; ) {
            checkOpen();
            T next = f.apply(prev);
            checkValue(next, "value returned by f");
            if (next == prev) {
                return prev;
            }
            // Volatile compareAndExchange: on failure the witness is the value to retry with.
            T witness = (T) CURRENT.compareAndExchange(this, prev, next);
            if (witness == prev) {
                return prev;
            }
            prev = witness;
            // A lost race: the winner may be about to write again, and each retry calls f (an
            // allocation, typically). Backing off before retrying, as crossbeam's CAS loops do,
            // lets the winner finish instead of making every contender compute values that fail.
            if (backoff == null) {
                backoff = new Backoff();
            }
            backoff.spin();
        }
    }

    @Override
    public void close() {
        // Volatile write: writes and guard() that read it afterwards throw.
        CLOSED.setVolatile(this, true);
    }

    @Override
    public boolean isClosed() {
        // Volatile read: pairs with close()'s volatile write.
        return (boolean) CLOSED.getVolatile(this);
    }

    @Override
    public boolean isReleasing() {
        return false;
    }

    @Override
    Slot<?> currentSlot() {
        return null;
    }

    private void checkOpen() {
        // Volatile read: sees a close() that precedes it in the synchronization order.
        if ((boolean) CLOSED.getVolatile(this)) {
            throw closedException();
        }
    }

    private static final VarHandle CURRENT;
    private static final VarHandle CLOSED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CURRENT = l.findVarHandle(PlainSwap.class, "current", Object.class);
            CLOSED = l.findVarHandle(PlainSwap.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
