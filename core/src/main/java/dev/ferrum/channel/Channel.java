package dev.ferrum.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A multi-producer multi-consumer channel: the first {@link Sender} and {@link Receiver} of a new
 * channel, and the factories of every channel flavour. A Java port of Rust's crossbeam-channel.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.bounded(16);
 * try (Sender<String> tx = ch.sender()) {
 *     new Thread(() -> {
 *         for (String s : ch.receiver()) {     // ends when every sender is closed
 *             System.out.println(s);
 *         }
 *     }).start();
 *     tx.send("hello");
 * }                                            // closing the last sender disconnects
 * }</pre>
 *
 * <p>Flavours:
 *
 * <ul>
 *   <li>{@link #bounded(int) bounded(n)}, {@code n >= 1}: holds at most {@code n} messages; a send
 *       waits while it is full. A preallocated ring of slots with per-slot stamps.
 *   <li>{@link #bounded(int) bounded(0)}: a rendezvous channel. A send completes only when a
 *       receiver takes the message; nothing is ever buffered.
 *   <li>{@link #unbounded()}: never full; a linked list of blocks of slots.
 *   <li>Timer channels, receive-only: {@link #after}, {@link #at}, {@link #tick}, {@link #never}.
 * </ul>
 *
 * <p>Handles are counted: see {@link Sender} and {@link Receiver} for cloning, closing and the
 * disconnection rules (after the last sender closes, receivers drain the buffer and then see {@link
 * DisconnectedException}; after the last receiver closes, sends fail at once and buffered messages
 * are dropped). Several channels are waited on at once with {@link Select}.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread before it sends a message happen-before
 * actions after the receive of that message returns in another thread.
 *
 * <p>Differences from crossbeam-channel: handles are closed explicitly ({@code close()}, or
 * try-with-resources) instead of being dropped; {@code disconnect()} and {@code isDisconnected()}
 * exist on both handles; timeouts are {@link Duration}s that never overflow.
 *
 * @param sender the first sender handle
 * @param receiver the first receiver handle
 * @param <T> the message type
 */
public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {

    /**
     * Creates the record; for use by the factories only.
     *
     * @throws NullPointerException if either handle is null
     * @throws IllegalArgumentException if the handles belong to different channels
     */
    public Channel {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        if (!sender.sameChannel(receiver)) {
            throw new IllegalArgumentException("sender and receiver of different channels");
        }
    }

    private static <T> Channel<T> of(Chan<T> chan) {
        return new Channel<>(new Sender<>(chan), new Receiver<>(chan));
    }

    /**
     * Creates a channel that holds at most {@code capacity} messages; {@code 0} makes a rendezvous
     * channel, where each send waits for a receiver to take the message directly.
     *
     * @param capacity the number of messages that fit, at least 0; the whole buffer is allocated at
     *     once
     * @throws IllegalArgumentException if {@code capacity} is negative or too large to allocate as
     *     one array (the limit depends on the JVM; a large capacity may also fail with {@link
     *     OutOfMemoryError}), always here and never later
     */
    public static <T> Channel<T> bounded(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException(
                    "capacity must not be negative: capacity=" + capacity);
        }
        if (capacity == 0) {
            return of(new ZeroChan<>());
        }
        return of(new ArrayChan<>(capacity));
    }

    /** Creates a channel without a capacity limit: a send never waits. */
    public static <T> Channel<T> unbounded() {
        return of(new ListChan<>());
    }

    /**
     * Creates a receive-only channel that delivers one message, the instant it became due, once
     * {@code delay} has elapsed. Afterwards it stays empty; it never disconnects.
     *
     * @param delay zero or negative: due at once; too large to represent: never due
     * @throws NullPointerException if {@code delay} is null
     */
    public static Receiver<Instant> after(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        return new Receiver<>(new TimerChan.At(delay));
    }

    /**
     * Creates a receive-only channel that delivers one message at the wall-clock instant {@code
     * when} (measured with the monotonic clock from now on). A past instant is due at once.
     *
     * @throws NullPointerException if {@code when} is null
     */
    public static Receiver<Instant> at(Instant when) {
        Objects.requireNonNull(when, "when");
        return new Receiver<>(new TimerChan.At(when));
    }

    /**
     * Creates a receive-only channel that delivers a message every {@code period}, the first one
     * period from now. At most one tick is pending at a time: a receiver that falls behind gets one
     * message, and the next tick is due one period later; missed ticks do not pile up.
     *
     * @throws NullPointerException if {@code period} is null
     * @throws IllegalArgumentException if {@code period} is zero or negative
     */
    public static Receiver<Instant> tick(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: period=" + period);
        }
        return new Receiver<>(new TimerChan.Tick(period));
    }

    /**
     * Creates a receive-only channel that never delivers anything and never disconnects: useful in
     * a {@link Select} to disable an operation.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> Receiver<T> never() {
        // Never yields a message, so its declared message type is immaterial.
        return (Receiver) new Receiver<>(new TimerChan.Never());
    }
}
