package org.flowlab.app.view.basics;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.flowlab.model.ml.TwoClassData;

/**
 * The classifier's picture: p(class 1 | x) as a heat map over the square
 * [−h, h]² (blue for class 0, orange for class 1, white on the decision boundary p = 1/2),
 * the training points on top (filled) and the held-out points (rings).
 */
final class DecisionMap extends Picture {

    private static final Color CLASS0 = Color.rgb(31, 119, 180);
    private static final Color CLASS1 = Color.rgb(255, 127, 14);

    private double[] probabilities;
    private int cells;
    private TwoClassData.Sample training;
    private TwoClassData.Sample heldOut;

    DecisionMap(String id) {
        super(id, "Decision boundary: p(class 1 | x) under the points", 260, 260);
    }

    /**
     * Sets the points.
     *
     * @param train training points (filled)
     * @param test held-out points (rings)
     */
    void setPoints(TwoClassData.Sample train, TwoClassData.Sample test) {
        training = train;
        heldOut = test;
        probabilities = null;
        draw();
    }

    /**
     * Sets the heat map.
     *
     * @param values row-major probabilities, row 0 at the top
     * @param side cells per side
     */
    void setProbabilities(double[] values, int side) {
        probabilities = values;
        cells = side;
        draw();
    }

    /**
     * The caption.
     *
     * @param text the text
     */
    void setCaption(String text) {
        caption.setText(text);
    }

    /**
     * The colour of a probability: blue at 0, white at 1/2, orange at 1.
     *
     * @param p the probability
     * @return the colour
     */
    static Color shade(double p) {
        double u = Math.max(0, Math.min(1, p));
        Color white = Color.rgb(250, 250, 250);
        return u < 0.5 ? white.interpolate(CLASS0, (0.5 - u) * 1.3) : white.interpolate(CLASS1, (u - 0.5) * 1.3);
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        double side = Math.min(w, h) - 4;
        double x0 = (w - side) / 2;
        double y0 = 2;
        if (probabilities != null) {
            WritableImage image = new WritableImage(cells, cells);
            PixelWriter pw = image.getPixelWriter();
            for (int r = 0; r < cells; r++) {
                for (int c = 0; c < cells; c++) {
                    pw.setColor(c, r, shade(probabilities[r * cells + c]));
                }
            }
            g.setImageSmoothing(true);
            g.drawImage(image, x0, y0, side, side);
        }
        g.setStroke(foreground());
        g.setLineWidth(1);
        g.strokeRect(x0, y0, side, side);
        double half = TwoClassData.HALF_WIDTH;
        if (training != null) {
            points(g, heldOut, x0, y0, side, half, false);
            points(g, training, x0, y0, side, half, true);
        }
    }

    private void points(
            GraphicsContext g,
            TwoClassData.Sample sample,
            double x0,
            double y0,
            double side,
            double half,
            boolean filled) {
        double r = filled ? 3.2 : 3;
        g.setLineWidth(filled ? 0.8 : 1.2);
        for (int i = 0; i < sample.size(); i++) {
            double[] p = sample.points()[i];
            double x = x0 + (p[0] + half) / (2 * half) * side;
            double y = y0 + (half - p[1]) / (2 * half) * side;
            Color c = sample.labels()[i] > 0.5 ? CLASS1 : CLASS0;
            if (filled) {
                g.setFill(c);
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
                g.setStroke(Color.rgb(30, 30, 30, 0.8));
                g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            } else {
                g.setStroke(c.darker());
                g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            }
        }
    }
}
