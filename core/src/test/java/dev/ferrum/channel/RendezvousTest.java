package dev.ferrum.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** bounded(0) never buffers: a send completes only by a receiver taking the message. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RendezvousTest {

    /** Random rounds; -Dferrum.stress.scale=1000 gives the full 10^6. */
    private static final int ROUNDS = 1_000 * Integer.getInteger("ferrum.stress.scale", 1);

    @Test
    void trySend_withoutWaitingReceiver_failsAndKeepsTheMessage() {
        Channel<Object> ch = Channel.bounded(0);
        Object x = new Object();
        assertThat(ch.sender().trySend(x)).isFalse();
        assertThat(ch.receiver().tryRecv()).isNull();
        assertThat(ch.sender().size()).isZero();
        assertThat(ch.sender().capacity()).hasValue(0);
    }

    @Test
    void trySend_withParkedReceiver_succeedsAndThatReceiverGetsIt() throws Exception {
        Channel<Object> ch = Channel.bounded(0);
        Threads.Running<Object> r = Threads.start(() -> ch.receiver().recv());
        r.awaitBlocked();
        Object y = new Object();
        assertThat(ch.sender().trySend(y)).isTrue();
        assertThat(r.get()).isSameAs(y);
        assertThat(ch.receiver().size()).isZero();
    }

    @Test
    void blockedSend_whenReceiverCloses_failsHandingBackTheSameMessage() throws Exception {
        Channel<Object> ch = Channel.bounded(0);
        Object z = new Object();
        Threads.Running<Void> s =
                Threads.start(
                        () -> {
                            ch.sender().send(z);
                            return null;
                        });
        s.awaitBlocked();
        assertThat(ch.sender().size()).isZero();
        ch.receiver().close();
        assertThatThrownBy(s::get)
                .cause()
                .isInstanceOfSatisfying(
                        DisconnectedException.class,
                        e -> assertThat(e.unsentMessage()).isSameAs(z));
    }

    /**
     * With receivers closing at random moments, every send that returned normally was matched by
     * exactly one receive that got the value: the ledgers are equal.
     */
    @Test
    void randomRounds_everySuccessfulSendWasReceived() throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        long sentOk = 0;
        AtomicLong received = new AtomicLong();
        for (int round = 0; round < ROUNDS; round++) {
            Channel<Integer> ch = Channel.bounded(0);
            int quota = rnd.nextInt(4);
            Threads.Running<Void> r =
                    Threads.start(
                            () -> {
                                try (Receiver<Integer> rx = ch.receiver()) {
                                    for (int i = 0; i < quota; i++) {
                                        rx.recv();
                                        received.incrementAndGet();
                                    }
                                }
                                return null;
                            });
            try {
                for (int i = 0; i < 4; i++) {
                    ch.sender().send(i);
                    sentOk++;
                }
            } catch (DisconnectedException expected) {
                // The receiver left after its quota.
            }
            r.get();
            assertThat(received.get()).as("seed=%d round=%d", seed, round).isEqualTo(sentOk);
            assertThat(ch.sender().size()).isZero();
        }
    }
}
