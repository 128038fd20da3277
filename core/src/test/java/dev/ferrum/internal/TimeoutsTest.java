package dev.ferrum.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Timeouts become non-negative budgets; huge ones saturate instead of overflowing. */
class TimeoutsTest {

    @Test
    void zeroAndNegative_meanDoNotWait() {
        assertThat(Timeouts.toNanos(Duration.ZERO)).isZero();
        assertThat(Timeouts.toNanos(Duration.ofNanos(-1))).isZero();
        assertThat(Timeouts.toNanos(Duration.ofSeconds(Long.MIN_VALUE))).isZero();
        assertThat(Timeouts.toNanos(-5, TimeUnit.SECONDS)).isZero();
        assertThat(Timeouts.toNanos(Long.MIN_VALUE, TimeUnit.DAYS)).isZero();
    }

    @Test
    void ordinaryDurations_convertExactly() {
        assertThat(Timeouts.toNanos(Duration.ofMillis(100))).isEqualTo(100_000_000L);
        assertThat(Timeouts.toNanos(Duration.ofNanos(1))).isEqualTo(1L);
        assertThat(Timeouts.toNanos(3, TimeUnit.MICROSECONDS)).isEqualTo(3_000L);
    }

    @Test
    void hugeDurations_saturateToForever() {
        assertThat(Timeouts.toNanos(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)))
                .isEqualTo(Timeouts.FOREVER);
        assertThat(Timeouts.toNanos(ChronoUnit.FOREVER.getDuration())).isEqualTo(Timeouts.FOREVER);
        assertThat(Timeouts.toNanos(Duration.ofDays(365L * 1_000))).isEqualTo(Timeouts.FOREVER);
        assertThat(Timeouts.toNanos(Long.MAX_VALUE, TimeUnit.DAYS)).isEqualTo(Timeouts.FOREVER);
        assertThat(Timeouts.toNanos(Long.MAX_VALUE, TimeUnit.NANOSECONDS))
                .isEqualTo(Timeouts.FOREVER);
    }

    @Test
    void largestRepresentableDuration_isNotMistakenForExpired() {
        // 292 years minus a little still fits in a long and must stay positive.
        Duration almostMax = Duration.ofNanos(Long.MAX_VALUE - 1);
        assertThat(Timeouts.toNanos(almostMax)).isPositive();
    }

    @Test
    void null_isRejected() {
        assertThatNullPointerException()
                .isThrownBy(() -> Timeouts.toNanos(null))
                .withMessage("timeout");
        assertThatNullPointerException()
                .isThrownBy(() -> Timeouts.toNanos(1, null))
                .withMessage("unit");
    }
}
