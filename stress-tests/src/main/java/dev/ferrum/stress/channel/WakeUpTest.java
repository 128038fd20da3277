package dev.ferrum.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.ferrum.channel.Channel;
import dev.ferrum.channel.DisconnectedException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * No lost wake-up in a channel: a thread blocked in {@code recv} or {@code send} always returns
 * once another thread has made its operation possible (a message taken, a handle closed).
 *
 * <p>Each test blocks one thread in the channel without a timeout and lets a signal make the
 * operation complete; jcstress reports {@code STALE} when the blocked thread has not returned long
 * after the signal did, that is, when it is parked with nobody left to wake it. The signal starts
 * about a millisecond after the blocked thread, so most rounds find it already parked; the rest
 * test the race between registering and the signal.
 */
public final class WakeUpTest {

    private WakeUpTest() {}

    /**
     * A receiver blocked in {@code recv} on an empty channel always wakes, with {@link
     * DisconnectedException}, when the last sender closes.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(
            id = "TERMINATED",
            expect = ACCEPTABLE,
            desc = "The receiver saw the disconnection, before parking or woken by the close.")
    @Outcome(
            id = "STALE",
            expect = FORBIDDEN,
            desc =
                    "Lost wake-up: the last sender closed, but the receiver is still parked on the"
                            + " empty channel and nothing will ever wake it.")
    @State
    public static class RecvWokenByLastSenderClose {
        private final Channel<Integer> ch = Channel.bounded(1);

        /** Blocks until a message or the disconnection; there is never a message. */
        @Actor
        public void receiver() throws InterruptedException {
            try {
                ch.receiver().recv();
                throw new AssertionError("received a message nobody sent");
            } catch (DisconnectedException expected) {
                // The only way out: the channel is empty and disconnected.
            }
        }

        /** Closes the only sender handle, which disconnects the channel. */
        @Signal
        public void closeLastSender() {
            ch.sender().close();
        }
    }

    /**
     * A sender blocked in {@code send} on a full {@code bounded(1)} wakes when a receiver takes.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(
            id = "TERMINATED",
            expect = ACCEPTABLE,
            desc = "The sender found room, before parking or woken by the receive.")
    @Outcome(
            id = "STALE",
            expect = FORBIDDEN,
            desc =
                    "Lost wake-up: the receiver took the only message, so there is room, but the"
                            + " sender is still parked.")
    @State
    public static class SendWokenByRecv {
        private final Channel<Integer> ch = Channel.bounded(1);

        /** Fills the only slot. */
        public SendWokenByRecv() {
            ch.sender().trySend(1);
        }

        /** Blocks until the slot is free, then sends. */
        @Actor
        public void sender() throws InterruptedException {
            ch.sender().send(2);
        }

        /** Takes the message that fills the channel; the channel is full, so one is there. */
        @Signal
        public void receiver() {
            if (ch.receiver().tryRecv() == null) {
                throw new AssertionError("the channel was full, yet tryRecv found nothing");
            }
        }
    }

    /**
     * A sender blocked in {@code send} on a full {@code bounded(1)} wakes, with {@link
     * DisconnectedException}, when the last receiver closes.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(
            id = "TERMINATED",
            expect = ACCEPTABLE,
            desc = "The sender saw the disconnection, before parking or woken by the close.")
    @Outcome(
            id = "STALE",
            expect = FORBIDDEN,
            desc =
                    "Lost wake-up: the last receiver closed, so the send can only fail, but the"
                            + " sender is still parked.")
    @State
    public static class SendWokenByReceiverClose {
        private final Channel<Integer> ch = Channel.bounded(1);

        /** Fills the only slot. */
        public SendWokenByReceiverClose() {
            ch.sender().trySend(1);
        }

        /** Blocks on the full channel; the only way out is the disconnection. */
        @Actor
        public void sender() throws InterruptedException {
            try {
                ch.sender().send(2);
                throw new AssertionError("sent into a full channel nobody received from");
            } catch (DisconnectedException expected) {
                // The receiver closed: the send fails.
            }
        }

        /** Closes the only receiver handle, which disconnects the channel. */
        @Signal
        public void closeLastReceiver() {
            ch.receiver().close();
        }
    }
}
