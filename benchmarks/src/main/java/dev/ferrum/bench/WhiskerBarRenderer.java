package dev.ferrum.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;

/**
 * A horizontal bar renderer for one series that draws, for each bar, its own colour, a whisker over
 * an interval (the spread of the measurement) and a text label just beyond the bar or whisker,
 * whichever reaches further from the base.
 *
 * <p>The per-bar data are given as lists indexed by category (column), in dataset order. The
 * renderer is meant for {@link PlotOrientation#HORIZONTAL} plots with a single series.
 */
final class WhiskerBarRenderer extends BarRenderer {

    private static final long serialVersionUID = 1L;

    private static final Color WHISKER = new Color(0x33, 0x33, 0x33);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private final List<Paint> paints;
    private final List<double[]> intervals;
    private final List<String> labels;

    /**
     * @param paints the fill of each bar
     * @param intervals the whisker of each bar, as {@code {low, high}} in axis units, or {@code
     *     null} for none
     * @param labels the text next to each bar, or {@code null} for none
     */
    WhiskerBarRenderer(List<Paint> paints, List<double[]> intervals, List<String> labels) {
        this.paints = List.copyOf(paints);
        this.intervals = intervals;
        this.labels = labels;
        setBarPainter(new StandardBarPainter());
        setShadowVisible(false);
        setDrawBarOutline(false);
    }

    @Override
    public Paint getItemPaint(int row, int column) {
        return column < paints.size() ? paints.get(column) : super.getItemPaint(row, column);
    }

    @Override
    public void drawItem(
            Graphics2D g2,
            CategoryItemRendererState state,
            Rectangle2D dataArea,
            CategoryPlot plot,
            CategoryAxis domainAxis,
            ValueAxis rangeAxis,
            CategoryDataset dataset,
            int row,
            int column,
            int pass) {
        super.drawItem(
                g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        Number value = dataset.getValue(row, column);
        int visibleRow = state.getVisibleSeriesIndex(row);
        if (value == null || visibleRow < 0 || pass != getPassCount() - 1) {
            return;
        }
        RectangleEdge edge = plot.getRangeAxisEdge();
        double w0 =
                calculateBarW0(
                        plot,
                        plot.getOrientation(),
                        dataArea,
                        domainAxis,
                        state,
                        visibleRow,
                        column);
        double centre = w0 + state.getBarWidth() / 2;
        double base = rangeAxis.valueToJava2D(getBase(), dataArea, edge);
        double end = rangeAxis.valueToJava2D(value.doubleValue(), dataArea, edge);
        boolean rightward = end >= base;
        double reach = end;

        double[] interval = column < intervals.size() ? intervals.get(column) : null;
        if (interval != null) {
            double lo = rangeAxis.valueToJava2D(interval[0], dataArea, edge);
            double hi = rangeAxis.valueToJava2D(interval[1], dataArea, edge);
            double cap = Math.max(3, state.getBarWidth() / 4);
            g2.setPaint(WHISKER);
            g2.setStroke(new BasicStroke(1.5f));
            g2.draw(new Line2D.Double(lo, centre, hi, centre));
            g2.draw(new Line2D.Double(lo, centre - cap, lo, centre + cap));
            g2.draw(new Line2D.Double(hi, centre - cap, hi, centre + cap));
            reach = rightward ? Math.max(end, Math.max(lo, hi)) : Math.min(end, Math.min(lo, hi));
        }

        String label = column < labels.size() ? labels.get(column) : null;
        if (label != null) {
            g2.setFont(LABEL_FONT);
            g2.setPaint(Color.BLACK);
            FontMetrics fm = g2.getFontMetrics();
            float y = (float) (centre + (fm.getAscent() - fm.getDescent()) / 2.0);
            float x = rightward ? (float) reach + 5 : (float) reach - 5 - fm.stringWidth(label);
            g2.drawString(label, x, y);
        }
    }
}
