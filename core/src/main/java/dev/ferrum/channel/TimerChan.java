package dev.ferrum.channel;

import dev.ferrum.internal.Timeouts;
import dev.ferrum.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;

/**
 * The timer flavours: receive-only channels whose messages are the instants at which they became
 * due. Nothing is stored: a message is made when it is received.
 */
abstract class TimerChan extends Chan<Instant> {
    /*
     * Implementation notes
     *
     * Port of crossbeam-channel src/flavors/at.rs, tick.rs and never.rs. Times are kept as
     * System.nanoTime() values and compared by subtraction (t - now), which stays correct across
     * the wrap of nanoTime. A deadline too far away to represent (about 292 years) is NEVER.
     * The message is the wall-clock Instant of the due time, computed from one Instant/nanoTime
     * pair taken at creation, so that the messages of one timer are consistent with each other.
     *
     * A blocked receive waits on a Waiter that is registered nowhere: only its budget (the time
     * until the due time, capped by the caller's timeout) or an interrupt ends it. A Select
     * learns the due time through nanosUntilReady and caps its own park with it.
     *
     * Timer channels have no senders and are never disconnected.
     */

    /** A due time that never comes. */
    static final long NEVER = Long.MAX_VALUE;

    private final Instant originInstant = Instant.now();
    private final long originNanos = System.nanoTime();

    /** The instant of a due time given as a nanoTime value. */
    final Instant toInstant(long nanoTime) {
        return originInstant.plusNanos(nanoTime - originNanos);
    }

    /** The nanoTime value {@code delay} from now, or {@link #NEVER} if too far. */
    static long dueIn(long now, Duration delay) {
        long nanos = Timeouts.toNanos(delay);
        return nanos >= Long.MAX_VALUE / 2 ? NEVER : now + nanos;
    }

    /** The nanoTime value of a wall-clock instant, or {@link #NEVER} if too far. */
    final long dueAt(Instant when) {
        Duration d = Duration.between(originInstant, when);
        if (d.isNegative()) {
            // Already due: anything in the past is as good as now.
            return originNanos;
        }
        return dueIn(originNanos, d);
    }

    @Override
    boolean trySend(Instant msg) {
        throw new UnsupportedOperationException("a timer channel has no senders");
    }

    @Override
    boolean send(Instant msg, long nanos, boolean interruptible) {
        throw new UnsupportedOperationException("a timer channel has no senders");
    }

    @Override
    void completeSend(Slot s, Instant msg) {
        throw new UnsupportedOperationException("a timer channel has no senders");
    }

    @Override
    Instant recv(long nanos) throws InterruptedException {
        final long start = System.nanoTime();
        while (true) {
            Instant m = tryRecv();
            if (m != null) {
                return m;
            }
            long now = System.nanoTime();
            long left = nanos == Timeouts.FOREVER ? Timeouts.FOREVER : nanos - (now - start);
            if (left <= 0L) {
                return null;
            }
            long untilDue = nanosUntilReady(now);
            long budget = Math.min(left, untilDue);
            // A private waiter: nobody selects it, so it ends by budget or interrupt only.
            if (new Waiter().await(budget, true) == Waiter.INTERRUPTED) {
                throw new InterruptedException();
            }
        }
    }

    @Override
    boolean disconnectSenders() {
        return false;
    }

    @Override
    boolean disconnectReceivers() {
        return false;
    }

    @Override
    boolean isDisconnected() {
        return false;
    }

    @Override
    boolean trySelect(boolean send, Slot out) {
        Instant m = tryRecv();
        if (m == null) {
            return false;
        }
        out.value = m;
        return true;
    }

    @Override
    boolean register(boolean send, Waiter waiter, long token, Slot reg, int ownOpposite) {
        return isReady(send);
    }

    @Override
    void unregister(boolean send, Waiter waiter, long token) {}

    @Override
    boolean accept(boolean send, Slot reg, Slot out) {
        return trySelect(send, out);
    }

    @Override
    boolean isReady(boolean send) {
        return nanosUntilReady(System.nanoTime()) <= 0L;
    }

    /** {@code Channel.after} and {@code Channel.at}: one message at the due time. */
    static final class At extends TimerChan {
        private final long due;

        /** Set once by the receive that takes the message (CAS). */
        private volatile boolean received;

        At(Duration delay) {
            this.due = dueIn(System.nanoTime(), delay);
        }

        At(Instant when) {
            this.due = dueAt(when);
        }

        @Override
        Instant tryRecv() {
            if ((boolean) RECEIVED.getVolatile(this) || nanosUntilDue(System.nanoTime()) > 0L) {
                return null;
            }
            // Volatile CAS: exactly one receive gets the single message.
            return RECEIVED.compareAndSet(this, false, true) ? toInstant(due) : null;
        }

        private long nanosUntilDue(long now) {
            return due == NEVER ? Long.MAX_VALUE : due - now;
        }

        @Override
        long nanosUntilReady(long now) {
            return (boolean) RECEIVED.getVolatile(this) ? Long.MAX_VALUE : nanosUntilDue(now);
        }

        @Override
        int size() {
            return nanosUntilReady(System.nanoTime()) <= 0L ? 1 : 0;
        }

        @Override
        int capacity() {
            return 1;
        }

        @Override
        public String toString() {
            return "Channel.at";
        }

        private static final VarHandle RECEIVED;

        static {
            try {
                RECEIVED =
                        MethodHandles.lookup().findVarHandle(At.class, "received", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** {@code Channel.tick}: a message per period; missed ticks do not pile up. */
    static final class Tick extends TimerChan {
        private final long period;

        /** The next due time (nanoTime); advanced by CAS by the receive that takes the tick. */
        private volatile long due;

        Tick(Duration period) {
            this.period = Timeouts.toNanos(period);
            this.due = dueIn(System.nanoTime(), period);
        }

        @Override
        Instant tryRecv() {
            while (true) {
                long now = System.nanoTime();
                long d = (long) DUE.getVolatile(this);
                if (d == NEVER || d - now > 0L) {
                    return null;
                }
                // The next tick is one period after this one, unless that is already past: then
                // one period from now, so that late receivers get one tick, not a burst.
                long next = d + period;
                if (next - now <= 0L) {
                    next = now + period;
                }
                // Volatile CAS: exactly one receive takes this tick.
                if (DUE.compareAndSet(this, d, next)) {
                    return toInstant(d);
                }
            }
        }

        @Override
        long nanosUntilReady(long now) {
            long d = (long) DUE.getVolatile(this);
            return d == NEVER ? Long.MAX_VALUE : d - now;
        }

        @Override
        int size() {
            return nanosUntilReady(System.nanoTime()) <= 0L ? 1 : 0;
        }

        @Override
        int capacity() {
            return 1;
        }

        @Override
        public String toString() {
            return "Channel.tick";
        }

        private static final VarHandle DUE;

        static {
            try {
                DUE = MethodHandles.lookup().findVarHandle(Tick.class, "due", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** {@code Channel.never}: never delivers anything. */
    static final class Never extends TimerChan {
        @Override
        Instant tryRecv() {
            return null;
        }

        @Override
        int size() {
            return 0;
        }

        @Override
        int capacity() {
            return 0;
        }

        @Override
        public String toString() {
            return "Channel.never";
        }
    }
}
