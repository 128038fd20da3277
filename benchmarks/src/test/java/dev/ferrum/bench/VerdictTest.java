package dev.ferrum.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void time_ferrumTakingHalfTheTime_isTwiceAsFast() {
        Verdict v =
                Verdict.of(
                                Scores.time(Scores.HANDOFF, "ferrum", Map.of(), 90, 100, 110),
                                Scores.time(Scores.HANDOFF, "park", Map.of(), 190, 200, 210))
                        .orElseThrow();

        assertThat(v.speedup()).isEqualTo(2.0);
        assertThat(v.low()).isCloseTo(190.0 / 110, within(1e-12));
        assertThat(v.high()).isCloseTo(210.0 / 90, within(1e-12));
        assertThat(v.withinSpread()).isFalse();
        assertThat(v.text()).isEqualTo("2.00× faster than park");
    }

    @Test
    void time_ferrumTakingLonger_isSlowerByThePeersSpeedup() {
        Verdict v =
                Verdict.of(
                                Scores.time(Scores.HANDOFF, "ferrum", Map.of(), 250),
                                Scores.time(Scores.HANDOFF, "spin", Map.of(), 100))
                        .orElseThrow();

        assertThat(v.speedup()).isEqualTo(0.4);
        assertThat(v.shortText()).isEqualTo("2.50× slower");
        assertThat(v.text()).isEqualTo("2.50× slower than spin");
    }

    @Test
    void throughput_higherRateForFerrum_isFaster() {
        Verdict v =
                Verdict.of(
                                Scores.rate(Scores.COUNTER, "ferrum", Map.of(), 180),
                                Scores.rate(Scores.COUNTER, "plain", Map.of(), 100))
                        .orElseThrow();

        assertThat(v.speedup()).isEqualTo(1.8);
        assertThat(v.text()).isEqualTo("1.80× faster than plain");
    }

    @Test
    void throughput_lowerRateForFerrum_isSlower() {
        Verdict v =
                Verdict.of(
                                Scores.rate(Scores.COUNTER, "ferrum", Map.of(), 50),
                                Scores.rate(Scores.COUNTER, "plain", Map.of(), 100))
                        .orElseThrow();

        assertThat(v.text()).isEqualTo("2.00× slower than plain");
    }

    @Test
    void overlappingForkRanges_areWithinSpread() {
        Verdict v =
                Verdict.of(
                                Scores.time(Scores.HANDOFF, "ferrum", Map.of(), 80, 100, 150),
                                Scores.time(Scores.HANDOFF, "park", Map.of(), 120, 130, 140))
                        .orElseThrow();

        assertThat(v.ferrumFaster()).isTrue();
        assertThat(v.withinSpread()).isTrue();
        assertThat(v.text()).isEqualTo("1.30× faster than park (within spread)");
    }

    @Test
    void nearlyEqualMedians_areOnPar() {
        Verdict v =
                Verdict.of(
                                Scores.time(Scores.HANDOFF, "ferrum", Map.of(), 1000),
                                Scores.time(Scores.HANDOFF, "park", Map.of(), 1003))
                        .orElseThrow();

        assertThat(v.ferrumFaster()).isFalse();
        assertThat(v.ferrumSlower()).isFalse();
        assertThat(v.shortText()).isEqualTo("on par");
        assertThat(v.text()).isEqualTo("on par with park");
    }

    @Test
    void zeroScore_hasNoVerdict() {
        assertThat(
                        Verdict.of(
                                Scores.rate(Scores.COUNTER, "ferrum", Map.of(), 0, 5),
                                Scores.rate(Scores.COUNTER, "plain", Map.of(), 100)))
                .isEmpty();
    }
}
