package org.flowlab.app.view.form;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.flowlab.model.spec.ParamDef;

/**
 * A property sheet generated from parameter definitions: one row per parameter with its name,
 * an input (text field, choice box or check box), the unit or range, and an error line under
 * the field. Validation uses the definitions' own checks, so the messages are those of the
 * command line. Tooltips carry the help text (the formula the parameter enters).
 */
public final class ParamSheet extends GridPane {

    private final List<Row> rows = new ArrayList<>();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);
    private final String idPrefix;
    private Runnable onChange = () -> {};

    private final class Row {
        final ParamDef def;
        final Control input;
        final Label error = new Label();

        Row(ParamDef def, Control input) {
            this.def = def;
            this.input = input;
        }

        String text() {
            if (input instanceof TextField tf) {
                return tf.getText();
            }
            if (input instanceof ChoiceBox<?> cb) {
                return String.valueOf(cb.getValue());
            }
            return Boolean.toString(((CheckBox) input).isSelected());
        }

        void setText(String text) {
            if (input instanceof TextField tf) {
                tf.setText(text);
            } else if (input instanceof ChoiceBox<?> cb) {
                @SuppressWarnings("unchecked")
                ChoiceBox<String> box = (ChoiceBox<String>) cb;
                if (box.getItems().contains(text)) {
                    box.setValue(text);
                }
            } else {
                ((CheckBox) input).setSelected(Boolean.parseBoolean(text));
            }
        }

        String check() {
            try {
                def.canonical(text());
                return "";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    }

    /**
     * Builds the sheet.
     *
     * @param idPrefix prefix of the node ids ("" for ids equal to the parameter keys)
     * @param defs the parameters
     */
    public ParamSheet(String idPrefix, List<ParamDef> defs) {
        this.idPrefix = idPrefix;
        getStyleClass().add("parameter-form");
        setHgap(8);
        setVgap(3);
        setPadding(new Insets(2, 0, 2, 0));
        ColumnConstraints name = new ColumnConstraints();
        // as wide as the longest name (whole, never "coupling la…"), at any font size
        name.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints input = new ColumnConstraints();
        input.setHgrow(Priority.ALWAYS);
        input.setMinWidth(80);
        ColumnConstraints hint = new ColumnConstraints();
        hint.setMinWidth(Region.USE_PREF_SIZE);
        getColumnConstraints().addAll(name, input, hint);
        int r = 0;
        for (ParamDef d : defs) {
            Control control = control(d);
            control.setId(idPrefix + d.key());
            Tooltip tip = new Tooltip(d.help());
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            control.setTooltip(tip);
            Row row = new Row(d, control);
            Label label = new Label(d.label());
            label.getStyleClass().add("form-label");
            label.setLabelFor(control);
            label.setTooltip(tip);
            Label unit = new Label(d.unit().isEmpty() ? d.rangeHint() : d.unit());
            unit.getStyleClass().add("form-hint");
            row.error.setId(idPrefix + d.key() + "-error");
            row.error.getStyleClass().add("field-error");
            row.error.setWrapText(true);
            row.error.managedProperty().bind(row.error.visibleProperty());
            row.error.setVisible(false);
            add(label, 0, r);
            add(control, 1, r);
            add(unit, 2, r);
            r++;
            add(row.error, 0, r++, 3, 1);
            rows.add(row);
        }
        revalidate();
    }

    private Control control(ParamDef d) {
        switch (d.type()) {
            case CHOICE: {
                ChoiceBox<String> box = new ChoiceBox<>(FXCollections.observableArrayList(d.choices()));
                box.setValue(d.defaultValue());
                box.valueProperty().addListener(o -> changed());
                box.setMaxWidth(Double.MAX_VALUE);
                return box;
            }
            case BOOLEAN: {
                CheckBox box = new CheckBox();
                box.setSelected(Boolean.parseBoolean(d.defaultValue()));
                box.selectedProperty().addListener(o -> changed());
                return box;
            }
            default: {
                TextField field = new TextField(d.defaultValue());
                field.setPrefColumnCount(7);
                field.textProperty().addListener(o -> changed());
                return field;
            }
        }
    }

    private void changed() {
        revalidate();
        onChange.run();
    }

    /**
     * Runs an action after every edit (after the sheet's own validation).
     *
     * @param action the action
     */
    public void setOnChange(Runnable action) {
        this.onChange = action;
    }

    /** Checks every row and shows or hides its message. */
    public void revalidate() {
        boolean ok = true;
        for (Row row : rows) {
            String problem = row.check();
            row.error.setText(problem);
            row.error.setVisible(!problem.isEmpty());
            if (problem.isEmpty()) {
                row.input.getStyleClass().remove(NumberField.INVALID);
            } else {
                ok = false;
                if (!row.input.getStyleClass().contains(NumberField.INVALID)) {
                    row.input.getStyleClass().add(NumberField.INVALID);
                }
            }
        }
        valid.set(ok);
    }

    /**
     * Shows a message under one field (for checks that involve other parts, such as "L must be
     * even for RealNVP"); cleared by the next edit.
     *
     * @param key the parameter key
     * @param message the message
     * @return true if the key belongs to this sheet
     */
    public boolean showProblem(String key, String message) {
        for (Row row : rows) {
            if (row.def.key().equals(key)) {
                row.error.setText(message);
                row.error.setVisible(true);
                if (!row.input.getStyleClass().contains(NumberField.INVALID)) {
                    row.input.getStyleClass().add(NumberField.INVALID);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every field is valid on its own.
     *
     * @return the property
     */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /**
     * The values as typed.
     *
     * @return key to text
     */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Row row : rows) {
            out.put(row.def.key(), row.text());
        }
        return out;
    }

    /**
     * Sets values (unknown keys are ignored).
     *
     * @param values key to text
     */
    public void setValues(Map<String, String> values) {
        for (Row row : rows) {
            String v = values.get(row.def.key());
            if (v != null) {
                row.setText(v);
            }
        }
        revalidate();
    }

    /**
     * The first error message, or "".
     *
     * @return the message
     */
    public String firstError() {
        for (Row row : rows) {
            String p = row.check();
            if (!p.isEmpty()) {
                return p;
            }
        }
        return "";
    }

    /**
     * Locks or unlocks editing.
     *
     * @param locked true while a run is going
     */
    public void setLocked(boolean locked) {
        for (Row row : rows) {
            row.input.setDisable(locked);
        }
    }

    /**
     * The id prefix of the inputs.
     *
     * @return the prefix
     */
    public String idPrefix() {
        return idPrefix;
    }
}
