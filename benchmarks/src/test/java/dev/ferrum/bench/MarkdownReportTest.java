package dev.ferrum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static final RunInfo INFO =
            new RunInfo(
                    "Test CPU, 2 CPUs",
                    "Test VM 17",
                    "2026-01-02T03:04:05Z",
                    "3 forks × (3 warmup + 3 measurement iterations of 500 ms)",
                    "`^dev\\.ferrum\\.bench\\.wait\\.`",
                    "2 min 03 s",
                    List.of());

    @Test
    void header_statesMachineJvmDateSettingsAndTheMeaningOfTheNumbers() {
        String md = MarkdownReport.render(INFO, List.of());

        assertThat(md)
                .contains("- Machine: Test CPU, 2 CPUs")
                .contains("- JVM: Test VM 17")
                .contains("- Date: 2026-01-02T03:04:05Z")
                .contains("- Settings: 3 forks × (3 warmup + 3 measurement iterations of 500 ms)")
                .contains("- Wall time: 2 min 03 s")
                .contains("median of the per-fork scores")
                .contains("min–max across forks")
                .contains("No results.");
    }

    @Test
    void warnings_areShownUnderTheHeader() {
        RunInfo noisy =
                new RunInfo(
                        INFO.machine(),
                        INFO.jvm(),
                        INFO.date(),
                        INFO.settings(),
                        INFO.selection(),
                        INFO.wallTime(),
                        List.of("Too busy."));

        assertThat(MarkdownReport.render(noisy, List.of())).contains("> **Warning:** Too busy.");
    }

    @Test
    void table_hasOneColumnPerImplementation_ferrumFirst_andTheVerdict() {
        List<ComparisonCase> cases =
                ComparisonCase.group(
                        List.of(
                                Scores.time(
                                        Scores.HANDOFF,
                                        "park",
                                        Map.of("echoWork", "0"),
                                        190,
                                        200,
                                        210),
                                Scores.time(
                                        Scores.HANDOFF,
                                        "ferrum",
                                        Map.of("echoWork", "0"),
                                        90,
                                        100,
                                        110),
                                Scores.time(Scores.HANDOFF, "spin", Map.of("echoWork", "0"), 300)));

        String md = MarkdownReport.render(INFO, cases);

        assertThat(md)
                .contains("## wait.HandoffBench.roundTrip (avgt, 1 thread, lower is better)")
                .contains("| case | unit | **ferrum** | park | spin | Ferrum vs best peer |")
                .contains("| --- | --- | ---: | ---: | ---: | --- |")
                .contains(
                        "| echoWork=0 | ns/op | 100 [90.0–110] | 200 [190–210] | 300 [300–300]"
                                + " | 2.00× faster than park |");
    }

    @Test
    void table_marksImplementationsMissingFromACase() {
        List<ComparisonCase> cases =
                ComparisonCase.group(
                        List.of(
                                Scores.rate(Scores.COUNTER, "ferrum", Map.of("n", "1"), 10),
                                Scores.rate(Scores.COUNTER, "plain", Map.of("n", "1"), 5),
                                Scores.rate(Scores.COUNTER, "ferrum", Map.of("n", "2"), 10)));

        String md = MarkdownReport.render(INFO, cases);

        assertThat(md)
                .contains("higher is better")
                .contains(
                        "| n=1 | ops/us | 10.0 [10.0–10.0] | 5.00 [5.00–5.00]"
                                + " | 2.00× faster than plain |")
                .contains("| n=2 | ops/us | 10.0 [10.0–10.0] | – | – |");
    }

    @Test
    void benchmarksWithoutImpl_getNoVerdictColumn() {
        List<ComparisonCase> cases =
                ComparisonCase.group(
                        List.of(Scores.time("dev.ferrum.bench.x.Plain.run", null, Map.of(), 42)));

        String md = MarkdownReport.render(INFO, cases);

        assertThat(md)
                .contains("| case | unit | run |")
                .contains("| – | ns/op | 42.0 [42.0–42.0] |")
                .doesNotContain("Ferrum vs best peer |");
    }

    @Test
    void formatNumber_showsThreeSignificantDigitsBelowAHundred() {
        assertThat(MarkdownReport.formatNumber(123456.7)).isEqualTo("123457");
        assertThat(MarkdownReport.formatNumber(100)).isEqualTo("100");
        assertThat(MarkdownReport.formatNumber(99.94)).isEqualTo("99.9");
        assertThat(MarkdownReport.formatNumber(99.96)).isEqualTo("100");
        assertThat(MarkdownReport.formatNumber(12.0)).isEqualTo("12.0");
        assertThat(MarkdownReport.formatNumber(1)).isEqualTo("1.00");
        assertThat(MarkdownReport.formatNumber(0.012345)).isEqualTo("0.0123");
        assertThat(MarkdownReport.formatNumber(0)).isEqualTo("0");
    }

    @Test
    void cells_escapePipes() {
        List<ComparisonCase> cases =
                ComparisonCase.group(
                        List.of(Scores.time(Scores.HANDOFF, "ferrum", Map.of("p", "a|b"), 1)));

        assertThat(MarkdownReport.render(INFO, cases)).contains("| p=a\\|b |");
    }
}
