package org.flowlab.app.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;

/** Fonts and colours that keep charts readable from the back of a lecture hall. */
public final class ChartStyle {

    /** Series colours: blue, orange, green, purple, red (colour-blind friendly order). */
    public static final Color[] PALETTE = {
        new Color(31, 119, 180),
        new Color(255, 127, 14),
        new Color(44, 160, 44),
        new Color(148, 103, 189),
        new Color(214, 39, 40)
    };

    /** The window's normal font size in pixels (the CSS root font); charts scale with it. */
    public static final double BASE_FONT = 15;

    private static final int TITLE = 17;
    private static final int LABEL = 14;
    private static final int LEGEND = 13;
    private static final int TICK = 13;

    private ChartStyle() {}

    private static Font font(int style, int size, double scale) {
        return new Font(Font.SANS_SERIF, style, (int) Math.round(size * scale));
    }

    /**
     * Applies the light or dark look at the normal font size.
     *
     * @param chart the chart
     * @param dark whether the dark theme is active
     */
    public static void apply(JFreeChart chart, boolean dark) {
        apply(chart, dark, 1);
    }

    /**
     * Applies the light or dark look to a chart, with fonts scaled like the window's.
     *
     * @param chart the chart
     * @param dark whether the dark theme is active
     * @param scale font scale (1 at the normal size; 1.5 and more in presentation mode)
     */
    public static void apply(JFreeChart chart, boolean dark, double scale) {
        Color background = dark ? new Color(13, 17, 23) : Color.WHITE;
        Color foreground = dark ? new Color(230, 237, 243) : new Color(36, 41, 47);
        Color grid = dark ? new Color(60, 66, 74) : new Color(220, 220, 220);
        chart.setBackgroundPaint(background);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(font(Font.BOLD, TITLE, scale));
            chart.getTitle().setPaint(foreground);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(font(Font.PLAIN, LEGEND, scale));
            chart.getLegend().setItemPaint(foreground);
            chart.getLegend().setBackgroundPaint(background);
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setBackgroundPaint(background);
            plot.setDomainGridlinePaint(grid);
            plot.setRangeGridlinePaint(grid);
            plot.setDomainGridlineStroke(new BasicStroke(1f));
            plot.setRangeGridlineStroke(new BasicStroke(1f));
            plot.setOutlinePaint(grid);
            for (int i = 0; i < plot.getDomainAxisCount(); i++) {
                styleAxis(plot.getDomainAxis(i), foreground, scale);
            }
            for (int i = 0; i < plot.getRangeAxisCount(); i++) {
                styleAxis(plot.getRangeAxis(i), foreground, scale);
            }
        }
    }

    private static void styleAxis(org.jfree.chart.axis.ValueAxis axis, Color foreground, double scale) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(font(Font.PLAIN, LABEL, scale));
        axis.setTickLabelFont(font(Font.PLAIN, TICK, scale));
        axis.setLabelPaint(foreground);
        axis.setTickLabelPaint(foreground);
        axis.setAxisLinePaint(foreground);
        axis.setTickMarkPaint(foreground);
    }
}
