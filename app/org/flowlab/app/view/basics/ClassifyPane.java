package org.flowlab.app.view.basics;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.chart.MetricChart;
import org.flowlab.app.task.AppTrainer;
import org.flowlab.model.ml.ClassifyConfig;
import org.flowlab.model.ml.ClassifyResult;
import org.flowlab.model.ml.ClassifyRun;
import org.flowlab.model.ml.FitConfig;
import org.flowlab.model.ml.Mlp;
import org.flowlab.model.ml.Ranges;
import org.flowlab.model.ml.TwoClassData;

/**
 * "Classify": two-class points in the plane, a network with a logistic output trained on the
 * cross-entropy, its decision boundary as a live heat map under the points, and the accuracy
 * on held-out points.
 */
final class ClassifyPane extends BorderPane {

    private final SettingsForm fields = new SettingsForm("cls-");
    private final ToggleGroup presets = new ToggleGroup();
    private final Map<TwoClassData, ToggleButton> presetButtons = new EnumMap<>(TwoClassData.class);
    private final RunButtons buttons = new RunButtons("cls-");
    private final Label parameters = new Label();
    private final Label status = new Label();
    private final Label accuracy = new Label();
    private final DecisionMap map = new DecisionMap("cls-map");
    private final StackPane lossHolder = new StackPane();
    private final StackPane accuracyHolder = new StackPane();
    private final LiveTraining<ClassifyJob.Frame> live;
    private MetricChart lossChart;
    private MetricChart accuracyChart;
    private ClassifyConfig config;
    private ClassifyJob.Frame lastFrame;
    private boolean dark;

    ClassifyPane(AppTrainer trainer) {
        live = new LiveTraining<>(trainer, this, this::show, this::ended);
        ClassifyConfig d = ClassifyConfig.DEFAULT;
        FlowPane presetRow = new FlowPane(4, 4);
        for (TwoClassData data : TwoClassData.values()) {
            ToggleButton b = new ToggleButton(data.key());
            b.setId("preset-" + data.key());
            b.setToggleGroup(presets);
            b.setUserData(data);
            presetButtons.put(data, b);
            presetRow.getChildren().add(b);
        }
        presetButtons.get(d.data()).setSelected(true);
        presets.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                presets.selectToggle(was);
            } else {
                preview();
            }
        });
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
                "the elementwise non-linearity σ");
        fields.choice(
                "optimizer", "optimiser", List.of("adam", "sgd"), d.optimizer().key(), "SGD or Adam");
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
                "points per gradient step; 0 uses every training point every step");
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
                t -> Ranges.parseReal("noise", t, 0, ClassifyConfig.MAX_NOISE, false),
                "spread of the points");
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
                "the same seed gives the same points, initial weights and batches");
        for (String key : List.of("hidden", "layers")) {
            fields.field(key).field().textProperty().addListener(o -> countParameters());
        }
        for (String key : List.of("n", "noise", "seed")) {
            fields.field(key).field().textProperty().addListener(o -> preview());
        }
        countParameters();
        parameters.getStyleClass().add("form-hint");
        parameters.setWrapText(true);
        status.setId("cls-status");
        status.setWrapText(true);
        status.getStyleClass().add("guide");
        accuracy.setId("cls-accuracy");
        accuracy.getStyleClass().add("form-section");
        accuracy.setWrapText(true);
        Layouts.hideWhenEmpty(accuracy);
        Layouts.hideWhenEmpty(status);

        Label dataTitle = new Label("Data");
        dataTitle.getStyleClass().add("form-section");
        Label settingsTitle = new Label("Settings");
        settingsTitle.getStyleClass().add("form-section");
        VBox settings = new VBox(6, dataTitle, presetRow, settingsTitle, fields, parameters, buttons.speedRow());
        settings.disableProperty().bind(live.runningProperty());
        buttons.train().setOnAction(e -> train());
        buttons.stop().setOnAction(e -> live.stop());
        buttons.train()
                .disableProperty()
                .bind(live.runningProperty().or(fields.validProperty().not()));
        buttons.stop().disableProperty().bind(live.runningProperty().not());
        VBox column = new VBox(8, buttons.buttons(), accuracy, status, settings);
        column.setPadding(new Insets(8));

        Label guide = new Label("Start here: press Train. Dots are training points coloured by class; the "
                + "background is the network's probability of orange, white where it is undecided (the decision "
                + "boundary). Rings are held-out points, never trained on: the held-out accuracy counts them. "
                + "Then try the spiral, and make the network wider or deeper until it succeeds.");
        guide.setWrapText(true);
        guide.getStyleClass().add("guide");
        guide.setPadding(new Insets(0, 0, 4, 0));
        GridPane pictures = new GridPane();
        pictures.setHgap(8);
        pictures.setVgap(6);
        Layouts.columns(pictures, 55, 45);
        Layouts.rows(pictures, 50, 50);
        pictures.add(map, 0, 0, 1, 2);
        pictures.add(lossHolder, 1, 0);
        pictures.add(accuracyHolder, 1, 1);
        Layouts.grow(map, lossHolder, accuracyHolder);
        newCharts();
        BorderPane right = new BorderPane(pictures);
        right.setTop(guide);
        right.setPadding(new Insets(6, 8, 6, 8));
        setLeft(Layouts.formColumn(column));
        setCenter(right);
        preview();
    }

    private void countParameters() {
        Number h = fields.field("hidden").value();
        Number l = fields.field("layers").value();
        parameters.setText(
                h == null || l == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "%,d trainable parameters",
                                Mlp.parameterCount(2, h.intValue(), l.intValue())));
    }

    private Map<String, String> settings() {
        Map<String, String> m = fields.texts();
        m.put("data", ((TwoClassData) presets.getSelectedToggle().getUserData()).key());
        return m;
    }

    private void preview() {
        if (live.runningProperty().get()) {
            return;
        }
        try {
            ClassifyRun run = new ClassifyRun(ClassifyConfig.DEFAULT.with(settings()));
            map.setPoints(run.training(), run.heldOut());
            map.setCaption("");
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
        }
    }

    private void newCharts() {
        lossChart = new MetricChart("cls-lossChart", "Cross-entropy", "step", "loss");
        lossChart.addSeries("train", ChartStyle.PALETTE[0], 2.5f);
        lossChart.addSeries("held-out", ChartStyle.PALETTE[1], 2f);
        PlainNumbers.logAxis(lossChart);
        accuracyChart = new MetricChart("cls-accuracyChart", "Accuracy", "step", "fraction correct");
        accuracyChart.addSeries("train", ChartStyle.PALETTE[0], 2.5f);
        accuracyChart.addSeries("held-out", ChartStyle.PALETTE[1], 2f);
        accuracyChart.setFixedRange(0.4, 1.01);
        lossChart.setDark(dark);
        accuracyChart.setDark(dark);
        lossHolder.getChildren().setAll(lossChart);
        accuracyHolder.getChildren().setAll(accuracyChart);
    }

    /**
     * Starts training with the form's settings (FX thread).
     *
     * @return whether a run started
     */
    boolean train() {
        ClassifyConfig next;
        try {
            next = ClassifyConfig.DEFAULT.with(settings());
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return false;
        }
        ClassifyRun run = new ClassifyRun(next);
        if (!live.start("Basics: classify " + next.data().key(), new ClassifyJob(run), buttons.stepsPerSecond())) {
            status.setText(
                    "The trainer is busy with " + live.busyWith() + ": stop that run first, then press Train again.");
            return false;
        }
        config = next;
        lastFrame = null;
        map.setPoints(run.training(), run.heldOut());
        newCharts();
        accuracy.setText("");
        status.setText("Training… " + run.parameterCount() + " parameters.");
        return true;
    }

    private void show(ClassifyJob.Frame frame) {
        lastFrame = frame;
        ClassifyResult r = frame.result();
        lossChart.batch(() -> {
            lossChart.append(0, r.steps(), r.trainLoss());
            lossChart.append(1, r.steps(), r.heldOutLoss());
        });
        accuracyChart.batch(() -> {
            accuracyChart.append(0, r.steps(), r.trainAccuracy());
            accuracyChart.append(1, r.steps(), r.heldOutAccuracy());
        });
        map.setProbabilities(frame.probabilities(), frame.cells());
        accuracy.setText(String.format(Locale.ROOT, "Held-out accuracy %.1f %%", 100 * r.heldOutAccuracy()));
        status.setText(String.format(
                Locale.ROOT,
                "Step %d of %d. Cross-entropy: train %.3g, held-out %.3g.",
                r.steps(),
                config.steps(),
                r.trainLoss(),
                r.heldOutLoss()));
        map.setCaption(String.format(
                Locale.ROOT,
                "train accuracy %.1f %%, held-out %.1f %%",
                100 * r.trainAccuracy(),
                100 * r.heldOutAccuracy()));
    }

    private void ended(String outcome) {
        if (lastFrame == null) {
            status.setText(outcome == null ? "" : outcome);
            return;
        }
        ClassifyResult r = lastFrame.result();
        String head = outcome == null ? "Done" : "stopped".equals(outcome) ? "Stopped" : "Failed: " + outcome;
        status.setText(String.format(
                Locale.ROOT,
                "%s after %d steps. Cross-entropy: train %.3g, held-out %.3g.",
                head,
                r.steps(),
                r.trainLoss(),
                r.heldOutLoss()));
    }

    /**
     * Applies a link's settings and starts unless told not to.
     *
     * @param parameters the link's parameters (without "experiment")
     */
    void openLink(Map<String, String> parameters) {
        Map<String, String> settings = new LinkedHashMap<>(parameters);
        boolean start = Layouts.flag(settings.remove("start"), "start", true);
        String speed = settings.remove("speed");
        ClassifyConfig c = ClassifyConfig.DEFAULT.with(settings);
        if (speed != null) {
            buttons.setSpeed(speed);
        }
        presetButtons.get(c.data()).setSelected(true);
        fields.set(c.toMap());
        preview();
        if (start) {
            train();
        }
    }

    void stop() {
        live.stop();
    }

    ReadOnlyBooleanProperty runningProperty() {
        return live.runningProperty();
    }

    /**
     * The latest frame (for tests).
     *
     * @return the frame, or null
     */
    ClassifyJob.Frame lastFrame() {
        return lastFrame;
    }

    void setDark(boolean on) {
        dark = on;
        map.setDark(on);
        lossChart.setDark(on);
        accuracyChart.setDark(on);
    }
}
