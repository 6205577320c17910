package org.flowlab.app.view.compare;

import org.flowlab.app.chart.CurvesPanel;
import org.flowlab.app.view.RunControls;
import org.flowlab.app.view.dashboard.MixtureDashboard;
import org.flowlab.app.view.dashboard.Phi4Dashboard;
import org.flowlab.app.view.dashboard.TheoryDashboard;
import org.flowlab.app.view.dashboard.U1Dashboard;
import org.flowlab.app.view.dashboard.VonMisesDashboard;
import org.flowlab.app.view.form.SpecEditor;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.controlsfx.control.StatusBar;
import org.flowlab.app.task.TrainingService;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.LossKind;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;
import org.flowlab.model.train.TrainingStep;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Compare mode: two runs on the same target with the same architecture and seed that differ in
 * the loss (reverse vs forward KL, say), trained side by side on the one training thread with
 * their curves overlaid and their pictures next to each other. The mode-seeking versus
 * mode-covering demonstration is one click from its preset.
 */
public final class CompareView extends BorderPane {

    /** The preset that demonstrates mode-seeking (reverse KL) against mode-covering (forward KL). */
    public static final Map<String, String> MODE_SEEKING = Map.of(
            "theory", "mixture2d", "mixture", "pair", "mu", "4", "sigma", "1",
            "flow", "affine2d", "batch", "256", "lr", "0.02");

    /** The preset that trains the same continuous flow with back-propagation (A) and the adjoint (B). */
    public static final Map<String, String> BACKPROP_ADJOINT = Map.ofEntries(
            Map.entry("theory", "mixture2d"), Map.entry("mixture", "three"), Map.entry("sigma", "1"),
            Map.entry("flow", "cnf"), Map.entry("velocity", "mlp"), Map.entry("integrator", "rk4"),
            Map.entry("odeSteps", "10"), Map.entry("grad", "backprop"), Map.entry("loss", "rkl"),
            Map.entry("steps", "300"), Map.entry("batch", "128"), Map.entry("lr", "0.003"),
            Map.entry("precision", "float64"));

    private final TrainingService service = new TrainingService();
    private final ComboBox<String> gradB =
            new ComboBox<>(FXCollections.observableArrayList("backprop", "adjoint"));
    private final Label gradBLabel = new Label("Gradient route of run B");
    private final SpecEditor editor = new SpecEditor("cmp-", Catalog.theories());
    private final ComboBox<LossKind> lossB = new ComboBox<>(FXCollections.observableArrayList(Catalog.losses()));
    private final CurvesPanel curves = new CurvesPanel("cmp-", List.of("A", "B"));
    private final HBox pictures = new HBox(10);
    private final Label titleA = new Label();
    private final Label titleB = new Label();
    private final StatusBar statusBar = new StatusBar();
    private final Button train = new Button("Train both");
    private final Button stop = new Button("Stop");
    private final Button pause = new Button("Pause");
    private TheoryDashboard dashboardA;
    private TheoryDashboard dashboardB;
    private int plannedSteps;

    /** Builds the view (call on the FX thread). */
    public CompareView() {
        setId("compareView");
        lossB.setId("cmp-lossPickerB");
        lossB.setMaxWidth(Double.MAX_VALUE);
        lossB.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LossKind item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.title());
            }
        });
        lossB.setButtonCell(lossB.getCellFactory().call(null));
        lossB.setValue(Catalog.loss("fkl"));

        Button modeSeeking = new Button("Mode-seeking vs mode-covering");
        modeSeeking.setId("presetModeSeeking");
        modeSeeking.getStyleClass().add("accent");
        modeSeeking.setTooltip(new Tooltip("Two-mode mixture, the same affine (Gaussian) flow and seed: A trains by reverse KL, B by forward KL"));
        modeSeeking.setOnAction(e -> modeSeekingPreset(true));
        Button pathPreset = new Button("Reverse KL vs path gradients");
        pathPreset.setId("presetPathGradients");
        pathPreset.setTooltip(new Tooltip("φ⁴ symmetric phase, L = 8: the same flow trained with the standard and the path-gradient estimator"));
        pathPreset.setOnAction(e -> {
            editor.apply(Map.of("theory", "phi4", "L", "8", "m2", "-0.5", "lambda", "4.5", "flow", "realnvp",
                    "loss", "rkl", "steps", "1500", "batch", "64", "lr", "0.001"));
            lossB.setValue(Catalog.loss("pathgrad"));
        });
        Button adjointPreset = new Button("Back-propagation vs adjoint");
        adjointPreset.setId("presetAdjoint");
        adjointPreset.setTooltip(new Tooltip("Three-mode mixture, a continuous flow (MLP velocity, RK4, 10 steps): A"
                + " back-propagates through the solver, B solves the adjoint ODE; the loss curves should match"));
        adjointPreset.setOnAction(e -> backpropAdjointPreset(false));
        gradB.setId("cmp-gradB");
        gradB.setMaxWidth(Double.MAX_VALUE);
        gradB.setValue("adjoint");
        gradB.setTooltip(new Tooltip("continuous flows only: how run B gets its gradient (A uses the form's setting)"));
        gradBLabel.getStyleClass().add("form-section");
        for (javafx.scene.Node n : new javafx.scene.Node[] {gradB, gradBLabel}) {
            n.managedProperty().bind(n.visibleProperty());
            n.setVisible(false);
        }
        Label explain = new Label("Both runs share the theory, the flow, the seed and the training settings; only"
                + " the loss differs (and, for continuous flows, the gradient route). A uses the form's settings,"
                + " B the ones below.");
        explain.setWrapText(true);
        explain.getStyleClass().add("guide");
        Label lossBLabel = new Label("Loss of run B");
        lossBLabel.getStyleClass().add("form-section");
        modeSeeking.setMaxWidth(Double.MAX_VALUE);
        pathPreset.setMaxWidth(Double.MAX_VALUE);
        adjointPreset.setMaxWidth(Double.MAX_VALUE);
        VBox sidebar = new VBox(10, explain, modeSeeking, pathPreset, adjointPreset, editor, lossBLabel, lossB,
                gradBLabel, gradB);
        sidebar.setPadding(new Insets(12));
        sidebar.setPrefWidth(370);
        ScrollPane scroll = new ScrollPane(sidebar);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setLeft(scroll);

        RunControls.bind(service, editor.validProperty(), "cmp-", train, pause, stop, this::start);
        Label title = new Label("Compare");
        title.getStyleClass().add("lab-title");
        HBox bar = new HBox(10, title, new Separator(Orientation.VERTICAL), train, pause, stop);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("lab-toolbar");
        setTop(bar);

        titleA.getStyleClass().add("view-title");
        titleB.getStyleClass().add("view-title");
        curves.setPrefHeight(300);
        VBox centre = new VBox(10, curves, pictures);
        VBox.setVgrow(pictures, Priority.ALWAYS);
        centre.setPadding(new Insets(10));
        setCenter(centre);
        statusBar.setId("cmp-statusBar");
        statusBar.setText("Pick a preset, or set up two runs, and press Train both.");
        setBottom(statusBar);
        editor.setOnChange(this::preview);
        preview();
    }

    /**
     * Fills the form with the mode-seeking versus mode-covering preset and optionally trains.
     *
     * @param andTrain whether to start training at once
     */
    public void modeSeekingPreset(boolean andTrain) {
        java.util.Map<String, String> preset = new java.util.HashMap<>(MODE_SEEKING);
        preset.put("loss", "rkl");
        preset.put("steps", "600");
        editor.apply(preset);
        lossB.setValue(Catalog.loss("fkl"));
        if (andTrain && editor.validProperty().get() && !service.runningProperty().get()) {
            start();
        }
    }

    /**
     * Fills the form with the back-propagation versus adjoint preset and optionally trains.
     *
     * @param andTrain whether to start training at once
     */
    public void backpropAdjointPreset(boolean andTrain) {
        editor.apply(BACKPROP_ADJOINT);
        lossB.setValue(Catalog.loss("rkl"));
        gradB.setValue("adjoint");
        if (andTrain && editor.validProperty().get() && !service.runningProperty().get()) {
            start();
        }
    }

    /**
     * Carries out a complete {@code flowlab:compare} link (see {@link org.flowlab.model.spec.RunLink}):
     * run A from the run keys, run B from {@code lossB} and {@code gradB}; trains unless
     * {@code start=false}.
     *
     * @param settings the link's parameters
     * @return whether both runs started
     */
    public boolean applyAndTrain(Map<String, String> settings) {
        java.util.Map<String, String> a = new java.util.LinkedHashMap<>(settings);
        String b = a.remove("lossB");
        String grad = a.remove("gradB");
        boolean andTrain = !"false".equalsIgnoreCase(a.remove("start"));
        try {
            editor.apply(a);
            lossB.setValue(Catalog.loss(b == null ? editor.spec().loss() : b));
            if (grad != null) {
                gradB.setValue(grad);
            }
        } catch (IllegalArgumentException e) {
            editor.showError(e.getMessage());
            return false;
        }
        return andTrain && editor.validProperty().get() && !service.runningProperty().get() && start();
    }

    private TheoryDashboard newDashboard(String theory) {
        Map<String, Supplier<TheoryDashboard>> make = Map.of(
                "phi4", Phi4Dashboard::new, "u1", U1Dashboard::new,
                "mixture2d", MixtureDashboard::new, "vonmises", VonMisesDashboard::new);
        return make.get(theory).get();
    }

    private void preview() {
        if (service.runningProperty().get()) {
            return;
        }
        String theory = editor.theory().id();
        boolean continuous = editor.flow() != null && "cnf".equals(editor.flow().id());
        gradB.setVisible(continuous);
        gradBLabel.setVisible(continuous);
        dashboardA = newDashboard(theory);
        dashboardB = newDashboard(theory);
        VBox a = new VBox(4, titleA, dashboardA.view());
        VBox b = new VBox(4, titleB, dashboardB.view());
        VBox.setVgrow(dashboardA.view(), Priority.ALWAYS);
        VBox.setVgrow(dashboardB.view(), Priority.ALWAYS);
        HBox.setHgrow(a, Priority.ALWAYS);
        HBox.setHgrow(b, Priority.ALWAYS);
        a.setPrefWidth(100);
        b.setPrefWidth(100);
        pictures.getChildren().setAll(a, b);
        titleA.setText("A");
        titleB.setText("B");
        if (editor.validProperty().get()) {
            try {
                RunSpec spec = editor.spec();
                dashboardA.reset(spec);
                dashboardB.reset(spec);
            } catch (IllegalArgumentException e) {
                // shown by the editor
            }
        }
    }

    /**
     * Starts both runs.
     *
     * @return whether they started
     */
    public boolean start() {
        RunSpec a;
        RunSpec b;
        try {
            a = editor.spec();
            LossKind lb = lossB.getValue();
            Map<String, String> lossValues = lb.id().equals(a.loss()) ? a.lossSettings().asMap()
                    : lb.params().isEmpty() ? Map.of() : filter(a.lossSettings().asMap(), lb);
            Map<String, String> flowValues = new java.util.LinkedHashMap<>(a.flowSettings().asMap());
            if ("cnf".equals(a.flow())) {
                flowValues.put("grad", gradB.getValue());
            }
            b = RunSpec.create(a.theory(), a.theorySettings().asMap(), a.flow(), flowValues,
                    lb.id(), lossValues, a.training(), a.device(), a.precision());
        } catch (IllegalArgumentException e) {
            editor.showError(e.getMessage());
            return false;
        }
        preview();
        titleA.setText("A: " + a.lossKind().title() + route(a));
        titleB.setText("B: " + b.lossKind().title() + route(b));
        dashboardA.reset(a);
        dashboardB.reset(b);
        curves.clear();
        plannedSteps = a.training().steps();
        editor.setLocked(true);
        lossB.setDisable(true);
        gradB.setDisable(true);
        statusBar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        statusBar.setText("Building both flows …");
        return service.start(List.of(
                new TrainingService.Lane(a, sink(0, dashboardA), dashboardA.probe(), null),
                new TrainingService.Lane(b, sink(1, dashboardB), dashboardB.probe(), null)),
                dashboardA.referenceObservables(a));
    }

    private static String route(RunSpec spec) {
        return "cnf".equals(spec.flow()) ? ", " + spec.flowSettings().asMap().get("grad") : "";
    }

    private static Map<String, String> filter(Map<String, String> values, LossKind kind) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (kind.params().stream().anyMatch(p -> p.key().equals(k))) {
                out.put(k, v);
            }
        });
        return out;
    }

    private TrainingService.Sink sink(int lane, TheoryDashboard d) {
        return new TrainingService.Sink() {
            @Override
            public void preparing(String task, long done, long total) {
                statusBar.setText(String.format(Locale.ROOT, "Preparing run %s: %s %,d / %,d", lane == 0 ? "A" : "B", task, done, total));
                statusBar.setProgress(total > 0 ? (double) done / total : ProgressBar.INDETERMINATE_PROGRESS);
            }

            @Override
            public void started(String description, long parameters, String device) {
                statusBar.setText("Training both runs on " + device);
            }

            @Override
            public void steps(List<TrainingStep> steps) {
                curves.steps(lane, steps);
                if (lane == 0) {
                    TrainingStep last = steps.get(steps.size() - 1);
                    statusBar.setProgress(plannedSteps > 0 ? (double) last.step() / plannedSteps : 0);
                    double[] a = curves.smoothed(0);
                    double[] b = curves.smoothed(1);
                    statusBar.setText(String.format(Locale.ROOT, "step %d / %d · ESS A %.3f, B %.3f", last.step(), plannedSteps, a[1], b[1]));
                }
            }

            @Override
            public void modelSamples(SampleSnapshot snapshot) {
                curves.samples(lane, snapshot);
                d.modelSamples(snapshot);
            }

            @Override
            public void referenceSamples(ReferenceChain.Snapshot snapshot) {
                d.referenceSamples(snapshot);
            }

            @Override
            public void probe(Object result) {
                d.probeResult(result);
            }

            @Override
            public void ended(String message, boolean failed) {
                editor.setLocked(false);
                lossB.setDisable(false);
                gradB.setDisable(false);
                statusBar.setProgress(0);
                if (failed) {
                    statusBar.setText("Run " + (lane == 0 ? "A" : "B") + " failed: " + message);
                } else if (lane == 1) {
                    statusBar.setText("Done: " + message + ".");
                }
            }
        };
    }

    /**
     * The title over a lane's pictures (loss, and gradient route for continuous flows).
     *
     * @param lane 0 for A, 1 for B
     * @return the title
     */
    public String laneTitle(int lane) {
        return (lane == 0 ? titleA : titleB).getText();
    }

    /**
     * The training service (for tests and the window's close handling).
     *
     * @return the service
     */
    public TrainingService service() {
        return service;
    }

    /**
     * The curves of both runs.
     *
     * @return the panel
     */
    public CurvesPanel curves() {
        return curves;
    }

    /**
     * The dashboard of run A (0) or B (1).
     *
     * @param lane 0 or 1
     * @return the dashboard
     */
    public TheoryDashboard dashboard(int lane) {
        return lane == 0 ? dashboardA : dashboardB;
    }

    /**
     * Applies the theme.
     *
     * @param dark whether the dark theme is active
     */
    public void setDark(boolean dark) {
        curves.setDark(dark);
        if (dashboardA != null) {
            dashboardA.setDark(dark);
            dashboardB.setDark(dark);
        }
    }

    /** Stops any run and releases the threads. */
    public void dispose() {
        service.close();
    }
}
