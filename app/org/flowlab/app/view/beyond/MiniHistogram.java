package org.flowlab.app.view.beyond;

import java.util.Locale;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.flowlab.app.chart.Histograms;

/**
 * A compact histogram of one observable from three sources on common bins, drawn as step lines:
 * the raw samples, the same samples reweighted, and independent HMC samples. Small enough for a
 * row per stage; integer-valued data (the topological charge) get one bin per integer.
 */
final class MiniHistogram extends Region {

    /** Colour of the raw samples. */
    static final Color RAW = Color.web("#1f77b4");
    /** Colour of the reweighted samples. */
    static final Color REWEIGHTED = Color.web("#ff7f0e");
    /** Colour of the HMC reference. */
    static final Color HMC = Color.web("#2ca02c");

    private static final int BINS = 32;

    private final Canvas canvas = new Canvas();
    private double[] raw;
    private double[] logWeights;
    private double[] reference;
    private boolean dark;

    /**
     * Creates an empty histogram.
     *
     * @param id node id
     */
    MiniHistogram(String id) {
        setId(id);
        getChildren().add(canvas);
        setMinSize(120, 60);
        setPrefSize(400, 80);
        widthProperty().addListener((o, a, b) -> redraw());
        heightProperty().addListener((o, a, b) -> redraw());
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    /**
     * Sets the samples and their log weights (null clears them).
     *
     * @param values the observable on each sample
     * @param logW the log weights (null for equal weights)
     */
    void setSamples(double[] values, double[] logW) {
        this.raw = values;
        this.logWeights = logW;
        redraw();
    }

    /**
     * Sets the HMC reference values (null clears them).
     *
     * @param values the observable on each HMC sample
     */
    void setReference(double[] values) {
        this.reference = values;
        redraw();
    }

    /**
     * Whether samples are shown.
     *
     * @return true once samples were set
     */
    boolean hasSamples() {
        return raw != null && raw.length > 0;
    }

    /**
     * Whether a reference is shown.
     *
     * @return true once reference values were set
     */
    boolean hasReference() {
        return reference != null && reference.length > 0;
    }

    /**
     * Switches the colours for the dark theme.
     *
     * @param dark whether the dark theme is active
     */
    void setDark(boolean dark) {
        this.dark = dark;
        redraw();
    }

    private void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        Color fg = dark ? Color.web("#c9d1d9") : Color.web("#57606a");
        g.setStroke(fg);
        g.setLineWidth(1);
        double bottom = h - 16;
        g.strokeLine(0, bottom, w, bottom);
        if (!hasSamples() && !hasReference()) {
            return;
        }
        double[] range = range();
        double lo = range[0];
        double hi = range[1];
        int bins = (int) range[2];
        double[] weights = logWeights == null ? null : weights(logWeights);
        double[] dRaw = hasSamples() ? Histograms.density(raw, null, lo, hi, bins) : null;
        double[] dRw = hasSamples() ? Histograms.density(raw, weights, lo, hi, bins) : null;
        double[] dRef = hasReference() ? Histograms.density(reference, null, lo, hi, bins) : null;
        double top = 0;
        for (double[] d : new double[][] {dRaw, dRw, dRef}) {
            if (d != null) {
                for (double v : d) {
                    top = Math.max(top, v);
                }
            }
        }
        if (!(top > 0)) {
            return;
        }
        double scaleY = (bottom - 4) / top;
        steps(g, dRaw, RAW, 1.5, w, bottom, scaleY, false);
        steps(g, dRef, HMC, 2, w, bottom, scaleY, true);
        steps(g, dRw, REWEIGHTED, 2.5, w, bottom, scaleY, false);
        g.setFill(fg);
        g.setFont(Font.font(12));
        g.fillText(String.format(Locale.ROOT, "%.2f", lo), 2, h - 3);
        String right = String.format(Locale.ROOT, "%.2f", hi);
        g.fillText(right, w - 7 * right.length() - 2, h - 3);
    }

    private static void steps(
            GraphicsContext g,
            double[] density,
            Color color,
            double width,
            double w,
            double bottom,
            double scaleY,
            boolean dashed) {
        if (density == null) {
            return;
        }
        g.setStroke(color);
        g.setLineWidth(width);
        g.setLineDashes(dashed ? new double[] {6, 4} : null);
        double bin = w / density.length;
        g.beginPath();
        g.moveTo(0, bottom);
        for (int b = 0; b < density.length; b++) {
            double y = bottom - density[b] * scaleY;
            g.lineTo(b * bin, y);
            g.lineTo((b + 1) * bin, y);
        }
        g.lineTo(w, bottom);
        g.stroke();
        g.setLineDashes((double[]) null);
    }

    /** [lo, hi, bins]: symmetric about the data, one bin per integer for integer data. */
    private double[] range() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean integers = true;
        for (double[] v : new double[][] {raw, reference}) {
            if (v == null) {
                continue;
            }
            for (double x : v) {
                if (Double.isFinite(x)) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                    integers &= x == Math.rint(x);
                }
            }
        }
        if (!(max >= min)) {
            return new double[] {-1, 1, BINS};
        }
        if (integers) {
            long q = Math.max(1, Math.max(Math.round(Math.abs(min)), Math.round(Math.abs(max))));
            return new double[] {-q - 0.5, q + 0.5, 2 * q + 1};
        }
        double a = Math.max(Math.abs(min), Math.abs(max));
        if (min < 0 && max > 0 || a == 0) {
            a = a == 0 ? 1 : a;
            return new double[] {-a, a, BINS};
        }
        double pad = 0.02 * (max - min + 1e-12);
        return new double[] {min - pad, max + pad, BINS};
    }

    private static double[] weights(double[] logW) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logW) {
            max = Math.max(max, v);
        }
        double[] w = new double[logW.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(logW[i] - max);
        }
        return w;
    }
}
