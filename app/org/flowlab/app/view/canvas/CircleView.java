package org.flowlab.app.view.canvas;

import java.util.function.DoubleUnaryOperator;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A circular histogram (rose plot) of angles: bars outward from a circle, their length
 * proportional to the density in each bin, with the target density drawn as a curve on the
 * same scale. Angle 0 points right and angles grow anticlockwise.
 */
public final class CircleView extends CanvasView {

    private static final int BINS = 36;

    private DoubleUnaryOperator density;
    private double[] counts;

    /**
     * Creates the view.
     *
     * @param id node id
     * @param heading title
     */
    public CircleView(String id, String heading) {
        super(id, heading, 150);
    }

    /**
     * Sets the target density p(theta) on [0, 2 pi).
     *
     * @param p the density
     */
    public void setDensity(DoubleUnaryOperator p) {
        this.density = p;
        draw();
    }

    /**
     * Sets the samples.
     *
     * @param angles angles (any real values; taken mod 2 pi)
     * @param text caption
     */
    public void setSamples(double[] angles, String text) {
        counts = new double[BINS];
        for (double a : angles) {
            double w = a - 2 * Math.PI * Math.floor(a / (2 * Math.PI));
            int b = Math.min(BINS - 1, (int) (w / (2 * Math.PI) * BINS));
            counts[b] += 1.0 / angles.length;
        }
        caption.setText(text);
        draw();
    }

    /**
     * Whether samples are shown.
     *
     * @return true after {@link #setSamples}
     */
    public boolean hasSamples() {
        return counts != null;
    }

    /** Removes the samples. */
    public void clearSamples() {
        counts = null;
        caption.setText("");
        draw();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        double cx = w / 2;
        double cy = h / 2;
        double outer = Math.min(w, h) / 2 - 10;
        if (outer < 30) {
            return;
        }
        double base = outer * 0.35;
        double span = outer - base;
        double maxDensity = 0;
        if (density != null) {
            for (int i = 0; i < 360; i++) {
                maxDensity = Math.max(maxDensity, density.applyAsDouble(2 * Math.PI * i / 360));
            }
        }
        double binWidth = 2 * Math.PI / BINS;
        if (counts != null) {
            for (double c : counts) {
                maxDensity = Math.max(maxDensity, c / binWidth);
            }
        }
        if (maxDensity <= 0) {
            maxDensity = 1 / (2 * Math.PI);
        }
        g.setStroke(Color.gray(0.6));
        g.setLineWidth(1);
        g.strokeOval(cx - base, cy - base, 2 * base, 2 * base);
        if (counts != null) {
            g.setFill(Color.rgb(31, 119, 180, 0.6));
            for (int b = 0; b < BINS; b++) {
                double r = base + span * (counts[b] / binWidth) / maxDensity;
                double a0 = b * binWidth;
                double a1 = a0 + binWidth;
                double[] xs = {
                    cx + base * Math.cos(a0), cx + r * Math.cos(a0), cx + r * Math.cos(a1), cx + base * Math.cos(a1)
                };
                double[] ys = {
                    cy - base * Math.sin(a0), cy - r * Math.sin(a0), cy - r * Math.sin(a1), cy - base * Math.sin(a1)
                };
                g.fillPolygon(xs, ys, 4);
            }
        }
        if (density != null) {
            g.setStroke(Color.rgb(214, 39, 40));
            g.setLineWidth(2.5);
            g.setLineJoin(StrokeLineJoin.ROUND);
            g.beginPath();
            for (int i = 0; i <= 360; i++) {
                double a = 2 * Math.PI * i / 360;
                double r = base + span * density.applyAsDouble(a) / maxDensity;
                if (i == 0) {
                    g.moveTo(cx + r * Math.cos(a), cy - r * Math.sin(a));
                } else {
                    g.lineTo(cx + r * Math.cos(a), cy - r * Math.sin(a));
                }
            }
            g.stroke();
        }
        // angle labels just inside the circle the bars stand on, with ticks on it
        double fs = fontSize();
        g.setFont(Font.font(fs));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        String[] labels = {"0", "π/2", "π", "3π/2"};
        for (int i = 0; i < 4; i++) {
            double a = i * Math.PI / 2;
            double cos = Math.cos(a);
            double sin = Math.sin(a);
            g.setStroke(Color.gray(0.45));
            g.setLineWidth(1.5);
            g.strokeLine(cx + (base - 5) * cos, cy - (base - 5) * sin, cx + (base + 5) * cos, cy - (base + 5) * sin);
            double inset = i % 2 == 0 ? 0.9 * fs * labels[i].length() + 6 : fs + 4;
            g.setFill(Color.gray(0.35));
            g.fillText(labels[i], cx + (base - inset) * cos, cy - (base - inset) * sin);
        }
    }
}
