package org.flowlab.app.view.canvas;

import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A picture drawn on a canvas that fills the space it is given, with a title above and a
 * caption below; it repaints when its size changes and when a subclass calls {@link #draw()}.
 */
abstract class CanvasView extends VBox {

    /** The line under the picture. */
    protected final Label caption = new Label();

    private final Canvas canvas = new Canvas();

    /**
     * Builds the view.
     *
     * @param id node id
     * @param heading the title (empty for none)
     * @param minSide smallest width and height of the picture, in pixels
     */
    CanvasView(String id, String heading, double minSide) {
        setId(id);
        Label title = new Label(heading);
        title.getStyleClass().add("view-title");
        title.setWrapText(true);
        title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        title.setManaged(!heading.isEmpty());
        title.setVisible(!heading.isEmpty());
        caption.getStyleClass().add("view-caption");
        Pane holder = new Pane(canvas);
        holder.setMinSize(minSide, minSide);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        caption.fontProperty().addListener(o -> draw());
        VBox.setVgrow(holder, Priority.ALWAYS);
        setAlignment(Pos.TOP_CENTER);
        setSpacing(4);
        getChildren().addAll(title, holder, caption);
    }

    /**
     * The size of text drawn on the picture: a little smaller than the caption's, so that it
     * follows zoom and presentation mode.
     *
     * @return the font size in pixels
     */
    protected final double fontSize() {
        return Math.max(10, caption.getFont().getSize() * 0.87);
    }

    /** Clears the canvas and paints the picture again. */
    protected final void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        paint(g, w, h);
    }

    /**
     * Paints the picture on a cleared canvas.
     *
     * @param g the canvas's graphics
     * @param w its width
     * @param h its height
     */
    protected abstract void paint(GraphicsContext g, double w, double h);
}
