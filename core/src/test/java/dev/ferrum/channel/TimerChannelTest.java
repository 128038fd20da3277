package dev.ferrum.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** after, at, tick and never. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TimerChannelTest {

    private static final long MS = 1_000_000L;

    @Test
    void after_deliversOnceAfterTheDelay() throws Exception {
        long t0 = System.nanoTime();
        Receiver<Instant> rx = Channel.after(Duration.ofMillis(50));
        assertThat(rx.tryRecv()).isNull();
        assertThat(rx.capacity()).hasValue(1);
        Instant due = rx.recv();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(50 * MS);
        assertThat(due).isNotNull();
        assertThat(rx.recv(Duration.ofMillis(20))).as("only one message").isNull();
        assertThat(rx.isDisconnected()).isFalse();
    }

    @Test
    void after_zeroOrNegative_isDueAtOnce_andHugeNever() throws Exception {
        assertThat(Channel.after(Duration.ZERO).tryRecv()).isNotNull();
        assertThat(Channel.after(Duration.ofSeconds(-5)).tryRecv()).isNotNull();
        Receiver<Instant> huge = Channel.after(ChronoUnit.FOREVER.getDuration());
        assertThat(huge.recv(Duration.ofMillis(20))).isNull();
    }

    @Test
    void at_pastInstantIsDueAtOnce_futureInstantWaits() throws Exception {
        assertThat(Channel.at(Instant.now().minusSeconds(10)).tryRecv()).isNotNull();
        Instant when = Instant.now().plusMillis(50);
        Receiver<Instant> rx = Channel.at(when);
        assertThat(rx.tryRecv()).isNull();
        Instant got = rx.recv();
        assertThat(Duration.between(when, got).abs()).isLessThan(Duration.ofMillis(20));
    }

    @Test
    void tick_deliversPeriodicallyWithoutPilingUp() throws Exception {
        Receiver<Instant> rx = Channel.tick(Duration.ofMillis(20));
        Instant first = rx.recv();
        Instant second = rx.recv();
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(19));
        Thread.sleep(120);
        assertThat(rx.tryRecv()).as("one tick pending").isNotNull();
        assertThat(rx.tryRecv()).as("missed ticks do not pile up").isNull();
        assertThatThrownBy(() -> Channel.tick(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("period=");
    }

    @Test
    void never_neverDelivers_andInterruptEndsAWait() throws Exception {
        Receiver<String> rx = Channel.never();
        assertThat(rx.tryRecv()).isNull();
        assertThat(rx.recv(Duration.ofMillis(20))).isNull();
        Threads.Running<Boolean> r =
                Threads.start(
                        () -> {
                            try {
                                rx.recv();
                                return false;
                            } catch (InterruptedException e) {
                                return true;
                            }
                        });
        r.awaitBlocked();
        r.thread.interrupt();
        assertThat(r.get()).isTrue();
    }
}
