package org.flowlab.app.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Normalised histograms (probability densities) of one observable from several sources drawn
 * as step lines over common bins, e.g. model raw, model reweighted and HMC.
 */
public final class HistogramChart extends ChartPane {

    private static final float[] DASH = {8f, 5f};

    private final XYSeriesCollection dataset;
    private final XYSeriesCollection curves = new XYSeriesCollection();
    private final JFreeChart chart;
    private final XYStepRenderer renderer = new XYStepRenderer();
    private final org.jfree.chart.renderer.xy.XYLineAndShapeRenderer curveRenderer =
            new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);

    /**
     * Creates an empty chart.
     *
     * @param id node id
     * @param title chart title
     * @param xLabel the observable's name
     */
    public HistogramChart(String id, String title, String xLabel) {
        this(
                id,
                ChartFactory.createXYLineChart(
                        title,
                        xLabel,
                        "density",
                        new XYSeriesCollection(),
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false));
    }

    private HistogramChart(String id, JFreeChart chart) {
        super(id, chart);
        this.chart = chart;
        XYPlot plot = chart.getXYPlot();
        dataset = (XYSeriesCollection) plot.getDataset();
        // points sit at the bins' left edges: step at the next point (1.0), so that each bin's
        // value is drawn over [left edge, right edge] and not over the bin before it
        renderer.setStepPoint(1.0);
        plot.setRenderer(renderer);
        plot.setDataset(1, curves);
        plot.setRenderer(1, curveRenderer);
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
        registerLine(renderer, i, width, null);
        return i;
    }

    /**
     * Adds a smooth curve (an exact density, say) drawn over the histograms.
     *
     * @param name legend name
     * @param color colour
     * @param width line width
     * @return its index among the curves
     */
    public int addCurve(String name, Color color, float width) {
        curves.addSeries(new XYSeries(name, true, false));
        int i = curves.getSeriesCount() - 1;
        curveRenderer.setSeriesPaint(i, color);
        registerLine(curveRenderer, i, width, DASH);
        return i;
    }

    /**
     * Replaces a curve.
     *
     * @param curve its index
     * @param xs abscissae
     * @param ys values
     */
    public void setCurve(int curve, double[] xs, double[] ys) {
        XYSeries s = curves.getSeries(curve);
        chart.setNotify(false);
        s.clear();
        for (int i = 0; i < xs.length; i++) {
            if (Double.isFinite(ys[i])) {
                s.add(xs[i], ys[i], false);
            }
        }
        s.fireSeriesChanged();
        redrawLater();
    }

    /**
     * Draws a vertical line at an exact value, replacing the previous one.
     *
     * @param x the value (NaN removes the line)
     * @param label the label, such as "exact ⟨cos θ_P⟩"
     */
    public void setMarker(double x, String label) {
        XYPlot plot = chart.getXYPlot();
        plot.clearDomainMarkers();
        if (Double.isFinite(x)) {
            org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(x);
            m.setPaint(Color.DARK_GRAY);
            m.setStroke(
                    new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
            m.setLabel(label);
            m.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
            // the label to the left of the line, where a centred range leaves room for it
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(m);
        }
    }

    /**
     * The number of points of a curve.
     *
     * @param curve index
     * @return the count
     */
    public int curvePointCount(int curve) {
        return curves.getSeries(curve).getItemCount();
    }

    /**
     * Sets the label of the horizontal axis.
     *
     * @param label the label
     */
    public void setXLabel(String label) {
        chart.getXYPlot().getDomainAxis().setLabel(label);
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
        redrawLater();
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

    /** Clears every series and curve. */
    public void clear() {
        chart.setNotify(false);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            dataset.getSeries(i).clear();
        }
        for (int i = 0; i < curves.getSeriesCount(); i++) {
            curves.getSeries(i).clear();
        }
        redrawLater();
    }
}
