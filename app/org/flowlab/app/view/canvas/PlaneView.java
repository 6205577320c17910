package org.flowlab.app.view.canvas;

import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A picture of densities in the plane: the target density shaded with blue contour lines, the
 * model density as orange contour lines, and model samples as dots, with axes and a legend.
 * Contours are drawn where the density falls to 80%, 50%, 20%, 5% and 0.5% of its maximum, as
 * smooth lines (marching squares on the grid).
 */
public final class PlaneView extends CanvasView {

    /** Grid points per side of the density pictures. */
    public static final int GRID = 120;

    private double extent = 8;
    private double[] target;
    private double[] model;
    private double[] samples;

    /**
     * Creates the view.
     *
     * @param id node id
     * @param heading title
     */
    public PlaneView(String id, String heading) {
        super(id, heading, 150);
    }

    /**
     * The square [-extent, extent]^2 shown.
     *
     * @param halfWidth the extent
     */
    public void setExtent(double halfWidth) {
        this.extent = halfWidth;
    }

    /**
     * The extent.
     *
     * @return half the width of the square shown
     */
    public double extent() {
        return extent;
    }

    /**
     * Coordinates of grid point (i, j): x = -e + (2e) (i + 1/2) / GRID, likewise y.
     *
     * @param index i or j
     * @param halfWidth the extent
     * @return the coordinate
     */
    public static double coordinate(int index, double halfWidth) {
        return -halfWidth + 2 * halfWidth * (index + 0.5) / GRID;
    }

    /**
     * Sets the target log density from a function.
     *
     * @param logDensity log p(x, y)
     */
    public void setTarget(DoubleBinaryOperator logDensity) {
        target = new double[GRID * GRID];
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                target[j * GRID + i] = logDensity.applyAsDouble(coordinate(i, extent), coordinate(j, extent));
            }
        }
        draw();
    }

    /**
     * Sets the model log density on the grid (row j = y index, column i = x index).
     *
     * @param logQ GRID * GRID values, or null to hide
     */
    public void setModel(double[] logQ) {
        this.model = logQ;
        draw();
    }

    /**
     * Sets the sample points.
     *
     * @param xy x0, y0, x1, y1, ... or null
     * @param text caption
     */
    public void setSamples(double[] xy, String text) {
        this.samples = xy;
        caption.setText(text);
        draw();
    }

    /**
     * Whether samples are shown.
     *
     * @return true after {@link #setSamples} with points
     */
    public boolean hasSamples() {
        return samples != null && samples.length > 0;
    }

    /**
     * Whether a model density is shown.
     *
     * @return true after {@link #setModel} with values
     */
    public boolean hasModel() {
        return model != null;
    }

    /** Clears model and samples (keeps the target). */
    public void clearModel() {
        model = null;
        samples = null;
        caption.setText("");
        draw();
    }

    /** Contour levels as fractions of the maximum density. */
    private static final double[] CONTOURS = {0.8, 0.5, 0.2, 0.05, 0.005};

    private static final Color TARGET_LINE = Color.rgb(40, 60, 140);
    private static final Color MODEL_LINE = Color.rgb(235, 120, 10);
    private static final Color SAMPLE = Color.rgb(214, 39, 40, 0.75);

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, x);
            }
        }
        return m;
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        double fs = fontSize();
        double left = 3.0 * fs;
        double bottom = 1.8 * fs;
        double top = 1.8 * fs;
        double side = Math.min(w - left - 8, h - top - bottom);
        if (side < 40) {
            return;
        }
        double x0 = left + Math.max(0, (w - left - 8 - side) / 2);
        double y0 = top;
        if (target != null) {
            WritableImage img = new WritableImage(GRID, GRID);
            PixelWriter px = img.getPixelWriter();
            double tMax = max(target);
            for (int j = 0; j < GRID; j++) {
                for (int i = 0; i < GRID; i++) {
                    // shade by the target density itself (not its log): light outside, blue inside
                    double ratio = Math.exp(target[j * GRID + i] - tMax);
                    double shade = 1 - 0.45 * Math.sqrt(Math.max(0, Math.min(1, ratio)));
                    // image rows run downwards, y upwards
                    px.setColor(i, GRID - 1 - j, Color.color(shade, shade, Math.min(1, shade + 0.15)));
                }
            }
            g.setImageSmoothing(true);
            g.drawImage(img, x0, y0, side, side);
            contours(g, target, TARGET_LINE, 1.5, x0, y0, side);
        }
        if (model != null) {
            contours(g, model, MODEL_LINE, 2.0, x0, y0, side);
        }
        g.setStroke(Color.gray(0.5));
        g.setLineWidth(1);
        g.strokeRect(x0, y0, side, side);
        if (samples != null) {
            g.setFill(SAMPLE);
            double r = Math.max(2.5, fs / 5);
            for (int k = 0; k + 1 < samples.length; k += 2) {
                double sx = x0 + (samples[k] + extent) / (2 * extent) * side;
                double sy = y0 + side - (samples[k + 1] + extent) / (2 * extent) * side;
                if (sx >= x0 && sx <= x0 + side && sy >= y0 && sy <= y0 + side) {
                    g.fillOval(sx - r, sy - r, 2 * r, 2 * r);
                }
            }
        }
        axes(g, x0, y0, side, fs);
        legend(g, Math.max(4, Math.min(x0, w - legendWidth(fs) - 4)), fs);
    }

    private void axes(GraphicsContext g, double x0, double y0, double side, double fs) {
        g.setFont(Font.font(fs));
        g.setFill(Color.gray(0.35));
        g.setStroke(Color.gray(0.45));
        g.setLineWidth(1);
        for (int k = -2; k <= 2; k++) {
            double v = extent * k / 2;
            String label = String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.1f", v);
            double sx = x0 + (v + extent) / (2 * extent) * side;
            double sy = y0 + side - (v + extent) / (2 * extent) * side;
            g.strokeLine(sx, y0 + side, sx, y0 + side + 4);
            g.strokeLine(x0 - 4, sy, x0, sy);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            g.fillText(label, sx, y0 + side + 5);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(label, x0 - 6, sy);
        }
    }

    private static final String[] LEGEND = {"target p", "model q", "samples x ~ q"};

    private static double legendWidth(double fs) {
        double w = 0;
        for (String t : LEGEND) {
            w += 24 + fs * 0.6 * t.length() + 14;
        }
        return w;
    }

    private void legend(GraphicsContext g, double x0, double fs) {
        g.setFont(Font.font(fs));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double y = fs * 0.8;
        double x = x0;
        Object[][] items = {{TARGET_LINE, LEGEND[0]}, {MODEL_LINE, LEGEND[1]}, {SAMPLE, LEGEND[2]}};
        for (Object[] item : items) {
            Color c = (Color) item[0];
            String text = (String) item[1];
            if (c == SAMPLE) {
                g.setFill(c);
                g.fillOval(x + 6, y - 4, 8, 8);
            } else {
                g.setStroke(c);
                g.setLineWidth(2.5);
                g.strokeLine(x, y, x + 20, y);
            }
            g.setFill(Color.gray(0.3));
            g.fillText(text, x + 24, y);
            x += 24 + fs * 0.6 * text.length() + 14;
        }
    }

    /**
     * Draws the contour lines of a log density at {@link #CONTOURS} of its maximum, by marching
     * squares with linear interpolation on the grid (smooth at any size).
     */
    private void contours(
            GraphicsContext g, double[] logField, Color colour, double width, double x0, double y0, double side) {
        double peak = max(logField);
        if (!Double.isFinite(peak)) {
            return;
        }
        g.setStroke(colour);
        g.setLineWidth(width);
        double cell = side / GRID;
        double[] pts = new double[8];
        for (double level : CONTOURS) {
            double t = peak + Math.log(level);
            for (int j = 0; j + 1 < GRID; j++) {
                for (int i = 0; i + 1 < GRID; i++) {
                    double v00 = value(logField, i, j);
                    double v10 = value(logField, i + 1, j);
                    double v11 = value(logField, i + 1, j + 1);
                    double v01 = value(logField, i, j + 1);
                    int n = 0;
                    n = crossing(pts, n, v00, v10, t, i, j, 1, 0);
                    n = crossing(pts, n, v10, v11, t, i + 1, j, 0, 1);
                    n = crossing(pts, n, v01, v11, t, i, j + 1, 1, 0);
                    n = crossing(pts, n, v00, v01, t, i, j, 0, 1);
                    if (n == 4) {
                        segment(g, pts, 0, 1, x0, y0, cell);
                    } else if (n == 8) {
                        boolean centreAbove = (v00 + v10 + v11 + v01) / 4 > t;
                        // saddle: when the centre is on the side of corner (i, j), that corner
                        // joins its opposite one and the lines cut off the two other corners
                        boolean joined = centreAbove == (v00 > t);
                        segment(g, pts, 0, joined ? 1 : 3, x0, y0, cell);
                        segment(g, pts, joined ? 2 : 1, joined ? 3 : 2, x0, y0, cell);
                    }
                }
            }
        }
    }

    private static double value(double[] field, int i, int j) {
        double v = field[j * GRID + i];
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** Adds the point where the level t crosses the edge from (i, j) along (di, dj), if it does. */
    private static int crossing(double[] pts, int n, double a, double b, double t, int i, int j, int di, int dj) {
        if ((a > t) == (b > t)) {
            return n;
        }
        double f = Double.isInfinite(a) || Double.isInfinite(b) ? 0.5 : (t - a) / (b - a);
        pts[n] = i + f * di;
        pts[n + 1] = j + f * dj;
        return n + 2;
    }

    private static void segment(GraphicsContext g, double[] pts, int p, int q, double x0, double y0, double cell) {
        // grid point k sits at the centre of cell k; y grows upwards
        double ax = x0 + (pts[2 * p] + 0.5) * cell;
        double ay = y0 + (GRID - 0.5 - pts[2 * p + 1]) * cell;
        double bx = x0 + (pts[2 * q] + 0.5) * cell;
        double by = y0 + (GRID - 0.5 - pts[2 * q + 1]) * cell;
        g.strokeLine(ax, ay, bx, by);
    }
}
