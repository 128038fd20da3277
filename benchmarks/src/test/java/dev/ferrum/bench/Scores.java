package dev.ferrum.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Synthetic scores for tests, built without running JMH. */
final class Scores {

    static final String HANDOFF = "dev.ferrum.bench.wait.HandoffBench.roundTrip";
    static final String COUNTER = "dev.ferrum.bench.wait.CasRetryBench.increment";

    private Scores() {}

    /** A time-per-operation score (lower is better) in ns/op. */
    static BenchScore time(
            String benchmark, String impl, Map<String, String> params, double... forks) {
        return score(benchmark, "avgt", "ns/op", false, impl, params, forks);
    }

    /** A throughput score (higher is better) in ops/us. */
    static BenchScore rate(
            String benchmark, String impl, Map<String, String> params, double... forks) {
        return score(benchmark, "thrpt", "ops/us", true, impl, params, forks);
    }

    static BenchScore score(
            String benchmark,
            String mode,
            String unit,
            boolean higherIsBetter,
            String impl,
            Map<String, String> params,
            double... forks) {
        Map<String, String> all = new LinkedHashMap<>();
        if (impl != null) {
            all.put(Compare.IMPL_PARAM, impl);
        }
        all.putAll(params);
        List<Double> forkScores = Arrays.stream(forks).boxed().toList();
        return new BenchScore(benchmark, mode, 1, all, unit, higherIsBetter, forkScores);
    }
}
