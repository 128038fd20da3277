package dev.ferrum.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchScoreTest {

    @Test
    void median_ofOddCount_isTheMiddleForkScore() {
        BenchScore s = Scores.time(Scores.HANDOFF, "ferrum", Map.of(), 30, 10, 20);

        assertThat(s.median()).isEqualTo(20);
        assertThat(s.min()).isEqualTo(10);
        assertThat(s.max()).isEqualTo(30);
    }

    @Test
    void median_ofEvenCount_isTheMeanOfTheTwoMiddleScores() {
        BenchScore s = Scores.time(Scores.HANDOFF, "ferrum", Map.of(), 40, 10, 20, 1000);

        assertThat(s.median()).isEqualTo(30);
    }

    @Test
    void bestAndWorst_followTheDirection() {
        BenchScore time = Scores.time(Scores.HANDOFF, "ferrum", Map.of(), 10, 30);
        BenchScore rate = Scores.rate(Scores.COUNTER, "ferrum", Map.of(), 10, 30);

        assertThat(time.best()).isEqualTo(10);
        assertThat(time.worst()).isEqualTo(30);
        assertThat(rate.best()).isEqualTo(30);
        assertThat(rate.worst()).isEqualTo(10);
    }

    @Test
    void impl_isTheImplParameter_andFerrumIsRecognised() {
        assertThat(Scores.time(Scores.HANDOFF, "ferrum", Map.of(), 1).isFerrum()).isTrue();
        assertThat(Scores.time(Scores.HANDOFF, "park", Map.of(), 1).isFerrum()).isFalse();
        assertThat(Scores.time(Scores.HANDOFF, null, Map.of(), 1).impl()).isNull();
    }

    @Test
    void constructor_rejectsNoForksAndNaN() {
        assertThatThrownBy(
                        () ->
                                new BenchScore(
                                        Scores.HANDOFF,
                                        "avgt",
                                        1,
                                        Map.of(),
                                        "ns/op",
                                        false,
                                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no fork scores");
        assertThatThrownBy(() -> Scores.time(Scores.HANDOFF, "ferrum", Map.of(), 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }
}
