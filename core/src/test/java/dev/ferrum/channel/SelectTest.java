package dev.ferrum.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Select: readiness, fairness, disconnection, timers, misuse, and the one-expression form. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectTest {

    private static final int N = 100_000;

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void select_receivesFromTheChannelThatGetsAMessage(Flavour f) throws Exception {
        Channel<Integer> a = f.create();
        Channel<Integer> b = f.create();
        Select sel = new Select();
        int ia = sel.recv(a.receiver());
        int ib = sel.recv(b.receiver());
        assertThat(sel.trySelect()).isNull();
        Threads.Running<Void> s =
                Threads.start(
                        () -> {
                            b.sender().send(5);
                            return null;
                        });
        SelectedOperation op = sel.select();
        assertThat(op.index()).isEqualTo(ib).isNotEqualTo(ia);
        assertThat(op.recv(b.receiver())).isEqualTo(5);
        s.get();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void select_sendsToTheChannelWithRoomOrReceiver(Flavour f) throws Exception {
        Channel<Integer> a = f.create();
        Select sel = new Select();
        int ia = sel.send(a.sender());
        Threads.Running<Integer> r = Threads.start(() -> a.receiver().recv());
        SelectedOperation op = sel.select();
        assertThat(op.index()).isEqualTo(ia);
        op.send(a.sender(), 9);
        assertThat(r.get()).isEqualTo(9);
    }

    /**
     * A disconnected channel counts as ready and its operation fails at once; the other channel's
     * messages all arrive too.
     */
    @ParameterizedTest
    @EnumSource(
            value = Flavour.class,
            names = {"ARRAY_8", "LIST"})
    void disconnectedReceiver_isReadyAndFailsAtOnce(Flavour f) throws Exception {
        Channel<Integer> a = f.create();
        a.sender().close();
        Channel<Integer> b = Channel.unbounded();
        for (int i = 0; i < N; i++) {
            b.sender().send(i);
        }
        Select sel = new Select();
        int ia = sel.recv(a.receiver());
        int ib = sel.recv(b.receiver());
        SelectedOperation op = sel.select();
        while (op.index() == ib) {
            op.recv(b.receiver());
            op = sel.select();
        }
        assertThat(op.index()).isEqualTo(ia);
        SelectedOperation selected = op;
        assertThatThrownBy(() -> selected.recv(a.receiver()))
                .isInstanceOf(DisconnectedException.class);
        Select onlyB = new Select();
        onlyB.recv(b.receiver());
        int got = 0;
        while (!b.receiver().isEmpty()) {
            onlyB.select().recv(b.receiver());
            got++;
        }
        assertThat(got).isLessThanOrEqualTo(N);
    }

    @Test
    void select_blockedOnRendezvous_wakesOnDisconnect() throws Exception {
        Channel<Integer> a = Channel.bounded(0);
        Select sel = new Select();
        sel.recv(a.receiver());
        sel.recv(Channel.never());
        Threads.Running<Integer> r = Threads.start(() -> sel.select().index());
        r.awaitBlocked();
        a.sender().close();
        assertThat(r.get()).isZero();
    }

    /** With both channels always ready, the default select picks each half the time (±1%). */
    @Test
    void randomSelect_isFairBetweenReadyChannels() throws Exception {
        Channel<Integer> a = Channel.unbounded();
        Channel<Integer> b = Channel.unbounded();
        for (int i = 0; i < N; i++) {
            a.sender().send(i);
            b.sender().send(i);
        }
        Select sel = new Select();
        int ia = sel.recv(a.receiver());
        sel.recv(b.receiver());
        int picksA = 0;
        for (int i = 0; i < N; i++) {
            SelectedOperation op = sel.select();
            if (op.index() == ia) {
                op.recv(a.receiver());
                picksA++;
            } else {
                op.recv(b.receiver());
            }
        }
        assertThat(picksA).isBetween(N * 49 / 100, N * 51 / 100);
    }

    /**
     * Uniform among the ready ones, not merely random: with three of four channels ready, each is
     * picked a third of the time (±1.5%). A random starting point followed by a scan in order would
     * give the one after the empty channel half of the picks.
     */
    @Test
    void randomSelect_isUniformAmongTheReadyOnes() throws Exception {
        List<Channel<Integer>> chans = new ArrayList<>();
        Select sel = new Select();
        for (int c = 0; c < 4; c++) {
            Channel<Integer> ch = Channel.unbounded();
            if (c != 1) {
                for (int i = 0; i < N; i++) {
                    ch.sender().send(i);
                }
            }
            chans.add(ch);
            assertThat(sel.recv(ch.receiver())).isEqualTo(c);
        }
        int[] picks = new int[4];
        for (int i = 0; i < N; i++) {
            SelectedOperation op = sel.select();
            op.recv(chans.get(op.index()).receiver());
            picks[op.index()]++;
        }
        assertThat(picks[1]).isZero();
        for (int c : new int[] {0, 2, 3}) {
            assertThat(picks[c]).isBetween(N * 318 / 1000, N * 348 / 1000);
        }
    }

    @Test
    void biasedSelect_alwaysTakesTheFirstReady() throws Exception {
        Channel<Integer> a = Channel.unbounded();
        Channel<Integer> b = Channel.unbounded();
        for (int i = 0; i < 1000; i++) {
            a.sender().send(i);
            b.sender().send(i);
        }
        Select sel = Select.biased();
        int ia = sel.recv(a.receiver());
        sel.recv(b.receiver());
        for (int i = 0; i < 1000; i++) {
            SelectedOperation op = sel.select();
            assertThat(op.index()).isEqualTo(ia);
            assertThat(op.recv(a.receiver())).isEqualTo(i);
        }
    }

    @Test
    void select_overTimersAndNever_takesTheTimerWhenDue() throws Exception {
        Receiver<Instant> after = Channel.after(Duration.ofMillis(50));
        Channel<Integer> idle = Channel.bounded(0);
        Select sel = new Select();
        sel.recv(Channel.never());
        sel.recv(idle.receiver());
        int ia = sel.recv(after);
        long t0 = System.nanoTime();
        SelectedOperation op = sel.select();
        assertThat(System.nanoTime() - t0)
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(op.index()).isEqualTo(ia);
        assertThat(op.recv(after)).isNotNull();
    }

    @Test
    void timedSelect_returnsNullOnTimeout_andTrySelectNullWhenNothingReady() throws Exception {
        Select sel = new Select();
        sel.recv(Channel.unbounded().receiver());
        assertThat(sel.trySelect()).isNull();
        assertThat(sel.select(Duration.ZERO)).isNull();
        long t0 = System.nanoTime();
        assertThat(sel.select(Duration.ofMillis(50))).isNull();
        assertThat(System.nanoTime() - t0)
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void interruptedSelect_throwsWithNothingSelected() throws Exception {
        Channel<Integer> a = Channel.bounded(0);
        Channel<Integer> b = Channel.bounded(4);
        Select sel = new Select();
        sel.recv(a.receiver());
        sel.send(a.sender());
        Threads.Running<Boolean> r =
                Threads.start(
                        () -> {
                            Select s = new Select();
                            s.recv(a.receiver());
                            s.recv(b.receiver());
                            try {
                                s.select();
                                return false;
                            } catch (InterruptedException e) {
                                return !Thread.currentThread().isInterrupted();
                            }
                        });
        r.awaitBlocked();
        r.thread.interrupt();
        assertThat(r.get()).isTrue();
        assertThat(a.sender().trySend(1)).as("no receiver left registered").isFalse();
    }

    @Test
    void ready_reportsWithoutTakingAndTryReadyMinusOneWhenNone() throws Exception {
        Channel<Integer> a = Channel.bounded(2);
        Select sel = new Select();
        int ir = sel.recv(a.receiver());
        int is = sel.send(a.sender());
        assertThat(sel.tryReady()).isEqualTo(is);
        Select recvOnly = new Select();
        recvOnly.recv(a.receiver());
        assertThat(recvOnly.tryReady()).isEqualTo(-1);
        assertThat(recvOnly.ready(Duration.ofMillis(20))).isEqualTo(-1);
        Threads.Running<Integer> r = Threads.start(recvOnly::ready);
        r.awaitBlocked();
        a.sender().send(3);
        assertThat(r.get()).isZero();
        assertThat(a.receiver().size()).as("ready() took nothing").isOne();
        assertThat(ir).isZero();
    }

    /** A ready() observer does not swallow the notification a blocked receiver needs. */
    @Test
    void readyObserver_doesNotStealWakeUpFromBlockedReceiver() throws Exception {
        Channel<Integer> a = Channel.bounded(1);
        Select sel = new Select();
        sel.recv(a.receiver());
        Threads.Running<Integer> observer = Threads.start(sel::ready);
        observer.awaitBlocked();
        Threads.Running<Integer> receiver = Threads.start(() -> a.receiver().recv());
        receiver.awaitBlocked();
        a.sender().send(1);
        assertThat(receiver.get()).isEqualTo(1);
        a.sender().send(2);
        assertThat(observer.get()).isZero();
    }

    @Test
    void misuse_failsWithClearExceptions() throws Exception {
        assertThatThrownBy(() -> new Select().select())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("forever");
        assertThatThrownBy(() -> new Select().ready()).isInstanceOf(IllegalStateException.class);
        assertThat(new Select().trySelect()).isNull();
        assertThat(new Select().select(Duration.ofMillis(1))).isNull();

        Channel<Integer> a = Channel.unbounded();
        a.sender().send(1);
        Receiver<Integer> other = a.receiver().clone();
        Select sel = new Select();
        sel.recv(a.receiver());
        SelectedOperation op = sel.select();
        assertThatThrownBy(() -> op.recv(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another handle");
        assertThatThrownBy(() -> op.send(a.sender(), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(op.recv(a.receiver())).isEqualTo(1);
        assertThatThrownBy(() -> op.recv(a.receiver())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sel.recv(null)).isInstanceOf(NullPointerException.class);
    }

    /**
     * A selection returns the same object each time, so a new selection while the previous one is
     * uncompleted would silently drop the message that selection took: it throws instead, and the
     * previous selection can still be completed.
     */
    @Test
    void selectingAgain_beforeCompletingTheLast_throwsAndLosesNothing() throws Exception {
        Channel<Integer> a = Channel.unbounded();
        a.sender().send(1);
        a.sender().send(2);
        Select sel = new Select();
        sel.recv(a.receiver());

        SelectedOperation first = sel.select();
        assertThatThrownBy(sel::select)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not completed");
        assertThatThrownBy(sel::trySelect).isInstanceOf(IllegalStateException.class);
        assertThat(first.recv(a.receiver())).isEqualTo(1);

        SelectedOperation second = sel.select();
        assertThat(second).isSameAs(first);
        assertThat(second.recv(a.receiver())).isEqualTo(2);
        assertThat(sel.trySelect()).isNull();
        assertThat(sel.trySelect()).isNull(); // a selection that found nothing needs no completion
        assertThatThrownBy(() -> second.recv(a.receiver()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no operation is selected");
    }

    @Test
    void arms_runTheHandlerOfTheSelectedArm() throws Exception {
        Channel<Integer> a = Channel.unbounded();
        Channel<String> b = Channel.bounded(1);
        a.sender().send(4);
        String r =
                Select.<String>arms()
                        .recv(a.receiver(), m -> "a" + m)
                        .recv(Channel.never(), m -> "never")
                        .run();
        assertThat(r).isEqualTo("a4");
        String s =
                Select.<String>arms()
                        .recv(a.receiver(), m -> "a" + m)
                        .send(b.sender(), "x", () -> "sent")
                        .run();
        assertThat(s).isEqualTo("sent");
        assertThat(b.receiver().tryRecv()).isEqualTo("x");
        String d = Select.<String>arms().recv(a.receiver(), m -> "a").orElse(() -> "none").run();
        assertThat(d).isEqualTo("none");
        String t =
                Select.<String>arms()
                        .recv(a.receiver(), m -> "a")
                        .timeout(Duration.ofMillis(10), () -> "late")
                        .run();
        assertThat(t).isEqualTo("late");
        a.sender().close();
        String disc =
                Select.<String>arms().biased().recv(a.receiver(), m -> "a", () -> "gone").run();
        assertThat(disc).isEqualTo("gone");
        assertThatThrownBy(() -> Select.<String>arms().recv(a.receiver(), m -> "a").run())
                .isInstanceOf(DisconnectedException.class);
        assertThatThrownBy(() -> Select.<String>arms().run())
                .isInstanceOf(IllegalStateException.class);
    }

    /** Select with a send and a receive on the same rendezvous channel never pairs with itself. */
    @Test
    void sendAndRecvOnSameRendezvous_doNotPairWithThemselves() throws Exception {
        Channel<Integer> a = Channel.bounded(0);
        Select sel = new Select();
        sel.recv(a.receiver());
        sel.send(a.sender());
        assertThat(sel.select(Duration.ofMillis(50))).isNull();
        Threads.Running<Integer> r = Threads.start(() -> a.receiver().recv());
        SelectedOperation op = sel.select();
        assertThat(op.index()).isOne();
        op.send(a.sender(), 11);
        assertThat(r.get()).isEqualTo(11);
    }

    /** Two selects on opposite ends of a rendezvous channel pair with each other. */
    @Test
    void selectSender_pairsWithSelectReceiverOnRendezvous() throws Exception {
        Channel<Integer> a = Channel.bounded(0);
        Threads.Running<Integer> r =
                Threads.start(
                        () -> {
                            Select s = new Select();
                            s.recv(a.receiver());
                            return s.select().recv(a.receiver());
                        });
        r.awaitBlocked();
        Select sel = new Select();
        sel.send(a.sender());
        sel.select().send(a.sender(), 77);
        assertThat(r.get()).isEqualTo(77);
    }
}
