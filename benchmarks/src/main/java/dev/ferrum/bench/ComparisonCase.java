package dev.ferrum.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One case of a comparison: the configurations of one benchmark that share every parameter except
 * {@value Compare#IMPL_PARAM}, so that they differ only in the implementation measured.
 *
 * @param benchmark the fully qualified benchmark name
 * @param mode JMH's short label of the benchmark mode
 * @param threads the number of benchmark threads
 * @param caseParams the parameters other than {@value Compare#IMPL_PARAM}, in declaration order
 * @param rows the measured implementations: Ferrum's first, then the peers in the order given
 */
record ComparisonCase(
        String benchmark,
        String mode,
        int threads,
        Map<String, String> caseParams,
        List<BenchScore> rows) {

    /**
     * @throws IllegalArgumentException if {@code rows} is empty or mixes units or directions
     */
    ComparisonCase {
        Objects.requireNonNull(benchmark, "benchmark");
        caseParams = Collections.unmodifiableMap(new LinkedHashMap<>(caseParams));
        List<BenchScore> ordered = new ArrayList<>(rows);
        // Stable sort: Ferrum first, the peers keep their order.
        ordered.sort(Comparator.comparing(r -> !r.isFerrum()));
        rows = List.copyOf(ordered);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a case needs at least one row: " + benchmark);
        }
        BenchScore first = rows.get(0);
        for (BenchScore r : rows) {
            if (!r.unit().equals(first.unit()) || r.higherIsBetter() != first.higherIsBetter()) {
                throw new IllegalArgumentException(
                        "rows of one case must share unit and direction: benchmark="
                                + benchmark
                                + ", units="
                                + first.unit()
                                + " and "
                                + r.unit());
            }
        }
    }

    /**
     * Groups scores into cases. Scores fall into the same case when benchmark, mode, thread count
     * and every parameter but {@value Compare#IMPL_PARAM} are equal. Cases keep the order in which
     * their first score appears, and rows the order of the scores.
     */
    static List<ComparisonCase> group(List<BenchScore> scores) {
        Map<List<Object>, List<BenchScore>> byCase = new LinkedHashMap<>();
        for (BenchScore s : scores) {
            byCase.computeIfAbsent(key(s), k -> new ArrayList<>()).add(s);
        }
        List<ComparisonCase> cases = new ArrayList<>(byCase.size());
        for (List<BenchScore> rows : byCase.values()) {
            BenchScore first = rows.get(0);
            cases.add(
                    new ComparisonCase(
                            first.benchmark(),
                            first.mode(),
                            first.threads(),
                            caseParams(first),
                            rows));
        }
        return cases;
    }

    private static List<Object> key(BenchScore s) {
        return List.of(s.benchmark(), s.mode(), s.threads(), caseParams(s));
    }

    private static Map<String, String> caseParams(BenchScore s) {
        Map<String, String> params = new LinkedHashMap<>(s.params());
        params.remove(Compare.IMPL_PARAM);
        return params;
    }

    /** The unit shared by every row. */
    String unit() {
        return rows.get(0).unit();
    }

    /** Whether a higher score is better (throughput) rather than worse (time). */
    boolean higherIsBetter() {
        return rows.get(0).higherIsBetter();
    }

    /** The benchmark name without the common {@code dev.ferrum.bench.} prefix. */
    String shortBenchmark() {
        return benchmark.startsWith(Compare.BENCH_PACKAGE_PREFIX)
                ? benchmark.substring(Compare.BENCH_PACKAGE_PREFIX.length())
                : benchmark;
    }

    /** The case parameters as {@code name=value}, joined by spaces; empty if there are none. */
    String paramsLabel() {
        return caseParams.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** A one-line name for the case: short benchmark name and case parameters. */
    String label() {
        String params = paramsLabel();
        return params.isEmpty() ? shortBenchmark() : shortBenchmark() + " " + params;
    }

    /** The row with {@code impl = ferrum}, if the case has one. */
    Optional<BenchScore> ferrum() {
        return rows.get(0).isFerrum() ? Optional.of(rows.get(0)) : Optional.empty();
    }

    /** The rows that are not Ferrum's (all rows, when the benchmark has no impl parameter). */
    List<BenchScore> peers() {
        return ferrum().isPresent() ? rows.subList(1, rows.size()) : rows;
    }

    /**
     * The peer with the best median: the highest for throughput, the lowest for time; the first
     * such peer on a tie. Empty if the case has only Ferrum's row.
     */
    Optional<BenchScore> bestPeer() {
        Comparator<BenchScore> byMedian = Comparator.comparingDouble(BenchScore::median);
        if (higherIsBetter()) {
            byMedian = byMedian.reversed();
        }
        // min() returns the first of equal elements.
        return peers().stream().min(byMedian);
    }

    /**
     * Compares Ferrum with the best peer. Empty if the case lacks Ferrum's row or any peer, or a
     * score is zero or negative so that no ratio exists.
     */
    Optional<Verdict> verdict() {
        Optional<BenchScore> ferrum = ferrum();
        Optional<BenchScore> peer = bestPeer();
        if (ferrum.isEmpty() || peer.isEmpty()) {
            return Optional.empty();
        }
        return Verdict.of(ferrum.get(), peer.get());
    }
}
