package dev.ferrum.internal;

import dev.ferrum.sync.Backoff;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;

/**
 * The waiters blocked on one condition of one primitive ("not empty", "not full", "unlocked"), each
 * under the operation token it wants to be selected with.
 *
 * <p>Port of crossbeam-channel's {@code Waker}/{@code SyncWaker} ({@code src/waker.rs}): a short
 * list of entries behind a spin lock, plus a volatile {@code empty} flag so that a notifier with
 * nobody to wake pays one volatile read and takes no lock. The lock is held only for a few list
 * operations and never across a park, so contention on it is brief; while it is held others back
 * off with {@link Backoff#snooze()}, which yields and so lets a preempted holder run.
 *
 * <h2>The no-lost-wake-up rule</h2>
 *
 * <p>A waiter registers (a volatile write of {@code empty}) and then re-checks the state it waits
 * on; a notifier changes that state with a volatile write or CAS and then reads {@code empty}. Both
 * pairs are sequentially consistent, so either the waiter sees the new state, or the notifier sees
 * the registration and selects the waiter. See the package notes.
 *
 * <h2>Fairness</h2>
 *
 * <p>{@link #notifyOne()} selects the longest-registered waiter that can still be selected and is
 * not the calling thread (a thread never wakes itself, which matters to a thread that is registered
 * in a select and also completes an operation).
 */
public final class WaitQueue {

    /** A registration: who waits, for which operation, with what attached. */
    public static final class Entry {
        private final Waiter waiter;
        private final long token;
        private final Object packet;

        Entry(Waiter waiter, long token, Object packet) {
            this.waiter = waiter;
            this.token = token;
            this.packet = packet;
        }

        /** The registered waiter; a notifier selects it, then unparks its thread. */
        public Waiter waiter() {
            return waiter;
        }

        /** The token {@code notifyOne} selects the waiter with: which operation became ready. */
        public long token() {
            return token;
        }

        /** What the registering operation attached (for example a message to hand off). */
        public Object packet() {
            return packet;
        }
    }

    /** Guarded by {@code locked}; read and written only while holding it. */
    private final ArrayList<Entry> entries = new ArrayList<>(4);

    /** 0 = free, 1 = held. Acquired by CAS, released by a release store. */
    private volatile int locked;

    /** Mirrors {@code entries.isEmpty()}; written under the lock, read without it (volatile). */
    private volatile boolean empty = true;

    /** Creates an empty queue. */
    public WaitQueue() {}

    /** Registers {@code waiter} under {@code token} with nothing attached. */
    public void register(Waiter waiter, long token) {
        register(waiter, token, null);
    }

    /** Registers {@code waiter} under {@code token} with {@code packet} attached. */
    public void register(Waiter waiter, long token, Object packet) {
        lock();
        try {
            entries.add(new Entry(waiter, token, packet));
            setEmpty(false);
        } finally {
            unlock();
        }
    }

    /**
     * Removes the entry of {@code waiter} under {@code token}, if it is still registered.
     *
     * @return the removed entry, or {@code null} if a notifier already removed it
     */
    public Entry unregister(Waiter waiter, long token) {
        if (isEmpty()) {
            return null;
        }
        lock();
        try {
            for (int i = 0, n = entries.size(); i < n; i++) {
                Entry e = entries.get(i);
                if (e.waiter == waiter && e.token == token) {
                    entries.remove(i);
                    setEmpty(entries.isEmpty());
                    return e;
                }
            }
            return null;
        } finally {
            unlock();
        }
    }

    /**
     * Selects and removes the longest-registered entry whose waiter belongs to another thread and
     * is still waiting, without unparking it: the caller may first hand over a packet, then calls
     * {@code entry.waiter().unpark()}.
     *
     * @return the selected entry, or {@code null} if no waiter could be selected
     */
    public Entry trySelectOne() {
        if (isEmpty()) {
            return null;
        }
        Thread self = Thread.currentThread();
        lock();
        try {
            for (int i = 0, n = entries.size(); i < n; i++) {
                Entry e = entries.get(i);
                if (e.waiter.thread() != self && e.waiter.trySelect(e.token)) {
                    entries.remove(i);
                    setEmpty(entries.isEmpty());
                    return e;
                }
            }
            return null;
        } finally {
            unlock();
        }
    }

    /**
     * Selects, removes and unparks one waiter (see {@link #trySelectOne()}). Costs one volatile
     * read when nobody waits.
     *
     * @return whether a waiter was woken
     */
    public boolean notifyOne() {
        Entry e = trySelectOne();
        if (e == null) {
            return false;
        }
        e.waiter.unpark();
        return true;
    }

    /**
     * Selects every registered waiter that is still waiting with {@code token}, removes all entries
     * and unparks the selected waiters. For state changes that concern everyone, such as a
     * disconnection or the release of an exclusive lock. Every waiter sees the same token, not the
     * one it registered with (as in crossbeam's {@code Waker::disconnect}): a waiter registered for
     * several operations re-checks them all. Unlike {@link #notifyOne()}, this also selects the
     * calling thread's own waiters, since the news concerns them too.
     *
     * @param token the token every woken waiter sees as its selection, at least {@link
     *     Waiter#FIRST_TOKEN}
     * @return the number of waiters woken
     */
    public int notifyAll(long token) {
        if (isEmpty()) {
            return 0;
        }
        ArrayList<Waiter> woken = new ArrayList<>();
        lock();
        try {
            for (Entry e : entries) {
                if (e.waiter.trySelect(token)) {
                    woken.add(e.waiter);
                }
            }
            entries.clear();
            setEmpty(true);
        } finally {
            unlock();
        }
        // Unpark outside the lock: a woken thread may need it at once to unregister elsewhere.
        for (Waiter w : woken) {
            w.unpark();
        }
        return woken.size();
    }

    /**
     * Returns whether no waiter is registered. Volatile read: a notifier calls this after its own
     * volatile state change (see the class notes).
     */
    public boolean isEmpty() {
        return (boolean) EMPTY.getVolatile(this);
    }

    /** Returns the number of registered entries; a snapshot, stale as soon as it returns. */
    public int size() {
        lock();
        try {
            return entries.size();
        } finally {
            unlock();
        }
    }

    private void setEmpty(boolean value) {
        // Volatile store: the registration half of the Dekker pattern in the class notes.
        EMPTY.setVolatile(this, value);
    }

    private void lock() {
        // Volatile CAS acquires the lock (and everything the previous holder wrote before release).
        if (LOCKED.compareAndSet(this, 0, 1)) {
            return;
        }
        Backoff backoff = new Backoff();
        do {
            backoff.snooze();
            // Opaque read: only a hint that skips a CAS doomed to fail; the CAS acquires.
        } while ((int) LOCKED.getOpaque(this) != 0 || !LOCKED.compareAndSet(this, 0, 1));
    }

    private void unlock() {
        // Release store: publishes the list changes to the next holder's acquiring CAS.
        LOCKED.setRelease(this, 0);
    }

    private static final VarHandle LOCKED;
    private static final VarHandle EMPTY;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LOCKED = l.findVarHandle(WaitQueue.class, "locked", int.class);
            EMPTY = l.findVarHandle(WaitQueue.class, "empty", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
