package dev.ferrum.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompareOptionsTest {

    @Test
    void noArguments_giveTheDefaultProfileAndSelection() {
        CompareOptions o = CompareOptions.parse();

        assertThat(o.includes()).isEqualTo(CompareOptions.DEFAULT_INCLUDES);
        assertThat(o.forks()).isEqualTo(3);
        assertThat(o.warmupIterations()).isEqualTo(3);
        assertThat(o.iterations()).isEqualTo(3);
        assertThat(o.iterationMillis()).isEqualTo(500);
        assertThat(o.outputDir()).isEqualTo(Path.of("results"));
        assertThat(o.params()).isEmpty();
        assertThat(o.help()).isFalse();
    }

    @Test
    void options_takeTheirValueFromTheNextArgumentOrAfterEquals() {
        CompareOptions o =
                CompareOptions.parse(
                        "-f",
                        "5",
                        "--warmup=2",
                        "-i",
                        "4",
                        "--time",
                        "250",
                        "-o",
                        "out",
                        "--jvm-arg",
                        "-Xmx1g",
                        "HandoffBench");

        assertThat(o.forks()).isEqualTo(5);
        assertThat(o.warmupIterations()).isEqualTo(2);
        assertThat(o.iterations()).isEqualTo(4);
        assertThat(o.iterationMillis()).isEqualTo(250);
        assertThat(o.outputDir()).isEqualTo(Path.of("out"));
        assertThat(o.jvmArgs()).containsExactly("-Xmx1g");
        assertThat(o.includes()).containsExactly("HandoffBench");
    }

    @Test
    void quick_setsTheSmokeProfile_butExplicitOptionsWinInAnyOrder() {
        CompareOptions quick = CompareOptions.parse("--quick");
        CompareOptions mixed = CompareOptions.parse("-i", "7", "--quick");

        assertThat(quick.forks()).isEqualTo(CompareOptions.QUICK_FORKS);
        assertThat(quick.iterationMillis()).isEqualTo(CompareOptions.QUICK_MILLIS);
        assertThat(mixed.iterations()).isEqualTo(7);
        assertThat(mixed.warmupIterations()).isEqualTo(CompareOptions.QUICK_WARMUP);
    }

    @Test
    void param_splitsValues_andRepeats() {
        CompareOptions o = CompareOptions.parse("-p", "impl=ferrum,park", "--param=echoWork=0");

        assertThat(o.params())
                .isEqualTo(Map.of("impl", List.of("ferrum", "park"), "echoWork", List.of("0")));
        assertThat(o.describeSelection()).contains("impl = ferrum, park").contains("echoWork = 0");
    }

    @Test
    void help_isRecognised() {
        assertThat(CompareOptions.parse("--help").help()).isTrue();
        assertThat(CompareOptions.parse("-h").help()).isTrue();
        assertThat(CompareOptions.usage()).contains("--forks").contains("--out").contains("--help");
    }

    @Test
    void describeSettings_namesForksIterationsAndTime() {
        assertThat(CompareOptions.parse().describeSettings())
                .isEqualTo("3 forks × (3 warmup + 3 measurement iterations of 500 ms)");
    }

    @Test
    void badCommandLines_areRejectedWithAMessage() {
        assertRejected("unknown option: --fork", "--fork", "3");
        assertRejected("--forks needs a value", "--forks");
        assertRejected("--forks must be at least 1: 0", "--forks", "0");
        assertRejected("-i needs a whole number: x", "-i", "x");
        assertRejected("--param needs NAME=V1,V2,...: impl", "-p", "impl");
        assertRejected("--param has an empty value: impl=a,,b", "-p", "impl=a,,b");
        assertRejected("not a regular expression: (", "(");
    }

    private static void assertRejected(String message, String... args) {
        assertThatThrownBy(() -> CompareOptions.parse(args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
