package org.flowlab.app.view.form;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/**
 * A text field for one number with inline validation: while the text is not a valid value,
 * the message under the field says why and {@link #validProperty()} is false.
 *
 * @param <T> Integer or Double
 */
public final class NumberField<T extends Number> {

    /** Style class of a field whose text is invalid. */
    public static final String INVALID = "invalid";

    /** Parses and checks a text, throwing IllegalArgumentException with the reason. */
    @FunctionalInterface
    public interface Parser<T> extends Function<String, T> {}

    private final TextField field = new TextField();
    private final Label error = new Label();
    private final Parser<T> parser;
    private final ReadOnlyObjectWrapper<T> value = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanBinding valid;
    private Function<T, String> extraCheck = v -> null;

    /**
     * Creates the field.
     *
     * @param id node id of the text field (its error label gets {@code id + "-error"})
     * @param initial initial text
     * @param parser parser and range check
     * @param tooltip help text, such as the formula the parameter appears in
     */
    public NumberField(String id, String initial, Parser<T> parser, String tooltip) {
        this.parser = parser;
        field.setId(id);
        field.setText(initial);
        field.setPrefColumnCount(7);
        field.setTooltip(new Tooltip(tooltip));
        error.setId(id + "-error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(message.getReadOnlyProperty());
        error.visibleProperty().bind(message.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        valid = Bindings.createBooleanBinding(() -> message.get().isEmpty(), message);
        field.textProperty().addListener((obs, old, text) -> revalidate());
        revalidate();
    }

    /**
     * Adds a check that depends on other fields; call {@link #revalidate()} when they change.
     *
     * @param check returns an error message, or null when the value is acceptable
     */
    public void setExtraCheck(Function<T, String> check) {
        this.extraCheck = check;
        revalidate();
    }

    /** Parses the text again and updates value, message and style. */
    public void revalidate() {
        String text = field.getText() == null ? "" : field.getText().trim();
        String problem;
        T parsed = null;
        if (text.isEmpty()) {
            problem = "enter a value";
        } else {
            try {
                parsed = parser.apply(text);
                problem = extraCheck.apply(parsed);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        if (problem == null) {
            value.set(parsed);
            message.set("");
            field.getStyleClass().remove(INVALID);
        } else {
            value.set(null);
            message.set(problem);
            if (!field.getStyleClass().contains(INVALID)) {
                field.getStyleClass().add(INVALID);
            }
        }
    }

    /**
     * The text field.
     *
     * @return the node
     */
    public TextField field() {
        return field;
    }

    /**
     * The error label shown under the field.
     *
     * @return the node
     */
    public Label errorLabel() {
        return error;
    }

    /**
     * The parsed value, or null while invalid.
     *
     * @return the property
     */
    public ReadOnlyObjectProperty<T> valueProperty() {
        return value.getReadOnlyProperty();
    }

    /**
     * The parsed value.
     *
     * @return the value
     * @throws IllegalStateException while the text is invalid
     */
    public T value() {
        T v = value.get();
        if (v == null) {
            throw new IllegalStateException(message.get());
        }
        return v;
    }

    /**
     * The current error message ("" when valid).
     *
     * @return the property
     */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * Whether the text is a valid value.
     *
     * @return the binding
     */
    public BooleanBinding validProperty() {
        return valid;
    }

    /**
     * Sets the text from a number.
     *
     * @param v the value
     */
    public void set(Number v) {
        if (v instanceof Integer || v instanceof Long) {
            field.setText(Long.toString(v.longValue()));
        } else {
            double d = v.doubleValue();
            field.setText(
                    d == Math.rint(d) && Math.abs(d) < 1e6
                            ? Long.toString((long) d)
                            : String.format(Locale.ROOT, "%s", d));
        }
    }

    /**
     * A parser for whole numbers in [min, max].
     *
     * @param what the quantity's name for messages
     * @param min smallest allowed value
     * @param max largest allowed value
     * @return the parser
     */
    public static Parser<Integer> integer(String what, int min, int max) {
        return text -> {
            int v;
            try {
                v = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a whole number, not '" + text + "'");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException(what + " must be between " + min + " and " + max);
            }
            return v;
        };
    }

    /**
     * A parser for finite real numbers in [min, max], with an optional exclusive lower bound.
     *
     * @param what the quantity's name for messages
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param minExclusive whether min itself is excluded
     * @return the parser
     */
    public static Parser<Double> real(String what, double min, double max, boolean minExclusive) {
        return text -> {
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a number, not '" + text + "'");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be a finite number");
            }
            if (minExclusive ? v <= min : v < min) {
                throw new IllegalArgumentException(
                        what + " must be " + (minExclusive ? "greater than " : "at least ") + fmt(min));
            }
            if (v > max) {
                throw new IllegalArgumentException(what + " must be at most " + fmt(max));
            }
            return v;
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
