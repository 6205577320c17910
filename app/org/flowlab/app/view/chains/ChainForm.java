package org.flowlab.app.view.chains;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * A compact two-column form of named text fields for the Markov-chain views. Values are read
 * and checked when a run starts; a bad value is an {@link IllegalArgumentException} whose
 * one-line message names the field.
 */
final class ChainForm extends GridPane {

    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final Map<String, Label> labels = new LinkedHashMap<>();

    ChainForm() {
        setHgap(8);
        setVgap(5);
        setPadding(new Insets(2, 0, 2, 0));
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(90);
        ColumnConstraints field = new ColumnConstraints();
        field.setHgrow(Priority.ALWAYS);
        field.setPrefWidth(110);
        getColumnConstraints().addAll(label, field);
    }

    /**
     * Adds a field.
     *
     * @param key the key (also the node id suffix: {@code chains-KEY})
     * @param label the label
     * @param value the initial text
     * @param hint a tooltip
     * @return the field
     */
    TextField add(String key, String label, String value, String hint) {
        Label l = new Label(label);
        TextField f = new TextField(value);
        f.setId("chains-" + key);
        f.setPrefColumnCount(6);
        f.setTooltip(new Tooltip(hint));
        l.setLabelFor(f);
        int row = fields.size();
        add(l, 0, row);
        add(f, 1, row);
        fields.put(key, f);
        labels.put(key, l);
        return f;
    }

    /**
     * Shows or hides a field (and its label).
     *
     * @param key the key
     * @param visible whether to show it
     */
    void show(String key, boolean visible) {
        for (javafx.scene.Node n : new javafx.scene.Node[] {fields.get(key), labels.get(key)}) {
            n.setVisible(visible);
            n.setManaged(visible);
        }
    }

    /**
     * Sets a field's text.
     *
     * @param key the key
     * @param text the text
     */
    void set(String key, String text) {
        fields.get(key).setText(text);
    }

    /**
     * The raw text of a field.
     *
     * @param key the key
     * @return the trimmed text
     */
    String text(String key) {
        return fields.get(key).getText().trim();
    }

    /**
     * Whether the form has a field.
     *
     * @param key the key
     * @return true if present
     */
    boolean has(String key) {
        return fields.containsKey(key);
    }

    /**
     * An integer field, checked against bounds.
     *
     * @param key the key
     * @param min smallest allowed
     * @param max largest allowed
     * @return the value
     */
    int integer(String key, int min, int max) {
        String t = text(key);
        int v;
        try {
            v = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(labels.get(key).getText() + ": not a whole number: '" + t + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s must be between %d and %d, got %d",
                    labels.get(key).getText(),
                    min,
                    max,
                    v));
        }
        return v;
    }

    /**
     * A real field, checked against bounds.
     *
     * @param key the key
     * @param min smallest allowed
     * @param max largest allowed
     * @return the value
     */
    double real(String key, double min, double max) {
        String t = text(key);
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(labels.get(key).getText() + ": not a number: '" + t + "'");
        }
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s must be between %s and %s, got %s",
                    labels.get(key).getText(),
                    min,
                    max,
                    t));
        }
        return v;
    }
}
