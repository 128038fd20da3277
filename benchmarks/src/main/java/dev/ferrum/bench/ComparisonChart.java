package dev.ferrum.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws a comparison as one PNG image.
 *
 * <p>The top panel has one bar per case: how fast Ferrum is relative to the best peer, on a
 * logarithmic axis centred on parity (1×), so that a bar to the right means Ferrum is faster and a
 * bar to the left means it is slower, by the factor written next to it. Whiskers span the least to
 * the most favourable pairing of a Ferrum fork with a peer fork; a whisker that crosses 1× means
 * the difference is within the spread. Below it, one small panel per case shows every
 * implementation's absolute score (median, whisker from the lowest to the highest fork) in the
 * benchmark's own unit.
 *
 * <p>Rendering needs no display: callers should run with {@code java.awt.headless=true}.
 */
final class ComparisonChart {

    static final Color FASTER = new Color(0x2E, 0x7D, 0x32);
    static final Color FASTER_NOISY = new Color(0xA5, 0xD6, 0xA7);
    static final Color SLOWER = new Color(0xC6, 0x28, 0x28);
    static final Color SLOWER_NOISY = new Color(0xEF, 0x9A, 0x9A);
    static final Color PAR = new Color(0x9E, 0x9E, 0x9E);
    static final Color FERRUM = new Color(0x15, 0x65, 0xC0);
    static final Color PEER = new Color(0xB0, 0xB0, 0xB0);

    static final int WIDTH = 1200;

    /** Above this ratio of the highest to the lowest score a case panel uses a log axis. */
    static final double WIDE_SPAN = 30;

    private static final int COLUMNS = 2;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font PANEL_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ComparisonChart() {}

    /**
     * Renders the chart and writes it to {@code png}, creating parent directories.
     *
     * @param subtitle one line on the run's circumstances, shown under the title
     * @throws IOException if the file cannot be written
     */
    static void write(List<ComparisonCase> cases, String subtitle, Path png) throws IOException {
        BufferedImage image = render(cases, subtitle);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available: " + png);
        }
    }

    /** Renders the chart; its width is {@link #WIDTH}, its height grows with the cases. */
    static BufferedImage render(List<ComparisonCase> cases, String subtitle) {
        List<ComparisonCase> compared = new ArrayList<>();
        for (ComparisonCase c : cases) {
            if (c.verdict().isPresent()) {
                compared.add(c);
            }
        }
        int summaryHeight = compared.isEmpty() ? 0 : 170 + 46 * compared.size();
        List<Integer> rowHeights = new ArrayList<>();
        for (int i = 0; i < cases.size(); i += COLUMNS) {
            int bars = 0;
            for (int j = i; j < Math.min(cases.size(), i + COLUMNS); j++) {
                bars = Math.max(bars, cases.get(j).rows().size());
            }
            rowHeights.add(120 + 38 * bars);
        }
        int headerHeight = compared.isEmpty() ? 70 : 0;
        int height = Math.max(200, headerHeight + summaryHeight + sum(rowHeights));

        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setPaint(Color.WHITE);
            g2.fillRect(0, 0, WIDTH, height);

            int y = 0;
            if (compared.isEmpty()) {
                // No case has both Ferrum and a peer: title the absolute panels directly.
                g2.setPaint(Color.BLACK);
                g2.setFont(TITLE_FONT);
                g2.drawString("Benchmark scores (no Ferrum-vs-peer case in this run)", 20, 30);
                g2.setFont(TEXT_FONT);
                g2.drawString(subtitle, 20, 52);
                y = headerHeight;
            } else {
                summaryChart(compared, subtitle)
                        .draw(g2, new Rectangle2D.Double(0, 0, WIDTH, summaryHeight));
                y = summaryHeight;
            }
            int panelWidth = WIDTH / COLUMNS;
            for (int i = 0; i < cases.size(); i++) {
                int row = i / COLUMNS;
                int x = (i % COLUMNS) * panelWidth;
                caseChart(cases.get(i))
                        .draw(g2, new Rectangle2D.Double(x, y, panelWidth, rowHeights.get(row)));
                if (i % COLUMNS == COLUMNS - 1 || i == cases.size() - 1) {
                    y += rowHeights.get(row);
                }
            }
        } finally {
            g2.dispose();
        }
        return image;
    }

    /** The top panel: Ferrum's speed relative to the best peer, one bar per case. */
    private static JFreeChart summaryChart(List<ComparisonCase> cases, String subtitle) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        List<Paint> paints = new ArrayList<>();
        List<double[]> intervals = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Set<String> usedLabels = new HashSet<>();
        boolean[] used = new boolean[KIND_NAMES.length];
        double reach = 0;
        for (ComparisonCase c : cases) {
            Verdict v = c.verdict().orElseThrow();
            double value = log2(v.speedup());
            double lo = log2(v.low());
            double hi = log2(v.high());
            reach =
                    Math.max(
                            reach, Math.max(Math.abs(value), Math.max(Math.abs(lo), Math.abs(hi))));
            dataset.addValue(value, "Ferrum vs best peer", unique(c.label(), usedLabels));
            intervals.add(new double[] {lo, hi});
            labels.add(v.comparison());
            int kind = kind(v);
            used[kind] = true;
            paints.add(KIND_COLOURS[kind]);
        }

        NumberAxis axis =
                new NumberAxis("Ferrum speed relative to the best peer (log scale; parity at 1×)");
        // Leave room beyond the longest bar or whisker for its label.
        double range = Math.max(1.0, reach / 0.5);
        axis.setRange(-range, range);
        axis.setTickUnit(new NumberTickUnit(Math.max(1, Math.ceil(2 * range / 10))));
        axis.setNumberFormatOverride(new SpeedRatioFormat());
        axis.setLabelFont(TEXT_FONT);
        axis.setTickLabelFont(TEXT_FONT);

        CategoryAxis categories = new CategoryAxis();
        categories.setTickLabelFont(TEXT_FONT);
        categories.setMaximumCategoryLabelWidthRatio(0.35f);
        categories.setCategoryMargin(0.35);

        WhiskerBarRenderer renderer = new WhiskerBarRenderer(paints, intervals, labels);
        renderer.setBase(0.0);
        renderer.setMaximumBarWidth(0.5);

        CategoryPlot plot = new CategoryPlot(dataset, categories, axis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        stylePlot(plot);
        ValueMarker parity = new ValueMarker(0.0, Color.BLACK, new BasicStroke(1.5f));
        plot.addRangeMarker(parity);

        LegendItemCollection legend = new LegendItemCollection();
        for (int k = 0; k < KIND_NAMES.length; k++) {
            if (used[k]) {
                legend.add(new LegendItem(KIND_NAMES[k], KIND_COLOURS[k]));
            }
        }
        plot.setFixedLegendItems(legend);

        JFreeChart chart = new JFreeChart("Ferrum vs best peer", TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(subtitle, TEXT_FONT));
        chart.addSubtitle(
                new TextTitle(
                        "Bars: ratio of medians. Whiskers: least to most favourable pairing of a"
                                + " Ferrum fork with a peer fork; a whisker across 1× means the"
                                + " difference is within the spread.",
                        TEXT_FONT));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 48));
        return chart;
    }

    /** A small panel with the absolute score of every implementation in one case. */
    private static JFreeChart caseChart(ComparisonCase c) {
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (BenchScore r : c.rows()) {
            low = Math.min(low, r.min());
            high = Math.max(high, r.max());
        }
        // Scores that span more than WIDE_SPAN would leave the small bars invisible: use a
        // logarithmic axis then, drawn as log10 of the score on a linear axis.
        boolean log = low > 0 && high / low > WIDE_SPAN;
        double floor = log ? Math.floor(Math.log10(low)) : 0;

        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        List<Paint> paints = new ArrayList<>();
        List<double[]> intervals = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Set<String> usedLabels = new HashSet<>();
        Optional<BenchScore> best = c.bestPeer();
        for (BenchScore r : c.rows()) {
            String name = r.impl() != null ? r.impl() : r.benchmark();
            if (best.isPresent() && best.get() == r && c.ferrum().isPresent()) {
                name += " (best peer)";
            }
            double median = log ? Math.log10(r.median()) : r.median();
            double[] interval =
                    log
                            ? new double[] {Math.log10(r.min()), Math.log10(r.max())}
                            : new double[] {r.min(), r.max()};
            dataset.addValue(median, "median", unique(name, usedLabels));
            paints.add(r.isFerrum() ? FERRUM : PEER);
            intervals.add(interval);
            labels.add(MarkdownReport.formatNumber(r.median()));
        }
        String direction = c.higherIsBetter() ? "higher is better" : "lower is better";
        NumberAxis axis =
                new NumberAxis(c.unit() + " (" + direction + (log ? "; log scale)" : ")"));
        if (log) {
            double top = Math.log10(high);
            // Room for the labels beyond the longest whisker.
            axis.setRange(floor, top + Math.max(0.5, (top - floor) * 0.3));
            axis.setTickUnit(new NumberTickUnit(1));
            axis.setNumberFormatOverride(new PowerOfTenFormat());
        } else {
            axis.setRange(0, high > 0 ? high * 1.3 : 1);
        }
        axis.setLabelFont(TEXT_FONT);
        axis.setTickLabelFont(TEXT_FONT);

        CategoryAxis categories = new CategoryAxis();
        categories.setTickLabelFont(TEXT_FONT);
        categories.setCategoryMargin(0.3);

        WhiskerBarRenderer renderer = new WhiskerBarRenderer(paints, intervals, labels);
        renderer.setBase(floor);
        renderer.setMaximumBarWidth(0.6);

        CategoryPlot plot = new CategoryPlot(dataset, categories, axis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        stylePlot(plot);

        JFreeChart chart = new JFreeChart(c.label(), PANEL_TITLE_FONT, plot, false);
        String details =
                c.mode()
                        + ", "
                        + c.threads()
                        + (c.threads() == 1 ? " thread" : " threads")
                        + c.verdict().map(v -> " · Ferrum " + v.text()).orElse("");
        chart.addSubtitle(new TextTitle(details, TEXT_FONT));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 48));
        return chart;
    }

    private static void stylePlot(CategoryPlot plot) {
        // With horizontal bars, this puts the value axis at the bottom.
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlinesVisible(true);
        plot.setDomainGridlinesVisible(false);
        plot.setOutlineVisible(false);
    }

    private static final String[] KIND_NAMES = {
        "Ferrum faster",
        "Ferrum faster, within spread",
        "on par",
        "Ferrum slower, within spread",
        "Ferrum slower"
    };
    private static final Color[] KIND_COLOURS = {FASTER, FASTER_NOISY, PAR, SLOWER_NOISY, SLOWER};

    /** Index into {@link #KIND_NAMES} for a verdict. */
    private static int kind(Verdict v) {
        if (v.ferrumFaster()) {
            return v.withinSpread() ? 1 : 0;
        }
        if (v.ferrumSlower()) {
            return v.withinSpread() ? 3 : 4;
        }
        return 2;
    }

    /** JFreeChart keys categories by label: make each label unique within one chart. */
    private static String unique(String label, Set<String> used) {
        String candidate = label;
        for (int i = 2; !used.add(candidate); i++) {
            candidate = label + " #" + i;
        }
        return candidate;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** A tick value with at most three significant digits and no trailing zeros: 2, 0.5, 0.125. */
    private static String compact(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static int sum(List<Integer> values) {
        int total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }

    /**
     * Formats a tick at exponent {@code e} of base 2 as the speed ratio it stands for: {@code 1×}
     * at 0, {@code 4× faster} at 2, {@code 4× slower} at -2.
     */
    private static final class SpeedRatioFormat extends TickFormat {
        private static final long serialVersionUID = 1L;

        @Override
        String text(double exponent) {
            if (Math.abs(exponent) < 1e-9) {
                return "1×";
            }
            String factor = compact(Math.pow(2, Math.abs(exponent)));
            return factor + (exponent > 0 ? "× faster" : "× slower");
        }
    }

    /**
     * Formats a tick at exponent {@code e} of base 10 as the number {@code 10^e}, with SI prefixes
     * from a thousand up ({@code 10k}, {@code 1M}) so that long numbers do not collide.
     */
    private static final class PowerOfTenFormat extends TickFormat {
        private static final long serialVersionUID = 1L;
        private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P"};

        @Override
        String text(double exponent) {
            long e = Math.round(exponent);
            if (e < 3) {
                return compact(Math.pow(10, e));
            }
            int group = (int) Math.min(e / 3, PREFIXES.length - 1);
            return compact(Math.pow(10, e - 3L * group)) + PREFIXES[group];
        }
    }

    /** A tick-label format that only formats. */
    private abstract static class TickFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        abstract String text(double value);

        @Override
        public StringBuffer format(double value, StringBuffer to, FieldPosition pos) {
            return to.append(text(value));
        }

        @Override
        public StringBuffer format(long value, StringBuffer to, FieldPosition pos) {
            return to.append(text(value));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are not parsed");
        }
    }
}
