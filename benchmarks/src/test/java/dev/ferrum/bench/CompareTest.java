package dev.ferrum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

class CompareTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void help_printsUsageAndSucceeds() {
        int status = run("--help");

        assertThat(status).isZero();
        assertThat(text(out)).startsWith("Usage: java -cp benchmarks/target/benchmarks.jar");
    }

    @Test
    void badCommandLine_printsTheErrorAndUsage_andExitsWith2() {
        int status = run("--forks", "zero");

        assertThat(status).isEqualTo(2);
        assertThat(text(err))
                .contains("error: --forks needs a whole number: zero")
                .contains("Usage:");
    }

    @Test
    void jmhOptions_failOnError_andCarryTheProfile() {
        CompareOptions o =
                CompareOptions.parse(
                        "-f",
                        "2",
                        "-wi",
                        "1",
                        "-i",
                        "4",
                        "--time",
                        "300",
                        "-p",
                        "impl=ferrum",
                        "--jvm-arg",
                        "-Xmx512m",
                        "Handoff");

        Options jmh = Compare.jmhOptions(o, Path.of("out.json")).build();

        assertThat(jmh.shouldFailOnError().get()).isTrue();
        assertThat(jmh.getForkCount().get()).isEqualTo(2);
        assertThat(jmh.getWarmupIterations().get()).isEqualTo(1);
        assertThat(jmh.getMeasurementIterations().get()).isEqualTo(4);
        assertThat(jmh.getMeasurementTime().get()).isEqualTo(TimeValue.milliseconds(300));
        assertThat(jmh.getWarmupTime().get()).isEqualTo(TimeValue.milliseconds(300));
        assertThat(jmh.getIncludes()).containsExactly("Handoff");
        assertThat(jmh.getParameter("impl").get()).containsExactly("ferrum");
        assertThat(jmh.getJvmArgsAppend().get()).containsExactly("-Xmx512m");
        assertThat(jmh.getResult().get()).isEqualTo("out.json");
    }

    private int run(String... args) {
        return Compare.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
