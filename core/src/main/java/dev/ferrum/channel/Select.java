package dev.ferrum.channel;

import dev.ferrum.internal.Timeouts;
import dev.ferrum.internal.Waiter;
import dev.ferrum.sync.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Waits on several channel operations at once and selects one that can proceed.
 *
 * <p>Register operations with {@link #recv(Receiver)} and {@link #send(Sender)}; each returns its
 * index. {@link #select()} blocks until one operation is ready and commits to it; the caller then
 * completes it with {@link SelectedOperation#recv(Receiver)} or {@link
 * SelectedOperation#send(Sender, Object)} on the same handle that was registered. {@link
 * #trySelect()} does not wait; {@link #select(Duration)} waits at most the given time. {@link
 * #ready()}, {@link #tryReady()} and {@link #ready(Duration)} only report the index of an operation
 * that looked ready, without committing to anything.
 *
 * <pre>{@code
 * Select sel = new Select();
 * int a = sel.recv(rxA);
 * int b = sel.recv(rxB);
 * SelectedOperation op = sel.select();
 * if (op.index() == a) {
 *     handleA(op.recv(rxA));
 * } else {
 *     handleB(op.recv(rxB));
 * }
 * }</pre>
 *
 * <p>For the common case, {@link #arms()} builds the same thing as one expression, like Rust's
 * {@code select!}: receive arms, send arms and an optional default or timeout arm, each with its
 * handler.
 *
 * <p><b>Which operation.</b> An operation is ready when it would not block: a receive with a
 * message available, a send with room (rendezvous: with a receiver waiting), and <em>any</em>
 * operation on a disconnected channel, which then completes at once by throwing {@link
 * DisconnectedException} (so a loop over a closed channel cannot block; stop selecting it). Among
 * the ready operations a {@code new Select()} chooses uniformly at random, so that no channel is
 * starved; {@link #biased()} always takes the first ready one in registration order. Operations of
 * any flavour, timer channels and {@link Channel#never()} can be mixed.
 *
 * <p><b>The selected operation must be completed</b>, exactly once: a selected receive has already
 * taken its message (buffered flavours) or been paired with a sender (rendezvous), and a selected
 * rendezvous send has reserved a receiver that waits for the message. Completing with another
 * handle, or twice, throws; not completing at all loses that message or keeps the paired receiver
 * waiting, so the next selection on the same {@code Select} throws {@link IllegalStateException}
 * while the previous one is uncompleted. Every selection returns the same {@link SelectedOperation}
 * object, reset for it: a selection allocates nothing. A selected send on a bounded buffered
 * channel saw room, but does not reserve it: if other senders fill it first, {@link
 * SelectedOperation#send} waits for room like {@link Sender#send(Object)} (without giving up on
 * interrupt).
 *
 * <p><b>Interrupts and timeouts</b> follow {@link Receiver}: {@code select()} and {@code ready()}
 * entered with the interrupt flag set, or interrupted while waiting, throw {@link
 * InterruptedException} with nothing selected and the flag cleared; if an operation was already
 * selected when the interrupt is seen, it is returned and the flag stays set. Zero and negative
 * timeouts do not wait; huge ones wait forever.
 *
 * <p><b>Misuse.</b> {@code select()} and {@code ready()} without any operation would block forever
 * and throw {@link IllegalStateException} instead. A {@code Select} is used by one thread at a time
 * and may be reused for any number of selections.
 *
 * <p><b>Memory consistency effects</b> are those of the completed operation.
 */
public final class Select {
    /*
     * Implementation notes
     *
     * Port of crossbeam-channel src/select.rs (run_select, run_ready). One selection:
     *   1. Try pass: visit the operations in a fresh random order (registration order if biased)
     *      and let each flavour try to commit (Chan.trySelect). The first success is the result.
     *   2. Otherwise create one Waiter and register it in the wait queue of every operation, op i
     *      under token TOKEN + i. A registration that finds its operation ready (the state changed
     *      since the try pass) stops the registration and makes us abort our own wait.
     *   3. Await, with a budget capped by the earliest timer due time. The first queue whose
     *      notifier selects the Waiter wins (a single CAS decides); every other notifier skips it.
     *   4. Unregister everywhere. Selected with op i: the flavour accepts (rendezvous: the transfer
     *      is already committed through our packet; buffered: try the operation again, which may
     *      lose to another thread, then go back to 1). Timed out, disconnected, or aborted: go
     *      back to 1 (which sees a disconnected channel as ready), unless the budget is spent.
     * Readiness (ready()) registers in the separate observer queues instead, so that it never
     * swallows the one notification a real sender or receiver is owed.
     */

    private final boolean biased;
    private final ArrayList<Op> ops = new ArrayList<>();
    private int[] order = new int[0];

    /** The result of every selection, reset by each (see {@link SelectedOperation}). */
    private final SelectedOperation selected = new SelectedOperation(this);

    /**
     * State of the xorshift64 generator that shuffles each pass (never zero). A plain field: a
     * {@code Select} is used by one thread at a time.
     */
    private long rng = ThreadLocalRandom.current().nextLong() | 1L;

    /** Creates an empty selection that chooses uniformly at random among ready operations. */
    public Select() {
        this(false);
    }

    private Select(boolean biased) {
        this.biased = biased;
    }

    /** Creates an empty selection that always chooses the first ready operation. */
    public static Select biased() {
        return new Select(true);
    }

    /**
     * Adds a receive operation.
     *
     * @return the operation's index (0 for the first operation added, then 1, 2, ...)
     * @throws NullPointerException if {@code receiver} is null
     * @throws IllegalStateException if the handle is closed
     */
    public int recv(Receiver<?> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        receiver.checkOpen();
        return add(new Op(receiver.chan, receiver, false));
    }

    /**
     * Adds a send operation; the message is given when completing it.
     *
     * @return the operation's index
     * @throws NullPointerException if {@code sender} is null
     * @throws IllegalStateException if the handle is closed
     */
    public int send(Sender<?> sender) {
        Objects.requireNonNull(sender, "sender");
        sender.checkOpen();
        return add(new Op(sender.chan, sender, true));
    }

    private int add(Op op) {
        ops.add(op);
        order = new int[ops.size()];
        return ops.size() - 1;
    }

    Op op(int index) {
        return ops.get(index);
    }

    /**
     * Waits until an operation is ready and selects it.
     *
     * @return the selected operation, to be completed by the caller
     * @throws InterruptedException if interrupted before or while waiting; nothing selected
     * @throws IllegalStateException if no operation was added
     */
    public SelectedOperation select() throws InterruptedException {
        requireOperations();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return run(Timeouts.FOREVER);
    }

    /**
     * Selects an operation that is ready now, without waiting.
     *
     * @return the selected operation, or {@code null} if none is ready
     */
    public SelectedOperation trySelect() {
        try {
            return run(0L);
        } catch (InterruptedException e) {
            throw new AssertionError("a zero budget never waits", e);
        }
    }

    /**
     * Waits at most {@code timeout} until an operation is ready and selects it.
     *
     * @param timeout zero or negative: do not wait; too large to represent: wait forever
     * @return the selected operation, or {@code null} on timeout
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if interrupted before or while waiting; nothing selected
     */
    public SelectedOperation select(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return run(nanos);
    }

    /**
     * Waits until an operation is ready and returns its index, without committing to it: by the
     * time the caller acts, another thread may have taken the chance.
     *
     * @throws InterruptedException if interrupted before or while waiting
     * @throws IllegalStateException if no operation was added
     */
    public int ready() throws InterruptedException {
        requireOperations();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return runReady(Timeouts.FOREVER);
    }

    /** Returns the index of an operation that is ready now, or {@code -1}; never waits. */
    public int tryReady() {
        try {
            return runReady(0L);
        } catch (InterruptedException e) {
            throw new AssertionError("a zero budget never waits", e);
        }
    }

    /**
     * Waits at most {@code timeout} until an operation is ready and returns its index (see {@link
     * #ready()}), or {@code -1} on timeout.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if interrupted before or while waiting
     */
    public int ready(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return runReady(nanos);
    }

    private void requireOperations() {
        if (ops.isEmpty()) {
            throw new IllegalStateException(
                    "select without operations would block forever; add an operation first");
        }
    }

    /** Fills {@link #order} with the visiting order of one pass. */
    private int[] order() {
        int[] o = order;
        for (int i = 0; i < o.length; i++) {
            o[i] = i;
        }
        if (!biased && o.length > 1) {
            // Fisher-Yates with a xorshift of our own, after crossbeam's utils::shuffle (which
            // keeps a thread-local 32-bit state; ours is 64-bit and per Select): a pass runs it
            // every time, and ThreadLocalRandom.nextInt(bound) costs a division per element.
            long x = rng;
            for (int i = o.length - 1; i > 0; i--) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                int j = (int) (((x >>> 32) * (i + 1)) >>> 32); // in [0, i], bias at most (i+1)/2^32
                int t = o[i];
                o[i] = o[j];
                o[j] = t;
            }
            rng = x;
        }
        return o;
    }

    private boolean tryPass(SelectedOperation res) {
        for (int i : order()) {
            Op op = ops.get(i);
            res.slot.clear();
            if (op.chan.trySelect(op.send, res.slot)) {
                res.index = i;
                return true;
            }
        }
        return false;
    }

    private SelectedOperation run(long nanos) throws InterruptedException {
        final int n = ops.size();
        final SelectedOperation res = selected;
        res.reset(); // throws if the previous selection was left uncompleted
        // One pass before the budget's clock is read: a selection that succeeds at once does not
        // pay for System.nanoTime() (about as much as the pass itself).
        if (tryPass(res)) {
            return res;
        }
        final long start = nanos == 0L || nanos == Timeouts.FOREVER ? 0L : System.nanoTime();
        Chan.Slot[] regs = null;
        Backoff backoff = null;
        while (true) {
            if (tryPass(res)) {
                return res;
            }
            long left = remaining(nanos, start);
            if (left <= 0L) {
                return null;
            }
            if (regs == null) {
                regs = new Chan.Slot[n];
                for (int i = 0; i < n; i++) {
                    regs[i] = new Chan.Slot();
                }
            }
            Waiter w = new Waiter();
            int registered = 0;
            boolean readyNow = false;
            long untilTimer = Long.MAX_VALUE;
            long now = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Op op = ops.get(i);
                regs[i].clear();
                registered++;
                if (op.chan.register(op.send, w, Chan.TOKEN + i, regs[i], ownOpposite(i))) {
                    readyNow = true;
                    break;
                }
                untilTimer = Math.min(untilTimer, op.chan.nanosUntilReady(now));
            }
            long sel;
            if (readyNow) {
                // Decide our own wait at once, unless a notifier already did.
                sel = w.await(0L, false);
            } else {
                sel = w.await(Math.max(0L, Math.min(left, untilTimer)), true);
            }
            for (int i = 0; i < registered; i++) {
                Op op = ops.get(i);
                op.chan.unregister(op.send, w, Chan.TOKEN + i);
            }
            if (sel >= Chan.TOKEN && sel < Chan.TOKEN + n) {
                int i = (int) (sel - Chan.TOKEN);
                Op op = ops.get(i);
                res.slot.clear();
                if (op.chan.accept(op.send, regs[i], res.slot)) {
                    res.index = i;
                    return res;
                }
            } else if (sel == Waiter.INTERRUPTED) {
                throw new InterruptedException();
            }
            if (readyNow) {
                // The registration saw a counterpart that the next pass may not be able to take
                // yet (it is being woken elsewhere): do not spin hot on it.
                if (backoff == null) {
                    backoff = new Backoff();
                }
                backoff.snooze();
            }
        }
    }

    /** Operations before {@code i} on the same channel in the other direction. */
    private int ownOpposite(int i) {
        Op op = ops.get(i);
        int count = 0;
        for (int j = 0; j < i; j++) {
            Op o = ops.get(j);
            if (o.chan == op.chan && o.send != op.send) {
                count++;
            }
        }
        return count;
    }

    private int readyPass() {
        for (int i : order()) {
            Op op = ops.get(i);
            if (op.chan.isReady(op.send)) {
                return i;
            }
        }
        return -1;
    }

    private int runReady(long nanos) throws InterruptedException {
        final int n = ops.size();
        int first = readyPass(); // before the clock is read, as in run
        if (first >= 0) {
            return first;
        }
        final long start = nanos == 0L || nanos == Timeouts.FOREVER ? 0L : System.nanoTime();
        while (true) {
            int i = readyPass();
            if (i >= 0) {
                return i;
            }
            long left = remaining(nanos, start);
            if (left <= 0L) {
                return -1;
            }
            Waiter w = new Waiter();
            long untilTimer = Long.MAX_VALUE;
            long now = System.nanoTime();
            for (int k = 0; k < n; k++) {
                Op op = ops.get(k);
                (op.send ? op.chan.sendObservers : op.chan.recvObservers)
                        .register(w, Chan.TOKEN + k);
                untilTimer = Math.min(untilTimer, op.chan.nanosUntilReady(now));
            }
            // Re-check after registering: a change before our registration notified nobody.
            i = readyPass();
            long sel =
                    i >= 0
                            ? w.await(0L, false)
                            : w.await(Math.max(0L, Math.min(left, untilTimer)), true);
            for (int k = 0; k < n; k++) {
                Op op = ops.get(k);
                (op.send ? op.chan.sendObservers : op.chan.recvObservers)
                        .unregister(w, Chan.TOKEN + k);
            }
            if (i >= 0) {
                return i;
            }
            if (sel == Waiter.INTERRUPTED) {
                throw new InterruptedException();
            }
        }
    }

    private static long remaining(long nanos, long start) {
        if (nanos == Timeouts.FOREVER || nanos == 0L) {
            return nanos;
        }
        return nanos - (System.nanoTime() - start);
    }

    /** A registered operation. */
    static final class Op {
        final Chan<?> chan;
        final Object handle;
        final boolean send;

        Op(Chan<?> chan, Object handle, boolean send) {
            this.chan = chan;
            this.handle = handle;
            this.send = send;
        }
    }

    // ---- the one-expression form ----------------------------------------------------------------

    /**
     * Starts a one-expression selection, the counterpart of Rust's {@code select!}: add receive and
     * send arms with their handlers, optionally a default or a timeout arm, then {@link Arms#run()}
     * it. The handler of the selected arm runs on the calling thread and its result is returned.
     *
     * <pre>{@code
     * String what = Select.<String>arms()
     *         .recv(rx, msg -> "received " + msg)
     *         .send(tx, 42, () -> "sent")
     *         .timeout(Duration.ofMillis(100), () -> "nothing for 100 ms")
     *         .run();
     * }</pre>
     *
     * @param <R> the result type of the handlers
     */
    public static <R> Arms<R> arms() {
        return new Arms<>();
    }

    /**
     * The arms of a one-expression selection (see {@link Select#arms()}). Used by one thread; may
     * be run again.
     *
     * @param <R> the result type of the handlers
     */
    public static final class Arms<R> {
        private final ArrayList<Function<SelectedOperation, R>> completions = new ArrayList<>();
        private final ArrayList<Consumer> registrations = new ArrayList<>();
        private boolean biased;
        private Supplier<? extends R> orElse;
        private Duration timeout;
        private Supplier<? extends R> onTimeout;

        private Arms() {}

        /** Registers an operation in a fresh Select. */
        private interface Consumer {
            void register(Select s);
        }

        /** Makes the selection biased: the first ready arm in the order added wins. */
        public Arms<R> biased() {
            this.biased = true;
            return this;
        }

        /**
         * Adds a receive arm. If it is selected on a disconnected channel, {@link #run()} throws
         * {@link DisconnectedException}.
         *
         * @throws NullPointerException if an argument is null
         */
        public <T> Arms<R> recv(Receiver<T> rx, Function<? super T, ? extends R> onMessage) {
            Objects.requireNonNull(onMessage, "onMessage");
            return recv(rx, onMessage, null);
        }

        /**
         * Adds a receive arm with a handler for disconnection.
         *
         * @throws NullPointerException if {@code rx} or {@code onMessage} is null
         */
        public <T> Arms<R> recv(
                Receiver<T> rx,
                Function<? super T, ? extends R> onMessage,
                Supplier<? extends R> onDisconnected) {
            Objects.requireNonNull(rx, "rx");
            Objects.requireNonNull(onMessage, "onMessage");
            registrations.add(s -> s.recv(rx));
            completions.add(
                    op -> {
                        T msg;
                        try {
                            msg = op.recv(rx);
                        } catch (DisconnectedException e) {
                            if (onDisconnected == null) {
                                throw e;
                            }
                            return onDisconnected.get();
                        }
                        return onMessage.apply(msg);
                    });
            return this;
        }

        /**
         * Adds a send arm for {@code msg}. If it is selected on a disconnected channel, {@link
         * #run()} throws {@link DisconnectedException}.
         *
         * @throws NullPointerException if an argument is null
         */
        public <T> Arms<R> send(Sender<T> tx, T msg, Supplier<? extends R> onSent) {
            return send(tx, msg, onSent, null);
        }

        /**
         * Adds a send arm with a handler for disconnection, which gets the unsent message back.
         *
         * @throws NullPointerException if {@code tx}, {@code msg} or {@code onSent} is null
         */
        public <T> Arms<R> send(
                Sender<T> tx,
                T msg,
                Supplier<? extends R> onSent,
                Function<? super T, ? extends R> onDisconnected) {
            Objects.requireNonNull(tx, "tx");
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(onSent, "onSent");
            registrations.add(s -> s.send(tx));
            completions.add(
                    op -> {
                        try {
                            op.send(tx, msg);
                        } catch (DisconnectedException e) {
                            if (onDisconnected == null) {
                                throw e;
                            }
                            return onDisconnected.apply(msg);
                        }
                        return onSent.get();
                    });
            return this;
        }

        /**
         * Adds a default arm: if no other arm is ready at once, {@code run()} returns its result
         * without waiting. Replaces a timeout arm.
         *
         * @throws NullPointerException if {@code handler} is null
         */
        public Arms<R> orElse(Supplier<? extends R> handler) {
            this.orElse = Objects.requireNonNull(handler, "handler");
            this.timeout = null;
            this.onTimeout = null;
            return this;
        }

        /**
         * Adds a timeout arm: if no other arm becomes ready within {@code timeout}, {@code run()}
         * returns its result. Replaces a default arm.
         *
         * @throws NullPointerException if an argument is null
         */
        public Arms<R> timeout(Duration timeout, Supplier<? extends R> handler) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            this.onTimeout = Objects.requireNonNull(handler, "handler");
            this.orElse = null;
            return this;
        }

        /**
         * Selects one ready arm (waiting if there is no default arm), completes its operation and
         * returns the result of its handler.
         *
         * @throws InterruptedException if interrupted before or while waiting; no arm ran
         * @throws DisconnectedException if an arm without a disconnection handler was selected on a
         *     disconnected channel
         * @throws IllegalStateException if there are no arms and no default or timeout arm
         */
        public R run() throws InterruptedException {
            Select s = biased ? Select.biased() : new Select();
            for (Consumer c : registrations) {
                c.register(s);
            }
            SelectedOperation op;
            if (orElse != null) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                op = s.trySelect();
                if (op == null) {
                    return orElse.get();
                }
            } else if (timeout != null) {
                op = s.ops.isEmpty() ? null : s.select(timeout);
                if (op == null) {
                    if (s.ops.isEmpty()) {
                        sleep(timeout);
                    }
                    return onTimeout.get();
                }
            } else {
                op = s.select();
            }
            return completions.get(op.index()).apply(op);
        }

        private static void sleep(Duration timeout) throws InterruptedException {
            long nanos = Timeouts.toNanos(timeout);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (nanos > 0L && new Waiter().await(nanos, true) == Waiter.INTERRUPTED) {
                throw new InterruptedException();
            }
        }
    }
}
