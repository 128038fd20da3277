package dev.ferrum.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonCaseTest {

    private static final Map<String, String> WORK_0 = Map.of("echoWork", "0");
    private static final Map<String, String> WORK_1000 = Map.of("echoWork", "1000");

    @Test
    void group_putsRowsThatDifferOnlyInImplIntoOneCase() {
        List<ComparisonCase> cases =
                ComparisonCase.group(
                        List.of(
                                Scores.time(Scores.HANDOFF, "ferrum", WORK_0, 100),
                                Scores.time(Scores.HANDOFF, "ferrum", WORK_1000, 300),
                                Scores.time(Scores.HANDOFF, "park", WORK_0, 200),
                                Scores.time(Scores.HANDOFF, "park", WORK_1000, 400),
                                Scores.rate(Scores.COUNTER, "ferrum", Map.of(), 5)));

        assertThat(cases).hasSize(3);
        assertThat(cases.get(0).caseParams()).isEqualTo(WORK_0);
        assertThat(cases.get(0).rows())
                .extracting(BenchScore::impl)
                .containsExactly("ferrum", "park");
        assertThat(cases.get(1).caseParams()).isEqualTo(WORK_1000);
        assertThat(cases.get(2).benchmark()).isEqualTo(Scores.COUNTER);
        assertThat(cases.get(2).label()).isEqualTo("wait.CasRetryBench.increment");
        assertThat(cases.get(0).label()).isEqualTo("wait.HandoffBench.roundTrip echoWork=0");
    }

    @Test
    void rows_putFerrumFirst_andKeepThePeersInOrder() {
        ComparisonCase c =
                single(
                        Scores.time(Scores.HANDOFF, "spin", WORK_0, 1),
                        Scores.time(Scores.HANDOFF, "park", WORK_0, 2),
                        Scores.time(Scores.HANDOFF, "ferrum", WORK_0, 3));

        assertThat(c.rows()).extracting(BenchScore::impl).containsExactly("ferrum", "spin", "park");
        assertThat(c.peers()).extracting(BenchScore::impl).containsExactly("spin", "park");
    }

    @Test
    void bestPeer_forTime_isTheLowestMedian() {
        ComparisonCase c =
                single(
                        Scores.time(Scores.HANDOFF, "ferrum", WORK_0, 100),
                        Scores.time(Scores.HANDOFF, "park", WORK_0, 500, 500, 500),
                        // Lowest single fork, but not the lowest median.
                        Scores.time(Scores.HANDOFF, "spin", WORK_0, 1, 400, 400),
                        Scores.time(Scores.HANDOFF, "backoff", WORK_0, 300, 300, 300));

        assertThat(c.bestPeer()).map(BenchScore::impl).hasValue("backoff");
    }

    @Test
    void bestPeer_forThroughput_isTheHighestMedian() {
        ComparisonCase c =
                single(
                        Scores.rate(Scores.COUNTER, "ferrum", Map.of(), 50),
                        Scores.rate(Scores.COUNTER, "plain", Map.of(), 90),
                        Scores.rate(Scores.COUNTER, "onspinwait", Map.of(), 170));

        assertThat(c.bestPeer()).map(BenchScore::impl).hasValue("onspinwait");
        assertThat(c.verdict()).map(Verdict::text).hasValue("3.40× slower than onspinwait");
    }

    @Test
    void bestPeer_onATie_isTheFirstPeer() {
        ComparisonCase c =
                single(
                        Scores.time(Scores.HANDOFF, "ferrum", WORK_0, 100),
                        Scores.time(Scores.HANDOFF, "park", WORK_0, 50),
                        Scores.time(Scores.HANDOFF, "spin", WORK_0, 50));

        assertThat(c.bestPeer()).map(BenchScore::impl).hasValue("park");
    }

    @Test
    void caseWithoutFerrum_hasNoVerdict_andAllRowsArePeers() {
        ComparisonCase c =
                single(
                        Scores.time(Scores.HANDOFF, "park", WORK_0, 1),
                        Scores.time(Scores.HANDOFF, "spin", WORK_0, 2));

        assertThat(c.ferrum()).isEmpty();
        assertThat(c.peers()).hasSize(2);
        assertThat(c.verdict()).isEmpty();
    }

    @Test
    void caseWithOnlyFerrum_hasNoVerdict() {
        ComparisonCase c = single(Scores.time(Scores.HANDOFF, "ferrum", WORK_0, 1));

        assertThat(c.bestPeer()).isEmpty();
        assertThat(c.verdict()).isEmpty();
    }

    @Test
    void benchmarkWithoutImplParam_isACaseOfItsOwn() {
        List<ComparisonCase> cases =
                ComparisonCase.group(
                        List.of(
                                Scores.time("dev.ferrum.bench.x.A.a", null, Map.of(), 1),
                                Scores.time("dev.ferrum.bench.x.A.b", null, Map.of(), 2)));

        assertThat(cases).hasSize(2);
        assertThat(cases.get(0).verdict()).isEmpty();
    }

    @Test
    void rowsWithDifferentUnits_areRejected() {
        BenchScore time = Scores.time(Scores.HANDOFF, "ferrum", WORK_0, 1);
        BenchScore other = Scores.score(Scores.HANDOFF, "avgt", "us/op", false, "park", WORK_0, 1);

        assertThatThrownBy(
                        () ->
                                new ComparisonCase(
                                        Scores.HANDOFF, "avgt", 1, WORK_0, List.of(time, other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit");
    }

    private static ComparisonCase single(BenchScore... rows) {
        List<ComparisonCase> cases = ComparisonCase.group(List.of(rows));
        assertThat(cases).hasSize(1);
        return cases.get(0);
    }
}
