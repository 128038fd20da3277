package dev.ferrum.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;

/** Turns JMH's run results into {@link BenchScore}s, one per benchmark configuration. */
final class JmhScores {

    private JmhScores() {}

    /**
     * Converts results in their given order. Each configuration's fork scores are the primary
     * results of its forks; secondary results (such as {@code @AuxCounters}) are left out.
     */
    static List<BenchScore> of(Collection<RunResult> results) {
        List<BenchScore> scores = new ArrayList<>(results.size());
        for (RunResult run : results) {
            BenchmarkParams p = run.getParams();
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : p.getParamsKeys()) {
                params.put(key, p.getParam(key));
            }
            List<Double> forkScores = new ArrayList<>();
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                forkScores.add(fork.getPrimaryResult().getScore());
            }
            if (forkScores.isEmpty()) {
                continue;
            }
            scores.add(
                    new BenchScore(
                            p.getBenchmark(),
                            p.getMode().shortLabel(),
                            p.getThreads(),
                            params,
                            run.getPrimaryResult().getScoreUnit(),
                            p.getMode() == Mode.Throughput,
                            forkScores));
        }
        return scores;
    }
}
