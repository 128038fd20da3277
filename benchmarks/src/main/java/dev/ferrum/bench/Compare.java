package dev.ferrum.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs Ferrum-vs-peer benchmarks in a short JMH profile and reports how Ferrum compares.
 *
 * <p>Usage, after {@code ./mvnw -B package -pl benchmarks -am}:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ferrum.bench.Compare [options] [regex...]
 * </pre>
 *
 * <p>It runs the selected benchmarks (by default those matching {@link
 * CompareOptions#DEFAULT_INCLUDES}) with every benchmark's own parameters, the given number of
 * forks and iterations, and JMH's fail-on-error, so that a benchmark that throws fails the run. It
 * then prints a Markdown table and writes {@code compare-<time>.md}, {@code .png} (see {@link
 * ComparisonChart}) and {@code .json} (JMH's own results) to the output folder. {@code --help}
 * lists the options.
 *
 * <h2>How a benchmark takes part in the comparison</h2>
 *
 * <ul>
 *   <li>It declares a {@code @Param} named {@value #IMPL_PARAM} whose values name the
 *       implementations. The value {@value #FERRUM_IMPL} is Ferrum's implementation; every other
 *       value is a peer (a JDK class, a third-party library, or a baseline policy). Values are
 *       short lower-case names, such as {@code park} or {@code jctools}.
 *   <li>A <em>case</em> is one benchmark method in one mode with one thread count and one value of
 *       every other {@code @Param}: the rows of a case differ only in {@value #IMPL_PARAM}. So
 *       every implementation must do the same work under the same parameters, and report in the
 *       same unit.
 *   <li>Each case compares Ferrum's row with the best peer: the lowest time for time modes, the
 *       highest rate for throughput. Only the primary result counts; secondary results such as
 *       {@code @AuxCounters} stay in the JSON file. A benchmark whose primary result is a group
 *       score that also counts failed attempts should report successful operations instead.
 *   <li>A benchmark without {@value #IMPL_PARAM}, or a case without a {@value #FERRUM_IMPL} row, is
 *       still reported, without a verdict.
 *   <li>Benchmarks live under {@value #BENCH_PACKAGE_PREFIX}; reports print names without that
 *       prefix. To add a benchmark to the default set, make {@link CompareOptions#DEFAULT_INCLUDES}
 *       match it and keep the default run within a few minutes on two cores.
 * </ul>
 *
 * <p>Scores are summarised per fork (median, min–max across forks), since the forks are the
 * independent trials; on a shared machine with few cores, single iterations vary widely.
 */
public final class Compare {

    /** The name of the {@code @Param} that names the implementation. */
    public static final String IMPL_PARAM = "impl";

    /** The {@value #IMPL_PARAM} value of Ferrum's implementation. */
    public static final String FERRUM_IMPL = "ferrum";

    /** The package prefix of every benchmark, dropped from names in reports. */
    public static final String BENCH_PACKAGE_PREFIX = "dev.ferrum.bench.";

    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private Compare() {}

    /**
     * Runs the comparison and exits: status 0 on success, 1 if the run failed, 2 if the command
     * line is wrong.
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the comparison and returns the exit status; see {@link #main}. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CompareOptions options;
        try {
            options = CompareOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.print(CompareOptions.usage());
            return 2;
        }
        if (options.help()) {
            out.print(CompareOptions.usage());
            return 0;
        }
        System.setProperty("java.awt.headless", "true");

        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        String stamp = "compare-" + FILE_STAMP.format(started);
        Path dir = options.outputDir();
        Path json = dir.resolve(stamp + ".json");
        Path markdown = dir.resolve(stamp + ".md");
        Path png = dir.resolve(stamp + ".png");

        Optional<String> loadBefore = RunInfo.loadAverage();
        long t0 = System.nanoTime();
        Collection<RunResult> results;
        try {
            Files.createDirectories(dir);
            results = new Runner(jmhOptions(options, json).build()).run();
        } catch (NoBenchmarksException e) {
            err.println("error: no benchmark matches " + options.describeSelection());
            return 1;
        } catch (RunnerException e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.toString();
            err.println("error: the benchmark run failed: " + reason);
            return 1;
        } catch (IOException e) {
            err.println("error: cannot create the output folder " + dir + ": " + e);
            return 1;
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);

        List<ComparisonCase> cases = ComparisonCase.group(JmhScores.of(results));
        if (cases.isEmpty()) {
            err.println("error: the run produced no results");
            return 1;
        }
        Optional<String> loadAfter = RunInfo.loadAverage();
        List<String> warnings = new ArrayList<>();
        RunInfo.loadWarning(loadBefore, loadAfter, Runtime.getRuntime().availableProcessors())
                .ifPresent(warnings::add);
        RunInfo info =
                new RunInfo(
                        RunInfo.describeMachine(loadBefore, loadAfter),
                        RunInfo.describeJvm(),
                        started.toString(),
                        options.describeSettings(),
                        options.describeSelection(),
                        RunInfo.formatDuration(wall),
                        warnings);
        String report = MarkdownReport.render(info, cases);
        String subtitle =
                options.describeSettings()
                        + " · "
                        + RunInfo.describeMachine(Optional.empty(), Optional.empty())
                        + " · Java "
                        + System.getProperty("java.runtime.version")
                        + " · "
                        + started.toLocalDate();
        try {
            Files.writeString(markdown, report, StandardCharsets.UTF_8);
            ComparisonChart.write(cases, subtitle, png);
        } catch (IOException e) {
            err.println("error: cannot write the report to " + dir + ": " + e);
            return 1;
        }
        out.println();
        out.print(report);
        out.println();
        out.println("Markdown: " + markdown.toAbsolutePath());
        out.println("Chart:    " + png.toAbsolutePath());
        out.println("JMH JSON: " + json.toAbsolutePath());
        return 0;
    }

    /** The JMH options for a comparison run. */
    static ChainedOptionsBuilder jmhOptions(CompareOptions options, Path json) {
        TimeValue iteration = TimeValue.milliseconds(options.iterationMillis());
        // The benchmarks here bound their own waits; this catches anything that does not.
        long timeoutSeconds = Math.max(60, 10L * options.iterationMillis() / 1000);
        ChainedOptionsBuilder b =
                new OptionsBuilder()
                        .forks(options.forks())
                        .warmupIterations(options.warmupIterations())
                        .warmupTime(iteration)
                        .measurementIterations(options.iterations())
                        .measurementTime(iteration)
                        // A benchmark that throws must fail the run, not yield a partial table.
                        .shouldFailOnError(true)
                        .timeout(TimeValue.seconds(timeoutSeconds))
                        .result(json.toString())
                        .resultFormat(ResultFormatType.JSON);
        for (String include : options.includes()) {
            b = b.include(include);
        }
        for (Map.Entry<String, List<String>> p : options.params().entrySet()) {
            b = b.param(p.getKey(), p.getValue().toArray(new String[0]));
        }
        if (!options.jvmArgs().isEmpty()) {
            b = b.jvmArgsAppend(options.jvmArgs().toArray(new String[0]));
        }
        return b;
    }
}
