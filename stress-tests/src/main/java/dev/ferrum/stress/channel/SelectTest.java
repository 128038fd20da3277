package dev.ferrum.stress.channel;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.ferrum.channel.Channel;
import dev.ferrum.channel.Select;
import dev.ferrum.channel.SelectedOperation;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/** {@code Select} over several channels: woken by any of them, and each message taken once. */
public final class SelectTest {

    private SelectTest() {}

    /**
     * A thread blocked in {@code select()} over two empty channels wakes when a message is sent on
     * the second one, and completing the selected receive returns that message.
     *
     * <p>The message goes to the channel registered last, so a select that registered only its
     * first operation, or re-checked only its first channel before parking, stays parked. The two
     * channels are of different flavours (array and list) so that one select registers with both
     * kinds of wait queue.
     */
    @JCStressTest(Mode.Termination)
    @Outcome(
            id = "TERMINATED",
            expect = ACCEPTABLE,
            desc = "select() returned the operation on the second channel and took the message.")
    @Outcome(
            id = "STALE",
            expect = FORBIDDEN,
            desc =
                    "Lost wake-up: a message waits on the second channel, but the select is still"
                            + " parked.")
    @State
    public static class WokenBySendOnEither {
        private final Channel<Integer> first = Channel.bounded(1);
        private final Channel<Integer> second = Channel.unbounded();

        /** Selects over both receives and completes the one selected. */
        @Actor
        public void selector() throws InterruptedException {
            Select sel = new Select();
            sel.recv(first.receiver());
            int i2 = sel.recv(second.receiver());
            SelectedOperation op = sel.select();
            if (op.index() != i2) {
                throw new AssertionError("selected an empty channel: index=" + op.index());
            }
            Integer m = op.recv(second.receiver());
            if (m == null || m != 7) {
                throw new AssertionError("selected receive returned " + m);
            }
        }

        /** Sends on the second channel only. */
        @Signal
        public void send() {
            second.sender().trySend(7);
        }
    }

    /**
     * A selected receive and a plain {@code tryRecv} racing for the only message: exactly one of
     * them gets it. Selection reserves the message for the selecting thread, so a receive that
     * completes the selected operation afterwards still returns it.
     *
     * <p>Results: r1 is what the selecting thread got ({@code 0}: {@code trySelect} found nothing
     * ready), r2 what {@code tryRecv} got, r3 what is left for the arbiter.
     */
    @JCStressTest
    @Outcome(id = "5, 0, 0", expect = ACCEPTABLE, desc = "The select took the message.")
    @Outcome(id = "0, 5, 0", expect = ACCEPTABLE, desc = "tryRecv took the message.")
    @Outcome(
            id = "5, 5, 0",
            expect = FORBIDDEN,
            desc = "Both took the message: a selected operation transferred it twice.")
    @Outcome(
            id = "0, 0, 0",
            expect = FORBIDDEN,
            desc = "Nobody took the message and it is gone: a selection lost it.")
    @Outcome(
            expect = FORBIDDEN,
            desc =
                    "Any other result: the message was left behind by a thread that reported it"
                            + " taken, or a receive returned something never sent.")
    @State
    public static class TransfersExactlyOnce {
        private final Channel<Integer> ch = Channel.bounded(1);
        private final Channel<Integer> other = Channel.bounded(1);

        /** Puts the only message in the channel. */
        public TransfersExactlyOnce() {
            ch.sender().trySend(5);
        }

        /** Selects over the channel and an empty one without waiting; completes the selection. */
        @Actor
        public void selector(III_Result r) {
            Select sel = new Select();
            int i = sel.recv(ch.receiver());
            sel.recv(other.receiver());
            SelectedOperation op = sel.trySelect();
            if (op == null) {
                r.r1 = 0;
            } else if (op.index() == i) {
                r.r1 = op.recv(ch.receiver());
            } else {
                r.r1 = -op.recv(other.receiver());
            }
        }

        /** Takes the message directly if it is still there. */
        @Actor
        public void receiver(III_Result r) {
            Integer m = ch.receiver().tryRecv();
            r.r2 = m == null ? 0 : m;
        }

        /** After both: what is left. */
        @Arbiter
        public void arbiter(III_Result r) {
            Integer m = ch.receiver().tryRecv();
            r.r3 = m == null ? 0 : m;
        }
    }
}
