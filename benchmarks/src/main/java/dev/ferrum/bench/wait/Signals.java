package dev.ferrum.bench.wait;

import dev.ferrum.internal.WaitQueue;
import dev.ferrum.internal.Waiter;
import dev.ferrum.sync.Backoff;
import java.util.concurrent.locks.LockSupport;

/**
 * The waiting policies compared by {@link HandoffBench}, one {@link Signal} each.
 *
 * <p>Every implementation does the same work around the wait itself: one volatile read of the value
 * before waiting (the fast path), and one {@link System#nanoTime()} when it has to wait, to bound
 * the wait. They differ only in what a waiter does while the value is too small.
 */
final class Signals {

    /** The names accepted by {@link #create}; {@code ferrum} is Ferrum's, the rest are peers. */
    static final String FERRUM = "ferrum";

    static final String PARK = "park";
    static final String SPIN = "spin";
    static final String BACKOFF = "backoff";

    private Signals() {}

    /**
     * Creates the signal named {@code impl}.
     *
     * @throws IllegalArgumentException if the name is unknown
     */
    static Signal create(String impl) {
        switch (impl) {
            case FERRUM:
                return new FerrumSignal();
            case PARK:
                return new ParkSignal();
            case SPIN:
                return new SpinSignal();
            case BACKOFF:
                return new BackoffSignal();
            default:
                throw new IllegalArgumentException("unknown signal: impl=" + impl);
        }
    }

    /**
     * Ferrum's waiting mechanism as every blocking primitive uses it: register a {@link Waiter} in
     * a {@link WaitQueue}, re-check, then {@link Waiter#await}, which spins briefly and then parks.
     * The poster writes the value and then calls {@link WaitQueue#notifyOne()}.
     */
    static final class FerrumSignal implements Signal {
        private static final long TOKEN = Waiter.FIRST_TOKEN;

        private final WaitQueue waiters = new WaitQueue();
        private volatile long value;

        @Override
        public void post(long v) {
            // Volatile write before notifyOne's volatile read of the queue: no lost wake-up.
            value = v;
            waiters.notifyOne();
        }

        @Override
        public boolean await(long target, long timeoutNanos) {
            if (value >= target) {
                return true;
            }
            final long start = System.nanoTime();
            while (true) {
                Waiter waiter = new Waiter();
                waiters.register(waiter, TOKEN);
                if (value >= target) {
                    waiters.unregister(waiter, TOKEN);
                    return true;
                }
                long remaining = timeoutNanos - (System.nanoTime() - start);
                long selected = waiter.await(remaining, false);
                if (selected < Waiter.FIRST_TOKEN) {
                    waiters.unregister(waiter, TOKEN);
                }
                if (value >= target) {
                    return true;
                }
                if (selected == Waiter.TIMED_OUT) {
                    return false;
                }
                // Selected by the notification of an earlier, smaller value: wait again.
            }
        }
    }

    /**
     * Parks at once: the waiter publishes its thread and parks; the poster writes the value and
     * unparks the published thread. The shape of a blocking queue's hand-off without its lock.
     */
    static final class ParkSignal implements Signal {
        private volatile long value;
        private volatile Thread waiter;

        @Override
        public void post(long v) {
            // Volatile write, then volatile read of the waiter: pairs with the waiter's
            // publish-then-recheck, so one of the two sides sees the other.
            value = v;
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        @Override
        public boolean await(long target, long timeoutNanos) {
            if (value >= target) {
                return true;
            }
            final long start = System.nanoTime();
            waiter = Thread.currentThread();
            try {
                while (value < target) {
                    long remaining = timeoutNanos - (System.nanoTime() - start);
                    if (remaining <= 0L) {
                        return false;
                    }
                    LockSupport.parkNanos(this, remaining);
                }
                return true;
            } finally {
                waiter = null;
            }
        }
    }

    /** Busy-waits with {@link Thread#onSpinWait()} and never gives up the processor. */
    static final class SpinSignal implements Signal {
        /** The clock is read once per this many spins, to keep the loop a pure spin. */
        private static final int CLOCK_MASK = (1 << 10) - 1;

        private volatile long value;

        @Override
        public void post(long v) {
            value = v;
        }

        @Override
        public boolean await(long target, long timeoutNanos) {
            if (value >= target) {
                return true;
            }
            final long start = System.nanoTime();
            int spins = 0;
            while (value < target) {
                Thread.onSpinWait();
                if ((++spins & CLOCK_MASK) == 0 && System.nanoTime() - start > timeoutNanos) {
                    return value >= target;
                }
            }
            return true;
        }
    }

    /**
     * Spins, then yields, and never parks: a loop of {@link Backoff#snooze()}, which is how the
     * Rust originals wait in their hand-written retry loops.
     */
    static final class BackoffSignal implements Signal {
        private volatile long value;

        @Override
        public void post(long v) {
            value = v;
        }

        @Override
        public boolean await(long target, long timeoutNanos) {
            if (value >= target) {
                return true;
            }
            final long start = System.nanoTime();
            Backoff backoff = new Backoff();
            while (value < target) {
                // Read the clock only once spinning has turned into yielding, which costs more.
                if (backoff.isCompleted() && System.nanoTime() - start > timeoutNanos) {
                    return value >= target;
                }
                backoff.snooze();
            }
            return true;
        }
    }
}
