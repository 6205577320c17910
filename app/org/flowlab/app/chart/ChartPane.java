package org.flowlab.app.chart;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Font;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.renderer.xy.XYItemRenderer;

/**
 * What FlowLab's charts share: a JFreeChart in a viewer, redraws coalesced to one per pulse,
 * the light or dark look, and fonts and line widths that follow the window's font size (zoom
 * and presentation mode enlarge the root font; the charts follow it).
 *
 * <p>Data changes are made with the chart's notifications off; {@link #redrawLater()} turns
 * them on again once, after the current batch of FX events, so several updates in one pulse
 * (raw, reweighted and reference series, say) cost one redraw instead of one each.
 */
public abstract class ChartPane extends StackPane {

    /** Minimum width and height of a chart, in pixels, so that its plot stays readable. */
    public static final double MIN_WIDTH = 180;

    /** Minimum height of a chart (title, legend, axes and a plot of about 100 pixels). */
    public static final double MIN_HEIGHT = 210;

    private record Line(XYItemRenderer renderer, int series, float width, float[] dash) {}

    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final List<Line> lines = new ArrayList<>();
    private final Label fontProbe = new Label();
    private boolean redrawQueued;
    private boolean dark;
    private double scale = 1;

    /**
     * Wraps a chart.
     *
     * @param id node id
     * @param chart the chart
     */
    protected ChartPane(String id, JFreeChart chart) {
        setId(id);
        this.chart = chart;
        ChartStyle.apply(chart, false, 1);
        viewer = new ChartViewer(chart);
        viewer.setId(id + "-viewer");
        // an invisible label whose font follows the CSS root font (zoom, presentation mode)
        fontProbe.setManaged(false);
        fontProbe.setVisible(false);
        fontProbe.fontProperty().addListener((o, was, now) -> rescale(now));
        getChildren().addAll(viewer, fontProbe);
        getStyleClass().add("chart-pane");
        setMinSize(MIN_WIDTH, MIN_HEIGHT);
    }

    private void rescale(Font font) {
        double s = font == null ? 1 : font.getSize() / ChartStyle.BASE_FONT;
        if (Math.abs(s - scale) > 1e-3) {
            scale = s;
            double grow = Math.max(1, s);
            setMinSize(MIN_WIDTH * grow, MIN_HEIGHT * grow);
            restyle();
        }
    }

    /**
     * Registers a series' line so that it thickens with the font scale.
     *
     * @param renderer the renderer
     * @param series the series index
     * @param width the width at scale 1
     * @param dash the dash pattern at scale 1, or null for a solid line
     */
    protected final void registerLine(XYItemRenderer renderer, int series, float width, float[] dash) {
        lines.add(new Line(renderer, series, width, dash));
        renderer.setSeriesStroke(series, stroke(width, dash));
    }

    private BasicStroke stroke(float width, float[] dash) {
        float s = (float) Math.max(1, scale);
        if (dash == null) {
            return new BasicStroke(width * s);
        }
        float[] d = dash.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] *= s;
        }
        return new BasicStroke(width * s, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, d, 0f);
    }

    /** Applies theme and scale to fonts, colours and registered lines. */
    protected void restyle() {
        chart.setNotify(false);
        ChartStyle.apply(chart, dark, scale);
        for (Line l : lines) {
            l.renderer().setSeriesStroke(l.series(), stroke(l.width(), l.dash()));
        }
        redrawLater();
    }

    /**
     * Applies the theme.
     *
     * @param isDark whether the dark theme is active
     */
    public void setDark(boolean isDark) {
        this.dark = isDark;
        restyle();
    }

    /**
     * Whether the dark theme is applied.
     *
     * @return true when dark
     */
    protected final boolean isDark() {
        return dark;
    }

    /**
     * The font scale the chart follows (1 at the normal font size).
     *
     * @return the scale
     */
    public final double scale() {
        return scale;
    }

    /**
     * Shows or hides the legend (a single series needs none).
     *
     * @param visible whether to show it
     */
    public final void setLegendVisible(boolean visible) {
        if (chart.getLegend() != null) {
            chart.getLegend().setVisible(visible);
        }
    }

    /**
     * The underlying chart (for export).
     *
     * @return the chart
     */
    public final JFreeChart chart() {
        return chart;
    }

    /**
     * The plot's data area as last drawn, in scene coordinates (for layout tests).
     *
     * @return the area, or null before the first drawing
     */
    public final Rectangle2D plotAreaInScene() {
        ChartCanvas canvas = viewer.getCanvas();
        ChartRenderingInfo info = canvas.getRenderingInfo();
        if (info == null || info.getPlotInfo() == null || info.getPlotInfo().getDataArea() == null) {
            return null;
        }
        java.awt.geom.Rectangle2D a = info.getPlotInfo().getDataArea();
        Bounds b =
                canvas.localToScene(new javafx.geometry.BoundingBox(a.getX(), a.getY(), a.getWidth(), a.getHeight()));
        return new Rectangle2D(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
    }

    /** Redraws once, after the current batch of FX events. */
    protected final void redrawLater() {
        if (!redrawQueued) {
            redrawQueued = true;
            Platform.runLater(() -> {
                redrawQueued = false;
                chart.setNotify(true);
            });
        }
    }
}
