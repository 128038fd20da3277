package dev.ferrum.ringbuf;

import dev.ferrum.internal.Doorbell;
import dev.ferrum.internal.Timeouts;
import dev.ferrum.internal.WaitQueue;
import dev.ferrum.internal.Waiter;
import dev.ferrum.sync.Backoff;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The storage-independent half of a ring: the two indices, the cached views of them, the closed
 * flags and the two wait queues. {@link Producer}/{@link Consumer} (object slots) and {@link
 * ByteProducer}/{@link ByteConsumer} (byte slots) do the copying and ask this class how much they
 * may copy, where, and when to publish.
 */
final class RingCore {
    /*
     * Implementation notes.
     *
     * Algorithm: the single-producer single-consumer ring of the Rust crate ringbuf (crate
     * ringbuf 0.4, files src/rb/shared.rs, src/wrap/caching.rs and src/rb/utils.rs), with the
     * blocking and closing of ringbuf-blocking (blocking/src/wrap/) and async-ringbuf's explicit
     * close(). ringbuf keeps its two indices modulo 2 * capacity so that "full" and "empty"
     * differ without a wasted slot; that doubling overflowed for huge capacities (ringbuf issue
     * 39). Here the indices are free-running 64-bit counters instead: tail - head is the number
     * of occupied slots for any capacity up to Integer.MAX_VALUE, and two's-complement
     * subtraction keeps that true when the counters wrap past Long.MAX_VALUE (the test
     * constructor starts them there). The array position of each index is tracked separately
     * by the side that owns it (no division or modulo on the hot path, and no dependence of the
     * slot mapping on 2^64 being a multiple of the capacity).
     *
     *   head (consumer's index)           tail (producer's index)
     *     |                                 |
     *   [ . . . x x x x x x x x x x x x x . . . ]   occupied = tail - head, 0 <= occupied <= cap
     *           ^ headSlot                  ^ tailSlot  (array positions, 0 <= slot < cap)
     *
     * (Object rings only: head may pass tail by the size of one push for a moment; see below.)
     *
     * Ownership: only the producer writes tail, tailSlot and its cached copy of head; only the
     * consumer writes head, headSlot and its cached copy of tail. Each side's fields sit in one
     * padded Side holder, so that the two sides never share a cache line.
     *
     * Caching (ringbuf's Caching wrapper): the producer keeps cachedHead, a stale view of head.
     * Since head only grows, capacity - (tail - cachedHead) under-estimates the free space; the
     * producer re-reads the consumer's head (acquire) only when the estimate is too small for
     * the operation at hand. The consumer does the same with cachedTail. The slice operations
     * and the byte ring therefore read the other side's cache line once per lap of free space,
     * not once per item; the single-item operations of the object ring go further (below).
     *
     * Publication and linearization: the producer writes the slots and then publishes the new
     * tail with one release store (per item for tryPush, per slice for the slice operations).
     * The consumer reads tail with acquire (or volatile) loads, so the slot contents written
     * before the publishing store are visible to it. Symmetrically the consumer reads the slots
     * and publishes head with one release store, and the producer overwrites a slot only after
     * an acquire load of head (or of the slot, below) showed it free.
     *
     * Object slots are also published by themselves, as in JCTools' SpscArrayQueue
     * (jctools-core, org/jctools/queues/SpscArrayQueue.java): an empty object slot is null, so a
     * consumer whose cached tail shows nothing reads the head slot (acquire) instead of tail,
     * and takes the item if there is one. When the consumer keeps up with the producer, that is
     * every pop, and reading tail would pull the producer's index line to the consumer once per
     * item and make the producer's next store to it a miss. For this the producer writes the
     * first slot of every push last, with a release store (Producer.tryPush, pushSlice,
     * pushAll): a consumer that sees it sees the whole push, and a slice still appears all at
     * once. The linearization point of an object push is that slot store; of a byte push, the
     * store of tail. A consumer that took an item from its slot may be ahead of tail until the
     * producer's index store lands, by at most the size of that one push; the consumer's
     * counts clamp the difference to zero, and the producer never sees it (it reads head only
     * between its own pushes). After such a take the consumer sets cachedTail to its new head:
     * true once the push lands, and it shows no item, so the next pop reads the slot again.
     *
     * The producer does the same on its side: when its cached head shows the ring full, tryPush
     * reads the tail slot (acquire) instead of head, and a null there means the consumer has
     * taken the item one lap before. For this every clearing of a taken slot is a release store
     * (tryPop, popSlice, skip, drain): the consumer's read of the item must not be reordered
     * after the store that lets the producer overwrite it. It first looks a quarter lap ahead
     * (JCTools' lookahead): the consumer frees slots in order, so a null there frees every slot
     * before it, and the pushes up to it check nothing. A null at tail + k sets cachedHead to
     * tail + k + 1 - capacity, which it proves, so the cached head never falls more than a lap
     * behind (the counts would otherwise overflow after 2^31 items).
     *
     * Blocking: a side that must wait announces the wait on its doorbell (itemsBell for the
     * consumer, spaceBell for the producer), registers a Waiter in its wait queue (itemsQueue,
     * spaceQueue), reads the doorbell's acknowledgement, re-reads the other index with a
     * volatile load, and parks: without a limit of its own if the other side has acknowledged
     * the announcement, for a bounded probe otherwise. The publishing side does its release
     * store, rings the doorbell (one opaque load while nobody waits) and, only if a wait is
     * announced, stores the acknowledgement (volatile) and reads the queue's volatile "empty"
     * flag. dev.ferrum.internal.Doorbell proves that no wake-up is lost. The plain Dekker
     * pattern of dev.ferrum.internal would make every publication a volatile store: on x86 a
     * locked instruction per item, measured at four times the cost of a single-item push and pop.
     *
     * Closing: state holds PRODUCER_CLOSED and CONSUMER_CLOSED bits, set once each by a
     * getAndBitwiseOr (volatile). The producer closes only from its owner thread, after its
     * last push in program order, so a consumer that reads the PRODUCER_CLOSED bit (volatile)
     * and then tail (volatile) sees every item that was ever pushed: "closed and tail == head"
     * is a final state, the end of stream. The consumer re-checks for items after seeing the
     * bit and never concludes "end" from an emptiness check made before it. After
     * CONSUMER_CLOSED, pushes check the bit before writing and fail; a push that read the bit
     * just before the consumer set it may still complete, which only leaves an item nobody
     * will read (the consumer, having closed, reads nothing more).
     *
     * Relaxed accesses: a side reads its own published index with a plain get (only it writes
     * it); cachedOther and slot are plain fields touched only by their owner thread. Slots other
     * than the first of a push are written with plain stores (ordered by the release store that
     * follows), and read with plain loads once an acquire load of tail or of an earlier slot
     * showed them published.
     */

    /** Largest capacity: the largest array length the JVM reliably allocates. */
    static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    static final int PRODUCER_CLOSED = 1;
    static final int CONSUMER_CLOSED = 2;

    /** Results of {@link #await}. */
    static final int READY = 0;

    static final int CLOSED = 1;
    static final int TIMED_OUT = 2;
    private static final int NOT_READY = 3;

    private static final long TOKEN = Waiter.FIRST_TOKEN;

    /** Snoozes before registering: the steps of {@link Backoff} that spin rather than yield. */
    private static final int SPIN_STEPS = 7;

    /**
     * First and longest park of a waiter whose announcement no publication has acknowledged yet
     * (see {@link Doorbell}): only a waiter whose counterpart publishes nothing keeps probing, and
     * it then wakes about once a second.
     */
    private static final long PROBE_MIN_NANOS = 100_000L;

    private static final long PROBE_MAX_NANOS = 1_000_000_000L;

    /** Spin hints a waiter spends on an unacknowledged announcement before it probe-parks. */
    private static final int ACK_SPINS = 256;

    final int capacity;

    /** How far ahead of tail producerSlotFree looks first: a quarter lap, at most 4096 slots. */
    private final int lookahead;

    /** The producer's side: index is tail, cachedOther is its view of head. */
    final Side prod = new Side();

    /** The consumer's side: index is head, cachedOther is its view of tail. */
    final Side cons = new Side();

    /** Consumers waiting for an item (or the end). */
    private final WaitQueue itemsQueue = new WaitQueue();

    /** Producers waiting for a free slot (or the consumer's close). */
    private final WaitQueue spaceQueue = new WaitQueue();

    /** Rung by the producer after each publication; the consumer announces its waits here. */
    private final Doorbell itemsBell = new Doorbell();

    /** Rung by the consumer after each release of slots; the producer announces its waits. */
    private final Doorbell spaceBell = new Doorbell();

    /**
     * Free slots the waiting producer needs before it is worth waking (at least 1). Written by the
     * producer before it registers; read by the consumer only after it saw the registration.
     */
    private volatile int spaceWanted = 1;

    /** PRODUCER_CLOSED | CONSUMER_CLOSED bits; only ever set. */
    private volatile int state;

    /**
     * @param capacity the number of slots, already validated
     * @param start the initial value of both indices (a test hook: any value works)
     */
    RingCore(int capacity, long start) {
        this.capacity = capacity;
        this.lookahead = Math.min(capacity / 4, 4096);
        // Constructor writes: published with the ring itself (final field semantics of the
        // handles that reference this core, or the safe publication the user hands them over
        // with).
        prod.index = start;
        prod.cachedOther = start;
        cons.index = start;
        cons.cachedOther = start;
    }

    /** Validates a requested capacity, with C08's extremes in mind. */
    static int checkCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: capacity=" + capacity);
        }
        if (capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "capacity must be at most " + MAX_CAPACITY + ": capacity=" + capacity);
        }
        return capacity;
    }

    // ---- state -------------------------------------------------------------------------------

    int state() {
        return (int) STATE.getVolatile(this);
    }

    /** Sets bits of the state; returns whether this call set {@code bit}. */
    boolean close(int bit) {
        // Volatile RMW: orders the close after every push/pop before it in the closing thread.
        int prev = (int) STATE.getAndBitwiseOr(this, bit);
        if ((prev & bit) != 0) {
            return false;
        }
        itemsQueue.notifyAll(TOKEN);
        spaceQueue.notifyAll(TOKEN);
        return true;
    }

    // ---- producer side (owner thread only) --------------------------------------------------

    /**
     * Returns how many slots the producer may fill now, at least {@code min(want, vacant)}.
     * Re-reads head only if the cached view shows fewer than {@code want} free slots.
     */
    int producerVacant(int want) {
        long tail = (long) INDEX.get(prod); // plain: only the producer writes tail
        int free = vacant(tail, prod.cachedOther);
        if (free < want) {
            // Acquire: the consumer's reads and clearing of the freed slots happen-before our
            // writes to them.
            prod.cachedOther = (long) INDEX.getAcquire(cons);
            free = vacant(tail, prod.cachedOther);
        }
        return free;
    }

    /** Free slots between tail and a view of head, clamped to {@code [0, capacity]}. */
    private int vacant(long tail, long head) {
        long free = capacity - (tail - head);
        return free <= 0 ? 0 : (int) Math.min(free, capacity);
    }

    /**
     * Whether the producer's cached view of head shows a free slot at tail. No load of head: when
     * it shows none, tryPush looks at the tail slot itself (see the notes).
     */
    boolean producerCachedNonFull() {
        // Plain: both are the producer's own. In 64 bits, so any lag compares correctly.
        return (long) INDEX.get(prod) - prod.cachedOther < capacity;
    }

    /**
     * For tryPush when the cached head shows the ring full: whether the tail slot is free, judged
     * from the slots rather than from head. Looks {@link #lookahead} slots ahead first, as JCTools'
     * SpscArrayQueue does: the consumer frees slots in order, so a free slot there means every slot
     * up to it is free, and the next pushes up to it need no check at all. Sets the cached head to
     * what the free slot proved, which keeps it within a lap of tail.
     */
    boolean producerSlotFree(Object[] slots, int slot) {
        long tail = (long) INDEX.get(prod); // plain: only the producer writes tail
        if (lookahead > 0) {
            int probe = slot + lookahead;
            if (probe >= capacity) {
                probe -= capacity;
            }
            // Acquire: pairs with the consumer's release store that cleared the slot, after its
            // loads of that item and of every item before it.
            if (SLOT.getAcquire(slots, probe) == null) {
                prod.cachedOther = tail + lookahead + 1 - capacity; // plain: our own field
                return true;
            }
        }
        // Acquire: as above, for the tail slot itself.
        if (SLOT.getAcquire(slots, slot) != null) {
            return false;
        }
        prod.cachedOther = tail + 1 - capacity; // plain: our own field
        return true;
    }

    /** The array position of tail. */
    int tailSlot() {
        return (int) prod.slot;
    }

    /** Advances tail by {@code n} written slots, publishes it and wakes a waiting consumer. */
    void producerCommit(int n) {
        long tail = (long) INDEX.get(prod) + n; // plain read of our own index
        prod.slot = advance((int) prod.slot, n);
        // Release store: publishes the slot contents. No store-load fence here: the doorbell
        // makes us pay one only while the consumer announces a wait (see the notes).
        INDEX.setRelease(prod, tail);
        if (itemsBell.ring() && !itemsQueue.isEmpty()) {
            itemsQueue.notifyOne();
        }
    }

    // ---- consumer side (owner thread only) --------------------------------------------------

    /**
     * Returns how many slots the consumer may take now, at least {@code min(want, occupied)}.
     * Re-reads tail only if the cached view shows fewer than {@code want} items.
     */
    int consumerOccupied(int want) {
        long head = (long) INDEX.get(cons); // plain: only the consumer writes head
        int avail = occupied(cons.cachedOther, head);
        if (avail < want) {
            // Acquire: the producer's slot writes happen-before our reads of them.
            cons.cachedOther = (long) INDEX.getAcquire(prod);
            avail = occupied(cons.cachedOther, head);
        }
        return avail;
    }

    /**
     * Items between a view of tail and head, clamped to {@code [0, capacity]}: the difference is
     * negative while a push whose item the consumer took from its slot is not yet published.
     */
    private int occupied(long tail, long head) {
        long d = tail - head;
        return d <= 0 ? 0 : (int) Math.min(d, capacity);
    }

    /**
     * Whether the consumer's cached view of tail shows an item at head. No load of tail: when it
     * shows none, tryPop looks at the head slot itself (see the notes).
     */
    boolean consumerCachedNonEmpty() {
        return cons.cachedOther - (long) INDEX.get(cons) > 0; // plain: both are the consumer's
    }

    /**
     * Records what a take from the head slot proved: tail had reached the item. Keeps the cached
     * tail from falling behind head, where a later count would have to reload it anyway.
     */
    void consumerTookFromSlot() {
        // Plain: our own fields. Called before consumerCommit, so head is the slot's index.
        cons.cachedOther = (long) INDEX.get(cons) + 1;
    }

    /** The array position of head. */
    int headSlot() {
        return (int) cons.slot;
    }

    /** Advances head by {@code n} taken slots, publishes it and wakes a waiting producer. */
    void consumerCommit(int n) {
        long head = (long) INDEX.get(cons) + n; // plain read of our own index
        cons.slot = advance((int) cons.slot, n);
        // Release store: releases the cleared slots; the doorbell as in producerCommit.
        INDEX.setRelease(cons, head);
        if (spaceBell.ring() && !spaceQueue.isEmpty()) {
            // Wake the producer only once enough is free for it, so that a writer of big
            // chunks is not woken for every small read (the producer, while waiting, does not
            // move tail, so this volatile read of it is exact).
            long tail = (long) INDEX.getVolatile(prod);
            if (capacity - (int) (tail - head) >= (int) SPACE_WANTED.getVolatile(this)) {
                spaceQueue.notifyOne();
            }
        }
    }

    /** The array position {@code n <= capacity} slots after {@code slot}, without int overflow. */
    private int advance(int slot, int n) {
        int untilEnd = capacity - slot;
        return n < untilEnd ? slot + n : n - untilEnd;
    }

    // ---- snapshots (any thread) --------------------------------------------------------------

    /** Occupied slots, clamped to {@code [0, capacity]}; a snapshot. */
    int occupiedLen() {
        // Head first: tail read afterwards is at least the tail of that moment, so the
        // difference is negative only while an object push taken from its slot is not yet
        // published (see the notes); it may exceed capacity if the consumer and producer both
        // moved in between. Hence the clamp.
        long head = (long) INDEX.getAcquire(cons);
        long tail = (long) INDEX.getAcquire(prod);
        return occupied(tail, head);
    }

    /** Free slots, clamped to {@code [0, capacity]}; a snapshot. */
    int vacantLen() {
        return capacity - occupiedLen();
    }

    // ---- waiting -----------------------------------------------------------------------------

    /**
     * Checks readiness. Consumer ({@code items}): READY if an item is there, CLOSED if the producer
     * closed and nothing is left (the end) or the consumer itself closed. Producer: CLOSED if the
     * consumer closed, READY if a slot is free.
     */
    private int poll(boolean items, int want) {
        if (items) {
            if (consumerOccupied(1) > 0) {
                return READY;
            }
            if ((state() & (PRODUCER_CLOSED | CONSUMER_CLOSED)) == 0) {
                return NOT_READY;
            }
            // Closed: re-check for items pushed before the close (the bit was read after
            // them, volatile, so a fresh read of tail sees them all).
            return consumerOccupiedFresh() > 0 && (state() & CONSUMER_CLOSED) == 0 ? READY : CLOSED;
        }
        if ((state() & (CONSUMER_CLOSED | PRODUCER_CLOSED)) != 0) {
            return CLOSED;
        }
        return producerVacant(want) >= want ? READY : NOT_READY;
    }

    /** Like {@code consumerOccupied(1)} but always re-reads tail (volatile). */
    private int consumerOccupiedFresh() {
        // Volatile load: the load half of the Dekker pattern, and ordered after the state read.
        cons.cachedOther = (long) INDEX.getVolatile(prod);
        return occupied(cons.cachedOther, (long) INDEX.get(cons));
    }

    /** Like {@code producerVacant(1)} but always re-reads head (volatile). */
    private int producerVacantFresh() {
        prod.cachedOther = (long) INDEX.getVolatile(cons);
        return vacant((long) INDEX.get(prod), prod.cachedOther);
    }

    /**
     * Waits until the consumer ({@code items}) or the producer can proceed, the ring is closed for
     * it, or the budget runs out. Must be called by the owner of that side. Spins briefly (without
     * yielding), then parks (see dev.ferrum.internal).
     *
     * @param want for the producer, the free slots to wait for ({@code 1 .. capacity}); the
     *     consumer always waits for one item
     * @param budget nanoseconds from {@link Timeouts}; {@code 0} only checks
     * @return {@link #READY}, {@link #CLOSED} or {@link #TIMED_OUT}
     * @throws InterruptedException if interrupted while waiting (nothing changed, flag cleared)
     */
    int await(boolean items, int want, long budget) throws InterruptedException {
        int r = poll(items, want);
        if (r != NOT_READY || budget == 0L) {
            return r == NOT_READY ? TIMED_OUT : r;
        }
        final long start = budget == Timeouts.FOREVER ? 0L : System.nanoTime(); // unused if FOREVER
        // Spin only (Backoff's first SPIN_STEPS snoozes busy-wait, 1 + 2 + ... + 64 hints);
        // no yields: on a loaded machine a yield can hand the core to an unrelated process for
        // a whole time slice, while parking is woken directly by the other side.
        Backoff backoff = new Backoff();
        for (int step = 0; step < SPIN_STEPS; step++) {
            backoff.snooze();
            if ((r = poll(items, want)) != NOT_READY) {
                return r;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (budget != Timeouts.FOREVER && System.nanoTime() - start >= budget) {
                return TIMED_OUT;
            }
        }
        WaitQueue queue = items ? itemsQueue : spaceQueue;
        Doorbell bell = items ? itemsBell : spaceBell;
        if (!items) {
            // Volatile store before the registration: the consumer reads it after seeing us.
            SPACE_WANTED.setVolatile(this, want);
        }
        Waiter waiter = new Waiter();
        // Volatile store before the registration: the other side acknowledges it on its next
        // publication and from then on wakes us through the queue (see Doorbell).
        long epoch = bell.announce();
        long probe = PROBE_MIN_NANOS;
        try {
            for (; ; ) {
                queue.register(waiter, TOKEN);
                // Volatile load after the registration and before the re-check: if the other
                // side has acknowledged, every publication the re-check misses will wake us.
                boolean acked = bell.acknowledged(epoch);
                // Re-check after registering: the load half of the Dekker pattern.
                r = pollFresh(items, want);
                if (!acked && r == NOT_READY) {
                    // A publication that raced with the announcement acknowledges on the next
                    // one, which in a busy stream comes within microseconds: wait for it briefly
                    // rather than probe-park. Same order as above: acknowledgement, then state.
                    for (int i = 0; i < ACK_SPINS && !acked; i++) {
                        Thread.onSpinWait();
                        acked = bell.acknowledged(epoch);
                    }
                    if (acked) {
                        r = pollFresh(items, want);
                    }
                }
                if (r != NOT_READY) {
                    queue.unregister(waiter, TOKEN);
                    return r;
                }
                long remaining =
                        budget == Timeouts.FOREVER
                                ? Timeouts.FOREVER
                                : Math.max(0L, budget - (System.nanoTime() - start));
                // Not yet acknowledged: a publication racing with the announcement may not have
                // seen it, so look again after a bounded probe (doubling while nothing happens).
                boolean probing = !acked && remaining > probe;
                long sel = waiter.await(probing ? probe : remaining, true);
                // A notifier removes the entry it selects; otherwise remove it ourselves.
                queue.unregister(waiter, TOKEN);
                if (sel == Waiter.INTERRUPTED) {
                    throw new InterruptedException();
                }
                if (sel == Waiter.TIMED_OUT) {
                    if (probing) {
                        probe = Math.min(2 * probe, PROBE_MAX_NANOS);
                    } else {
                        r = poll(items, want);
                        return r == NOT_READY ? TIMED_OUT : r;
                    }
                }
                waiter.reset();
            }
        } finally {
            bell.withdraw();
        }
    }

    private int pollFresh(boolean items, int want) {
        if (items) {
            if (consumerOccupiedFresh() > 0) {
                return READY;
            }
            return (state() & (PRODUCER_CLOSED | CONSUMER_CLOSED)) == 0 ? NOT_READY : poll(true, 1);
        }
        if ((state() & (CONSUMER_CLOSED | PRODUCER_CLOSED)) != 0) {
            return CLOSED;
        }
        return producerVacantFresh() >= want ? READY : NOT_READY;
    }

    /**
     * One side's hot fields, padded so that the producer's and the consumer's never share a cache
     * line: 128 bytes of padding on each side (the adjacent-line prefetcher of x86-64 pulls pairs
     * of 64-byte lines). All fields are longs, which HotSpot lays out in declaration order, so the
     * pads stay around the hot fields: JOL 0.17 on JDK 17 shows index at offset 144, the three hot
     * fields in bytes 144..167, and an instance size of 296 bytes.
     */
    @SuppressWarnings("unused")
    static final class Side {
        private long p00, p01, p02, p03, p04, p05, p06, p07;
        private long p08, p09, p10, p11, p12, p13, p14, p15;

        /** The published index: written only by the owner (release store), read by the other. */
        volatile long index;

        /** The owner's stale view of the other side's index; plain, owner-only. */
        long cachedOther;

        /** The array position of {@code index}; plain, owner-only. A long to keep the layout. */
        long slot;

        private long q00, q01, q02, q03, q04, q05, q06, q07;
        private long q08, q09, q10, q11, q12, q13, q14, q15;
    }

    /** Element access to object slots, for the accesses that need a memory mode. */
    static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    private static final VarHandle STATE;
    private static final VarHandle INDEX;
    private static final VarHandle SPACE_WANTED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(RingCore.class, "state", int.class);
            INDEX = l.findVarHandle(Side.class, "index", long.class);
            SPACE_WANTED = l.findVarHandle(RingCore.class, "spaceWanted", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
