package dev.ferrum.bench.channel;

import dev.ferrum.channel.Channel;
import dev.ferrum.channel.Receiver;
import dev.ferrum.channel.Select;
import dev.ferrum.channel.SelectedOperation;
import dev.ferrum.channel.Sender;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpmcUnboundedXaddArrayQueue;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * The implementations a channel benchmark compares, behind one small interface: a {@link Pipe}
 * carries messages from producers to consumers, a {@link RecvAny} receives from whichever of
 * several pipes has a message and a {@link SendAny} sends into whichever has room (Ferrum's {@code
 * Select}, or the poll loop a Java user writes instead).
 *
 * <p>Every wait is bounded by {@link #TIMEOUT_NANOS}: a receive that gets nothing for that long
 * throws, so a benchmark fails rather than hangs.
 */
final class Pipes {

    private Pipes() {}

    /** Ferrum's channel. */
    static final String FERRUM = "ferrum";

    /** {@code ArrayBlockingQueue}: put and timed poll. */
    static final String ABQ = "abq";

    /** {@code SynchronousQueue}: put and timed poll. */
    static final String SQ = "sq";

    /** {@code LinkedTransferQueue} as a rendezvous: transfer and timed poll. */
    static final String LTQ_TRANSFER = "ltq-xfer";

    /** {@code LinkedTransferQueue} as an unbounded queue: put and timed poll. */
    static final String LTQ = "ltq";

    /** {@code LinkedBlockingQueue}: put and timed poll. */
    static final String LBQ = "lbq";

    /**
     * JCTools queues with spin-then-yield waiting on both sides (no parking): the upper reference
     * for buffered transfers. {@code MpmcArrayQueue} when bounded; {@code
     * MpscUnboundedXaddArrayQueue} or, with several consumers, {@code MpmcUnboundedXaddArrayQueue}
     * when unbounded.
     */
    static final String JCTOOLS = "jctools";

    /** The longest any receive waits before the benchmark fails. */
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final Duration TIMEOUT = Duration.ofNanos(TIMEOUT_NANOS);

    /** Capacity argument for an unbounded pipe. */
    static final int UNBOUNDED = -1;

    /** One channel or queue, as the producers and consumers of a benchmark see it. */
    abstract static class Pipe {

        /** Sends, waiting while there is no room; interrupted or disconnected at teardown. */
        abstract void send(Integer m) throws InterruptedException;

        /** Receives, waiting at most {@link #TIMEOUT_NANOS}, then throwing. */
        abstract Integer recv() throws InterruptedException;

        /** Receives if a message is there now; {@code null} otherwise. */
        abstract Integer tryRecv();

        /**
         * Sends if that is possible now (rendezvous: a receiver waits); {@code false} otherwise.
         */
        abstract boolean trySend(Integer m);

        /**
         * Sends, waiting at most {@code nanos} for room or a receiver; {@code false} if none came.
         */
        abstract boolean send(Integer m, long nanos) throws InterruptedException;

        /** Wakes anything blocked in this pipe, for teardown; a no-op where interrupts do it. */
        void shutdown() {}
    }

    /** Receives from whichever of several pipes has a message; one per receiving thread. */
    interface RecvAny {
        Integer recv() throws InterruptedException;
    }

    /** Sends into whichever of several pipes can take the message; one per sending thread. */
    interface SendAny {
        void send(Integer m) throws InterruptedException;
    }

    /**
     * Creates a pipe.
     *
     * @param capacity {@code 0} for a rendezvous, {@link #UNBOUNDED}, or the bound
     * @param multiConsumer whether several threads receive from it
     * @throws IllegalArgumentException if {@code impl} does not offer this kind of pipe
     */
    static Pipe create(String impl, int capacity, boolean multiConsumer) {
        switch (impl) {
            case FERRUM:
                return new FerrumPipe(
                        capacity == UNBOUNDED ? Channel.unbounded() : Channel.bounded(capacity));
            case ABQ:
                requireBounded(impl, capacity);
                return new BlockingPipe(new ArrayBlockingQueue<>(capacity), false);
            case SQ:
                requireRendezvous(impl, capacity);
                return new BlockingPipe(new SynchronousQueue<>(), false);
            case LTQ_TRANSFER:
                requireRendezvous(impl, capacity);
                return new BlockingPipe(new LinkedTransferQueue<>(), true);
            case LTQ:
                requireUnbounded(impl, capacity);
                return new BlockingPipe(new LinkedTransferQueue<>(), false);
            case LBQ:
                requireUnbounded(impl, capacity);
                return new BlockingPipe(new LinkedBlockingQueue<>(), false);
            case JCTOOLS:
                if (capacity == UNBOUNDED) {
                    return new SpinPipe(
                            multiConsumer
                                    ? new MpmcUnboundedXaddArrayQueue<>(1024)
                                    : new MpscUnboundedXaddArrayQueue<>(1024));
                }
                if (capacity < 2) {
                    throw new IllegalArgumentException(
                            "jctools has no queue of capacity below 2: capacity=" + capacity);
                }
                return new SpinPipe(new MpmcArrayQueue<>(capacity));
            default:
                throw new IllegalArgumentException("unknown impl: " + impl);
        }
    }

    /** A receive-from-any over {@code pipes}: Ferrum's Select, or the peers' poll loop. */
    static RecvAny recvAny(String impl, Pipe[] pipes) {
        return FERRUM.equals(impl) ? new FerrumSelect(pipes) : new PollLoop(pipes);
    }

    /** A send-to-any over {@code pipes}: Ferrum's Select, or the peers' offer loop. */
    static SendAny sendAny(String impl, Pipe[] pipes) {
        return FERRUM.equals(impl) ? new FerrumSendSelect(pipes) : new OfferLoop(pipes);
    }

    private static void requireBounded(String impl, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException(impl + " needs a positive bound: " + capacity);
        }
    }

    private static void requireRendezvous(String impl, int capacity) {
        if (capacity != 0) {
            throw new IllegalArgumentException(impl + " is a rendezvous only: " + capacity);
        }
    }

    private static void requireUnbounded(String impl, int capacity) {
        if (capacity != UNBOUNDED) {
            throw new IllegalArgumentException(impl + " is unbounded only: " + capacity);
        }
    }

    private static Integer timedOut() {
        throw new IllegalStateException(
                "no message within " + TimeUnit.NANOSECONDS.toSeconds(TIMEOUT_NANOS) + " s");
    }

    /** Ferrum's channel: blocking send, timed recv; teardown disconnects it. */
    static final class FerrumPipe extends Pipe {
        final Sender<Integer> tx;
        final Receiver<Integer> rx;

        FerrumPipe(Channel<Integer> ch) {
            tx = ch.sender();
            rx = ch.receiver();
        }

        @Override
        void send(Integer m) throws InterruptedException {
            tx.send(m);
        }

        @Override
        Integer recv() throws InterruptedException {
            Integer m = rx.recv(TIMEOUT);
            return m != null ? m : timedOut();
        }

        @Override
        Integer tryRecv() {
            return rx.tryRecv();
        }

        @Override
        boolean trySend(Integer m) {
            return tx.trySend(m);
        }

        @Override
        boolean send(Integer m, long nanos) throws InterruptedException {
            return tx.send(m, Duration.ofNanos(nanos));
        }

        @Override
        void shutdown() {
            tx.disconnect();
        }
    }

    /** A JDK blocking queue: put (or transfer) and timed poll; interrupts end a blocked put. */
    static final class BlockingPipe extends Pipe {
        private final BlockingQueue<Integer> q;
        private final LinkedTransferQueue<Integer> transfer;

        BlockingPipe(BlockingQueue<Integer> q, boolean useTransfer) {
            this.q = q;
            this.transfer = useTransfer ? (LinkedTransferQueue<Integer>) q : null;
        }

        @Override
        void send(Integer m) throws InterruptedException {
            if (transfer != null) {
                transfer.transfer(m);
            } else {
                q.put(m);
            }
        }

        @Override
        Integer recv() throws InterruptedException {
            Integer m = q.poll(TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
            return m != null ? m : timedOut();
        }

        @Override
        Integer tryRecv() {
            return q.poll();
        }

        @Override
        boolean trySend(Integer m) {
            return transfer != null ? transfer.tryTransfer(m) : q.offer(m);
        }

        @Override
        boolean send(Integer m, long nanos) throws InterruptedException {
            return transfer != null
                    ? transfer.tryTransfer(m, nanos, TimeUnit.NANOSECONDS)
                    : q.offer(m, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A non-blocking queue with crossbeam's snooze policy on both sides: up to 64 spin hints, then
     * {@code Thread.yield()}. Never parks; the sender gives up when interrupted.
     */
    static final class SpinPipe extends Pipe {
        private final Queue<Integer> q;

        SpinPipe(Queue<Integer> q) {
            this.q = q;
        }

        @Override
        void send(Integer m) throws InterruptedException {
            int idle = 0;
            while (!q.offer(m)) {
                idle = snooze(idle);
                if ((idle & 1023) == 0 && Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }

        @Override
        Integer recv() {
            Integer m = q.poll();
            if (m != null) {
                return m;
            }
            long deadline = System.nanoTime() + TIMEOUT_NANOS;
            int idle = 0;
            while ((m = q.poll()) == null) {
                idle = snooze(idle);
                if ((idle & 1023) == 0 && System.nanoTime() - deadline > 0) {
                    return timedOut();
                }
            }
            return m;
        }

        @Override
        Integer tryRecv() {
            return q.poll();
        }

        @Override
        boolean trySend(Integer m) {
            return q.offer(m);
        }

        @Override
        boolean send(Integer m, long nanos) {
            long deadline = System.nanoTime() + nanos;
            int idle = 0;
            while (!q.offer(m)) {
                idle = snooze(idle);
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Spins for the first 64 rounds, then yields; returns the next round number. */
    static int snooze(int idle) {
        if (idle < 64) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return idle + 1;
    }

    /** Ferrum's Select over the receivers, built once and reused, as crossbeam's benchmark does. */
    static final class FerrumSelect implements RecvAny {
        private final Receiver<Integer>[] rxs;
        private final Select select = new Select();

        @SuppressWarnings("unchecked")
        FerrumSelect(Pipe[] pipes) {
            rxs = new Receiver[pipes.length];
            for (int i = 0; i < pipes.length; i++) {
                rxs[i] = ((FerrumPipe) pipes[i]).rx;
                int index = select.recv(rxs[i]);
                if (index != i) {
                    throw new IllegalStateException("unexpected select index " + index);
                }
            }
        }

        @Override
        public Integer recv() throws InterruptedException {
            SelectedOperation op = select.select(TIMEOUT);
            return op != null ? op.recv(rxs[op.index()]) : timedOut();
        }
    }

    /**
     * What a Java user writes without select: poll each queue in turn, starting after the one that
     * last had a message, spinning and then yielding while all are empty.
     */
    static final class PollLoop implements RecvAny {
        private final Pipe[] pipes;
        private int next;

        PollLoop(Pipe[] pipes) {
            this.pipes = pipes.clone();
        }

        @Override
        public Integer recv() {
            long deadline = 0L;
            int idle = 0;
            while (true) {
                for (int k = 0; k < pipes.length; k++) {
                    int i = next;
                    next = i + 1 == pipes.length ? 0 : i + 1;
                    Integer m = pipes[i].tryRecv();
                    if (m != null) {
                        return m;
                    }
                }
                if (idle == 0) {
                    deadline = System.nanoTime() + TIMEOUT_NANOS;
                }
                idle = snooze(idle);
                if ((idle & 1023) == 0 && System.nanoTime() - deadline > 0) {
                    return timedOut();
                }
            }
        }
    }

    /** Ferrum's Select over the senders, built once and reused, as crossbeam's benchmark does. */
    static final class FerrumSendSelect implements SendAny {
        private final Sender<Integer>[] txs;
        private final Select select = new Select();

        @SuppressWarnings("unchecked")
        FerrumSendSelect(Pipe[] pipes) {
            txs = new Sender[pipes.length];
            for (int i = 0; i < pipes.length; i++) {
                txs[i] = ((FerrumPipe) pipes[i]).tx;
                int index = select.send(txs[i]);
                if (index != i) {
                    throw new IllegalStateException("unexpected select index " + index);
                }
            }
        }

        @Override
        public void send(Integer m) throws InterruptedException {
            SelectedOperation op = select.select(TIMEOUT);
            if (op == null) {
                timedOut();
            } else {
                op.send(txs[op.index()], m);
            }
        }
    }

    /**
     * What a Java user writes without select to send into any of several queues: offer to each in
     * turn, starting after the one that last took a message, spinning while all refuse; after 64
     * refused rounds, wait briefly in a timed offer on one queue (a rendezvous queue accepts only a
     * waiting sender, so a sender that never waits would never meet a polling receiver).
     */
    static final class OfferLoop implements SendAny {
        private static final long WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

        private final Pipe[] pipes;
        private int next;

        OfferLoop(Pipe[] pipes) {
            this.pipes = pipes.clone();
        }

        @Override
        public void send(Integer m) throws InterruptedException {
            long deadline = 0L;
            int idle = 0;
            while (true) {
                for (int k = 0; k < pipes.length; k++) {
                    int i = next;
                    next = i + 1 == pipes.length ? 0 : i + 1;
                    if (pipes[i].trySend(m)) {
                        return;
                    }
                }
                if (idle == 0) {
                    deadline = System.nanoTime() + TIMEOUT_NANOS;
                }
                if (idle < 64) {
                    Thread.onSpinWait();
                } else {
                    int i = next;
                    next = i + 1 == pipes.length ? 0 : i + 1;
                    if (pipes[i].send(m, WAIT_NANOS)) {
                        return;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        timedOut();
                    }
                }
                idle++;
            }
        }
    }
}
