package org.flowlab.app.view.basics;

import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * A canvas picture with a title above and a caption below that fills the space it is given
 * and repaints on resize and on {@link #draw()}; light or dark.
 */
abstract class Picture extends VBox {

    /** The line above the picture. */
    protected final Label title = new Label();
    /** The line under the picture. */
    protected final Label caption = new Label();

    private final Canvas canvas = new Canvas();
    /** Whether the dark theme is active. */
    protected boolean dark;

    Picture(String id, String heading, double minWidth, double minHeight) {
        setId(id);
        title.setText(heading);
        title.getStyleClass().add("view-title");
        caption.getStyleClass().add("view-caption");
        caption.setWrapText(true);
        caption.setManaged(false);
        caption.setVisible(false);
        caption.textProperty().addListener((o, was, now) -> {
            caption.setManaged(!now.isEmpty());
            caption.setVisible(!now.isEmpty());
        });
        Pane holder = new Pane(canvas);
        holder.setMinSize(minWidth, minHeight);
        holder.setPrefSize(minWidth, minHeight);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        VBox.setVgrow(holder, Priority.ALWAYS);
        setAlignment(Pos.TOP_LEFT);
        setSpacing(2);
        setMinSize(0, 0);
        getChildren().addAll(title, holder, caption);
    }

    /** Clears the canvas and paints the picture again. */
    final void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(background());
        g.fillRect(0, 0, w, h);
        if (w > 20 && h > 20) {
            paint(g, w, h);
        }
    }

    /**
     * Switches between the light and the dark look.
     *
     * @param on whether the dark theme is active
     */
    void setDark(boolean on) {
        dark = on;
        draw();
    }

    /** The picture's background colour. */
    Color background() {
        return dark ? Color.rgb(13, 17, 23) : Color.WHITE;
    }

    /** The colour of axes and text. */
    Color foreground() {
        return dark ? Color.rgb(230, 237, 243) : Color.rgb(36, 41, 47);
    }

    /**
     * Paints on a cleared canvas.
     *
     * @param g graphics
     * @param w width
     * @param h height
     */
    protected abstract void paint(GraphicsContext g, double w, double h);
}
