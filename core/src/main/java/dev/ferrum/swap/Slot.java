package dev.ferrum.swap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * One value installed in a releasing {@link ArcSwap}, with the striped count of the guards that pin
 * it and its lifecycle state. A slot is installed at most once and never re-installed, so a slot
 * that has left the swap's {@code current} field is gone from it for good.
 *
 * <p>See the implementation notes of {@link ArcSwap} for the protocol and its proof.
 */
final class Slot<T> {

    /* Layout of the pin counters: STRIPES longs, each alone in its own 128-byte block.

      cells:  [ pad 16 ][ stripe 0 | pad 15 ][ stripe 1 | pad 15 ] ... [ stripe S-1 | pad 15 ]
                ^ keeps stripe 0 off the line(s) holding the array header

    128 bytes, not 64: the adjacent-line prefetcher of x86-64 pulls cache lines in pairs, so
    two counters 64 bytes apart still ping-pong between cores (crossbeam's CachePadded makes
    the same choice). A stripe counts the guards opened by the threads hashed to it, minus
    those closed; every stripe is >= 0 at all times, because a guard decrements only the stripe
    it incremented, and only after incrementing it. */

    /** Installed and not yet replaced: guards may still pin it. */
    static final int LIVE = 0;

    /** Replaced (or the swap closed): no new guard pins it; released once its stripes sum to 0. */
    static final int RETIRED = 1;

    /** The release action has been claimed (and run, or is running). Terminal. */
    static final int RELEASED = 2;

    /** Longs per 128-byte block. */
    private static final int PAD = 16;

    /**
     * Number of stripes: the processor count rounded up to a power of two, capped at 32. More
     * stripes than processors cannot reduce contention further; the cap bounds the per-value
     * footprint ((32 + 1) * 128 bytes, about 4 KiB) and the cost of summing on retirement.
     */
    static final int STRIPES;

    static {
        int n = Runtime.getRuntime().availableProcessors();
        int s = 1;
        while (s < n && s < 32) {
            s <<= 1;
        }
        STRIPES = s;
    }

    /** The value; {@code null} only in a nullable swap, and never released. */
    final T value;

    /** What releases {@link #value}; never {@code null} for a pinnable slot. */
    private final Consumer<? super T> release;

    /** The pin counters, laid out as above; {@code null} for the closed marker. */
    private final long[] cells;

    /** LIVE, then RETIRED, then RELEASED. Written by setVolatile / compareAndSet only. */
    private volatile int state;

    private Slot(T value, Consumer<? super T> release, long[] cells, int state) {
        this.value = value;
        this.release = release;
        this.cells = cells;
        this.state = state;
    }

    /** A live, pinnable slot for {@code value}. */
    static <T> Slot<T> live(T value, Consumer<? super T> release) {
        return new Slot<>(value, release, new long[(STRIPES + 1) * PAD], LIVE);
    }

    /**
     * The terminal slot that {@link ArcSwap#close()} installs: it keeps the last value for {@link
     * ArcSwap#load()}, owns nothing (the slot it replaced does the releasing), cannot be pinned and
     * is never retired.
     */
    static <T> Slot<T> closedMarker(T value) {
        return new Slot<>(value, null, null, RELEASED);
    }

    boolean isClosedMarker() {
        return cells == null;
    }

    /** Whether the release action has been claimed: for tests and assertions. */
    boolean isReleased() {
        // Volatile read: a test's view of the state after the release it waits for.
        return (int) STATE.getVolatile(this) == RELEASED;
    }

    /** The stripe of the calling thread. Threads collide only at a cost in contention. */
    static int probe() {
        // Thread ids are dense small numbers for platform and virtual threads alike, so the low
        // bits spread consecutive threads over distinct stripes.
        long id = Thread.currentThread().getId();
        return (int) (id ^ (id >>> 32)) & (STRIPES - 1);
    }

    /**
     * Adds one pin in stripe {@code stripe}. The caller must then re-check that this slot is still
     * current (a volatile read) and, if it is not, call {@link #unpin}.
     */
    void pin(int stripe) {
        // Volatile read-modify-write: ordered before the caller's volatile re-check of `current`
        // (the Dekker pair with the writer's swap of `current`).
        CELLS.getAndAdd(cells, (stripe + 1) * PAD, 1L);
    }

    /**
     * Removes one pin from {@code stripe}, added earlier by {@link #pin} of the same guard, and
     * releases the value if this was the last pin of a retired slot.
     */
    void unpin(int stripe) {
        // Volatile read-modify-write, then a volatile read of the state: the Dekker pair with
        // retire(), which writes the state and then reads the stripes.
        CELLS.getAndAdd(cells, (stripe + 1) * PAD, -1L);
        if ((int) STATE.getVolatile(this) != LIVE) {
            tryRelease();
        }
    }

    /**
     * Marks the slot retired, after the caller removed it from {@code current}, and releases the
     * value at once if no guard pins it. Called exactly once per installed slot.
     */
    void retire() {
        // Volatile write (W2 of ArcSwap's notes), then the volatile reads of the stripes in
        // tryRelease:
        // the Dekker pair with unpin(), which decrements a stripe and then reads the state.
        STATE.setVolatile(this, RETIRED);
        tryRelease();
    }

    /**
     * Releases the value if every stripe reads zero and nobody has claimed the release yet. Only
     * called once the state is not LIVE.
     */
    private void tryRelease() {
        for (int i = 1; i <= STRIPES; i++) {
            // Volatile reads: they follow the retirement in the synchronization order, so every
            // pin of a successful guard is already counted in them (see ArcSwap's notes).
            if ((long) CELLS.getVolatile(cells, i * PAD) != 0L) {
                return;
            }
        }
        // Volatile CAS: the single claim; whoever wins runs the release action, once.
        if (STATE.compareAndSet(this, RETIRED, RELEASED) && value != null) {
            release.accept(value);
        }
    }

    /** The count of one stripe: a snapshot, for tests. */
    long pinsIn(int stripe) {
        // Volatile read: a snapshot for tests.
        return (long) CELLS.getVolatile(cells, (stripe + 1) * PAD);
    }

    /** The sum of the stripes: a snapshot, for tests. */
    long pins() {
        long sum = 0L;
        for (int i = 1; i <= STRIPES; i++) {
            // Volatile reads: a snapshot for tests, not atomic across stripes.
            sum += (long) CELLS.getVolatile(cells, i * PAD);
        }
        return sum;
    }

    private static final VarHandle STATE;
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Slot.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
