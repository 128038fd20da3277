package dev.ferrum.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The command line of {@link Compare}, parsed and checked.
 *
 * @param includes JMH include patterns (regular expressions found in the benchmark name)
 * @param forks forks per benchmark configuration, at least 1
 * @param warmupIterations warmup iterations per fork, at least 0
 * @param iterations measurement iterations per fork, at least 1
 * @param iterationMillis duration of every warmup and measurement iteration, at least 1
 * @param params parameter values to run instead of the declared ones, by parameter name
 * @param jvmArgs extra arguments for the forked JVMs
 * @param outputDir where the report files are written
 * @param help whether only the usage text was asked for
 */
record CompareOptions(
        List<String> includes,
        int forks,
        int warmupIterations,
        int iterations,
        int iterationMillis,
        Map<String, List<String>> params,
        List<String> jvmArgs,
        Path outputDir,
        boolean help) {

    /**
     * The benchmarks run when no pattern is given: one or two representative cases per primitive,
     * so that the whole run stays within a few minutes. Every benchmark can still be run by name.
     */
    static final List<String> DEFAULT_INCLUDES =
            List.of(
                    "^dev\\.ferrum\\.bench\\.wait\\.HandoffBench\\.",
                    // Channels: one case per waiting regime: rendezvous, one slot, and a buffer
                    // that never fills.
                    "^dev\\.ferrum\\.bench\\.channel\\.Bounded[01]Bench\\.spsc$",
                    "^dev\\.ferrum\\.bench\\.channel\\.BoundedNBench\\.mpsc$",
                    "^dev\\.ferrum\\.bench\\.swap\\.SwapBench\\.guard$",
                    "^dev\\.ferrum\\.bench\\.sync\\.ShardedLockBench\\.read2Threads$",
                    "^dev\\.ferrum\\.bench\\.deque\\.ForkJoinBench\\.fib30$");

    static final int DEFAULT_FORKS = 3;
    static final int DEFAULT_WARMUP = 3;
    static final int DEFAULT_ITERATIONS = 3;
    static final int DEFAULT_MILLIS = 500;

    static final int QUICK_FORKS = 3;
    static final int QUICK_WARMUP = 1;
    static final int QUICK_ITERATIONS = 2;
    static final int QUICK_MILLIS = 200;

    static final Path DEFAULT_OUTPUT = Path.of("results");

    /**
     * @throws NullPointerException if any argument is null
     */
    CompareOptions {
        includes = List.copyOf(includes);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        params = Collections.unmodifiableMap(copy);
        jvmArgs = List.copyOf(jvmArgs);
        Objects.requireNonNull(outputDir, "outputDir");
    }

    /** The usage text printed by {@code --help}. */
    static String usage() {
        return String.join(
                "\n",
                "Usage: java -cp benchmarks/target/benchmarks.jar dev.ferrum.bench.Compare"
                        + " [options] [regex...]",
                "",
                "Runs Ferrum-vs-peer benchmarks in a short JMH profile, prints a Markdown table",
                "and writes it, a PNG chart and JMH's JSON results to the output folder.",
                "",
                "  regex                   benchmarks to run: JMH include patterns, found in names",
                "                          like dev.ferrum.bench.wait.HandoffBench.roundTrip",
                "                          (default: " + String.join(" ", DEFAULT_INCLUDES) + ")",
                "  -f, --forks N           forks per configuration (default " + DEFAULT_FORKS + ")",
                "  -wi, --warmup N         warmup iterations per fork (default "
                        + DEFAULT_WARMUP
                        + ")",
                "  -i, --iterations N      measurement iterations per fork (default "
                        + DEFAULT_ITERATIONS
                        + ")",
                "  --time MS               length of each iteration in ms (default "
                        + DEFAULT_MILLIS
                        + ")",
                "  --quick                 smoke-test profile: "
                        + QUICK_FORKS
                        + " forks, "
                        + QUICK_WARMUP
                        + " warmup + "
                        + QUICK_ITERATIONS
                        + " iterations of "
                        + QUICK_MILLIS
                        + " ms;",
                "                          explicit options above still win",
                "  -p, --param NAME=V1,V2  run only these values of a @Param (repeatable)",
                "  --jvm-arg ARG           extra argument for the forked JVMs (repeatable)",
                "  -o, --out DIR           output folder (default " + DEFAULT_OUTPUT + ")",
                "  -h, --help              print this help and exit",
                "",
                "Exit status: 0 on success, 1 if a benchmark failed or nothing matched, 2 on a bad",
                "command line.",
                "");
    }

    /**
     * Parses a command line. Options take their value as the next argument or after {@code =}
     * ({@code --forks 5}, {@code --forks=5}); everything that is not an option is an include
     * pattern.
     *
     * @throws IllegalArgumentException with a message for the user if the command line is wrong
     */
    static CompareOptions parse(String... args) {
        List<String> includes = new ArrayList<>();
        Integer forks = null;
        Integer warmup = null;
        Integer iterations = null;
        Integer millis = null;
        boolean quick = false;
        boolean help = false;
        Map<String, List<String>> params = new LinkedHashMap<>();
        List<String> jvmArgs = new ArrayList<>();
        Path out = DEFAULT_OUTPUT;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("-") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h":
                case "--help":
                    help = true;
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "-f":
                case "--forks":
                    forks = atLeast(name, value(args, i, name, inline), 1);
                    break;
                case "-wi":
                case "--warmup":
                    warmup = atLeast(name, value(args, i, name, inline), 0);
                    break;
                case "-i":
                case "--iterations":
                    iterations = atLeast(name, value(args, i, name, inline), 1);
                    break;
                case "--time":
                    millis = atLeast(name, value(args, i, name, inline), 1);
                    break;
                case "-p":
                case "--param":
                    addParam(params, value(args, i, name, inline));
                    break;
                case "--jvm-arg":
                    jvmArgs.add(value(args, i, name, inline));
                    break;
                case "-o":
                case "--out":
                    String dir = value(args, i, name, inline);
                    if (dir.isBlank()) {
                        throw new IllegalArgumentException(name + " needs a folder");
                    }
                    out = Path.of(dir);
                    break;
                default:
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option: " + arg);
                    }
                    includes.add(checkedPattern(arg));
                    continue;
            }
            if (inline == null && takesValue(name)) {
                i++;
            }
        }
        return new CompareOptions(
                includes.isEmpty() ? DEFAULT_INCLUDES : includes,
                forks != null ? forks : quick ? QUICK_FORKS : DEFAULT_FORKS,
                warmup != null ? warmup : quick ? QUICK_WARMUP : DEFAULT_WARMUP,
                iterations != null ? iterations : quick ? QUICK_ITERATIONS : DEFAULT_ITERATIONS,
                millis != null ? millis : quick ? QUICK_MILLIS : DEFAULT_MILLIS,
                params,
                jvmArgs,
                out,
                help);
    }

    /** Describes forks and iterations for the report, for example {@code 3 forks × (...)}. */
    String describeSettings() {
        return forks
                + (forks == 1 ? " fork" : " forks")
                + " × ("
                + warmupIterations
                + " warmup + "
                + iterations
                + " measurement iterations of "
                + iterationMillis
                + " ms)"
                + (jvmArgs.isEmpty() ? "" : ", JVM arguments " + String.join(" ", jvmArgs));
    }

    /** Describes the selected benchmarks and parameter values for the report. */
    String describeSelection() {
        StringBuilder sb = new StringBuilder();
        for (String include : includes) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append('`').append(include).append('`');
        }
        params.forEach(
                (k, v) -> sb.append("; ").append(k).append(" = ").append(String.join(", ", v)));
        return sb.toString();
    }

    private static boolean takesValue(String name) {
        return !Arrays.asList("-h", "--help", "--quick").contains(name);
    }

    private static String value(String[] args, int i, String name, String inline) {
        if (inline != null) {
            return inline;
        }
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i + 1];
    }

    private static int atLeast(String name, String text, int min) {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number: " + text, e);
        }
        if (n < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + n);
        }
        return n;
    }

    private static void addParam(Map<String, List<String>> params, String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("--param needs NAME=V1,V2,...: " + spec);
        }
        List<String> values = new ArrayList<>();
        for (String v : spec.substring(eq + 1).split(",", -1)) {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("--param has an empty value: " + spec);
            }
            values.add(v);
        }
        params.put(spec.substring(0, eq), values);
    }

    private static String checkedPattern(String regex) {
        try {
            Pattern.compile(regex);
            return regex;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a regular expression: " + regex, e);
        }
    }
}
