package dev.ferrum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunInfoTest {

    @Test
    void loadWarning_appearsOnlyWhenTheLoadExceedsTheProcessors() {
        assertThat(RunInfo.loadWarning(Optional.of("1.50"), Optional.of("2.00"), 2)).isEmpty();
        assertThat(RunInfo.loadWarning(Optional.empty(), Optional.empty(), 2)).isEmpty();
        assertThat(RunInfo.loadWarning(Optional.of("0.5"), Optional.of("4.25"), 2))
                .hasValueSatisfying(w -> assertThat(w).contains("(4.3)").contains("2 CPUs"));
        assertThat(RunInfo.loadWarning(Optional.of("junk"), Optional.empty(), 2)).isEmpty();
    }

    @Test
    void formatDuration_usesSecondsBelowAMinute() {
        assertThat(RunInfo.formatDuration(Duration.ofMillis(42_900))).isEqualTo("42 s");
        assertThat(RunInfo.formatDuration(Duration.ofSeconds(187))).isEqualTo("3 min 07 s");
    }

    @Test
    void describeMachine_namesTheProcessorCount() {
        assertThat(RunInfo.describeMachine(Optional.of("1.0"), Optional.of("2.0")))
                .contains(Runtime.getRuntime().availableProcessors() + " CPUs")
                .contains("load average 1.0 before the run, 2.0 after");
    }
}
