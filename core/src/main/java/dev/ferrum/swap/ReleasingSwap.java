package dev.ferrum.swap;

import dev.ferrum.sync.Backoff;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The {@link ArcSwap} with a release action, made by {@link ArcSwap#of(Object, Consumer)}, {@link
 * ArcSwap#ofCloseable(AutoCloseable)} and {@link ArcSwap#ofNullable(Object, Consumer)}: every value
 * it holds lives in a {@link Slot} that counts the guards pinning it.
 *
 * <p>See the implementation notes of {@link ArcSwap} for the protocol (the steps R1-R3 and W1-W3
 * named below) and its proof.
 */
final class ReleasingSwap<T> extends ArcSwap<T> {

    /** The slot of the current value. Written only by compareAndSet. */
    private volatile Slot<T> current;

    /** Releases each value once it has been replaced and unpinned. */
    private final Consumer<? super T> release;

    private ReleasingSwap(T initial, Consumer<? super T> release, boolean nullable) {
        super(nullable);
        this.release = release;
        this.current = Slot.live(initial, release);
    }

    /**
     * Creates a releasing swap. Declared to return {@code ArcSwap<T>} so that verifying the
     * factories of {@link ArcSwap} does not load this class (see the notes there).
     */
    static <T> ArcSwap<T> create(T initial, Consumer<? super T> release, boolean nullable) {
        return new ReleasingSwap<>(initial, release, nullable);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T load() {
        // Acquire: pairs with the volatile CAS that installed the slot (its value is final).
        return ((Slot<T>) CURRENT.getAcquire(this)).value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Guard<T> guard() {
        int stripe = Slot.probe();
        for (; ; ) {
            Slot<T> s = (Slot<T>) CURRENT.getVolatile(this); // R1
            if (s.isClosedMarker()) {
                throw closedException();
            }
            s.pin(stripe); // R2
            // R3, volatile: still current means no writer has retired s yet (see the notes).
            if (CURRENT.getVolatile(this) == s) {
                return new Guard<>(s.value, s, stripe);
            }
            s.unpin(stripe); // replaced meanwhile: undo, possibly releasing it, and retry
        }
    }

    @Override
    public void store(T newValue) {
        swap(newValue);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T swap(T newValue) {
        checkValue(newValue, "newValue");
        Slot<T> next = null;
        for (; ; ) {
            // Volatile read: the slot to replace; validated by the CAS below.
            Slot<T> s = (Slot<T>) CURRENT.getVolatile(this);
            if (s.isClosedMarker()) {
                throw closedException();
            }
            if (s.value == newValue) {
                return newValue; // already current: replacing it by itself would release it
            }
            if (next == null) {
                next = Slot.live(newValue, release);
            }
            // Volatile CAS (W1): the linearization point; only its winner retires s.
            if (CURRENT.compareAndSet(this, s, next)) {
                s.retire(); // W2, W3
                return s.value;
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T compareAndSwap(T expected, T newValue) {
        checkValue(expected, "expected");
        checkValue(newValue, "newValue");
        Slot<T> next = null;
        for (; ; ) {
            // Volatile read: the slot to compare with; validated by the CAS below.
            Slot<T> s = (Slot<T>) CURRENT.getVolatile(this);
            if (s.isClosedMarker()) {
                throw closedException();
            }
            if (s.value != expected || newValue == expected) {
                return s.value; // mismatch (failure), or v -> v (success without a change)
            }
            if (next == null) {
                next = Slot.live(newValue, release);
            }
            // Volatile CAS (W1): the linearization point of a success; only its winner retires s.
            if (CURRENT.compareAndSet(this, s, next)) {
                s.retire();
                return expected;
            }
            // Another write installed a new slot; it may hold `expected` again: re-read.
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T rcu(UnaryOperator<T> f) {
        Objects.requireNonNull(f, "f");
        Backoff backoff = null; // created on the first lost race only
        for (; ; ) {
            Guard<T> g = guard(); // pins the value f reads; throws if closed
            Slot<T> s = (Slot<T>) g.slot();
            T prev = s.value;
            T next = prev;
            boolean installed = false;
            try {
                next = f.apply(prev);
                checkValue(next, "value returned by f");
                if (next == prev) {
                    return prev;
                }
                // Volatile CAS on the pinned slot: fails if any write (even of the same value, or
                // close) came in between.
                installed = CURRENT.compareAndSet(this, s, Slot.live(next, release));
                if (installed) {
                    s.retire(); // still pinned by g: its release, if due, happens in g.close()
                }
            } finally {
                g.close();
            }
            if (installed) {
                return prev;
            }
            if (next != null) {
                release.accept(next); // never installed: the swap owns it and nobody else saw it
            }
            if (backoff == null) {
                backoff = new Backoff();
            }
            backoff.spin(); // a lost race: as in PlainSwap.rcu, let the winner finish first
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void close() {
        for (; ; ) {
            // Volatile read: the slot to replace with the closed marker; validated by the CAS.
            Slot<T> s = (Slot<T>) CURRENT.getVolatile(this);
            if (s.isClosedMarker()) {
                return;
            }
            // Volatile CAS (W1): the closed marker keeps the last value for load().
            if (CURRENT.compareAndSet(this, s, Slot.closedMarker(s.value))) {
                s.retire();
                return;
            }
        }
    }

    @Override
    public boolean isClosed() {
        // Volatile read: the closed marker is installed once and never replaced.
        return ((Slot<?>) CURRENT.getVolatile(this)).isClosedMarker();
    }

    @Override
    public boolean isReleasing() {
        return true;
    }

    @Override
    Slot<?> currentSlot() {
        // Volatile read: a test hook that wants the slot of this moment.
        return (Slot<?>) CURRENT.getVolatile(this);
    }

    private static final VarHandle CURRENT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CURRENT = l.findVarHandle(ReleasingSwap.class, "current", Slot.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
