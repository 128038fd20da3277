package dev.ferrum.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Disconnection: no lost wake-up when the last sender goes, buffered messages drained before the
 * end, and messages unreachable once the last receiver goes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DisconnectionTest {

    /** Rounds per flavour and waiting mode; -Dferrum.stress.scale=100 gives the full 10^5. */
    private static final int ROUNDS = 1_000 * Integer.getInteger("ferrum.stress.scale", 1);

    enum Mode {
        RECV,
        RECV_TIMEOUT,
        SELECT
    }

    private static Integer receiveOnce(Receiver<Integer> rx, Mode mode) throws Exception {
        switch (mode) {
            case RECV:
                return rx.recv();
            case RECV_TIMEOUT:
                return rx.recv(Duration.ofSeconds(10));
            default:
                Select sel = new Select();
                sel.recv(rx);
                return sel.select().recv(rx);
        }
    }

    /**
     * A receiver blocked (or about to block) when the last sender closes always wakes with
     * DisconnectedException, for one closing sender and for 8 clones closing at once.
     */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void lastSenderClose_alwaysWakesTheReceiver(Flavour f) throws Exception {
        long seed = System.nanoTime();
        java.util.Random rnd = new java.util.Random(seed);
        for (Mode mode : Mode.values()) {
            for (int round = 0; round < ROUNDS / 10; round++) {
                Channel<Integer> ch = f.create();
                boolean many = round % 2 == 1;
                List<Sender<Integer>> clones = new ArrayList<>();
                if (many) {
                    for (int i = 0; i < 7; i++) {
                        clones.add(ch.sender().clone());
                    }
                }
                clones.add(ch.sender());
                Threads.Running<Integer> r = Threads.start(() -> receiveOnce(ch.receiver(), mode));
                LockSupport.parkNanos(rnd.nextInt(200_000));
                if (many) {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Thread> closers = new ArrayList<>();
                    for (Sender<Integer> s : clones) {
                        Thread t =
                                new Thread(
                                        () -> {
                                            try {
                                                go.await();
                                            } catch (InterruptedException e) {
                                                return;
                                            }
                                            s.close();
                                        });
                        t.start();
                        closers.add(t);
                    }
                    go.countDown();
                    for (Thread t : closers) {
                        t.join();
                    }
                } else {
                    ch.sender().close();
                }
                final int finalRound = round;
                assertThatThrownBy(r::get)
                        .as("seed=%d mode=%s round=%d", seed, mode, finalRound)
                        .hasCauseInstanceOf(DisconnectedException.class);
            }
        }
    }

    /** Messages sent before the last sender closes are all received, in order, before the end. */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void bufferedMessages_areDrainedBeforeDisconnection(Flavour f) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Channel<Integer> ch = f.create();
            Threads.Running<List<Integer>> r =
                    Threads.start(
                            () -> {
                                List<Integer> got = new ArrayList<>();
                                for (Integer m : ch.receiver()) {
                                    got.add(m);
                                }
                                return got;
                            });
            for (int i = 1; i <= 5; i++) {
                ch.sender().send(i);
            }
            ch.sender().close();
            assertThat(r.get()).as("round %d", round).containsExactly(1, 2, 3, 4, 5);
        }
    }

    /**
     * After the last receiver closes, the messages still buffered are no longer reachable from the
     * channel: the garbage collector reclaims them although the sender handle is alive.
     */
    @ParameterizedTest
    @EnumSource(
            value = Flavour.class,
            names = {"ARRAY_1", "ARRAY_8", "LIST"})
    void lastReceiverClose_makesBufferedMessagesCollectable(Flavour f) throws Exception {
        Channel<Object> ch = f.create();
        Object msg = new byte[1 << 16];
        WeakReference<Object> ref = new WeakReference<>(msg);
        ch.sender().send(msg);
        msg = null;
        ch.receiver().close();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(ref.get()).as("message still reachable from %s", ch.sender()).isNull();
        assertThat(ch.sender().isDisconnected()).isTrue();
    }

    /** Control for the test above: while a receiver is open, the message stays reachable. */
    @ParameterizedTest
    @EnumSource(
            value = Flavour.class,
            names = {"ARRAY_1", "LIST"})
    void openReceiver_keepsBufferedMessageReachable(Flavour f) throws Exception {
        Channel<Object> ch = f.create();
        Object msg = new byte[1 << 16];
        WeakReference<Object> ref = new WeakReference<>(msg);
        ch.sender().send(msg);
        msg = null;
        System.gc();
        Thread.sleep(10);
        assertThat(ref.get()).isNotNull();
        assertThat(ch.receiver().tryRecv()).isSameAs(ref.get());
    }
}
