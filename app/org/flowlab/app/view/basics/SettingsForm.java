package org.flowlab.app.view.basics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.flowlab.app.view.form.NumberField;

/**
 * A two-column form of named settings (label, control, and an error line under a bad number),
 * read and written as text keyed by the settings' names, so that the model's own parser
 * ({@code FitConfig.with}, {@code ClassifyConfig.with}) checks the form exactly as it checks a
 * link or the command line.
 */
final class SettingsForm extends GridPane {

    private final String idPrefix;
    private final Map<String, NumberField<? extends Number>> numbers = new LinkedHashMap<>();
    private final Map<String, ChoiceBox<String>> choices = new LinkedHashMap<>();
    private final List<ObservableBooleanValue> validity = new ArrayList<>();
    private int row;

    SettingsForm(String idPrefix) {
        this.idPrefix = idPrefix;
        setHgap(8);
        setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.RIGHT);
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        getColumnConstraints().setAll(labels, fields);
    }

    /**
     * Adds a number.
     *
     * @param key the setting's name (the field's id is the prefix plus the name)
     * @param label the label
     * @param initial initial text
     * @param parser parses and checks the text (the model's range check)
     * @param help tooltip text
     * @param <T> Integer or Double
     * @return the field
     */
    <T extends Number> NumberField<T> number(
            String key, String label, String initial, Function<String, T> parser, String help) {
        NumberField<T> f = new NumberField<>(idPrefix + key, initial, parser::apply, help);
        f.field().setPrefColumnCount(6);
        numbers.put(key, f);
        validity.add(f.validProperty());
        add(label(label, help), 0, row);
        add(f.field(), 1, row++);
        add(f.errorLabel(), 0, row++, 2, 1);
        return f;
    }

    /**
     * Adds a choice among named values.
     *
     * @param key the setting's name
     * @param label the label
     * @param values the values (as the model's parser reads them)
     * @param initial the initial value
     * @param help tooltip text
     * @return the choice box
     */
    ChoiceBox<String> choice(String key, String label, List<String> values, String initial, String help) {
        ChoiceBox<String> box = new ChoiceBox<>(FXCollections.observableArrayList(values));
        box.setId(idPrefix + key);
        box.setValue(initial);
        box.setTooltip(new Tooltip(help));
        choices.put(key, box);
        add(label(label, help), 0, row);
        add(box, 1, row++);
        return box;
    }

    /**
     * Adds a row spanning both columns.
     *
     * @param node the node
     */
    void wide(Node node) {
        add(node, 0, row++, 2, 1);
    }

    private static Label label(String text, String help) {
        Label l = new Label(text);
        l.setTooltip(new Tooltip(help));
        return l;
    }

    /**
     * Every setting as text.
     *
     * @return name to text
     */
    Map<String, String> texts() {
        Map<String, String> m = new LinkedHashMap<>();
        numbers.forEach((k, f) ->
                m.put(k, f.field().getText() == null ? "" : f.field().getText().trim()));
        choices.forEach((k, c) -> m.put(k, c.getValue()));
        return m;
    }

    /**
     * Fills the form; names it does not hold are ignored.
     *
     * @param values name to text
     */
    void set(Map<String, String> values) {
        values.forEach((k, v) -> {
            if (numbers.containsKey(k)) {
                numbers.get(k).field().setText(v);
            } else if (choices.containsKey(k)) {
                choices.get(k).setValue(v);
            }
        });
    }

    /**
     * A number field.
     *
     * @param key the setting's name
     * @return the field
     */
    NumberField<? extends Number> field(String key) {
        return numbers.get(key);
    }

    /**
     * True while every number field holds a valid value.
     *
     * @return the binding
     */
    BooleanBinding validProperty() {
        return Bindings.createBooleanBinding(
                () -> validity.stream().allMatch(ObservableBooleanValue::get),
                validity.toArray(new ObservableBooleanValue[0]));
    }
}
