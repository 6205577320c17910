package org.flowlab.app.view;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import org.controlsfx.control.StatusBar;
import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.chart.HistogramChart;
import org.flowlab.app.chart.MetricChart;
import org.flowlab.app.task.TrainingService;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.flow.RealNvp;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;
import org.flowlab.model.train.TrainingConfig;
import org.flowlab.model.train.TrainingStep;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The phi^4 lab: parameters on the left, live loss and ESS curves, a model sample beside an
 * HMC sample, and the magnetisation histogram (model raw, reweighted, HMC); Train, Pause and
 * Stop in the tool bar; step, speed and device in the status bar.
 */
public final class LabView extends BorderPane implements TrainingService.Sink {

    private static final int HISTOGRAM_BINS = 40;
    private static final int SNAPSHOTS_KEPT = 8;
    private static final double LOSS_SMOOTHING = 0.1;

    private final ParameterForm form = new ParameterForm();
    private final NumberField<Integer> size;
    private final NumberField<Double> m2;
    private final NumberField<Double> lambda;
    private final NumberField<Integer> layers;
    private final NumberField<Integer> hidden;
    private final NumberField<Integer> kernel;
    private final NumberField<Integer> batch;
    private final NumberField<Double> learningRate;
    private final NumberField<Integer> steps;
    private final NumberField<Integer> seed;
    private final Label formError = new Label();
    private final javafx.scene.control.ChoiceBox<DeviceChoice> device =
            new javafx.scene.control.ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(DeviceChoice.values()));
    private final Button train = new Button("Train");
    private final Button pause = new Button("Pause");
    private final Button stop = new Button("Stop");
    private final MetricChart lossChart = new MetricChart("lossChart", "Loss (reverse KL)", "step", "loss = KL(q||p) − log Z");
    private final MetricChart essChart = new MetricChart("essChart", "Effective sample size", "step", "fraction");
    private final HistogramChart histogram = new HistogramChart("magnetisationHistogram", "Magnetisation M", "M = (1/V) Σ φ");
    private final FieldView modelField = new FieldView("modelField", "Model sample  x = f(z)");
    private final FieldView hmcField = new FieldView("hmcField", "HMC sample (truth)");
    private final StatusBar statusBar = new StatusBar();
    private final Label stepLabel = new Label("step –");
    private final Label speedLabel = new Label("– steps/s");
    private final Label deviceLabel = new Label("device: –");
    private final Deque<SampleSnapshot> recentSamples = new ArrayDeque<>();
    private final TrainingService service;
    private final int lossRaw;
    private final int lossSmooth;
    private final int essSeries;
    private final int essSmooth;
    private final Smoother essSmoother = new Smoother(LOSS_SMOOTHING);
    private final Smoother acceptSmoother = new Smoother(LOSS_SMOOTHING);
    private final Smoother lossSmoother = new Smoother(LOSS_SMOOTHING);
    private final int acceptSeries;
    private final int histRaw;
    private final int histReweighted;
    private final int histHmc;
    private double smoothedLoss = Double.NaN;
    private int plannedSteps;
    private int latticeSize;
    private ReferenceChain.Snapshot lastReference;
    private double colourRange = 1;
    private double[] lastModelField;
    private String lastModelCaption = "";
    private String lastHmcCaption = "";

    /** Builds the lab and its training service (call on the FX thread). */
    public LabView() {
        setId("labView");
        getStyleClass().add("lab-view");
        service = new TrainingService(this);

        form.section("Theory: φ⁴ on an L × L torus");
        String action = "S = Σ_x [ (2 + m²/2) φ² + (λ/24) φ⁴ − Σ_μ φ_x φ_{x+μ} ]";
        size = form.add("L", new NumberField<>("L", "8", NumberField.integer("L", 2, 64), "lattice size L (sites per side); RealNVP needs it even"), "sites");
        size.setExtraCheck(v -> v % 2 != 0 ? "L must be even: the checkerboard masks of RealNVP need it" : null);
        m2 = form.add("m²", new NumberField<>("m2", "-0.5", NumberField.real("m²", -20, 20, false), "bare mass squared in " + action), "−20…20");
        lambda = form.add("λ", new NumberField<>("lambda", "1.5", NumberField.real("λ", 0, 200, false), "quartic coupling in " + action), "≥ 0");
        lambda.setExtraCheck(v -> v == 0 && m2.valueProperty().get() != null && m2.valueProperty().get() <= 0
                ? "at λ = 0 the action needs m² > 0" : null);
        m2.valueProperty().addListener(o -> lambda.revalidate());
        form.addWide(presetButtons());

        form.section("Flow: RealNVP (affine couplings)");
        layers = form.add("layers", new NumberField<>("layers", "8", NumberField.integer("coupling layers", 1, 64), "number of affine coupling layers; masks alternate between the two checkerboard colours"), "couplings");
        hidden = form.add("channels", new NumberField<>("hidden", "8", NumberField.integer("hidden channels", 1, 256), "channels of each hidden convolution in the networks that give s and t"), "hidden");
        kernel = form.add("kernel", new NumberField<>("kernel", "3", NumberField.integer("kernel size", 1, 15), "convolution kernel size (odd), circular padding"), "odd");
        kernel.setExtraCheck(v -> v % 2 == 0 ? "the kernel size must be odd"
                : size.valueProperty().get() != null && v > size.valueProperty().get() ? "the kernel must not be larger than L" : null);
        size.valueProperty().addListener(o -> kernel.revalidate());

        form.section("Training: reverse KL with Adam");
        batch = form.add("batch", new NumberField<>("batch", "64", NumberField.integer("batch size", 2, 8192), "samples per step; the loss is the mean of log q + S over the batch"), "samples");
        learningRate = form.add("learning rate", new NumberField<>("lr", "0.001", NumberField.real("learning rate", 0, 1, true), "Adam step size"), "> 0");
        steps = form.add("steps", new NumberField<>("steps", "2000", NumberField.integer("steps", 1, 10_000_000), "number of optimiser steps"), "");
        seed = form.add("seed", new NumberField<>("seed", "1", NumberField.integer("seed", 0, Integer.MAX_VALUE), "seed of the initial weights and of every random number"), "");

        device.setId("device");
        device.setValue(DeviceChoice.AUTO);
        device.setTooltip(new Tooltip("auto: a GPU when the PyTorch engine reports one, else the CPU"));
        Label deviceName = new Label("device");
        deviceName.getStyleClass().add("form-label");
        HBox deviceRow = new HBox(10, deviceName, device);
        deviceRow.setAlignment(Pos.CENTER_LEFT);
        form.addWide(deviceRow);

        formError.setId("formError");
        formError.getStyleClass().add("field-error");
        formError.setWrapText(true);
        Label guide = new Label("Pick a phase, then press Train. Watch the loss fall and the ESS rise; "
                + "compare the model's magnetisation histogram with HMC's.");
        guide.getStyleClass().add("guide");
        guide.setWrapText(true);
        VBox sidebar = new VBox(10, guide, form.view(), formError);
        sidebar.setPadding(new Insets(12));
        sidebar.setPrefWidth(330);
        ScrollPane scroll = new ScrollPane(sidebar);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("sidebar");
        setLeft(scroll);

        setTop(toolBar());
        setCenter(dashboard());
        setBottom(statusBar());

        lossRaw = lossChart.addSeries("loss per step", new java.awt.Color(150, 180, 220), 1f);
        lossSmooth = lossChart.addSeries("smoothed", ChartStyle.PALETTE[0], 2.5f);
        essSeries = essChart.addSeries("ESS per step", new java.awt.Color(160, 210, 160), 1f);
        essSmooth = essChart.addSeries("ESS (smoothed)", ChartStyle.PALETTE[2], 2.5f);
        acceptSeries = essChart.addSeries("Metropolis acceptance (smoothed)", ChartStyle.PALETTE[1], 2.5f);
        essChart.setFixedRange(0, 1.02);
        histRaw = histogram.addSeries("model (raw)", ChartStyle.PALETTE[0], 2f);
        histReweighted = histogram.addSeries("model (reweighted)", ChartStyle.PALETTE[2], 2.5f);
        histHmc = histogram.addSeries("HMC", ChartStyle.PALETTE[4], 2f);
    }

    private FlowPane presetButtons() {
        Button broken = new Button("Broken phase");
        broken.setId("presetBroken");
        broken.setTooltip(new Tooltip("m² = −0.5, λ = 1.5: two vacua ±v, the magnetisation is double-peaked"));
        broken.setOnAction(e -> applyPreset(-0.5, 1.5));
        Button symmetric = new Button("Symmetric phase");
        symmetric.setId("presetSymmetric");
        symmetric.setTooltip(new Tooltip("m² = −0.5, λ = 4.5: one vacuum at φ = 0"));
        symmetric.setOnAction(e -> applyPreset(-0.5, 4.5));
        Button free = new Button("Free field");
        free.setId("presetFree");
        free.setTooltip(new Tooltip("m² = 1, λ = 0: Gaussian, exact results known"));
        free.setOnAction(e -> applyPreset(1.0, 0.0));
        FlowPane p = new FlowPane(6, 6, broken, symmetric, free);
        p.getStyleClass().add("presets");
        return p;
    }

    private void applyPreset(double m2Value, double lambdaValue) {
        m2.set(m2Value);
        lambda.set(lambdaValue);
    }

    private HBox toolBar() {
        train.setId("trainButton");
        train.getStyleClass().addAll("accent", "big-button");
        train.setDefaultButton(true);
        train.setOnAction(e -> startTraining());
        train.disableProperty().bind(service.runningProperty().or(form.validProperty().not()));
        pause.setId("pauseButton");
        pause.getStyleClass().add("big-button");
        pause.textProperty().bind(Bindings.when(service.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.disableProperty().bind(service.runningProperty().not());
        pause.setOnAction(e -> {
            if (service.pausedProperty().get()) {
                service.resume();
            } else {
                service.pause();
            }
        });
        stop.setId("stopButton");
        stop.getStyleClass().addAll("danger", "big-button");
        stop.disableProperty().bind(service.runningProperty().not());
        stop.setOnAction(e -> service.stop());
        Label title = new Label("φ⁴ lab: train a flow by reverse KL");
        title.getStyleClass().add("lab-title");
        HBox bar = new HBox(10, title, new Separator(javafx.geometry.Orientation.VERTICAL), train, pause, stop);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("lab-toolbar");
        return bar;
    }

    private GridPane dashboard() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setPadding(new Insets(10));
        ColumnConstraints c = new ColumnConstraints();
        c.setPercentWidth(50);
        grid.getColumnConstraints().addAll(c, c);
        RowConstraints r = new RowConstraints();
        r.setPercentHeight(50);
        grid.getRowConstraints().addAll(r, r);
        HBox fields = new HBox(10, modelField, hmcField);
        HBox.setHgrow(modelField, Priority.ALWAYS);
        HBox.setHgrow(hmcField, Priority.ALWAYS);
        modelField.setPrefWidth(200);
        hmcField.setPrefWidth(200);
        fields.getStyleClass().add("panel");
        grid.add(lossChart, 0, 0);
        grid.add(essChart, 1, 0);
        grid.add(fields, 0, 1);
        grid.add(histogram, 1, 1);
        for (Region n : List.of(lossChart, essChart, fields, histogram)) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
            n.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        }
        return grid;
    }

    private StatusBar statusBar() {
        statusBar.setId("statusBar");
        statusBar.setText("Ready. Choose parameters and press Train.");
        stepLabel.setId("stepLabel");
        speedLabel.setId("speedLabel");
        deviceLabel.setId("deviceLabel");
        for (Label l : List.of(stepLabel, speedLabel, deviceLabel)) {
            l.getStyleClass().add("status-item");
        }
        statusBar.getRightItems().addAll(stepLabel, new Separator(), speedLabel, new Separator(), deviceLabel);
        return statusBar;
    }

    /**
     * Applies settings given as field ids and texts (from a lecture's "Try it" link) and, if
     * the form is then valid, starts training.
     *
     * @param settings field id to text, e.g. {@code m2 -> -0.5}; unknown ids are ignored
     * @return whether a run was started
     */
    public boolean applyAndTrain(java.util.Map<String, String> settings) {
        if (service.runningProperty().get()) {
            formError.setText("A run is going: stop it before starting another.");
            return false;
        }
        java.util.Map<String, NumberField<?>> byId = new java.util.HashMap<>();
        for (NumberField<?> f : List.of(size, m2, lambda, layers, hidden, kernel, batch, learningRate, steps, seed)) {
            byId.put(f.field().getId(), f);
        }
        settings.forEach((id, text) -> {
            NumberField<?> f = byId.get(id);
            if (f != null) {
                f.field().setText(text);
            }
        });
        if (!form.validProperty().get()) {
            formError.setText(form.firstError());
            return false;
        }
        startTraining();
        return true;
    }

    /**
     * Builds the experiment from the form.
     *
     * @return the experiment
     * @throws IllegalArgumentException with a message for the user when the values do not fit
     */
    public RunSpec experimentFromForm() {
        if (!form.validProperty().get()) {
            throw new IllegalArgumentException(form.firstError());
        }
        return RunSpec.create(
                "phi4",
                java.util.Map.of("L", size.field().getText(), "m2", m2.field().getText(), "lambda", lambda.field().getText()),
                "realnvp",
                java.util.Map.of("layers", layers.field().getText(), "hidden", hidden.field().getText(), "kernel", kernel.field().getText()),
                "rkl",
                java.util.Map.of(),
                new TrainingConfig(steps.value(), batch.value(), learningRate.value(), seed.value()),
                device.getValue(),
                Precision.FLOAT32);
    }

    private void startTraining() {
        RunSpec experiment;
        try {
            experiment = experimentFromForm();
        } catch (IllegalArgumentException | IllegalStateException e) {
            formError.setText(e.getMessage());
            return;
        }
        formError.setText("");
        resetViews();
        plannedSteps = experiment.training().steps();
        latticeSize = size.value();
        form.setLocked(true);
        device.setDisable(true);
        statusBar.setText("Building the flow for " + experiment.theoryKind().describe(experiment.theorySettings()) + " …");
        statusBar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        service.start(experiment);
    }

    private void resetViews() {
        lossChart.clear();
        essChart.clear();
        histogram.clear();
        modelField.clear();
        hmcField.clear();
        recentSamples.clear();
        lastReference = null;
        smoothedLoss = Double.NaN;
        lossSmoother.reset();
        essSmoother.reset();
        acceptSmoother.reset();
        colourRange = 0.5;
        lastModelField = null;
    }

    @Override
    public void started(String description, long parameters, String device) {
        statusBar.setText(String.format(Locale.ROOT, "Training %,d parameters: %s", parameters, description));
        deviceLabel.setText("device: " + device);
    }

    @Override
    public void steps(List<TrainingStep> newSteps) {
        lossChart.batch(() -> {
            for (TrainingStep s : newSteps) {
                lossChart.append(lossRaw, s.step(), s.loss());
                if (Double.isFinite(s.loss())) {
                    smoothedLoss = lossSmoother.add(s.loss());
                    lossChart.append(lossSmooth, s.step(), smoothedLoss);
                }
            }
        });
        essChart.batch(() -> {
            for (TrainingStep s : newSteps) {
                essChart.append(essSeries, s.step(), s.ess());
                if (Double.isFinite(s.ess())) {
                    essChart.append(essSmooth, s.step(), essSmoother.add(s.ess()));
                }
                if (Double.isFinite(s.acceptRate())) {
                    essChart.append(acceptSeries, s.step(), acceptSmoother.add(s.acceptRate()));
                }
            }
        });
        TrainingStep last = newSteps.get(newSteps.size() - 1);
        stepLabel.setText(String.format(Locale.ROOT, "step %d / %d", last.step(), plannedSteps));
        speedLabel.setText(String.format(Locale.ROOT, "%.1f steps/s", last.stepsPerSecond()));
        statusBar.setProgress(plannedSteps > 0 ? (double) last.step() / plannedSteps : 0);
        statusBar.setText(String.format(Locale.ROOT, "Training: loss %.3f, ESS %.3f, acceptance %.3f (smoothed)",
                smoothedLoss, essSmoother.value(), acceptSmoother.value()));
    }

    @Override
    public void modelSamples(SampleSnapshot snapshot) {
        recentSamples.addLast(snapshot);
        while (recentSamples.size() > SNAPSHOTS_KEPT) {
            recentSamples.removeFirst();
        }
        lastModelField = snapshot.configuration(0);
        lastModelCaption = String.format(Locale.ROOT, "step %d · M = %+.3f", snapshot.step(), mean(lastModelField));
        redrawFields();
        updateHistogram();
    }

    @Override
    public void referenceSamples(ReferenceChain.Snapshot snapshot) {
        lastReference = snapshot;
        lastHmcCaption = String.format(Locale.ROOT, "trajectory %,d · M = %+.3f",
                snapshot.trajectories(), mean(snapshot.configuration()));
        redrawFields();
        updateHistogram();
    }

    @Override
    public void ended(String message, boolean failed) {
        form.setLocked(false);
        device.setDisable(false);
        statusBar.setProgress(0);
        statusBar.setText(failed ? "Failed: " + message : "Done: " + message + ". Change parameters and train again.");
        if (failed) {
            formError.setText(message);
        }
    }

    private void redrawFields() {
        // one colour scale for both pictures, fitted to what they show now
        double max = Math.max(maxAbs(lastModelField), lastReference == null ? 0 : maxAbs(lastReference.configuration()));
        colourRange = Math.max(0.5, Math.ceil(max * 2) / 2);
        if (lastModelField != null) {
            modelField.show(lastModelField, latticeSize, colourRange, lastModelCaption);
        }
        if (lastReference != null) {
            hmcField.show(lastReference.configuration(), latticeSize, colourRange, lastHmcCaption);
        }
    }

    private static double maxAbs(double[] field) {
        double max = 0;
        if (field != null) {
            for (double v : field) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    private void updateHistogram() {
        int count = 0;
        for (SampleSnapshot s : recentSamples) {
            count += s.count();
        }
        double[] values = new double[count];
        double[] weights = new double[count];
        int k = 0;
        for (SampleSnapshot s : recentSamples) {
            double[] w = Ess.normalisedWeights(s.logWeights());
            for (int i = 0; i < s.count(); i++) {
                values[k] = mean(s.configuration(i));
                weights[k] = w[i] / recentSamples.size();
                k++;
            }
        }
        double range = 0.2;
        for (double v : values) {
            range = Math.max(range, Math.abs(v));
        }
        double[] hmc = lastReference == null ? new double[0] : lastReference.measurements();
        for (double v : hmc) {
            range = Math.max(range, Math.abs(v));
        }
        range = Math.ceil(range * 1.1 * 10) / 10;
        histogram.setHistogram(histRaw, values, null, -range, range, HISTOGRAM_BINS);
        histogram.setHistogram(histReweighted, values, weights, -range, range, HISTOGRAM_BINS);
        histogram.setHistogram(histHmc, hmc, null, -range, range, HISTOGRAM_BINS);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /**
     * Applies the theme to the charts.
     *
     * @param dark whether the dark theme is active
     */
    public void setDark(boolean dark) {
        lossChart.setDark(dark);
        essChart.setDark(dark);
        histogram.setDark(dark);
    }

    /**
     * The training service (for the window's close handling and tests).
     *
     * @return the service
     */
    public TrainingService service() {
        return service;
    }

    /**
     * The loss chart.
     *
     * @return the chart
     */
    public MetricChart lossChart() {
        return lossChart;
    }

    /** Stops any run and releases the worker threads. */
    public void dispose() {
        service.close();
    }
}
