package org.flowlab.app.chart;

import javafx.scene.layout.StackPane;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;

/**
 * Normalised histograms (probability densities) of one observable from several sources drawn
 * as step lines over common bins, e.g. model raw, model reweighted and HMC.
 */
public final class HistogramChart extends StackPane {

    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final JFreeChart chart;
    private final XYStepRenderer renderer = new XYStepRenderer();

    /**
     * Creates an empty chart.
     *
     * @param id node id
     * @param title chart title
     * @param xLabel the observable's name
     */
    public HistogramChart(String id, String title, String xLabel) {
        setId(id);
        chart = ChartFactory.createXYLineChart(title, xLabel, "density", dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        renderer.setStepPoint(0.0);
        plot.setRenderer(renderer);
        ChartStyle.apply(chart, false);
        ChartViewer viewer = new ChartViewer(chart);
        getChildren().add(viewer);
        setMinSize(200, 150);
    }

    /**
     * Adds a histogram series.
     *
     * @param name legend name
     * @param color colour
     * @param width line width
     * @return its index
     */
    public int addSeries(String name, Color color, float width) {
        dataset.addSeries(new XYSeries(name, true, false));
        int i = dataset.getSeriesCount() - 1;
        renderer.setSeriesPaint(i, color);
        renderer.setSeriesStroke(i, new BasicStroke(width));
        return i;
    }

    /**
     * Replaces a series with the weighted histogram of values over [lo, hi] in {@code bins}
     * bins, normalised to unit area; values outside the range are ignored.
     *
     * @param series index
     * @param values the values
     * @param weights weights (null for equal weights)
     * @param lo lower edge
     * @param hi upper edge
     * @param bins number of bins
     */
    public void setHistogram(int series, double[] values, double[] weights, double lo, double hi, int bins) {
        double[] density = Histograms.density(values, weights, lo, hi, bins);
        XYSeries s = dataset.getSeries(series);
        chart.setNotify(false);
        s.clear();
        double width = (hi - lo) / bins;
        if (density != null) {
            for (int b = 0; b < bins; b++) {
                s.add(lo + b * width, density[b], false);
            }
            s.add(hi, density[bins - 1], false);
        }
        s.fireSeriesChanged();
        chart.setNotify(true);
    }

    /**
     * Number of points of a series (0 when empty).
     *
     * @param series index
     * @return the count
     */
    public int pointCount(int series) {
        return dataset.getSeries(series).getItemCount();
    }

    /** Clears every series. */
    public void clear() {
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            dataset.getSeries(i).clear();
        }
    }

    /**
     * Applies the theme.
     *
     * @param dark whether the dark theme is active
     */
    public void setDark(boolean dark) {
        ChartStyle.apply(chart, dark);
    }

    /**
     * The underlying chart.
     *
     * @return the chart
     */
    public JFreeChart chart() {
        return chart;
    }
}
