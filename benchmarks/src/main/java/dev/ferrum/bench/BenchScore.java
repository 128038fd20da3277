package dev.ferrum.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The primary result of one benchmark configuration (a benchmark method with one value for each of
 * its parameters): the score of each fork.
 *
 * <p>Forks are the independent trials: iterations inside one JVM share its JIT decisions and memory
 * layout, so the spread between forks is the honest measure of run-to-run noise. The summary
 * statistics are therefore the median, minimum and maximum of the fork scores.
 *
 * @param benchmark the fully qualified benchmark name, {@code package.Class.method}
 * @param mode JMH's short label of the benchmark mode, such as {@code avgt} or {@code thrpt}
 * @param threads the number of benchmark threads
 * @param params every parameter of the configuration, in declaration order, including {@value
 *     Compare#IMPL_PARAM} if the benchmark has it
 * @param unit the score unit, such as {@code ns/op} or {@code ops/us}
 * @param higherIsBetter {@code true} for throughput, {@code false} for time per operation
 * @param forkScores the score of each fork; at least one
 */
record BenchScore(
        String benchmark,
        String mode,
        int threads,
        Map<String, String> params,
        String unit,
        boolean higherIsBetter,
        List<Double> forkScores) {

    /**
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code forkScores} is empty or holds a NaN
     */
    BenchScore {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(unit, "unit");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        forkScores = List.copyOf(forkScores);
        if (forkScores.isEmpty()) {
            throw new IllegalArgumentException("no fork scores: benchmark=" + benchmark);
        }
        if (forkScores.stream().anyMatch(s -> s.isNaN())) {
            throw new IllegalArgumentException(
                    "NaN fork score: benchmark=" + benchmark + ", forkScores=" + forkScores);
        }
    }

    /** Returns the value of the {@value Compare#IMPL_PARAM} parameter, or {@code null}. */
    String impl() {
        return params.get(Compare.IMPL_PARAM);
    }

    /** Returns whether this is Ferrum's implementation ({@code impl = ferrum}). */
    boolean isFerrum() {
        return Compare.FERRUM_IMPL.equals(impl());
    }

    /** The median fork score (the mean of the two middle ones for an even count). */
    double median() {
        List<Double> sorted = new ArrayList<>(forkScores);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The lowest fork score. */
    double min() {
        return Collections.min(forkScores);
    }

    /** The highest fork score. */
    double max() {
        return Collections.max(forkScores);
    }

    /** The worst fork score: the lowest throughput or the longest time. */
    double worst() {
        return higherIsBetter ? min() : max();
    }

    /** The best fork score: the highest throughput or the shortest time. */
    double best() {
        return higherIsBetter ? max() : min();
    }
}
