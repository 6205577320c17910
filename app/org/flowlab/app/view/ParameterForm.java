package org.flowlab.app.view;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

import java.util.ArrayList;
import java.util.List;

/**
 * A property sheet of validated number fields in titled sections: name, field, unit or range,
 * and the error message under the field. {@link #validProperty()} is true when every field is.
 */
public final class ParameterForm {

    private final GridPane grid = new GridPane();
    private final List<NumberField<?>> fields = new ArrayList<>();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);
    private int row;

    /** Creates an empty form. */
    public ParameterForm() {
        grid.getStyleClass().add("parameter-form");
        grid.setHgap(8);
        grid.setVgap(4);
        grid.setPadding(new Insets(4, 0, 4, 0));
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(90);
        ColumnConstraints input = new ColumnConstraints();
        input.setHgrow(Priority.ALWAYS);
        input.setMinWidth(80);
        ColumnConstraints hint = new ColumnConstraints();
        hint.setMinWidth(50);
        grid.getColumnConstraints().addAll(name, input, hint);
    }

    /**
     * Adds a section heading.
     *
     * @param title the heading
     */
    public void section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("form-section");
        GridPane.setMargin(l, new Insets(row == 0 ? 0 : 10, 0, 2, 0));
        grid.add(l, 0, row++, 3, 1);
    }

    /**
     * Adds any node across the full width (preset buttons, say).
     *
     * @param node the node
     */
    public void addWide(Node node) {
        grid.add(node, 0, row++, 3, 1);
    }

    /**
     * Adds a field row.
     *
     * @param name the parameter's name as shown
     * @param field the field
     * @param hint unit or allowed range, shown after the field
     * @param <T> the number type
     * @return the field
     */
    public <T extends Number> NumberField<T> add(String name, NumberField<T> field, String hint) {
        Label label = new Label(name);
        label.getStyleClass().add("form-label");
        label.setLabelFor(field.field());
        Label unit = new Label(hint);
        unit.getStyleClass().add("form-hint");
        grid.add(label, 0, row);
        grid.add(field.field(), 1, row);
        grid.add(unit, 2, row);
        GridPane.setHalignment(unit, HPos.LEFT);
        row++;
        grid.add(field.errorLabel(), 0, row++, 3, 1);
        fields.add(field);
        field.validProperty().addListener((obs, was, now) -> updateValid());
        updateValid();
        return field;
    }

    private void updateValid() {
        valid.set(fields.stream().allMatch(f -> f.validProperty().get()));
    }

    /**
     * True when every field holds a valid value.
     *
     * @return the property
     */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /**
     * The first error message of the form, or "" when all fields are valid.
     *
     * @return the message
     */
    public String firstError() {
        for (NumberField<?> f : fields) {
            if (!f.messageProperty().get().isEmpty()) {
                return f.messageProperty().get();
            }
        }
        return "";
    }

    /**
     * The form's node.
     *
     * @return the grid
     */
    public GridPane view() {
        return grid;
    }

    /**
     * Enables or disables editing of every field (while a run is going).
     *
     * @param disabled true to lock the form
     */
    public void setLocked(boolean disabled) {
        for (NumberField<?> f : fields) {
            f.field().setDisable(disabled);
        }
    }
}
