package org.flowlab.app.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A live line chart of training metrics against the step. Points are appended in batches on
 * the FX thread with notifications off, and each series is thinned to at most
 * {@value #MAX_POINTS} points (every other point dropped) so long runs keep a bounded cost.
 */
public final class MetricChart extends ChartPane {

    /** Points kept per series before thinning. */
    public static final int MAX_POINTS = 4000;

    private final XYSeriesCollection dataset;
    private final JFreeChart chart;
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final List<Integer> strides = new ArrayList<>();
    private final List<Long> seen = new ArrayList<>();
    private double[] fixedRange;

    /**
     * Creates an empty chart.
     *
     * @param id node id
     * @param title chart title
     * @param xLabel domain axis label
     * @param yLabel range axis label
     */
    public MetricChart(String id, String title, String xLabel, String yLabel) {
        this(
                id,
                ChartFactory.createXYLineChart(
                        title, xLabel, yLabel, new XYSeriesCollection(), PlotOrientation.VERTICAL, true, false, false));
    }

    private MetricChart(String id, JFreeChart chart) {
        super(id, chart);
        this.chart = chart;
        XYPlot plot = chart.getXYPlot();
        dataset = (XYSeriesCollection) plot.getDataset();
        plot.setRenderer(renderer);
        // JFreeChart draws the last series first by default; in adding order a smoothed curve or
        // the acceptance stays visible over the dense, faint per-step curve added before it
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    }

    /**
     * Adds a series.
     *
     * @param name legend name
     * @param color line colour
     * @param width line width in pixels
     * @return its index
     */
    public int addSeries(String name, Color color, float width) {
        return addSeries(name, color, width, true);
    }

    /**
     * Adds a series, optionally without a legend entry (a faint raw curve under its smoothed
     * one, say).
     *
     * @param name legend name
     * @param color line colour
     * @param width line width in pixels
     * @param inLegend whether the legend lists it
     * @return its index
     */
    public int addSeries(String name, Color color, float width, boolean inLegend) {
        XYSeries s = new XYSeries(name, false, true);
        dataset.addSeries(s);
        int i = dataset.getSeriesCount() - 1;
        renderer.setSeriesPaint(i, color);
        renderer.setSeriesVisibleInLegend(i, inLegend);
        registerLine(renderer, i, width, null);
        strides.add(1);
        seen.add(0L);
        return i;
    }

    /**
     * Appends a point; call inside {@link #batch(Runnable)} to redraw once per batch.
     * Non-finite values are skipped.
     *
     * @param series series index
     * @param x the step
     * @param y the value
     */
    public void append(int series, double x, double y) {
        if (!Double.isFinite(y) || !Double.isFinite(x)) {
            return;
        }
        long n = seen.get(series) + 1;
        seen.set(series, n);
        int stride = strides.get(series);
        if ((n - 1) % stride != 0) {
            return;
        }
        XYSeries s = dataset.getSeries(series);
        s.add(x, y, false);
        if (s.getItemCount() > MAX_POINTS) {
            thin(series);
        }
    }

    private void thin(int series) {
        XYSeries s = dataset.getSeries(series);
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < s.getItemCount(); i += 2) {
            keep.add(new double[] {s.getX(i).doubleValue(), s.getY(i).doubleValue()});
        }
        s.clear();
        for (double[] p : keep) {
            s.add(p[0], p[1], false);
        }
        strides.set(series, strides.get(series) * 2);
    }

    /**
     * Runs a block of appends with chart notifications off, then redraws once.
     *
     * @param appends the appends
     */
    public void batch(Runnable appends) {
        chart.setNotify(false);
        try {
            appends.run();
        } finally {
            for (int i = 0; i < dataset.getSeriesCount(); i++) {
                dataset.getSeries(i).fireSeriesChanged();
            }
            redrawLater();
        }
    }

    /** Removes every point. */
    public void clear() {
        chart.setNotify(false);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            dataset.getSeries(i).clear();
            strides.set(i, 1);
            seen.set(i, 0L);
        }
        redrawLater();
    }

    /**
     * Number of points currently held by a series.
     *
     * @param series the index
     * @return the count
     */
    public int pointCount(int series) {
        return dataset.getSeries(series).getItemCount();
    }

    /**
     * Switches the value axis between linear and logarithmic. A log axis needs positive data:
     * the switch is refused (returns false) when any plotted value is zero or negative.
     *
     * @param log true for a logarithmic axis
     * @return whether the axis now has the requested scale
     */
    public boolean setLogScale(boolean log) {
        XYPlot plot = chart.getXYPlot();
        String label = plot.getRangeAxis().getLabel();
        if (log) {
            for (int i = 0; i < dataset.getSeriesCount(); i++) {
                XYSeries s = dataset.getSeries(i);
                for (int k = 0; k < s.getItemCount(); k++) {
                    if (!(s.getY(k).doubleValue() > 0)) {
                        return false;
                    }
                }
            }
            org.jfree.chart.axis.LogAxis axis = new org.jfree.chart.axis.LogAxis(label);
            axis.setSmallestValue(1e-6);
            plot.setRangeAxis(axis);
        } else {
            org.jfree.chart.axis.NumberAxis axis = new org.jfree.chart.axis.NumberAxis(label);
            axis.setAutoRangeIncludesZero(false);
            if (fixedRange != null) {
                axis.setRange(fixedRange[0], fixedRange[1]);
                axis.setAutoRange(false);
            }
            plot.setRangeAxis(axis);
        }
        restyle();
        return true;
    }

    /**
     * Whether the value axis is logarithmic.
     *
     * @return true for a log axis
     */
    public boolean isLogScale() {
        return chart.getXYPlot().getRangeAxis() instanceof org.jfree.chart.axis.LogAxis;
    }

    /**
     * Removes every point of one series.
     *
     * @param series the index
     */
    public void clearSeries(int series) {
        dataset.getSeries(series).clear();
        strides.set(series, 1);
        seen.set(series, 0L);
    }

    /**
     * Fixes the range axis (for ESS in [0, 1], say).
     *
     * @param lower lower bound
     * @param upper upper bound
     */
    public void setFixedRange(double lower, double upper) {
        fixedRange = new double[] {lower, upper};
        chart.getXYPlot().getRangeAxis().setRange(lower, upper);
        chart.getXYPlot().getRangeAxis().setAutoRange(false);
    }
}
