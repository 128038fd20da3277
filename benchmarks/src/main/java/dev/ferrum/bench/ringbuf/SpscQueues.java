package dev.ferrum.bench.ringbuf;

import dev.ferrum.ringbuf.Consumer;
import dev.ferrum.ringbuf.Producer;
import dev.ferrum.ringbuf.RingBuffer;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * The implementations compared by the ring benchmarks, behind one small interface so that every
 * benchmark method does the same work for each. JMH runs each {@code impl} value in its own forks,
 * so every call site through this interface sees one class only and is inlined.
 */
abstract class SpscQueues {

    static final String FERRUM = "ferrum";
    static final String JCTOOLS = "jctools";
    static final String JCTOOLS_VH = "jctoolsvh";
    static final String AGRONA = "agrona";
    static final String ABQ = "abq";

    /** Offers one item; {@code false} if full. */
    abstract boolean offer(Integer item);

    /** Polls one item; {@code null} if empty. */
    abstract Integer poll();

    /** Offers {@code src[0 .. n)}, as many as fit; returns how many. */
    abstract int offerBatch(Integer[] src, int n);

    /** Polls up to {@code n} items into {@code dst}; returns how many. */
    abstract int pollBatch(Integer[] dst, int n);

    static SpscQueues create(String impl, int capacity) {
        switch (impl) {
            case FERRUM:
                return new Ferrum(RingBuffer.create(capacity));
            case JCTOOLS:
                return new JcTools(new SpscArrayQueue<>(capacity));
            case JCTOOLS_VH:
                return new JcTools(
                        new org.jctools.queues.varhandle.SpscVarHandleArrayQueue<Integer>(
                                capacity));
            case AGRONA:
                return new JcLike(new OneToOneConcurrentArrayQueue<>(capacity));
            case ABQ:
                return new JcLike(new ArrayBlockingQueue<>(capacity));
            default:
                throw new IllegalArgumentException("unknown impl: " + impl);
        }
    }

    /** Ferrum's ring, with its slice operations. */
    static final class Ferrum extends SpscQueues {
        private final Producer<Integer> producer;
        private final Consumer<Integer> consumer;

        Ferrum(RingBuffer<Integer> ring) {
            this.producer = ring.producer();
            this.consumer = ring.consumer();
        }

        @Override
        boolean offer(Integer item) {
            return producer.tryPush(item);
        }

        @Override
        Integer poll() {
            return consumer.tryPop();
        }

        @Override
        int offerBatch(Integer[] src, int n) {
            return producer.pushSlice(src, 0, n);
        }

        @Override
        int pollBatch(Integer[] dst, int n) {
            return consumer.popSlice(dst, 0, n);
        }
    }

    /** JCTools queues, with their batch {@code fill}/{@code drain}. */
    static final class JcTools extends SpscQueues {
        private final org.jctools.queues.MessagePassingQueue<Integer> q;

        JcTools(org.jctools.queues.MessagePassingQueue<Integer> q) {
            this.q = q;
        }

        @Override
        boolean offer(Integer item) {
            return q.offer(item);
        }

        @Override
        Integer poll() {
            return q.poll();
        }

        @Override
        int offerBatch(Integer[] src, int n) {
            int[] i = {0};
            return q.fill(() -> src[i[0]++], n);
        }

        @Override
        int pollBatch(Integer[] dst, int n) {
            int[] i = {0};
            return q.drain(x -> dst[i[0]++] = x, n);
        }
    }

    /** A {@code java.util.Queue} without batch offers: batches are loops of single operations. */
    static final class JcLike extends SpscQueues {
        private final Queue<Integer> q;

        JcLike(Queue<Integer> q) {
            this.q = q;
        }

        @Override
        boolean offer(Integer item) {
            return q.offer(item);
        }

        @Override
        Integer poll() {
            return q.poll();
        }

        @Override
        int offerBatch(Integer[] src, int n) {
            int i = 0;
            while (i < n && q.offer(src[i])) {
                i++;
            }
            return i;
        }

        @Override
        int pollBatch(Integer[] dst, int n) {
            int i = 0;
            Integer x;
            while (i < n && (x = q.poll()) != null) {
                dst[i++] = x;
            }
            return i;
        }
    }
}
