package org.flowlab.app.view.canvas;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.Locale;
import java.util.function.DoubleBinaryOperator;

/**
 * A picture of densities in the plane: the target density shaded with blue contour lines, the
 * model density as orange contour lines, and model samples as dots. Contours are drawn where
 * the density falls to 80%, 50%, 20%, 5% and 0.5% of its maximum.
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

    /** The number of contour levels a log density lies above (0 = below the lowest). */
    private static int level(double logValue, double logMax) {
        double ratio = Math.exp(logValue - logMax);
        int lv = 0;
        for (int k = CONTOURS.length - 1; k >= 0; k--) {
            if (ratio >= CONTOURS[k]) {
                lv = CONTOURS.length - k;
            }
        }
        return lv;
    }

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
        double side = Math.min(w, h) - 24;
        if (side < 20) {
            return;
        }
        double x0 = (w - side) / 2;
        double y0 = (h - side) / 2;
        if (target != null) {
            WritableImage img = new WritableImage(GRID, GRID);
            PixelWriter px = img.getPixelWriter();
            double tMax = max(target);
            double mMax = model == null ? 0 : max(model);
            for (int j = 0; j < GRID; j++) {
                for (int i = 0; i < GRID; i++) {
                    // shade by the target density itself (not its log): light outside, blue inside
                    double ratio = Math.exp(target[j * GRID + i] - tMax);
                    double shade = 1 - 0.45 * Math.sqrt(Math.max(0, Math.min(1, ratio)));
                    Color c = Color.color(shade, shade, Math.min(1, shade + 0.15));
                    if (isEdge(target, i, j, tMax)) {
                        c = Color.rgb(40, 60, 140);
                    }
                    if (model != null && isEdge(model, i, j, mMax)) {
                        c = Color.rgb(235, 120, 10);
                    }
                    // image rows run downwards, y upwards
                    px.setColor(i, GRID - 1 - j, c);
                }
            }
            g.setImageSmoothing(false);
            g.drawImage(img, x0, y0, side, side);
        }
        g.setStroke(Color.gray(0.5));
        g.strokeRect(x0, y0, side, side);
        if (samples != null) {
            g.setFill(Color.rgb(214, 39, 40, 0.75));
            double r = 2.5;
            for (int k = 0; k + 1 < samples.length; k += 2) {
                double sx = x0 + (samples[k] + extent) / (2 * extent) * side;
                double sy = y0 + side - (samples[k + 1] + extent) / (2 * extent) * side;
                if (sx >= x0 && sx <= x0 + side && sy >= y0 && sy <= y0 + side) {
                    g.fillOval(sx - r, sy - r, 2 * r, 2 * r);
                }
            }
        }
        g.setFill(Color.gray(0.4));
        g.setFont(Font.font(12));
        g.fillText(String.format(Locale.ROOT, "[%.0f, %.0f]²", -extent, extent), x0 + 4, y0 + side - 6);
    }

    private static boolean isEdge(double[] field, int i, int j, double max) {
        int lv = level(field[j * GRID + i], max);
        return (i + 1 < GRID && level(field[j * GRID + i + 1], max) != lv)
                || (j + 1 < GRID && level(field[(j + 1) * GRID + i], max) != lv);
    }
}
