package dev.ferrum.internal;

import dev.ferrum.sync.Backoff;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The bounded multi-producer multi-consumer buffer behind {@code dev.ferrum.queue.ArrayQueue} and
 * the array (bounded) flavour of {@code dev.ferrum.channel}: a ring of slots, each with a stamp
 * that says whether it is ready to be written or to be read, after crossbeam's array queue.
 *
 * <p>Every operation is non-blocking in the sense that it never parks: it returns {@link #FULL} or
 * {@code null} rather than wait for room or for an item. The only waiting inside is a short {@link
 * Backoff} while another thread is between two steps of its own operation (a producer that has
 * reserved a slot but not yet written it); crossbeam does the same.
 *
 * <h2>API for the users of this class</h2>
 *
 * <ul>
 *   <li>{@link #ArrayCore(int)}: any capacity from 1 to {@link #MAX_CAPACITY}; exactly that many
 *       items fit.
 *   <li>{@link #offer(Object)} returns {@link #OK}, {@link #FULL} or {@link #DISCONNECTED}.
 *   <li>{@link #poll()} returns the oldest item or {@code null} when empty, whether or not the core
 *       is disconnected (items buffered before the disconnection are still delivered).
 *   <li>{@link #peek()}, {@link #forcePush(Object)} (for {@code ArrayQueue}; never on a core that
 *       may be disconnected), {@link #size()}, {@link #capacity()}, {@link #isEmpty()}, {@link
 *       #isFull()}, {@link #iterator()} (weakly consistent, read-only).
 *   <li>{@link #disconnect()} sets the mark bit in the tail index: from then on every offer fails
 *       with {@link #DISCONNECTED}. Returns {@code true} only for the first caller.
 *   <li>{@link #discardAll()} pops and drops every remaining item, so that the garbage collector
 *       can reclaim them; call it after {@link #disconnect()} when the receiving side goes away.
 * </ul>
 *
 * <h2>How a channel builds blocking operations on it</h2>
 *
 * <p>The channel keeps two {@link WaitQueue}s, "not empty" (receivers) and "not full" (senders):
 *
 * <ul>
 *   <li>Send: {@code offer}; on {@code OK} call {@code receivers.notifyOne()}; on {@code FULL}
 *       register a waiter in {@code senders}, call {@code offer} again (the re-check of the waiting
 *       protocol), and await only if it is still {@code FULL}.
 *   <li>Receive: {@code poll}; on an item call {@code senders.notifyOne()}; on {@code null} check
 *       {@link #isDisconnected()}: if it is set, {@code poll} <em>once more</em> (an item may have
 *       been offered between the first poll and the disconnection) and only if that is {@code null}
 *       too report "empty and disconnected". Otherwise register in {@code receivers}, poll again,
 *       and await only if still {@code null} and not disconnected.
 *   <li>Disconnect: {@code if (core.disconnect()) { senders.notifyAll(t); receivers.notifyAll(t);
 *       }}; when the last receiver goes away, also {@code core.discardAll()}.
 * </ul>
 *
 * <p>No wake-up is lost: a successful {@code offer} changes the tail with a volatile CAS before the
 * caller reads {@code receivers.isEmpty()} (volatile); an empty {@code poll} reads the tail after a
 * full fence. Symmetrically for {@code poll} and the head, and for {@code disconnect} (a volatile
 * read-modify-write of the tail). This is the Dekker pattern of the waiting protocol in the package
 * notes; a {@code poll} that sees a reserved but unwritten slot waits for the write rather than
 * report empty, so a registered receiver that sees the moved tail gets the item.
 *
 * <h2>Memory consistency</h2>
 *
 * <p>Actions of a thread before a successful {@code offer} or {@code forcePush} of an item
 * happen-before the actions of the thread that obtains that item from {@code poll}, {@code peek},
 * the iterator, or as the return value of {@code forcePush}.
 */
public final class ArrayCore<T> {
    /*
     * Implementation notes.
     *
     * Algorithm: Dmitry Vyukov's bounded MPMC queue as crossbeam writes it, in crossbeam-queue
     * (src/array_queue.rs: push_or_else, force_push, pop, len) and crossbeam-channel
     * (src/flavors/array.rs: start_send, start_recv, disconnect, discard_all_messages), version
     * 0.3.x / 0.5.x. The Java shape differs in three ways: stamps and values are two parallel
     * arrays (as JCTools' MpmcArrayQueue lays them out) instead of an array of slot structs; the
     * indices are 64-bit and never need wrapping arithmetic in practice; and the garbage collector
     * replaces crossbeam's manual drop, so a popped slot is cleared to null.
     *
     * Index encoding (head and tail), for capacity c:
     *
     *     markBit = smallest power of two > c        oneLap = 2 * markBit
     *
     *     | lap (bits >= log2(oneLap)) | mark (1 bit) | index (< c) |
     *
     * The mark bit is used only in the tail: it is the channel's disconnection flag. Advancing an
     * index is "index + 1" inside a lap and "lap + oneLap, index 0" at the end of the ring, so the
     * encoded value only ever grows (it would wrap after 2^63 / oneLap laps, which is harmless:
     * every comparison below is an equality or a wrapping difference).
     *
     * Slot stamps:
     *
     *     stamp == t           the slot is free for the producer whose tail is t
     *     stamp == t + 1       the slot holds the item written at tail t (ready for head h == t)
     *     stamp == h + oneLap  the consumer at head h emptied it; free for tail h + oneLap
     *
     * Initially stamps[i] = i (lap 0, free). Invariants: head <= tail (unmarked) <= head + oneLap
     * as encoded positions, i.e. at most c items; a slot's stamp moves only forward.
     *
     * Producer (offer): read the tail, read the slot's stamp (acquire). If stamp == tail, CAS the
     * tail forward (the linearization point of a successful offer), write the value (plain) and
     * publish it with a release store of stamp = tail + 1. If stamp + oneLap == tail + 1 the slot
     * still holds last lap's item: after a full fence, read the head; if head + oneLap == tail the
     * ring is full (the linearization point of FULL is that head read), else someone is popping:
     * retry. Any other stamp means another producer is mid-write: back off and retry.
     *
     * Consumer (poll) mirrors it: stamp == head + 1 means ready; CAS the head (linearization point
     * of a successful poll), read the value (plain, ordered after the acquire of the stamp), clear
     * the slot (plain) and release-store stamp = head + oneLap. stamp == head means the slot is not
     * written yet: after a full fence read the tail; if it equals the head, the ring is empty
     * (linearization point: that tail read), otherwise a producer has reserved the slot and we
     * wait for its write.
     *
     * forcePush (crossbeam-queue's force_push): when the slot at the tail still holds last lap's
     * item (the ring is full), CAS the head from tail - oneLap to newTail - oneLap, which evicts
     * the oldest item (linearization point), then move the tail with getAndAdd (not a plain store,
     * so that a concurrently set mark bit would survive), swap the value and release the stamp.
     * Between the head CAS and the tail move no other thread can advance the tail, since the slot's
     * stamp does not equal the tail until this thread publishes it.
     *
     * size/isEmpty/isFull (crossbeam's len) read the tail, the head and the tail again, so that
     * the pair existed together. Beyond crossbeam, they also wait out the one picture that an
     * evicting forcePush shares with a consumer between its CAS and its stamp store (see
     * stableSize): without that, a size taken in the middle of an atomic forcePush reads
     * capacity - 1, which Lincheck reports as non-linearizable.
     *
     * Relaxed accesses: the first read of head/tail in each loop is opaque, because the CAS that
     * follows validates it and the stamp read carries the ordering. Value reads and writes are
     * plain: a value written before a release store of the stamp is read only after an acquire read
     * of that stamp value (and by the one thread whose CAS won the slot).
     */

    /** {@link #offer} stored the item. */
    public static final int OK = 0;

    /** {@link #offer} found no free slot. */
    public static final int FULL = 1;

    /** {@link #offer} found the core disconnected and stored nothing. */
    public static final int DISCONNECTED = 2;

    /**
     * The largest capacity accepted: {@code 2^30}, the largest power of two an {@code int} holds.
     * Buffers this large need about 12 GiB of heap; anything above is rejected before allocating.
     */
    public static final int MAX_CAPACITY = 1 << 30;

    private final int cap;
    private final long markBit;
    private final long oneLap;
    private final long[] stamps;
    private final Object[] values;
    private final PaddedIndex head = new PaddedIndex();
    private final PaddedIndex tail = new PaddedIndex();

    /**
     * Creates an empty core that holds exactly {@code capacity} items.
     *
     * @param capacity the number of slots, from 1 to {@link #MAX_CAPACITY}
     * @throws IllegalArgumentException if {@code capacity} is out of that range (the message names
     *     the value)
     * @throws OutOfMemoryError if the heap cannot hold the buffer
     */
    public ArrayCore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: capacity=" + capacity);
        }
        if (capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "capacity must be at most " + MAX_CAPACITY + ": capacity=" + capacity);
        }
        this.cap = capacity;
        // capacity + 1 <= 2^30 + 1, so the next power of two is at most 2^31: no overflow in long.
        this.markBit = Long.highestOneBit(((long) capacity + 1L) * 2L - 1L);
        this.oneLap = markBit << 1;
        this.stamps = new long[capacity];
        this.values = new Object[capacity];
        for (int i = 0; i < capacity; i++) {
            stamps[i] = i; // { lap: 0, index: i }: free for the first producer at i
        }
        // Published by the final-field semantics of the constructor (the arrays are final).
    }

    /** Returns the capacity given at construction. */
    public int capacity() {
        return cap;
    }

    /**
     * Stores {@code value} unless the core is full or disconnected.
     *
     * @param value the item, not null (checked by an assertion only: callers check it)
     * @return {@link #OK}, {@link #FULL} or {@link #DISCONNECTED}
     */
    public int offer(T value) {
        assert value != null : "value";
        Backoff backoff = new Backoff();
        long t = tail.getOpaque(); // validated by the CAS below
        while (true) {
            if ((t & markBit) != 0L) {
                return DISCONNECTED;
            }
            int index = (int) (t & (markBit - 1L));
            long lap = t & -oneLap;
            long stamp = stampAcquire(index);
            if (t == stamp) {
                long newTail = index + 1 < cap ? t + 1L : lap + oneLap;
                // Volatile CAS: the linearization point of a successful offer.
                long witness = tail.compareAndExchange(t, newTail);
                if (witness == t) {
                    values[index] = value; // plain: published by the release store of the stamp
                    STAMPS.setRelease(stamps, index, t + 1L);
                    return OK;
                }
                t = witness;
                backoff.spin();
            } else if (stamp + oneLap == t + 1L) {
                // The slot holds last lap's item. Full fence: order the stamp read before the head
                // read, as crossbeam's SeqCst fence does, so that "full" is decided on a head that
                // is not older than the stamp.
                VarHandle.fullFence();
                long h = head.getOpaque(); // after the fence above
                if (h + oneLap == t) {
                    return FULL;
                }
                backoff.spin();
                t = tail.getOpaque(); // validated by the CAS
            } else {
                // Another producer has reserved this slot in an earlier lap and not yet written, or
                // our tail is stale: wait for it to move.
                backoff.snooze();
                t = tail.getOpaque(); // validated by the CAS
            }
        }
    }

    /**
     * Stores {@code value}, evicting the oldest item if the core is full.
     *
     * <p>Only for cores that are never disconnected ({@code ArrayQueue}); a channel never calls it.
     *
     * @param value the item, not null (checked by an assertion only)
     * @return the evicted item, or {@code null} if there was room
     * @throws IllegalStateException if the core is disconnected
     */
    @SuppressWarnings("unchecked")
    public T forcePush(T value) {
        assert value != null : "value";
        Backoff backoff = new Backoff();
        long t = tail.getOpaque(); // validated by the CAS below
        while (true) {
            if ((t & markBit) != 0L) {
                throw new IllegalStateException("forcePush on a disconnected core");
            }
            int index = (int) (t & (markBit - 1L));
            long lap = t & -oneLap;
            long newTail = index + 1 < cap ? t + 1L : lap + oneLap;
            long stamp = stampAcquire(index);
            if (t == stamp) {
                long witness = tail.compareAndExchange(t, newTail); // volatile CAS
                if (witness == t) {
                    values[index] = value; // plain: published by the release store of the stamp
                    STAMPS.setRelease(stamps, index, t + 1L);
                    return null;
                }
                t = witness;
                backoff.spin();
            } else if (stamp + oneLap == t + 1L) {
                VarHandle.fullFence(); // as in offer: the head read is not older than the stamp
                long oldHead = t - oneLap;
                long newHead = newTail - oneLap;
                // Volatile CAS: evicts the oldest item; the linearization point of an evicting
                // push.
                if (head.compareAndSet(oldHead, newHead)) {
                    // Volatile add, not a store: keeps a mark bit that a misuse might have set.
                    tail.getAndAdd(newTail - t);
                    T old = (T) values[index]; // plain: we own the slot since the head CAS
                    values[index] = value; // plain: published by the release store below
                    STAMPS.setRelease(stamps, index, t + 1L);
                    return old;
                }
                backoff.spin();
                t = tail.getOpaque(); // validated by the CAS
            } else {
                backoff.snooze();
                t = tail.getOpaque(); // validated by the CAS
            }
        }
    }

    /**
     * Removes and returns the oldest item.
     *
     * @return the item, or {@code null} if the core is empty (disconnected or not)
     */
    @SuppressWarnings("unchecked")
    public T poll() {
        Backoff backoff = new Backoff();
        long h = head.getOpaque(); // validated by the CAS below
        while (true) {
            int index = (int) (h & (markBit - 1L));
            long lap = h & -oneLap;
            long stamp = stampAcquire(index);
            if (h + 1L == stamp) {
                long newHead = index + 1 < cap ? h + 1L : lap + oneLap;
                // Volatile CAS: the linearization point of a successful poll.
                long witness = head.compareAndExchange(h, newHead);
                if (witness == h) {
                    T value = (T) values[index]; // plain: after the acquire of stamp h + 1
                    values[index] = null; // plain: published by the release store of the stamp
                    STAMPS.setRelease(stamps, index, h + oneLap);
                    return value;
                }
                h = witness;
                backoff.spin();
            } else if (stamp == h) {
                // Not written in this lap. Full fence before reading the tail (crossbeam's SeqCst
                // fence): an empty verdict must not rest on a tail older than the stamp.
                VarHandle.fullFence();
                long t = tail.getOpaque(); // after the fence above
                if ((t & ~markBit) == h) {
                    return null;
                }
                // A producer has reserved the slot and is about to write it.
                backoff.spin();
                h = head.getOpaque(); // validated by the CAS
            } else {
                // Our head is stale (another consumer took the slot): catch up.
                backoff.snooze();
                h = head.getOpaque(); // validated by the CAS
            }
        }
    }

    /**
     * Returns the oldest item without removing it, or {@code null} if the core is empty.
     *
     * <p>Sound because the garbage collector keeps a value alive while we look at it: the read is
     * validated by re-reading the head, which moves before any consumer (or evicting producer)
     * clears or overwrites the slot. The result was the head item at the moment of that re-read.
     */
    @SuppressWarnings("unchecked")
    public T peek() {
        Backoff backoff = new Backoff();
        long h = head.getAcquire();
        while (true) {
            int index = (int) (h & (markBit - 1L));
            long stamp = stampAcquire(index);
            if (h + 1L == stamp) {
                // Acquire: the head re-read below cannot move before this read.
                Object value = VALUES.getAcquire(values, index);
                long again = head.getAcquire();
                if (again == h && value != null) {
                    return (T) value;
                }
                h = again;
            } else if (stamp == h) {
                VarHandle.fullFence(); // as in poll
                long t = tail.getOpaque(); // after the fence above
                if ((t & ~markBit) == h) {
                    return null;
                }
                backoff.spin();
                h = head.getAcquire();
            } else {
                backoff.snooze();
                h = head.getAcquire();
            }
        }
    }

    /**
     * Sets the disconnection mark. From then on {@link #offer} returns {@link #DISCONNECTED}; items
     * already stored can still be polled.
     *
     * @return {@code true} if this call set the mark, {@code false} if it was already set
     */
    public boolean disconnect() {
        // Volatile read-modify-write: offers that reserved a slot before it still complete.
        long t = tail.getAndBitwiseOr(markBit);
        return (t & markBit) == 0L;
    }

    /** Returns whether {@link #disconnect()} has been called. Volatile read. */
    public boolean isDisconnected() {
        return (tail.getVolatile() & markBit) != 0L;
    }

    /**
     * Pops and drops every item left, so that they can be garbage collected. Meant for a
     * disconnected core (then nothing can be added meanwhile); safe alongside concurrent polls.
     *
     * @return the number of items dropped by this call
     */
    public int discardAll() {
        int n = 0;
        while (poll() != null) {
            n++;
        }
        return n;
    }

    /**
     * Returns the number of items: a linearizable snapshot, from 0 to {@link #capacity()}, stale as
     * soon as it returns. Counts items whose offer has reserved a slot but not yet returned.
     */
    public int size() {
        return stableSize();
    }

    /** Returns whether the core is empty: a linearizable snapshot ({@code size() == 0}). */
    public boolean isEmpty() {
        return stableSize() == 0;
    }

    /** Returns whether the core is full: a linearizable snapshot ({@code size() == capacity()}). */
    public boolean isFull() {
        return stableSize() == cap;
    }

    /**
     * The size at one instant. Two things make a naive "read tail, read head" wrong: the pair may
     * not have existed together (so the tail is re-read), and an evicting forcePush moves the head
     * before the tail, so for a moment the indices say capacity - 1 although the push was atomic. A
     * popper between its head CAS and its stamp store leaves the very same picture (head one past
     * the tail's previous lap, the slot at the tail still stamped as full), so in that picture we
     * wait for the thread in the middle to finish, exactly as poll waits for a producer.
     */
    private int stableSize() {
        Backoff backoff = null;
        while (true) {
            long t = tail.getVolatile();
            long h = head.getVolatile();
            // Volatile re-read: if the tail did not move, (h, t) existed together at the head read.
            if (tail.getVolatile() != t) {
                continue;
            }
            long u = t & ~markBit;
            long previousLap = u - oneLap;
            if (h == advance(previousLap)) {
                long stamp = stampAcquire((int) (u & (markBit - 1L)));
                // Volatile re-read after the stamp: a forcePush moves the tail before it writes
                // the stamp, so an unchanged tail means the stamp belongs to this snapshot.
                if (tail.getVolatile() != t) {
                    continue;
                }
                if (stamp == previousLap + 1L) {
                    if (backoff == null) {
                        backoff = new Backoff();
                    }
                    backoff.snooze();
                    continue;
                }
            }
            return sizeOf(h, u);
        }
    }

    private int sizeOf(long h, long t) {
        int hix = (int) (h & (markBit - 1L));
        int tix = (int) (t & (markBit - 1L));
        if (hix < tix) {
            return tix - hix;
        } else if (hix > tix) {
            return cap - hix + tix;
        } else if (t == h) {
            return 0;
        } else {
            return cap;
        }
    }

    /**
     * Returns a read-only, weakly consistent iterator over the items in FIFO order.
     *
     * <p>It yields each item that was in the core when the iterator was created and has not been
     * removed by the time the iterator reaches it, each at most once, and never an item offered
     * after it was created. Items whose offer was still in progress may be skipped. It never blocks
     * and never throws {@link java.util.ConcurrentModificationException}; {@code remove} is not
     * supported.
     */
    public Iterator<T> iterator() {
        long t = tail.getVolatile();
        long h = head.getVolatile();
        return new Itr(h, t & ~markBit);
    }

    private long stampAcquire(int index) {
        // Acquire: pairs with the release store that published the slot's value.
        return (long) STAMPS.getAcquire(stamps, index);
    }

    private long advance(long position) {
        int index = (int) (position & (markBit - 1L));
        return index + 1 < cap ? position + 1L : (position & -oneLap) + oneLap;
    }

    private final class Itr implements Iterator<T> {
        private long position;
        private final long end;
        private T next;

        Itr(long start, long end) {
            this.position = start;
            this.end = end;
        }

        @SuppressWarnings("unchecked")
        private T findNext() {
            while (position != end) {
                long p = position;
                position = advance(p);
                int index = (int) (p & (markBit - 1L));
                if (stampAcquire(index) == p + 1L) {
                    Object value = VALUES.getAcquire(values, index); // acquire: orders the re-read
                    // Still the item written at p? Then it was present while we read it.
                    if (value != null && stampAcquire(index) == p + 1L) {
                        return (T) value;
                    }
                }
                // Otherwise already taken, or its offer is still in progress: skip it.
            }
            return null;
        }

        @Override
        public boolean hasNext() {
            // Lazy: an item is looked at only when the caller asks, not one step ahead.
            if (next == null) {
                next = findNext();
            }
            return next != null;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T result = next;
            next = null;
            return result;
        }
    }

    @Override
    public String toString() {
        return "ArrayCore[size=" + size() + ", capacity=" + cap + "]";
    }

    private static final VarHandle STAMPS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(Object[].class);

    /**
     * A head or tail index alone on its cache lines: 120 bytes of padding on each side of the
     * value, so that the two indices, and the final fields every operation reads, never share a
     * 128-byte pair of lines (the adjacent-line prefetcher of x86-64 pulls lines in pairs). HotSpot
     * lays out fields of one size in declaration order.
     */
    @SuppressWarnings("unused")
    static final class PaddedIndex {
        private long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
        private volatile long value;
        private long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

        long getOpaque() {
            return (long) VALUE.getOpaque(this);
        }

        long getAcquire() {
            return (long) VALUE.getAcquire(this);
        }

        long getVolatile() {
            return (long) VALUE.getVolatile(this);
        }

        long compareAndExchange(long expected, long newValue) {
            return (long) VALUE.compareAndExchange(this, expected, newValue);
        }

        boolean compareAndSet(long expected, long newValue) {
            return VALUE.compareAndSet(this, expected, newValue);
        }

        long getAndAdd(long delta) {
            return (long) VALUE.getAndAdd(this, delta);
        }

        long getAndBitwiseOr(long bits) {
            return (long) VALUE.getAndBitwiseOr(this, bits);
        }

        private static final VarHandle VALUE;

        static {
            try {
                VALUE =
                        MethodHandles.lookup()
                                .findVarHandle(PaddedIndex.class, "value", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
