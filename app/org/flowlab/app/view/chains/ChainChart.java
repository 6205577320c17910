package org.flowlab.app.view.chains;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import javafx.scene.layout.StackPane;
import org.flowlab.app.chart.ChartStyle;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A small XY chart for the Markov-chain views: whole series replaced at once (a chain's history,
 * rho(tau), a scan), optional logarithmic axes, and labelled marker lines (the summation window,
 * an exact value). Long series are thinned to {@value #MAX_POINTS} points for drawing.
 */
final class ChainChart extends StackPane {

    /** Points drawn per series at most. */
    static final int MAX_POINTS = 2500;

    private static final Font MARKER_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final JFreeChart chart;
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private ValueMarker domainMarker;
    private ValueMarker rangeMarker;
    private boolean dark;

    /**
     * Creates an empty chart.
     *
     * @param id node id
     * @param title title
     * @param xLabel domain label
     * @param yLabel range label
     */
    ChainChart(String id, String title, String xLabel, String yLabel) {
        setId(id);
        chart = ChartFactory.createXYLineChart(
                title, xLabel, yLabel, dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        ChartStyle.apply(chart, false);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId(id + "-viewer");
        getChildren().add(viewer);
        setMinSize(150, 120);
    }

    /**
     * Adds a series.
     *
     * @param name legend name
     * @param color colour
     * @param width line width
     * @param shapes whether to mark the points
     * @return its index
     */
    int addSeries(String name, Color color, float width, boolean shapes) {
        dataset.addSeries(new XYSeries(name, false, true));
        int i = dataset.getSeriesCount() - 1;
        renderer.setSeriesPaint(i, color);
        renderer.setSeriesStroke(i, new BasicStroke(width));
        renderer.setSeriesShapesVisible(i, shapes);
        return i;
    }

    /**
     * Renames a series (its legend entry).
     *
     * @param series its index
     * @param name the new name
     */
    void renameSeries(int series, String name) {
        dataset.getSeries(series).setKey(name);
    }

    /**
     * Replaces a series' points (non-finite and, on log axes, non-positive points are skipped).
     *
     * @param series its index
     * @param x abscissae
     * @param y ordinates
     */
    void setData(int series, double[] x, double[] y) {
        XYSeries s = dataset.getSeries(series);
        chart.setNotify(false);
        s.clear();
        int n = Math.min(x.length, y.length);
        int stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        boolean logX = chart.getXYPlot().getDomainAxis() instanceof LogarithmicAxis;
        boolean logY = chart.getXYPlot().getRangeAxis() instanceof LogarithmicAxis;
        for (int i = 0; i < n; i += stride) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logX || x[i] > 0) && (!logY || y[i] > 0)) {
                s.add(x[i], y[i], false);
            }
        }
        s.fireSeriesChanged();
        chart.setNotify(true);
    }

    /**
     * The number of points a series holds.
     *
     * @param series the index
     * @return the count
     */
    int pointCount(int series) {
        return dataset.getSeries(series).getItemCount();
    }

    /**
     * The y value of a point (for tests).
     *
     * @param series the series
     * @param item the point
     * @return its y
     */
    double y(int series, int item) {
        return dataset.getSeries(series).getY(item).doubleValue();
    }

    /** Removes every point of every series and the markers. */
    void clear() {
        chart.setNotify(false);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            dataset.getSeries(i).clear();
        }
        setDomainMarker(Double.NaN, null);
        setRangeMarker(Double.NaN, null);
        chart.setNotify(true);
    }

    /**
     * Logarithmic or linear axes.
     *
     * @param logX log domain
     * @param logY log range
     */
    void setLogAxes(boolean logX, boolean logY) {
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(axis(plot.getDomainAxis().getLabel(), logX));
        plot.setRangeAxis(axis(plot.getRangeAxis().getLabel(), logY));
        ChartStyle.apply(chart, dark);
    }

    private static ValueAxis axis(String label, boolean log) {
        if (log) {
            LogarithmicAxis a = new LogarithmicAxis(label);
            a.setStrictValuesFlag(false);
            a.setAutoRangeNextLogFlag(false);
            a.setExpTickLabelsFlag(false);
            a.setLog10TickLabelsFlag(false);
            return a;
        }
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        return a;
    }

    /**
     * Sets the axis labels.
     *
     * @param x domain label
     * @param y range label
     */
    void setAxisLabels(String x, String y) {
        chart.getXYPlot().getDomainAxis().setLabel(x);
        chart.getXYPlot().getRangeAxis().setLabel(y);
    }

    /**
     * Fixes the range axis (an acceptance in [0, 1], say).
     *
     * @param lower lower end
     * @param upper upper end
     */
    void setRange(double lower, double upper) {
        chart.getXYPlot().getRangeAxis().setRange(lower, upper);
    }

    /**
     * Fixes the domain axis with ticks at whole numbers (the beta ladder, say).
     *
     * @param lower lower end
     * @param upper upper end
     */
    void setWholeNumberDomain(double lower, double upper) {
        NumberAxis axis = new NumberAxis(chart.getXYPlot().getDomainAxis().getLabel());
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        axis.setRange(lower, upper);
        chart.getXYPlot().setDomainAxis(axis);
        ChartStyle.apply(chart, dark);
    }

    /** Hides the legend (charts with a single, titled series). */
    void hideLegend() {
        chart.removeLegend();
    }

    /**
     * Sets the title.
     *
     * @param title the new title
     */
    void setTitle(String title) {
        chart.setTitle(title);
        ChartStyle.apply(chart, dark);
    }

    /**
     * Shows a vertical marker line (NaN removes it).
     *
     * @param x where
     * @param label its label
     */
    void setDomainMarker(double x, String label) {
        XYPlot plot = chart.getXYPlot();
        if (domainMarker != null) {
            plot.removeDomainMarker(domainMarker);
            domainMarker = null;
        }
        if (Double.isFinite(x)) {
            domainMarker = marker(x, label, new Color(214, 39, 40));
            domainMarker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            domainMarker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(domainMarker);
        }
    }

    /**
     * Shows a horizontal marker line (NaN removes it).
     *
     * @param y where
     * @param label its label
     */
    void setRangeMarker(double y, String label) {
        XYPlot plot = chart.getXYPlot();
        if (rangeMarker != null) {
            plot.removeRangeMarker(rangeMarker);
            rangeMarker = null;
        }
        if (Double.isFinite(y)) {
            rangeMarker = marker(y, label, new Color(44, 160, 44));
            rangeMarker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            rangeMarker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(rangeMarker);
        }
    }

    /**
     * Where the vertical marker is (for tests).
     *
     * @return its position, NaN when none
     */
    double domainMarker() {
        return domainMarker == null ? Double.NaN : domainMarker.getValue();
    }

    /**
     * Where the horizontal marker is (for tests).
     *
     * @return its position, NaN when none
     */
    double rangeMarker() {
        return rangeMarker == null ? Double.NaN : rangeMarker.getValue();
    }

    private ValueMarker marker(double value, String label, Color color) {
        ValueMarker m = new ValueMarker(
                value,
                color,
                new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
        if (label != null) {
            m.setLabel(label);
            m.setLabelFont(MARKER_FONT);
            m.setLabelPaint(color);
        }
        return m;
    }

    /**
     * Applies the theme.
     *
     * @param dark whether the dark theme is active
     */
    void setDark(boolean dark) {
        this.dark = dark;
        ChartStyle.apply(chart, dark);
    }
}
