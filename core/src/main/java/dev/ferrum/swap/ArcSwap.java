package dev.ferrum.swap;

import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An atomic reference for read-mostly data — a configuration, a routing table, a set of backends —
 * that is read by many threads and replaced wholesale by few, with an optional <em>release
 * action</em> that runs exactly once for every replaced value after its last reader has finished
 * with it. The Java counterpart of Rust's {@code arc_swap::ArcSwap}.
 *
 * <h2>Two kinds of swap</h2>
 *
 * <ul>
 *   <li>{@link #of(Object)}: a plain atomic reference with arc-swap's API. {@link #load()} is a
 *       single acquire read, as cheap as {@link java.util.concurrent.atomic.AtomicReference#get()};
 *       replaced values are left to the garbage collector.
 *   <li>{@link #of(Object, Consumer)} and {@link #ofCloseable(AutoCloseable)}: a <em>releasing</em>
 *       swap. Values that hold resources (a connection pool, a memory-mapped file, a compiled
 *       index) are read through {@link #guard()}, which pins the current value. A value that the
 *       swap has replaced is released (the release action runs, or {@code close()} for {@code
 *       AutoCloseable} values) <b>exactly once</b>, <b>only after every guard that pinned it has
 *       been closed</b>, and a guard never observes a released value. The release runs in whichever
 *       thread finishes last: the writer that replaced the value, if no guard held it, or the
 *       reader that closed the last guard. It should be short and must not wait for other guards of
 *       the same swap to close.
 * </ul>
 *
 * <p>Guard lifecycle, with a swap that owns its values:
 *
 * <pre>{@code
 * ArcSwap<Index> index = ArcSwap.ofCloseable(Index.open(path));      // Index implements AutoCloseable
 *
 * // readers, on any number of threads
 * try (Guard<Index> g = index.guard()) {   // pins the current Index
 *     return g.get().lookup(key);           // safe: not closed while g is open
 * }                                         // unpins; closes a replaced Index if this was its last guard
 *
 * // a writer
 * index.store(Index.open(newPath));         // the old Index is closed now, or when its last guard closes
 *
 * // shutdown
 * index.close();                            // the current Index is closed once no guard holds it
 * }</pre>
 *
 * <h2>Ownership in a releasing swap</h2>
 *
 * <p>A value handed to a releasing swap (at creation, or by a {@code store}, {@code swap}, a
 * successful {@code compareAndSwap}, or returned by an {@code rcu} function) becomes the swap's: it
 * will be released once it is replaced and unpinned. Consequently:
 *
 * <ul>
 *   <li>Storing the value that is already current changes nothing (it is not replaced by itself).
 *   <li>Do not store a value again after it has been replaced: it may already have been released,
 *       and it would be released a second time when replaced again.
 *   <li>Each value must be an instance of its own, never a shared one such as a cached boxed {@code
 *       Integer} or an interned string: an {@code rcu} function that returns such an instance from
 *       an attempt that loses the race has it released at once, although another thread may have
 *       installed the very same instance.
 *   <li>The previous value returned by {@code swap}, {@code compareAndSwap} and {@code rcu} is for
 *       identification only: it may have been released before the method returns. To use a value,
 *       open a guard.
 *   <li>{@link #load()} does not pin: the value it returns may be released at any moment. Prefer
 *       {@link #guard()} whenever the value is dereferenced.
 *   <li>If {@code compareAndSwap} fails, its new value was not taken and stays the caller's.
 * </ul>
 *
 * <h2>Identity, ABA and {@code null}</h2>
 *
 * <p>{@link #compareAndSwap} compares by identity ({@code ==}), never by {@code equals}, like
 * {@link java.util.concurrent.atomic.AtomicReference#compareAndExchange}. It does not detect ABA:
 * if the value changed from {@code a} to {@code b} and back to the same instance {@code a}, a
 * {@code compareAndSwap(a, c)} succeeds. (In a releasing swap storing {@code a} again after
 * replacing it is already forbidden above.)
 *
 * <p>A swap made by {@link #of} rejects {@code null} with {@link NullPointerException}. The
 * nullable variant, Rust's {@code ArcSwapOption}, is made by {@link #ofNullable(Object)}, {@link
 * #ofNullable(Object, Consumer)} or {@link #empty()}: it accepts {@code null} wherever a value goes
 * and its {@code load()} and guards may return {@code null}; {@code null} is never released.
 *
 * <h2>Closing</h2>
 *
 * <p>{@link #close()} retires the current value (released once no guard holds it) and is
 * idempotent. Afterwards {@code store}, {@code swap}, {@code compareAndSwap}, {@code rcu} and
 * {@code guard} throw {@link IllegalStateException}; {@link #load()} keeps returning the last value
 * (which, in a releasing swap, may have been released). Guards opened before {@code close()} stay
 * valid until they are closed. In a releasing swap a write that races with {@code close()} either
 * completes before it (and its value is released by the close) or throws. A plain swap, which
 * releases nothing, checks the closed flag before it writes, so a write that races with {@code
 * close()} may still take effect just after {@code close()} returns; a write that happens-after
 * {@code close()} returned always throws.
 *
 * <h2>Memory consistency effects</h2>
 *
 * <p>Actions in a thread prior to storing a value by any method happen-before actions in another
 * thread subsequent to a {@code load()}, {@code guard()} or any other method that observes that
 * value: a value stored with its fields written first is seen fully constructed. The release action
 * of a value happens-after the write that replaced it and after the {@code close()} of every guard
 * that pinned it. Each method states its access mode in the terms of {@link VarHandle}.
 *
 * <h2>Progress</h2>
 *
 * <p>{@code load()} is wait-free. {@code guard()}, {@code store}, {@code swap}, {@code
 * compareAndSwap} and {@code rcu} are lock-free: each retries only because another thread's write
 * succeeded. Guards never make readers contend on a single shared counter. Nothing in this class
 * blocks; a release action runs synchronously in the thread that triggers it.
 *
 * <p>Differences from Rust's arc-swap: values are ordinary references (the garbage collector
 * reclaims memory, so only the release action needs counting); {@code load()} returns the value
 * itself instead of a guard; guards are explicit and must be closed; {@code rcu} releases the
 * candidates it discards (as Rust drops them).
 *
 * @param <T> the type of the value
 */
public abstract sealed class ArcSwap<T> implements AutoCloseable permits PlainSwap, ReleasingSwap {

    /*
     * Implementation notes.
     *
     * One sealed class, two final kinds. This class holds the public contract, the factories and
     * what both kinds share (the nullable flag, argument checks, map and its views, toString);
     * PlainSwap and ReleasingSwap each hold their own `current` field, its VarHandle and the
     * methods that read and write it, with no test of which kind they are. The split exists for
     * load(): when one class served both kinds, `current` held a T or a Slot<T> and every load()
     * read the release action and branched on it before returning, a field read and a branch
     * more than AtomicReference.get(). PlainSwap.load() is a single getAcquire of its own field.
     * An application that only ever makes plain swaps never loads ReleasingSwap, so HotSpot's
     * class-hierarchy analysis sees one implementation of load() and binds calls made through
     * ArcSwap to it without consulting a type profile; if ReleasingSwap is loaded later, the
     * code compiled on that assumption is deoptimized and recompiled. For that, the factories
     * reach ReleasingSwap only through its static create(), declared to return ArcSwap: a `new
     * ReleasingSwap` returned from here would make the bytecode verifier load the class when it
     * links this one, to check that it is a subclass. The constructor is package-private and the
     * class sealed, so no other kind can exist.
     *
     * Plain swap (PlainSwap). `current` holds the T itself: load() is one getAcquire, and every
     * write is a volatile set, getAndSet or compareAndExchange on that one field, exactly as
     * AtomicReference. `closed` is a separate volatile flag that writers and guard() check first;
     * a write racing close() may still land, which is harmless since nothing is released.
     *
     * Releasing swap (ReleasingSwap). `current` holds a Slot: the value, a striped pin counter,
     * and a state LIVE -> RETIRED -> RELEASED. Every write installs a fresh Slot, so a Slot that
     * has left `current` never comes back (no ABA on slots, even when values repeat).
     *
     *     current ──> Slot{value, state=LIVE, stripes [s0][s1]...}      installed
     *                 Slot{value', state=RETIRED, stripes [1][0]...}    replaced, pinned by a guard
     *                 Slot{value'', state=RELEASED}                     released, unreachable
     *
     * Reader, guard():                          Writer, store/swap/compareAndSwap/rcu/close:
     *   R1  s = current           (volatile)       W1  CAS current: s -> s'   (volatile)
     *   R2  s.stripe[i] += 1      (volatile RMW)   W2  s.state = RETIRED       (volatile)
     *   R3  current == s ?        (volatile)       W3  sum s.stripes == 0 ?    (volatile reads)
     *         yes: guard pins s                        yes: CAS state RETIRED -> RELEASED, release
     *         no: unpin (C1-C3), retry from R1
     * Guard.close():
     *   C1  s.stripe[i] -= 1      (volatile RMW)
     *   C2  s.state != LIVE ?     (volatile)
     *   C3  yes: sum s.stripes == 0 ? then CAS state RETIRED -> RELEASED, release
     *
     * All of R1-R3, W1-W3, C1-C3 are volatile accesses, so they are totally ordered by the
     * synchronization order (SO), consistent with program order.
     *
     * Invariant: each stripe is >= 0 (a guard decrements only the stripe it incremented, after
     * incrementing it), so a zero sum means every stripe read zero.
     *
     * Safety (never released while a guard pins it; a guard never sees a released value). A guard
     * G on s succeeds only if its R3 read s, i.e. R3 precedes s's W1 in SO; its R2 precedes R3.
     * Every stripe read of a W3/C3 on s follows W2 (the writer's own, or the one C2 observed),
     * which follows W1. So each stripe read of any sum follows G's increment: while G is open its
     * stripe reads >= 1, the sum is not zero, and nobody claims the release. Stripes also hold
     * transient pins of guards that failed at R3; they only make a sum larger (delay, never
     * premature release). A guard returns s.value only on success, and get() refuses after close.
     *
     * Liveness (released once the last guard closes). Consider the last write to any stripe of s
     * in SO (the last C1, by some thread P), after all guards on s are closed. If P's C2 read
     * RETIRED, P's C3 reads all stripes after that write: all zero, so P claims. Otherwise P's C2
     * preceded W2 in SO, so the writer's W3 reads follow the last write: all zero, and the writer
     * claims. (If no guard ever touched s, the writer's W3 sees zeros.) This is the Dekker
     * pattern: each side writes its own variable then reads the other's, with volatile strength.
     *
     * Exactly once: release runs only after winning CAS(RETIRED -> RELEASED), which one thread
     * wins. W2 runs once per slot, because only the thread whose W1 removed s from `current`
     * retires it.
     *
     * Linearization points: load at its getAcquire; guard() at R3 (it observes s still current);
     * store/swap/compareAndSwap/rcu/close at their successful CAS of `current` (or, when they
     * change nothing, at the read that saw the deciding value).
     *
     * Contention: the stripe of a thread is picked by its id (Slot.probe), and each stripe sits
     * alone in a 128-byte block, so readers on different threads write different cache lines;
     * all of them only read `current` and the slot's state, which change once per write. This is
     * in the spirit of arc-swap's reader-side "debts" (vorner/arc-swap 1.x, src/debt/list.rs,
     * src/strategy/hybrid.rs: a reader records its claim in a slot of its own, then confirms the
     * pointer is still current, and a writer settles the claims on the old value) and of its
     * earlier sharded generation lock (src/gen_lock.rs). Unlike both, the claim here lives with
     * the value rather than with the thread, and nobody waits: the last of writer and readers to
     * leave releases.
     *
     * Memory footprint: a releasing swap allocates (STRIPES + 1) * 128 bytes per stored value (384
     * bytes on two processors, at most about 4 KiB), which suits read-mostly data.
     */

    /** Whether {@code null} is a legal value (the ArcSwapOption variant). */
    private final boolean nullable;

    /** For the two permitted kinds only. */
    ArcSwap(boolean nullable) {
        this.nullable = nullable;
    }

    // ---- factories ---------------------------------------------------------------------------

    /**
     * Creates a plain swap holding {@code initial}, with no release action; {@code null} is
     * rejected.
     *
     * @throws NullPointerException if {@code initial} is {@code null}
     */
    public static <T> ArcSwap<T> of(T initial) {
        return new PlainSwap<>(Objects.requireNonNull(initial, "initial"), false);
    }

    /**
     * Creates a releasing swap holding {@code initial}: each value it replaces (and its last value,
     * on {@link #close()}) is passed to {@code release} exactly once, after every guard that pinned
     * it has been closed. {@code null} is rejected.
     *
     * @throws NullPointerException if {@code initial} or {@code release} is {@code null}
     */
    public static <T> ArcSwap<T> of(T initial, Consumer<? super T> release) {
        Objects.requireNonNull(initial, "initial");
        return ReleasingSwap.create(initial, Objects.requireNonNull(release, "release"), false);
    }

    /**
     * Creates a releasing swap over {@link AutoCloseable} values: a value is released by calling
     * its {@code close()}. A checked exception from {@code close()} is rethrown wrapped in a {@link
     * RuntimeException}, from the call that ran the release; unchecked ones propagate as they are.
     *
     * @throws NullPointerException if {@code initial} is {@code null}
     */
    public static <T extends AutoCloseable> ArcSwap<T> ofCloseable(T initial) {
        return of(initial, ArcSwap::closeValue);
    }

    /**
     * Creates a plain nullable swap (Rust's {@code ArcSwapOption}) holding {@code initial}, which
     * may be {@code null}.
     */
    public static <T> ArcSwap<T> ofNullable(T initial) {
        return new PlainSwap<>(initial, true);
    }

    /**
     * Creates a releasing nullable swap holding {@code initial}, which may be {@code null}. {@code
     * null} values are never passed to {@code release}.
     *
     * @throws NullPointerException if {@code release} is {@code null}
     */
    public static <T> ArcSwap<T> ofNullable(T initial, Consumer<? super T> release) {
        return ReleasingSwap.create(initial, Objects.requireNonNull(release, "release"), true);
    }

    /** Creates a plain nullable swap holding {@code null}: {@code ofNullable(null)}. */
    public static <T> ArcSwap<T> empty() {
        return ofNullable(null);
    }

    // ---- reads -------------------------------------------------------------------------------

    /**
     * Returns the current value, with memory effects of {@link VarHandle#getAcquire}: the value is
     * seen as fully constructed by the store that installed it. Wait-free.
     *
     * <p>In a releasing swap the value is not pinned and may be released at any moment; use {@link
     * #guard()} to dereference it safely. After {@link #close()} this returns the last value.
     *
     * @return the current value ({@code null} only in a nullable swap)
     */
    public abstract T load();

    /**
     * Opens a guard on the current value. In a releasing swap the value is pinned: it will not be
     * released before the guard is closed, even if it is replaced meanwhile. In a plain swap the
     * guard just carries the value. Lock-free: it retries only when a write replaced the value
     * between its read and its pin. Memory effects: those of a volatile read of the value.
     *
     * <p>Close every guard, preferably with try-with-resources (see the class example). If a write
     * replaced the value while this call was pinning it, this call may be the one that releases it
     * (the release action then runs here, and its exception propagates).
     *
     * @return an open guard on the value current at the linearization point
     * @throws IllegalStateException if this swap has been closed
     */
    public abstract Guard<T> guard();

    /**
     * Returns a read-only view of {@code f} applied to this swap's value, like Rust's {@code
     * Map}/{@code access::Access}. The view stores nothing: each read applies {@code f} to the then
     * current value, so {@code f} should be cheap and free of side effects (typically a field
     * access).
     *
     * @throws NullPointerException if {@code f} is {@code null}
     */
    public <R> View<R> map(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        return new View<>(() -> f.apply(load()), () -> guard().project(f));
    }

    // ---- writes ------------------------------------------------------------------------------

    /**
     * Sets the value, with memory effects of {@link VarHandle#setVolatile} (in a releasing swap, a
     * volatile compare-and-set). In a releasing swap the replaced value is released now if no guard
     * pins it, otherwise when its last guard closes; storing the current value again changes
     * nothing.
     *
     * @param newValue the new value
     * @throws NullPointerException if {@code newValue} is {@code null} and this swap is not
     *     nullable
     * @throws IllegalStateException if this swap has been closed
     */
    public abstract void store(T newValue);

    /**
     * Sets the value and returns the previous one, with memory effects of {@link
     * VarHandle#getAndSet} (in a releasing swap, a volatile compare-and-set loop). In a releasing
     * swap the previous value is released as described in {@link #store}; the returned reference is
     * then for identification only (it may already be released).
     *
     * @param newValue the new value
     * @return the previous value
     * @throws NullPointerException if {@code newValue} is {@code null} and this swap is not
     *     nullable
     * @throws IllegalStateException if this swap has been closed
     */
    public abstract T swap(T newValue);

    /**
     * Sets the value to {@code newValue} if the current value is identical ({@code ==}) to {@code
     * expected}, and returns the value seen: the <em>witness</em>. The operation succeeded if and
     * only if the result {@code ==} {@code expected}. Memory effects of {@link
     * VarHandle#compareAndExchange} (volatile), whether or not it succeeds.
     *
     * <p>Comparison is by identity: a value that is {@code equals} to {@code expected} but a
     * different instance does not match. ABA is not detected (see the class documentation). A
     * failed call has no effect: in a releasing swap {@code newValue} stays the caller's and is not
     * released. A successful call releases the previous value as {@link #store} does; {@code
     * compareAndSwap(v, v)} with {@code v} current succeeds and changes nothing.
     *
     * @param expected the value the caller believes is current
     * @param newValue the value to install
     * @return the value current at the linearization point (the previous value on success)
     * @throws NullPointerException if either argument is {@code null} and this swap is not nullable
     * @throws IllegalStateException if this swap has been closed
     */
    public abstract T compareAndSwap(T expected, T newValue);

    /**
     * Read-copy-update: replaces the current value {@code v} with {@code f.apply(v)}, retrying with
     * the new current value whenever another write got in between, and returns the value it
     * replaced. This is the lost-update-free form of {@code store(f(load()))}: of concurrent {@code
     * rcu} calls, each sees the result of the ones linearized before it.
     *
     * <p>Under contention {@code f} may run more than once (each failed attempt runs it again), so
     * it should be free of side effects. Each attempt is a volatile read and, if {@code f} returned
     * a different instance, a volatile compare-and-set; memory effects as {@link
     * java.util.concurrent.atomic.AtomicReference#getAndUpdate}. If {@code f} returns {@code v}
     * itself nothing changes. If {@code f} throws, the exception propagates and nothing changes.
     * After a lost race the caller busy-waits briefly (a few spin hints, growing with each further
     * loss, never yielding or blocking) before it retries, so that the winner can finish its own
     * update instead of every contender computing values that fail.
     *
     * <p>In a releasing swap {@code f} runs under a guard, so {@code v} is not released while
     * {@code f} reads it; a value {@code f} returned in an attempt that lost the race is released
     * at once (it was never installed and nobody else has seen it), unless it is {@code v} itself.
     *
     * @param f the update function, given the current value
     * @return the previous value (the one {@code f} was given in the successful attempt)
     * @throws NullPointerException if {@code f} is {@code null}, or returns {@code null} and this
     *     swap is not nullable
     * @throws IllegalStateException if this swap has been closed
     */
    public abstract T rcu(UnaryOperator<T> f);

    // ---- lifecycle ---------------------------------------------------------------------------

    /**
     * Closes this swap: later writes and {@link #guard()} throw {@link IllegalStateException}. In a
     * releasing swap the current value is retired and released once no guard pins it (now, if none
     * does). Idempotent. {@link #load()} still returns the last value afterwards.
     *
     * <p>In a plain swap this is a volatile write of the closed flag. In a releasing swap it is a
     * volatile compare-and-set of the current value's slot, retried while writes get in between,
     * that installs a closed marker keeping the last value; the release of that value happens-after
     * it and after the {@code close()} of every guard that pinned the value.
     */
    @Override
    public abstract void close();

    /** Returns whether {@link #close()} has been called (a volatile read). */
    public abstract boolean isClosed();

    /** Returns whether this swap has a release action (made by {@code of(v, release)} and kin). */
    public abstract boolean isReleasing();

    /**
     * Returns whether this swap accepts {@code null} (made by {@code ofNullable} or {@code empty}).
     */
    public boolean isNullable() {
        return nullable;
    }

    /** Returns {@code "ArcSwap[" + load() + "]"}. */
    @Override
    public String toString() {
        return "ArcSwap[" + load() + "]";
    }

    /** The current slot of a releasing swap, {@code null} for a plain swap: for tests. */
    abstract Slot<?> currentSlot();

    // ---- helpers -----------------------------------------------------------------------------

    /** Rejects {@code null} unless this swap is nullable; {@code name} is the message. */
    final void checkValue(T value, String name) {
        if (value == null && !nullable) {
            throw new NullPointerException(name);
        }
    }

    static IllegalStateException closedException() {
        return new IllegalStateException("ArcSwap is closed");
    }

    private static void closeValue(AutoCloseable value) {
        try {
            value.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException("close() of a released value failed", e);
        }
    }

    // ---- views -------------------------------------------------------------------------------

    /**
     * A read-only projection of an {@link ArcSwap}, made by {@link ArcSwap#map}: it reads the
     * swap's current value through a function and cannot write. Views compose with {@link #map}.
     * Reads have the memory effects of the underlying {@link ArcSwap#load()} and {@link
     * ArcSwap#guard()}.
     *
     * @param <R> the type of the projected value
     */
    public static final class View<R> implements Supplier<R> {

        private final Supplier<? extends R> loader;
        private final Supplier<Guard<R>> guarder;

        private View(Supplier<? extends R> loader, Supplier<Guard<R>> guarder) {
            this.loader = loader;
            this.guarder = guarder;
        }

        /**
         * Returns the projection of the swap's current value (its {@link ArcSwap#load()}); in a
         * releasing swap the underlying value is not pinned while the function reads it, so use
         * {@link #guard()} for values that may be released.
         */
        public R load() {
            return loader.get();
        }

        /** Same as {@link #load()}, for use as a {@link Supplier}. */
        @Override
        public R get() {
            return loader.get();
        }

        /**
         * Opens a guard on the swap's current value and returns a guard carrying its projection;
         * the underlying value stays pinned until the returned guard is closed. The function runs
         * while the value is pinned.
         *
         * @throws IllegalStateException if the swap has been closed
         */
        public Guard<R> guard() {
            return guarder.get();
        }

        /**
         * Returns a view of {@code g} applied to this view's projection.
         *
         * @throws NullPointerException if {@code g} is {@code null}
         */
        public <S> View<S> map(Function<? super R, ? extends S> g) {
            Objects.requireNonNull(g, "g");
            return new View<>(() -> g.apply(loader.get()), () -> guarder.get().project(g));
        }
    }
}
