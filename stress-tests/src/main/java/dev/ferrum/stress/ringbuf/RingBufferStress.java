package dev.ferrum.stress.ringbuf;

import dev.ferrum.ringbuf.ByteConsumer;
import dev.ferrum.ringbuf.ByteProducer;
import dev.ferrum.ringbuf.ByteRingBuffer;
import dev.ferrum.ringbuf.Consumer;
import dev.ferrum.ringbuf.Producer;
import dev.ferrum.ringbuf.RingBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.ZI_Result;

/**
 * The ordering claims of the single-producer single-consumer ring: an item is fully visible once
 * its slot or its index is; a slice appears at once; a slot is reused only after its item was
 * taken; the end of the stream never overtakes an item pushed before the close; a consumer parked
 * on an empty ring is always woken by a push.
 */
public final class RingBufferStress {

    private RingBufferStress() {}

    /** An item whose fields are written with plain stores before it is pushed. */
    static final class Box {
        int x;
        int y;

        /** A new box holding 1 and 2, written with plain stores. */
        static Box oneTwo() {
            Box b = new Box();
            b.x = 1;
            b.y = 2;
            return b;
        }
    }

    /**
     * An item taken from the ring shows every write the producer made before pushing it. A consumer
     * that keeps up takes it by reading its slot (acquire), which the push stored with a release.
     */
    @JCStressTest
    @Outcome(id = "-1, -1", expect = Expect.ACCEPTABLE, desc = "Nothing popped yet.")
    @Outcome(id = "1, 2", expect = Expect.ACCEPTABLE, desc = "Item popped, fully visible.")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "Item popped but its fields not (yet) visible: broken publication.")
    @State
    public static class ItemVisibleWithIndex {
        private final RingBuffer<Box> ring = RingBuffer.create(2);
        private final Producer<Box> producer = ring.producer();
        private final Consumer<Box> consumer = ring.consumer();

        @Actor
        public void producer() {
            producer.tryPush(Box.oneTwo());
        }

        @Actor
        public void consumer(II_Result r) {
            Box b = consumer.tryPop();
            r.r1 = b == null ? -1 : b.x;
            r.r2 = b == null ? -1 : b.y;
        }
    }

    /**
     * The same through the consumer's other path: {@code peek} reads tail (acquire) and caches it,
     * so the {@code tryPop} after it reads the slot with a plain load, ordered by that tail load.
     */
    @JCStressTest
    @Outcome(id = "-1, -1", expect = Expect.ACCEPTABLE, desc = "Nothing popped yet.")
    @Outcome(id = "1, 2", expect = Expect.ACCEPTABLE, desc = "Item popped, fully visible.")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "Item popped but its fields not (yet) visible: broken publication.")
    @State
    public static class ItemVisibleAfterPeek {
        private final RingBuffer<Box> ring = RingBuffer.create(2);
        private final Producer<Box> producer = ring.producer();
        private final Consumer<Box> consumer = ring.consumer();

        @Actor
        public void producer() {
            producer.tryPush(Box.oneTwo());
        }

        @Actor
        public void consumer(II_Result r) {
            Box b = consumer.peek() == null ? null : consumer.tryPop();
            r.r1 = b == null ? -1 : b.x;
            r.r2 = b == null ? -1 : b.y;
        }
    }

    /**
     * A slice of items appears all at once, also to a consumer that polls the head slot instead of
     * the index: the producer stores the slice's first slot last. Seeing the first item and then
     * not the second would mean the consumer took a slot the push had not published.
     */
    @JCStressTest
    @Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "Nothing popped yet.")
    @Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "The slice arrived between the pops.")
    @Outcome(id = "1, 2", expect = Expect.ACCEPTABLE, desc = "Both items, in order.")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "Half a slice, or an item whose fields are not visible: broken publication.")
    @State
    public static class ObjectSliceAllOrNothing {
        private final RingBuffer<Box> ring = RingBuffer.create(4);
        private final Producer<Box> producer = ring.producer();
        private final Consumer<Box> consumer = ring.consumer();

        @Actor
        public void producer() {
            Box a = new Box();
            a.x = 1;
            Box b = new Box();
            b.x = 2;
            producer.pushSlice(new Box[] {a, b}, 0, 2);
        }

        @Actor
        public void consumer(II_Result r) {
            Box first = consumer.tryPop();
            Box second = consumer.tryPop();
            r.r1 = first == null ? 0 : first.x;
            r.r2 = second == null ? 0 : second.x;
        }
    }

    /**
     * With one slot, the producer pushes a second item as soon as it reads the slot as empty,
     * without reading the consumer's index: the consumer must have read the first item before its
     * clearing store becomes visible, and must have taken it at all.
     */
    @JCStressTest
    @Outcome(id = "false, 0", expect = Expect.ACCEPTABLE, desc = "Nothing taken; B refused.")
    @Outcome(id = "false, 1", expect = Expect.ACCEPTABLE, desc = "A taken after B was refused.")
    @Outcome(id = "true, 1", expect = Expect.ACCEPTABLE, desc = "A taken, then B pushed.")
    @Outcome(
            id = "true, 0",
            expect = Expect.FORBIDDEN,
            desc = "B pushed over A that nobody took: A lost.")
    @Outcome(
            id = ".*, 2",
            expect = Expect.FORBIDDEN,
            desc = "The consumer read B: its load of A was overtaken by the reuse of the slot.")
    @State
    public static class SlotReusedOnlyAfterTake {
        private final RingBuffer<Integer> ring = RingBuffer.create(1);
        private final Producer<Integer> producer = ring.producer();
        private final Consumer<Integer> consumer = ring.consumer();

        @Actor
        public void producer(ZI_Result r) {
            producer.tryPush(1);
            r.r1 = producer.tryPush(2);
        }

        @Actor
        public void consumer(ZI_Result r) {
            Integer x = consumer.tryPop();
            r.r2 = x == null ? 0 : x;
        }
    }

    /**
     * With four slots the producer fills the ring, then tries three more pushes while the consumer
     * takes up to two items. The fifth push looks one slot ahead first: a free slot there frees the
     * one before it too, and lets the sixth push go without a check; the seventh must find its slot
     * still full. r1 counts the extra pushes that succeeded, r2 the items taken (0, then 1).
     */
    @JCStressTest
    @Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "Nothing taken, nothing more pushed.")
    @Outcome(
            id = {"0, 1", "1, 1"},
            expect = Expect.ACCEPTABLE,
            desc = "One taken.")
    @Outcome(
            id = {"0, 2", "1, 2", "2, 2"},
            expect = Expect.ACCEPTABLE,
            desc = "Two taken.")
    @Outcome(
            expect = Expect.FORBIDDEN,
            desc = "More pushes than items taken (an item overwritten), or items out of order.")
    @State
    public static class SlotsReusedInOrderWithLookahead {
        private final RingBuffer<Integer> ring = RingBuffer.create(4);
        private final Producer<Integer> producer = ring.producer();
        private final Consumer<Integer> consumer = ring.consumer();

        @Actor
        public void producer(II_Result r) {
            for (int i = 0; i < 4; i++) {
                producer.tryPush(i);
            }
            int pushed = 0;
            for (int i = 4; i < 7; i++) {
                if (producer.tryPush(i)) {
                    pushed++;
                }
            }
            r.r1 = pushed;
        }

        @Actor
        public void consumer(II_Result r) {
            int taken = 0;
            for (int i = 0; i < 2; i++) {
                Integer x = consumer.tryPop();
                if (x != null) {
                    taken = x == taken ? taken + 1 : 9; // 9: out of order or not an original item
                }
            }
            r.r2 = taken;
        }
    }

    /**
     * The bytes of a slice are visible together with the index store that publishes them: the
     * consumer reads both bytes or neither, never a stale byte.
     */
    @JCStressTest
    @Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "Nothing read yet.")
    @Outcome(id = "2, 579", expect = Expect.ACCEPTABLE, desc = "Both bytes read, correct.")
    @Outcome(expect = Expect.FORBIDDEN, desc = "Half a slice or stale bytes: broken publication.")
    @State
    public static class ByteSliceVisibleWithIndex {
        private final ByteRingBuffer ring = ByteRingBuffer.create(3);
        private final ByteProducer producer = ring.producer();
        private final ByteConsumer consumer = ring.consumer();

        @Actor
        public void producer() {
            producer.pushSlice(new byte[] {5, 79}, 0, 2);
        }

        @Actor
        public void consumer(II_Result r) {
            byte[] buf = new byte[2];
            int n = consumer.popSlice(buf, 0, 2);
            r.r1 = n;
            r.r2 = n == 2 ? buf[0] * 100 + buf[1] : (n == 1 ? -1000 - buf[0] : 0);
        }
    }

    /**
     * The producer pushes its last item and closes while the consumer polls: the consumer either
     * takes the item before it sees the end, or sees neither yet. Never the end with the item
     * undelivered (lost), and never an item after the end.
     */
    @JCStressTest
    @Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE, desc = "Nothing seen yet.")
    @Outcome(id = "0, 0, 1", expect = Expect.ACCEPTABLE, desc = "Item arrived during the poll.")
    @Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "Item taken, close not yet seen.")
    @Outcome(id = "1, 1, 0", expect = Expect.ACCEPTABLE, desc = "Item taken, then the end.")
    @Outcome(
            id = "0, 1, .*",
            expect = Expect.FORBIDDEN,
            desc = "End reported before the item pushed ahead of the close: item lost.")
    @State
    public static class CloseRacingLastPush {
        private final RingBuffer<String> ring = RingBuffer.create(1);
        private final Producer<String> producer = ring.producer();
        private final Consumer<String> consumer = ring.consumer();

        @Actor
        public void producer() {
            producer.tryPush("last");
            producer.close();
        }

        @Actor
        public void consumer(III_Result r) {
            r.r1 = consumer.tryPop() != null ? 1 : 0;
            r.r2 = consumer.isFinished() ? 1 : 0;
            r.r3 = consumer.tryPop() != null ? 1 : 0;
        }
    }

    /**
     * The same race on the blocking byte path: a reader's {@code pop} with the writer pushing its
     * last byte and closing always returns that byte before {@code -1}.
     */
    @JCStressTest
    @Outcome(id = "7, -1", expect = Expect.ACCEPTABLE, desc = "Byte, then the end.")
    @Outcome(expect = Expect.FORBIDDEN, desc = "End before the last byte, or a lost byte.")
    @State
    public static class BlockingReadRacingLastWriteAndClose {
        private final ByteRingBuffer ring = ByteRingBuffer.create(1);
        private final ByteProducer producer = ring.producer();
        private final ByteConsumer consumer = ring.consumer();

        @Actor
        public void producer() {
            producer.tryPush((byte) 7);
            producer.close();
        }

        @Actor
        public void consumer(II_Result r) {
            byte[] buf = new byte[1];
            try {
                int n = consumer.pop(buf, 0, 1);
                r.r1 = n == 1 ? buf[0] : n * 100;
                r.r2 = consumer.pop(buf, 0, 1);
            } catch (InterruptedException e) {
                r.r1 = -99;
            }
        }
    }

    /**
     * A consumer parked in {@code pop} on an empty ring wakes when an item is pushed: the wake-up
     * cannot be lost between its emptiness check and its parking.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "The push woke the consumer.")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "Lost wake-up: consumer still parked.")
    @State
    public static class PushWakesParkedConsumer {
        private final RingBuffer<String> ring = RingBuffer.create(1);

        @Actor
        public void consumer() {
            try {
                ring.consumer().pop();
            } catch (InterruptedException e) {
                // jcstress interrupts a stale actor at the end; the outcome is already STALE.
            }
        }

        @Signal
        public void producer() {
            ring.producer().tryPush("wake");
        }
    }

    /**
     * A producer parked in {@code push} on a full ring wakes when the consumer takes an item. The
     * signal waits for the first item and takes it while the second push runs: that push either
     * finds the slot free or parks and must be woken.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = Expect.ACCEPTABLE, desc = "The pop woke the producer.")
    @Outcome(id = "STALE", expect = Expect.FORBIDDEN, desc = "Lost wake-up: producer still parked.")
    @State
    public static class PopWakesParkedProducer {
        private final RingBuffer<String> ring = RingBuffer.create(1);

        @Actor
        public void producer() {
            try {
                // Fill the ring, then block for space (unless the signal already took the item).
                ring.producer().push("full");
                ring.producer().push("second");
            } catch (InterruptedException e) {
                // jcstress interrupts a stale actor at the end; the outcome is already STALE.
            }
        }

        @Signal
        public void consumer() {
            while (ring.consumer().tryPop() == null) {
                Thread.onSpinWait(); // wait until the actor has filled the ring, then free a slot
            }
        }
    }
}
