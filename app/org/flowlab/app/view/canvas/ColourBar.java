package org.flowlab.app.view.canvas;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The colour scale of a row of heat maps, drawn once beside them (so that every heat map of the
 * row gets the same size): the diverging map from −range (blue) to +range (red).
 */
public final class ColourBar extends Pane {

    private static final double BAR = 14;

    private final Canvas canvas = new Canvas();
    private final Label fontProbe = new Label();
    private double range = 1;
    private boolean shown;

    /**
     * Creates an empty bar.
     *
     * @param id node id
     */
    public ColourBar(String id) {
        setId(id);
        fontProbe.setManaged(false);
        fontProbe.setVisible(false);
        getChildren().addAll(canvas, fontProbe);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        fontProbe.fontProperty().addListener(o -> {
            setPrefWidth(width());
            draw();
        });
        setMinWidth(width());
        setPrefWidth(width());
    }

    private double fontSize() {
        return Math.max(11, fontProbe.getFont().getSize() * 0.87);
    }

    private double width() {
        return BAR + 8 + 3.2 * fontSize();
    }

    /**
     * Shows the scale.
     *
     * @param colourRange half-width of the colour scale
     */
    public void setRange(double colourRange) {
        this.range = colourRange > 0 ? colourRange : 1;
        shown = true;
        draw();
    }

    /** Hides the scale (no field shown). */
    public void clear() {
        shown = false;
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        double top = fontSize();
        double side = h - 2 * top;
        if (!shown || side < 20) {
            return;
        }
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            double v = range * (1 - 2.0 * i / (steps - 1));
            g.setFill(ColorMaps.diverging(v, range));
            g.fillRect(2, top + i * side / steps, BAR, Math.ceil(side / steps));
        }
        g.setStroke(Color.gray(0.5));
        g.strokeRect(2, top, BAR, side);
        g.setFill(Color.gray(0.45));
        g.setFont(Font.font(fontSize()));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(String.format(Locale.ROOT, "%+.1f", range), BAR + 6, top);
        g.fillText("0", BAR + 6, top + side / 2);
        g.fillText(String.format(Locale.ROOT, "%+.1f", -range), BAR + 6, top + side);
    }
}
