package org.flowlab.app.view.basics;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.flowlab.model.ml.FitConfig;
import org.flowlab.model.ml.Mlp;
import org.flowlab.model.ml.Ranges;
import org.flowlab.model.ml.TargetFunction;

/** The settings column of "fit a function": presets, network, loss, optimiser, data, pace. */
final class FitForm {

    /** Hidden units drawn at most in the units picture (the largest ones). */
    static final int MAX_UNITS_DRAWN = 48;

    private final SettingsForm fields = new SettingsForm("fit-");
    private final ToggleGroup presets = new ToggleGroup();
    private final Map<TargetFunction, ToggleButton> presetButtons = new EnumMap<>(TargetFunction.class);
    private final ChoiceBox<String> loss;
    private final CheckBox compare = new CheckBox("MSE and MAE side by side");
    private final RunButtons run = new RunButtons("fit-");
    private final Label parameters = new Label();
    private final VBox settings = new VBox(6);
    private final VBox root = new VBox(8);
    private final ScrollPane view;

    FitForm() {
        FitConfig d = FitConfig.DEFAULT;
        FlowPane presetRow = new FlowPane(4, 4);
        for (TargetFunction f : TargetFunction.values()) {
            ToggleButton b = new ToggleButton(label(f));
            b.setId("preset-" + f.key());
            b.setToggleGroup(presets);
            b.setUserData(f);
            b.setTooltip(new Tooltip(f.formula() + " on [" + Layouts.number(Math.round(f.lower() * 100) / 100.0) + ", "
                    + Layouts.number(Math.round(f.upper() * 100) / 100.0) + "]"));
            presetButtons.put(f, b);
            presetRow.getChildren().add(b);
        }
        presetButtons.get(d.function()).setSelected(true);
        presets.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                presets.selectToggle(was);
            } else {
                fields.field("noise")
                        .field()
                        .setText(Layouts.number(((TargetFunction) now.getUserData()).presetNoise()));
            }
        });

        loss = fields.choice(
                "loss",
                "loss",
                List.of("MSE", "MAE"),
                "MSE",
                "MSE = (1/n) Σ (y − ŷ)² fits the mean; MAE = (1/n) Σ |y − ŷ| fits the median");
        fields.wide(compare);
        compare.setId("fit-compare");
        compare.setTooltip(new Tooltip("Two runs on the same data from the same seed, one per loss"));
        loss.disableProperty().bind(compare.selectedProperty());
        fields.number(
                "hidden",
                "hidden units",
                Integer.toString(d.hidden()),
                t -> Ranges.parseInt("hidden", t, 1, FitConfig.MAX_HIDDEN),
                "units per hidden layer (width)");
        fields.number(
                "layers",
                "hidden layers",
                Integer.toString(d.layers()),
                t -> Ranges.parseInt("layers", t, 1, FitConfig.MAX_LAYERS),
                "number of hidden layers (depth)");
        fields.choice(
                "activation",
                "activation",
                List.of("tanh", "relu", "leakyrelu", "sigmoid"),
                d.activation().key(),
                "the elementwise non-linearity σ between the linear maps");
        fields.choice(
                "optimizer",
                "optimiser",
                List.of("adam", "sgd"),
                d.optimizer().key(),
                "SGD: ω ← ω − η g. Adam: steps of about η per parameter, whatever the gradient's scale");
        fields.number(
                "lr",
                "learning rate",
                Layouts.number(d.lr()),
                t -> Ranges.parseReal("lr", t, 0, FitConfig.MAX_LR, true),
                "step size of the optimiser");
        fields.number(
                "batch",
                "batch (0 = all)",
                Integer.toString(d.batch()),
                t -> t.trim().equalsIgnoreCase("full") ? 0 : Ranges.parseInt("batch", t, 0, FitConfig.MAX_N),
                "points per gradient step; 0 uses the whole training set every step (full-batch gradient descent)");
        fields.number(
                "n",
                "training points",
                Integer.toString(d.n()),
                t -> Ranges.parseInt("n", t, FitConfig.MIN_N, FitConfig.MAX_N),
                "the held-out set has as many");
        fields.number(
                "noise",
                "noise",
                Layouts.number(d.noise()),
                t -> Ranges.parseReal("noise", t, 0, FitConfig.MAX_NOISE, false),
                "standard deviation of the noise on y");
        fields.number(
                "outliers",
                "outliers",
                Layouts.number(d.outliers()),
                t -> Ranges.parseReal("outliers", t, 0, FitConfig.MAX_OUTLIERS, false),
                "fraction of points pushed up by 1 to 2 times the function's range");
        fields.number(
                "steps",
                "steps",
                Integer.toString(d.steps()),
                t -> Ranges.parseInt("steps", t, 1, FitConfig.MAX_STEPS),
                "optimiser steps");
        fields.number(
                "seed",
                "seed",
                Long.toString(d.seed()),
                t -> Ranges.parseLong("seed", t),
                "the same seed gives the same data, initial weights and batches");
        batchCheck();
        fields.field("n")
                .field()
                .textProperty()
                .addListener(o -> fields.field("batch").revalidate());
        parameters.setId("fit-parameters");
        parameters.getStyleClass().add("form-hint");
        parameters.setWrapText(true);
        fields.field("hidden").field().textProperty().addListener(o -> countParameters());
        fields.field("layers").field().textProperty().addListener(o -> countParameters());
        countParameters();

        Label presetTitle = new Label("Function");
        presetTitle.getStyleClass().add("form-section");
        Label networkTitle = new Label("Settings");
        networkTitle.getStyleClass().add("form-section");
        settings.getChildren().addAll(presetTitle, presetRow, networkTitle, fields, parameters, run.speedRow());
        root.getChildren().addAll(run.buttons(), settings);
        root.setPadding(new Insets(8));
        view = Layouts.formColumn(root);
    }

    private static String label(TargetFunction f) {
        return switch (f) {
            case SINC -> "sinc";
            case ABS -> "|x|";
            case STEP -> "step";
            case SIN -> "sin + noise";
        };
    }

    @SuppressWarnings("unchecked")
    private void batchCheck() {
        org.flowlab.app.view.form.NumberField<Integer> batch =
                (org.flowlab.app.view.form.NumberField<Integer>) fields.field("batch");
        batch.setExtraCheck(b -> {
            Number n = fields.field("n").value();
            return n != null && b > n.intValue() ? "batch must be at most the training points (" + n + ")" : null;
        });
    }

    private void countParameters() {
        Number h = fields.field("hidden").value();
        Number l = fields.field("layers").value();
        parameters.setText(
                h == null || l == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "%,d trainable parameters (weights and biases)",
                                Mlp.parameterCount(1, h.intValue(), l.intValue())));
    }

    /**
     * The settings as text for {@link FitConfig#with}.
     *
     * @return name to text
     */
    Map<String, String> settings() {
        Map<String, String> m = fields.texts();
        m.put("function", ((TargetFunction) presets.getSelectedToggle().getUserData()).key());
        return m;
    }

    /**
     * Shows a configuration in the form.
     *
     * @param config the settings
     * @param sideBySide whether to compare MSE and MAE
     */
    void apply(FitConfig config, boolean sideBySide) {
        presetButtons.get(config.function()).setSelected(true);
        Map<String, String> m = config.toMap();
        m.put("loss", config.loss().key().toUpperCase(Locale.ROOT));
        fields.set(m);
        compare.setSelected(sideBySide);
    }

    /**
     * Calls back when a setting that changes the data (points, noise, outliers, seed) changes.
     *
     * @param action the callback
     */
    void onDataChange(Runnable action) {
        for (String key : List.of("n", "noise", "outliers", "seed")) {
            fields.field(key).field().textProperty().addListener(o -> action.run());
        }
    }

    RunButtons run() {
        return run;
    }

    /** Disables the settings (not Stop) while a run goes. */
    void lockWhile(ObservableBooleanValue running) {
        settings.disableProperty().bind(running);
    }

    void wideRow(Node node) {
        root.getChildren().add(1, node);
    }

    BooleanBinding validProperty() {
        return fields.validProperty();
    }

    CheckBox compareBox() {
        return compare;
    }

    ToggleGroup presetGroup() {
        return presets;
    }

    ScrollPane view() {
        return view;
    }
}
