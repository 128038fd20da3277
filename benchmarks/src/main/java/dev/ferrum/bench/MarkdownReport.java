package dev.ferrum.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a comparison as Markdown: a header with the run's circumstances, then one table per
 * benchmark with one row per case and one column per implementation, Ferrum's first.
 */
final class MarkdownReport {

    /** The caption under the header; states what every number in the tables means. */
    static final String EXPLANATION =
            "Each score is the median of the per-fork scores, followed by the min–max across"
                    + " forks in brackets. \"Ferrum vs best peer\" compares medians with the"
                    + " best-scoring peer: \"N× faster\" means Ferrum takes 1/N of the peer's time"
                    + " per operation (or does N times its operations per unit of time), \"N×"
                    + " slower\" means the peer does. \"(within spread)\" means the two min–max"
                    + " ranges overlap, so the difference may be noise.";

    private MarkdownReport() {}

    /** Renders the whole report. */
    static String render(RunInfo info, List<ComparisonCase> cases) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Ferrum vs peers\n\n");
        sb.append("- Machine: ").append(info.machine()).append('\n');
        sb.append("- JVM: ").append(info.jvm()).append('\n');
        sb.append("- Date: ").append(info.date()).append('\n');
        sb.append("- Settings: ").append(info.settings()).append('\n');
        sb.append("- Benchmarks: ").append(info.selection()).append('\n');
        sb.append("- Wall time: ").append(info.wallTime()).append("\n\n");
        for (String warning : info.warnings()) {
            sb.append("> **Warning:** ").append(warning).append("\n\n");
        }
        sb.append(EXPLANATION).append('\n');
        if (cases.isEmpty()) {
            sb.append("\nNo results.\n");
        }
        for (List<ComparisonCase> table : byBenchmark(cases).values()) {
            sb.append('\n');
            renderTable(sb, table);
        }
        return sb.toString();
    }

    /** Groups cases by benchmark, mode and thread count, keeping their order. */
    private static Map<List<Object>, List<ComparisonCase>> byBenchmark(List<ComparisonCase> cases) {
        Map<List<Object>, List<ComparisonCase>> tables = new LinkedHashMap<>();
        for (ComparisonCase c : cases) {
            List<Object> key = List.of(c.benchmark(), c.mode(), c.threads());
            tables.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        return tables;
    }

    private static void renderTable(StringBuilder sb, List<ComparisonCase> cases) {
        ComparisonCase first = cases.get(0);
        sb.append("## ")
                .append(first.shortBenchmark())
                .append(" (")
                .append(first.mode())
                .append(", ")
                .append(first.threads())
                .append(first.threads() == 1 ? " thread, " : " threads, ")
                .append(first.higherIsBetter() ? "higher is better" : "lower is better")
                .append(")\n\n");

        Set<String> columns = new LinkedHashSet<>();
        boolean anyVerdict = false;
        for (ComparisonCase c : cases) {
            for (BenchScore r : c.rows()) {
                columns.add(columnName(r));
            }
            anyVerdict |= c.ferrum().isPresent() && !c.peers().isEmpty();
        }

        List<String> header = new ArrayList<>();
        header.add("case");
        header.add("unit");
        for (String col : columns) {
            header.add(Compare.FERRUM_IMPL.equals(col) ? "**" + col + "**" : col);
        }
        if (anyVerdict) {
            header.add("Ferrum vs best peer");
        }
        appendRow(sb, header);
        List<String> rule = new ArrayList<>();
        rule.add("---");
        rule.add("---");
        for (int i = 0; i < columns.size(); i++) {
            rule.add("---:");
        }
        if (anyVerdict) {
            rule.add("---");
        }
        appendRow(sb, rule);

        for (ComparisonCase c : cases) {
            List<String> row = new ArrayList<>();
            String params = c.paramsLabel();
            row.add(params.isEmpty() ? "–" : params);
            row.add(c.unit());
            Map<String, BenchScore> byColumn = new LinkedHashMap<>();
            for (BenchScore r : c.rows()) {
                byColumn.put(columnName(r), r);
            }
            for (String col : columns) {
                BenchScore r = byColumn.get(col);
                row.add(r == null ? "–" : formatScore(r));
            }
            if (anyVerdict) {
                Optional<Verdict> v = c.verdict();
                row.add(v.map(Verdict::text).orElse("–"));
            }
            appendRow(sb, row);
        }
    }

    /** The column of a row: its implementation, or the method name if it has none. */
    private static String columnName(BenchScore r) {
        if (r.impl() != null) {
            return r.impl();
        }
        String b = r.benchmark();
        return b.substring(b.lastIndexOf('.') + 1);
    }

    /** Formats a row's score as {@code median [min–max]}. */
    static String formatScore(BenchScore r) {
        return formatNumber(r.median())
                + " ["
                + formatNumber(r.min())
                + "–"
                + formatNumber(r.max())
                + "]";
    }

    /**
     * Formats a score for reading, not for parsing back: whole numbers from 100 up, three
     * significant digits below (trailing zeros kept, so that a column reads at one precision).
     */
    static String formatNumber(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (value == 0) {
            return "0";
        }
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(value))));
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        // Rounding may carry into a new digit (99.96 -> 100.0): drop the decimals then.
        return Math.abs(Double.parseDouble(text)) >= 100
                ? String.format(Locale.ROOT, "%.0f", value)
                : text;
    }

    private static void appendRow(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String cell : cells) {
            sb.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }
}
