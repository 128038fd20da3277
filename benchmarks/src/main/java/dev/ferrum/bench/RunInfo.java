package dev.ferrum.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a reader needs to judge a comparison: where, when and how it ran.
 *
 * @param machine the processor, processor count, operating system and load
 * @param jvm the JVM that ran the forks
 * @param date when the run started
 * @param settings forks, iterations and iteration time
 * @param selection which benchmarks and parameter values ran
 * @param wallTime how long the whole run took
 * @param warnings circumstances that make the numbers less trustworthy, one sentence each
 */
record RunInfo(
        String machine,
        String jvm,
        String date,
        String settings,
        String selection,
        String wallTime,
        List<String> warnings) {

    /**
     * @throws NullPointerException if any argument is null
     */
    RunInfo {
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(jvm, "jvm");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(wallTime, "wallTime");
    }

    /**
     * Describes this machine: the CPU model from {@code /proc/cpuinfo} where it exists (the
     * architecture otherwise), the available processors, the operating system, and the load average
     * before and after the run where {@code /proc/loadavg} exists.
     */
    static String describeMachine(Optional<String> loadBefore, Optional<String> loadAfter) {
        String cpu = cpuModel().orElse(System.getProperty("os.arch"));
        StringBuilder sb = new StringBuilder();
        sb.append(cpu)
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs, ")
                .append(System.getProperty("os.name"))
                .append(' ')
                .append(System.getProperty("os.version"));
        if (loadBefore.isPresent() && loadAfter.isPresent()) {
            sb.append("; load average ")
                    .append(loadBefore.get())
                    .append(" before the run, ")
                    .append(loadAfter.get())
                    .append(" after");
        }
        return sb.toString();
    }

    /**
     * Warns when the one-minute load average before or after the run exceeded the number of
     * processors: other work then competed with the benchmark threads for the processors.
     *
     * @param cpus the number of available processors
     * @return the warning, or empty if neither load is known to exceed {@code cpus}
     */
    static Optional<String> loadWarning(
            Optional<String> loadBefore, Optional<String> loadAfter, int cpus) {
        double load = Math.max(parseLoad(loadBefore), parseLoad(loadAfter));
        if (load <= cpus) {
            return Optional.empty();
        }
        return Optional.of(
                String.format(
                        Locale.ROOT,
                        "The load average (%.1f) exceeded the %d CPUs: other processes competed"
                                + " for the processors, which hurts spinning implementations most."
                                + " Rerun on a quieter machine before drawing conclusions.",
                        load,
                        cpus));
    }

    private static double parseLoad(Optional<String> load) {
        try {
            return load.map(Double::parseDouble).orElse(0.0);
        } catch (NumberFormatException e) {
            return 0.0;
        }
    }

    /** Describes the running JVM, which JMH also uses for the forks unless told otherwise. */
    static String describeJvm() {
        return System.getProperty("java.vm.name")
                + " "
                + System.getProperty("java.runtime.version")
                + " ("
                + System.getProperty("java.vm.vendor")
                + ")";
    }

    /** The one-minute load average from {@code /proc/loadavg}, if that file can be read. */
    static Optional<String> loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields.length > 0 ? Optional.of(fields[0]) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Formats a duration as {@code 3 min 07 s} or {@code 42 s}. */
    static String formatDuration(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    private static Optional<String> cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .filter(s -> !s.isEmpty())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
