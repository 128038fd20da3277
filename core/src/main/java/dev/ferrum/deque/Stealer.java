package dev.ferrum.deque;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * A handle that takes items from the front of one {@link Worker}'s deque; any thread may use it,
 * and many threads may share one.
 *
 * <p>Port of crossbeam-deque's {@code Stealer} ({@code crossbeam-deque/src/deque.rs}); the
 * algorithm and its memory orderings are described in the implementation notes of {@link Worker}.
 * Every method is lock-free. A steal returns {@linkplain Steal#isRetry() retry} when it lost a race
 * (with the owner, another thief, or a resize of the owner's buffer); the caller decides whether to
 * try again. A steal never returns an item twice and never loses one.
 *
 * <h2>Batches</h2>
 *
 * <p>The batch methods move several items into the caller's own worker with fewer synchronisation
 * steps than one steal per item. From a source holding {@code n} items a batch takes {@code
 * min(ceil(n / 2), limit)} items in total, the item returned by the {@code ...AndPop} variants
 * included, where {@code limit} defaults to 32 (crossbeam's {@code MAX_BATCH}). The exact count is
 * not part of the contract under concurrency: a batch may stop early when it races the owner. The
 * destination then pops the stolen items in the order in which the source's owner would have popped
 * them (oldest first from a FIFO source, newest first from a LIFO one), and the {@code ...AndPop}
 * variants return the item that order puts first.
 *
 * <p>A batch into the deque the stealer belongs to moves nothing: {@code stealBatch} then reports
 * success if the deque has items and empty otherwise, and {@code stealBatchAndPop} pops from it.
 *
 * <p>The destination of a batch is a worker, so its owner-only rule applies: only the destination's
 * owner thread may pass it (checked when assertions are enabled).
 *
 * <h2>Memory consistency</h2>
 *
 * <p>Actions in the owner thread before it pushed an item happen-before the actions in the thread
 * that steals that item, after the steal returns.
 *
 * @param <T> the type of the items
 */
public final class Stealer<T> {

    private final Worker<T> source;

    Stealer(Worker<T> source) {
        this.source = source;
    }

    /**
     * Returns whether the deque looks empty; a snapshot from any thread.
     *
     * @return {@code true} if the deque had no items when checked
     */
    public boolean isEmpty() {
        long f = source.frontAcquire();
        // Full fence: read front before back, as a steal does, so that the pair is consistent.
        VarHandle.fullFence();
        long b = source.backAcquire();
        return b - f <= 0;
    }

    /**
     * Returns the number of items in the deque; a snapshot from any thread, never negative.
     *
     * @return the number of items
     */
    public int size() {
        long f = source.frontAcquire();
        VarHandle.fullFence();
        long b = source.backAcquire();
        return Worker.clampSize(b - f);
    }

    /**
     * Steals the item at the front of the deque (the oldest one).
     *
     * @return success with the item, empty, or retry if the steal lost a race
     */
    @SuppressWarnings("unchecked")
    public Steal<T> steal() {
        Worker<T> w = source;
        long f = w.frontAcquire();
        // Full fence between the loads of front and back ([LPCN13]'s seq_cst fence in steal()).
        VarHandle.fullFence();
        long b = w.backAcquire();
        if (b - f <= 0) {
            return Steal.empty();
        }
        Object[] buf = w.bufferAcquire();
        // Racy read (opaque): only kept if the buffer is unchanged and the CAS succeeds.
        Object item = SLOT.getOpaque(buf, (int) f & (buf.length - 1));
        // Re-check the buffer (crossbeam PR #726), then claim index f (linearization point).
        if (item == null || w.bufferAcquire() != buf || !w.casFront(f, f + 1)) {
            return Steal.retry();
        }
        return Steal.success((T) item);
    }

    /**
     * Steals a batch of about half the items, at most 32, into {@code dest}.
     *
     * @param dest the caller's own worker
     * @return success if items were moved, empty, or retry if the steal lost a race
     * @throws NullPointerException if {@code dest} is null
     */
    public Steal<Void> stealBatch(Worker<T> dest) {
        return stealBatchWithLimit(dest, Worker.MAX_BATCH);
    }

    /**
     * Steals a batch of about half the items, at most {@code limit}, into {@code dest}.
     *
     * @param dest the caller's own worker
     * @param limit the most items to move, positive
     * @return success if items were moved, empty, or retry if the steal lost a race
     * @throws NullPointerException if {@code dest} is null
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public Steal<Void> stealBatchWithLimit(Worker<T> dest, int limit) {
        Objects.requireNonNull(dest, "dest");
        checkLimit(limit);
        assert dest.checkOwner();
        Worker<T> w = source;
        if (w == dest) {
            return dest.isEmpty() ? Steal.empty() : Steal.BATCH_SUCCESS;
        }
        long f = w.frontAcquire();
        // Full fence between the loads of front and back, as in steal().
        VarHandle.fullFence();
        long b = w.backAcquire();
        long len = b - f;
        if (len <= 0) {
            return Steal.empty();
        }
        int batch = (int) Math.min((len + 1) / 2, limit);
        dest.reserve(batch);
        Object[] dbuf = dest.ownerBuffer();
        int dmask = dbuf.length - 1;
        long db = dest.backOpaque();
        Object[] buf = w.bufferAcquire();
        int mask = buf.length - 1;

        if (w.fifo) {
            // A FIFO owner never takes from the back, so the whole batch is claimed by one CAS.
            for (int i = 0; i < batch; i++) {
                Object item = SLOT.getOpaque(buf, (int) (f + i) & mask);
                if (item == null) {
                    return Steal.retry();
                }
                // Plain write beyond dest's back: published by dest's release store below.
                dbuf[(int) destIndex(db, i, batch, dest.fifo) & dmask] = item;
            }
            if (w.bufferAcquire() != buf || !w.casFront(f, f + batch)) {
                // Nothing is published: the slots beyond dest's back are not items.
                return Steal.retry();
            }
            dest.publishBack(db + batch);
            return Steal.BATCH_SUCCESS;
        }

        // A LIFO owner pops at the back, so take the items one CAS at a time, re-checking back.
        int taken = 0;
        for (; taken < batch; taken++) {
            if (taken > 0) {
                VarHandle.fullFence();
                if (w.backAcquire() - f <= 0) {
                    break;
                }
            }
            Object item = SLOT.getOpaque(buf, (int) f & mask);
            if (item == null || w.bufferAcquire() != buf || !w.casFront(f, f + 1)) {
                break;
            }
            dbuf[(int) (db + taken) & dmask] = item;
            f++;
        }
        if (taken == 0) {
            return Steal.retry();
        }
        if (dest.fifo) {
            reverse(dbuf, db, taken);
        }
        dest.publishBack(db + taken);
        return Steal.BATCH_SUCCESS;
    }

    /**
     * Steals a batch of about half the items, at most 32 in all, moves all but one into {@code
     * dest} and returns the one the source's owner would have popped first (see the class notes).
     *
     * @param dest the caller's own worker
     * @return success with an item, empty, or retry if the steal lost a race
     * @throws NullPointerException if {@code dest} is null
     */
    public Steal<T> stealBatchAndPop(Worker<T> dest) {
        return stealBatchWithLimitAndPop(dest, Worker.MAX_BATCH);
    }

    /**
     * Steals a batch of about half the items, at most {@code limit} in all (the returned item
     * counts), moves all but one into {@code dest} and returns the one the source's owner would
     * have popped first (see the class notes).
     *
     * @param dest the caller's own worker
     * @param limit the most items to take, the returned one included; positive
     * @return success with an item, empty, or retry if the steal lost a race
     * @throws NullPointerException if {@code dest} is null
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    @SuppressWarnings("unchecked")
    public Steal<T> stealBatchWithLimitAndPop(Worker<T> dest, int limit) {
        Objects.requireNonNull(dest, "dest");
        checkLimit(limit);
        assert dest.checkOwner();
        Worker<T> w = source;
        if (w == dest) {
            T item = dest.pop();
            return item == null ? Steal.empty() : Steal.success(item);
        }
        long f = w.frontAcquire();
        VarHandle.fullFence();
        long b = w.backAcquire();
        long len = b - f;
        if (len <= 0) {
            return Steal.empty();
        }
        // Items moved into dest besides the returned one.
        int batch = (int) Math.min((len - 1) / 2, limit - 1);
        dest.reserve(batch);
        Object[] dbuf = dest.ownerBuffer();
        int dmask = dbuf.length - 1;
        long db = dest.backOpaque();
        Object[] buf = w.bufferAcquire();
        int mask = buf.length - 1;
        Object first = SLOT.getOpaque(buf, (int) f & mask);
        if (first == null) {
            return Steal.retry();
        }

        if (w.fifo) {
            for (int i = 0; i < batch; i++) {
                Object item = SLOT.getOpaque(buf, (int) (f + 1 + i) & mask);
                if (item == null) {
                    return Steal.retry();
                }
                dbuf[(int) destIndex(db, i, batch, dest.fifo) & dmask] = item;
            }
            if (w.bufferAcquire() != buf || !w.casFront(f, f + 1 + batch)) {
                return Steal.retry();
            }
            if (batch > 0) {
                dest.publishBack(db + batch);
            }
            return Steal.success((T) first);
        }

        if (w.bufferAcquire() != buf || !w.casFront(f, f + 1)) {
            return Steal.retry();
        }
        f++;
        // 'first' is ours. Claim further items one at a time; each claimed item replaces the held
        // one, which moves to dest. The newest claimed item is returned, as the source's LIFO
        // owner would have popped it first.
        Object held = first;
        int moved = 0;
        for (; moved < batch; moved++) {
            VarHandle.fullFence();
            if (w.backAcquire() - f <= 0) {
                break;
            }
            Object item = SLOT.getOpaque(buf, (int) f & mask);
            if (item == null || w.bufferAcquire() != buf || !w.casFront(f, f + 1)) {
                break;
            }
            dbuf[(int) (db + moved) & dmask] = held;
            held = item;
            f++;
        }
        if (moved > 0) {
            if (dest.fifo) {
                reverse(dbuf, db, moved);
            }
            dest.publishBack(db + moved);
        }
        return Steal.success((T) held);
    }

    /**
     * Where the i-th oldest of {@code batch} items goes in the destination: in order for a FIFO
     * destination (it pops from the front), reversed for a LIFO one (it pops from the back, so the
     * oldest must be on top, as a thief would take it).
     */
    static long destIndex(long destBack, int i, int batch, boolean destFifo) {
        return destFifo ? destBack + i : destBack + (batch - 1 - i);
    }

    /** Reverses dest slots [from, from + n): only slots beyond dest's published back. */
    static void reverse(Object[] dbuf, long from, int n) {
        int mask = dbuf.length - 1;
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            int a = (int) (from + i) & mask;
            int z = (int) (from + j) & mask;
            Object t = dbuf[a];
            dbuf[a] = dbuf[z];
            dbuf[z] = t;
        }
    }

    static void checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: limit=" + limit);
        }
    }

    @Override
    public String toString() {
        return "Stealer[" + (source.fifo ? "fifo" : "lifo") + "]";
    }

    /** Opaque access to buffer slots, for the racy reads of thieves. */
    static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
}
