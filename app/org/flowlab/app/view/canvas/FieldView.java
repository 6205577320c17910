package org.flowlab.app.view.canvas;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A heat map of one L x L real field (a phi^4 configuration) with a colour bar: blue is
 * negative, red positive. Redraws only on the FX thread, when given a new field.
 */
public final class FieldView extends CanvasView {

    private double[] field;
    private int size;
    private double range = 1;
    private boolean colourBar = true;

    /**
     * Creates an empty view.
     *
     * @param id node id
     * @param heading the title, such as "Model sample"
     */
    public FieldView(String id, String heading) {
        super(id, heading, 64);
        getStyleClass().add("field-view");
        caption.setText("–");
    }

    /**
     * Shows a field.
     *
     * @param values row-major values, length L^2
     * @param latticeSize L
     * @param colourRange half-width of the colour scale
     * @param text caption under the picture
     */
    public void show(double[] values, int latticeSize, double colourRange, String text) {
        this.field = values.clone();
        this.size = latticeSize;
        this.range = colourRange > 0 ? colourRange : 1;
        caption.setText(text);
        draw();
    }

    /**
     * Shows or hides the colour bar (a gallery shows one per row).
     *
     * @param on whether to draw it
     */
    public void setColourBar(boolean on) {
        colourBar = on;
        draw();
    }

    /**
     * Whether a field has been shown.
     *
     * @return true after the first {@link #show}
     */
    public boolean hasField() {
        return field != null;
    }

    /** Clears the picture. */
    public void clear() {
        field = null;
        caption.setText("–");
        draw();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        if (field == null || size == 0 || w < 10 || h < 10) {
            return;
        }
        double bar = colourBar ? 22 + 3.2 * fontSize() : 0;
        double side = Math.max(0, Math.min(w - bar - 8, h - 8));
        double cell = side / size;
        double x0 = Math.max(0, (w - bar - side) / 2);
        double y0 = (h - side) / 2;
        for (int t = 0; t < size; t++) {
            for (int x = 0; x < size; x++) {
                g.setFill(ColorMaps.diverging(field[t * size + x], range));
                g.fillRect(x0 + x * cell, y0 + t * cell, Math.ceil(cell), Math.ceil(cell));
            }
        }
        g.setStroke(Color.gray(0.5));
        g.setLineWidth(1);
        g.strokeRect(x0, y0, side, side);
        if (!colourBar) {
            return;
        }
        double bx = x0 + side + 12;
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            double v = range * (1 - 2.0 * i / (steps - 1));
            g.setFill(ColorMaps.diverging(v, range));
            g.fillRect(bx, y0 + i * side / steps, 14, Math.ceil(side / steps));
        }
        g.strokeRect(bx, y0, 14, side);
        g.setFill(Color.gray(0.45));
        g.setFont(Font.font(fontSize()));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(String.format(Locale.ROOT, "%+.1f", range), bx + 17, y0 + 6);
        g.fillText("0", bx + 17, y0 + side / 2);
        g.fillText(String.format(Locale.ROOT, "%+.1f", -range), bx + 17, y0 + side - 6);
    }
}
