package dev.ferrum.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract of every public method of Sender and Receiver, for every flavour. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChannelSpecTest {

    /** Sends {@code msgs} so that a rendezvous channel, too, can deliver them later. */
    private static Threads.Running<Void> sendInBackground(Sender<Integer> tx, int... msgs) {
        return Threads.start(
                () -> {
                    for (int m : msgs) {
                        tx.send(m);
                    }
                    return null;
                });
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void sendThenRecv_deliversInOrder(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        Threads.Running<Void> s = sendInBackground(ch.sender(), 1, 2, 3, 4, 5);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(ch.receiver().recv());
        }
        s.get();
        assertThat(got).containsExactly(1, 2, 3, 4, 5);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void trySend_onFreshChannel_succeedsOnlyIfBuffered(Flavour f) {
        Channel<Integer> ch = f.create();
        assertThat(ch.sender().trySend(1)).isEqualTo(f.buffers());
        assertThat(ch.receiver().tryRecv()).isEqualTo(f.buffers() ? 1 : null);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void trySend_whenFull_returnsFalse(Flavour f) {
        if (f.capacity < 0) {
            return;
        }
        Channel<Integer> ch = f.create();
        for (int i = 0; i < f.capacity; i++) {
            assertThat(ch.sender().trySend(i)).isTrue();
        }
        assertThat(ch.sender().isFull()).isTrue();
        assertThat(ch.sender().trySend(99)).isFalse();
        assertThat(ch.receiver().size()).isEqualTo(f.capacity);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void tryRecv_whenEmpty_returnsNull(Flavour f) {
        Channel<Integer> ch = f.create();
        assertThat(ch.receiver().tryRecv()).isNull();
        assertThat(ch.receiver().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void timedSend_whenFull_returnsFalseAfterTimeout(Flavour f) throws Exception {
        if (f.capacity < 0) {
            return;
        }
        Channel<Integer> ch = f.create();
        for (int i = 0; i < f.capacity; i++) {
            ch.sender().send(i);
        }
        long t0 = System.nanoTime();
        assertThat(ch.sender().send(99, Duration.ofMillis(50))).isFalse();
        assertThat(System.nanoTime() - t0)
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(ch.receiver().size()).isEqualTo(f.capacity);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void timedRecv_whenEmpty_returnsNullAfterTimeout(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        long t0 = System.nanoTime();
        assertThat(ch.receiver().recv(Duration.ofMillis(50))).isNull();
        assertThat(System.nanoTime() - t0)
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void timedRecv_getsMessageSentWhileWaiting(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        Threads.Running<Integer> r =
                Threads.start(() -> ch.receiver().recv(Duration.ofSeconds(10)));
        r.awaitBlocked();
        assertThat(ch.sender().send(7, Duration.ofSeconds(10))).isTrue();
        assertThat(r.get()).isEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void blockedSend_completesWhenReceiverTakes(Flavour f) throws Exception {
        if (f.capacity < 0) {
            return;
        }
        Channel<Integer> ch = f.create();
        for (int i = 0; i < f.capacity; i++) {
            ch.sender().send(i);
        }
        Threads.Running<Boolean> s =
                Threads.start(
                        () -> {
                            ch.sender().send(100);
                            return true;
                        });
        s.awaitBlocked();
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i <= f.capacity; i++) {
            got.add(ch.receiver().recv());
        }
        assertThat(s.get()).isTrue();
        assertThat(got).endsWith(100);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void nullMessage_isRejectedWithNpeNamingIt(Flavour f) {
        Channel<Integer> ch = f.create();
        assertThatThrownBy(() -> ch.sender().send(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("msg");
        assertThatThrownBy(() -> ch.sender().trySend(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ch.sender().send(null, Duration.ZERO))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ch.receiver().recv(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> ch.receiver().drainTo(null, 1))
                .isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void capacity_reportsFlavour(Flavour f) {
        Channel<Integer> ch = f.create();
        OptionalInt expected = f.capacity < 0 ? OptionalInt.empty() : OptionalInt.of(f.capacity);
        assertThat(ch.sender().capacity()).isEqualTo(expected);
        assertThat(ch.receiver().capacity()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void sameChannel_isTrueOnlyForHandlesOfOneChannel(Flavour f) {
        Channel<Integer> a = f.create();
        Channel<Integer> b = f.create();
        assertThat(a.sender().sameChannel(a.receiver())).isTrue();
        assertThat(a.receiver().sameChannel(a.sender())).isTrue();
        assertThat(a.sender().sameChannel(a.sender().clone())).isTrue();
        assertThat(a.receiver().sameChannel(a.receiver().clone())).isTrue();
        assertThat(a.sender().sameChannel(b.sender())).isFalse();
        assertThat(a.receiver().sameChannel(b.sender())).isFalse();
        assertThat(a.receiver().sameChannel((Receiver<?>) null)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void clone_isAnotherHandleToTheSameStream(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        Sender<Integer> tx2 = ch.sender().clone();
        Receiver<Integer> rx2 = ch.receiver().clone();
        Threads.Running<Void> s = sendInBackground(tx2, 1, 2);
        assertThat(rx2.recv()).isEqualTo(1);
        assertThat(ch.receiver().recv()).isEqualTo(2);
        s.get();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void close_isIdempotentPerHandle(Flavour f) {
        Channel<Integer> ch = f.create();
        Sender<Integer> tx2 = ch.sender().clone();
        tx2.close();
        tx2.close();
        tx2.close();
        assertThat(tx2.isClosed()).isTrue();
        assertThat(ch.receiver().isDisconnected())
                .as("closing one clone three times releases only one count")
                .isFalse();
        ch.sender().close();
        assertThat(ch.receiver().isDisconnected()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void closedHandle_rejectsUseWithIllegalState(Flavour f) {
        Channel<Integer> ch = f.create();
        Sender<Integer> tx2 = ch.sender().clone();
        Receiver<Integer> rx2 = ch.receiver().clone();
        tx2.close();
        rx2.close();
        assertThatThrownBy(() -> tx2.trySend(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(tx2::clone).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(rx2::tryRecv).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(rx2::clone).isInstanceOf(IllegalStateException.class);
        assertThat(ch.sender().trySend(1)).isEqualTo(f.buffers());
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void lastSenderClosed_receiverDrainsThenDisconnected(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        if (f.buffers()) {
            ch.sender().send(1);
        }
        ch.sender().close();
        assertThat(ch.receiver().isDisconnected()).isTrue();
        if (f.buffers()) {
            assertThat(ch.receiver().tryRecv()).isEqualTo(1);
        }
        assertThatThrownBy(() -> ch.receiver().tryRecv()).isInstanceOf(DisconnectedException.class);
        assertThatThrownBy(() -> ch.receiver().recv()).isInstanceOf(DisconnectedException.class);
        assertThatThrownBy(() -> ch.receiver().recv(Duration.ofSeconds(1)))
                .isInstanceOf(DisconnectedException.class);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void lastReceiverClosed_sendFailsAtOnceHandingMessageBack(Flavour f) {
        Channel<Integer> ch = f.create();
        ch.receiver().close();
        Integer msg = 12345;
        assertThat(ch.sender().isDisconnected()).isTrue();
        for (ThrowingRunnable op :
                List.<ThrowingRunnable>of(
                        () -> ch.sender().send(msg),
                        () -> ch.sender().trySend(msg),
                        () -> ch.sender().send(msg, Duration.ofDays(1)))) {
            assertThatThrownBy(op::run)
                    .isInstanceOfSatisfying(
                            DisconnectedException.class,
                            e -> assertThat(e.unsentMessage()).isSameAs(msg));
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void lastReceiverClosed_dropsBufferedMessages(Flavour f) throws Exception {
        if (!f.buffers()) {
            return;
        }
        Channel<Integer> ch = f.create();
        ch.sender().send(1);
        Receiver<Integer> rx2 = ch.receiver().clone();
        ch.receiver().close();
        assertThat(rx2.size()).isEqualTo(1);
        rx2.close();
        assertThat(ch.sender().size()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void senderDisconnect_fromOneOfManyHandles_disconnectsGracefully(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        Sender<Integer> other = ch.sender().clone();
        if (f.buffers()) {
            ch.sender().send(1);
        }
        assertThat(ch.sender().disconnect()).isTrue();
        assertThat(ch.sender().disconnect()).isFalse();
        assertThat(other.isDisconnected()).isTrue();
        assertThatThrownBy(() -> other.trySend(2)).isInstanceOf(DisconnectedException.class);
        if (f.buffers()) {
            assertThat(ch.receiver().recv()).isEqualTo(1);
        }
        assertThatThrownBy(() -> ch.receiver().recv()).isInstanceOf(DisconnectedException.class);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void receiverDisconnect_dropsBufferAndFailsSends(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        if (f.buffers()) {
            ch.sender().send(1);
        }
        assertThat(ch.receiver().disconnect()).isTrue();
        assertThat(ch.receiver().size()).isZero();
        assertThatThrownBy(() -> ch.receiver().tryRecv()).isInstanceOf(DisconnectedException.class);
        assertThatThrownBy(() -> ch.sender().send(2)).isInstanceOf(DisconnectedException.class);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void disconnect_wakesBlockedReceiverAndSender(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        Threads.Running<Integer> r = Threads.start(() -> ch.receiver().recv());
        r.awaitBlocked();
        ch.sender().close();
        assertThatThrownBy(r::get).hasCauseInstanceOf(DisconnectedException.class);

        if (f.capacity < 0) {
            return;
        }
        Channel<Integer> ch2 = f.create();
        for (int i = 0; i < f.capacity; i++) {
            ch2.sender().send(i);
        }
        Threads.Running<Void> s =
                Threads.start(
                        () -> {
                            ch2.sender().send(99);
                            return null;
                        });
        s.awaitBlocked();
        ch2.receiver().close();
        assertThatThrownBy(s::get).hasCauseInstanceOf(DisconnectedException.class);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void drainTo_takesAtMostMaxAvailable(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        List<Integer> sink = new ArrayList<>();
        if (!f.buffers()) {
            Threads.Running<Void> s = sendInBackground(ch.sender(), 1);
            while (ch.receiver().drainTo(sink, 5) == 0) {
                Thread.onSpinWait();
            }
            s.get();
            assertThat(sink).containsExactly(1);
            return;
        }
        int n = f.capacity < 0 ? 8 : f.capacity;
        for (int i = 0; i < n; i++) {
            ch.sender().send(i);
        }
        assertThat(ch.receiver().drainTo(sink, 0)).isZero();
        assertThat(ch.receiver().drainTo(sink, n - 1)).isEqualTo(n - 1);
        assertThat(ch.receiver().drainTo(sink, 10)).isEqualTo(1);
        assertThat(ch.receiver().drainTo(sink, 10)).isZero();
        assertThat(sink).hasSize(n).isSorted();
        ch.sender().close();
        assertThatThrownBy(() -> ch.receiver().drainTo(sink, 1))
                .isInstanceOf(DisconnectedException.class);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void iterator_yieldsEverythingThenEndsAtDisconnection(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        Threads.Running<Void> s =
                Threads.start(
                        () -> {
                            for (int i = 1; i <= 5; i++) {
                                ch.sender().send(i);
                            }
                            ch.sender().close();
                            return null;
                        });
        List<Integer> got = new ArrayList<>();
        Iterator<Integer> it = ch.receiver().iterator();
        while (it.hasNext()) {
            got.add(it.next());
        }
        s.get();
        assertThat(got).containsExactly(1, 2, 3, 4, 5);
        assertThat(it.hasNext()).as("stays ended").isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void stream_collectsEverythingUntilDisconnection(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        Threads.Running<Void> s =
                Threads.start(
                        () -> {
                            for (int i = 1; i <= 5; i++) {
                                ch.sender().send(i);
                            }
                            ch.sender().close();
                            return null;
                        });
        assertThat(ch.receiver().stream().collect(Collectors.toList()))
                .containsExactly(1, 2, 3, 4, 5);
        s.get();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void tryIter_yieldsOnlyWhatIsThereNow(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        if (f.buffers()) {
            ch.sender().send(1);
        }
        List<Integer> got = new ArrayList<>();
        ch.receiver().tryIter().forEachRemaining(got::add);
        assertThat(got).isEqualTo(f.buffers() ? List.of(1) : List.of());
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void iterator_endsOnInterruptWithFlagSet(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        Threads.Running<Boolean> r =
                Threads.start(
                        () -> {
                            boolean more = ch.receiver().iterator().hasNext();
                            return !more && Thread.currentThread().isInterrupted();
                        });
        r.awaitBlocked();
        r.thread.interrupt();
        assertThat(r.get()).isTrue();
    }

    @Test
    void bounded_negativeCapacity_isRejectedNamingTheValue() {
        assertThatThrownBy(() -> Channel.bounded(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity=-1");
    }

    @Test
    void channelRecord_rejectsHandlesOfDifferentChannels() {
        Channel<Integer> a = Channel.unbounded();
        Channel<Integer> b = Channel.unbounded();
        assertThatThrownBy(() -> new Channel<>(a.sender(), b.receiver()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
