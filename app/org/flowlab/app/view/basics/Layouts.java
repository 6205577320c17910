package org.flowlab.app.view.basics;

import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;

/** Small layout and text helpers shared by the Basics panes. */
final class Layouts {

    /** Width of the settings column. */
    static final double FORM_WIDTH = 300;

    private Layouts() {}

    static void columns(GridPane grid, double... percents) {
        for (double p : percents) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(p);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
        }
    }

    static void rows(GridPane grid, double... percents) {
        for (double p : percents) {
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(p);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
    }

    static void grow(Region... regions) {
        for (Region r : regions) {
            GridPane.setHgrow(r, Priority.ALWAYS);
            GridPane.setVgrow(r, Priority.ALWAYS);
            r.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            r.setMinSize(0, 0);
        }
    }

    /**
     * Puts a settings column in a vertical scroll pane of fixed width, so the form stays usable
     * on a 720-pixel-high screen.
     *
     * @param content the form
     * @return the scroll pane
     */
    static ScrollPane formColumn(Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefWidth(FORM_WIDTH);
        scroll.setMinWidth(FORM_WIDTH);
        return scroll;
    }

    /**
     * Takes a label out of the layout while its text is empty.
     *
     * @param label the label
     */
    static void hideWhenEmpty(javafx.scene.control.Label label) {
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
    }

    /**
     * A number as short text: whole numbers without a decimal point.
     *
     * @param v the number
     * @return the text
     */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /**
     * Parses a true/false link parameter.
     *
     * @param text the value, or null when absent
     * @param name the parameter's name, for the message
     * @param absent the value when absent
     * @return the flag
     * @throws IllegalArgumentException when the text is neither true nor false
     */
    static boolean flag(String text, String name, boolean absent) {
        if (text == null) {
            return absent;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("1") || t.equals("yes")) {
            return true;
        }
        if (t.equals("false") || t.equals("0") || t.equals("no")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false, not '" + text + "'");
    }
}
