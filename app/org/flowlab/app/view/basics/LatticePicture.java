package org.flowlab.app.view.basics;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.flowlab.app.view.canvas.ColorMaps;

/**
 * An L×L periodic field as a heat map (blue negative, red positive) with one site circled, so
 * the eye can follow a feature from a picture to its shifted copy.
 */
final class LatticePicture extends Picture {

    private double[] field;
    private int size;
    private double range = 1;
    private int markT = -1;
    private int markX = -1;

    LatticePicture(String id, String heading) {
        super(id, heading, 130, 130);
    }

    /**
     * Shows a field.
     *
     * @param values row-major values, length L²
     * @param latticeSize L
     * @param colourRange half-width of the colour scale
     * @param t row of the circled site
     * @param x column of the circled site
     * @param text the caption
     */
    void show(double[] values, int latticeSize, double colourRange, int t, int x, String text) {
        field = values.clone();
        size = latticeSize;
        range = colourRange > 0 ? colourRange : 1;
        markT = t;
        markX = x;
        caption.setText(text);
        draw();
    }

    /**
     * The field shown (for tests).
     *
     * @return a copy, or null
     */
    double[] field() {
        return field == null ? null : field.clone();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        if (field == null) {
            return;
        }
        double side = Math.min(w, h) - 4;
        double cell = side / size;
        double x0 = (w - side) / 2;
        double y0 = 2;
        for (int t = 0; t < size; t++) {
            for (int x = 0; x < size; x++) {
                g.setFill(ColorMaps.diverging(field[t * size + x], range));
                g.fillRect(x0 + x * cell, y0 + t * cell, Math.ceil(cell), Math.ceil(cell));
            }
        }
        g.setStroke(Color.gray(0.5));
        g.setLineWidth(1);
        g.strokeRect(x0, y0, side, side);
        if (markT >= 0) {
            double r = Math.max(6, cell * 0.9);
            double cx = x0 + (markX + 0.5) * cell;
            double cy = y0 + (markT + 0.5) * cell;
            g.setLineWidth(3);
            g.setStroke(Color.rgb(20, 20, 20));
            g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
            g.setLineWidth(1.5);
            g.setStroke(Color.rgb(255, 220, 0));
            g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
        }
    }
}
