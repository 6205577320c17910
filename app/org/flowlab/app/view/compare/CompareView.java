package org.flowlab.app.view.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flowlab.app.Page;
import org.flowlab.app.PageAction;
import org.flowlab.app.PageContext;
import org.flowlab.app.chart.CurvesPanel;
import org.flowlab.app.task.RunLane;
import org.flowlab.app.task.TrainingService;
import org.flowlab.app.view.RunControls;
import org.flowlab.app.view.RunLayout;
import org.flowlab.app.view.RunStatus;
import org.flowlab.app.view.dashboard.DashboardRegistry;
import org.flowlab.app.view.dashboard.TheoryDashboard;
import org.flowlab.app.view.form.SpecEditor;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.LossKind;
import org.flowlab.model.spec.RunSpec;

/**
 * Compare mode: two runs on the same target with the same architecture and seed that differ in
 * the loss (reverse vs forward KL, say) or, for continuous flows, in the gradient route,
 * trained side by side on the one training thread with their curves overlaid and their
 * pictures next to each other. Each preset fills the form and starts both runs; a new run or a
 * change of theory clears the previous curves.
 */
public final class CompareView extends BorderPane implements Page {

    private final PageContext context;
    private final TrainingService service;
    private final ComboBox<String> gradB = new ComboBox<>(FXCollections.observableArrayList("backprop", "adjoint"));
    private final Label gradBLabel = new Label("Gradient route of run B");
    private final SpecEditor editor = new SpecEditor("cmp-", Catalog.theories());
    private final ComboBox<LossKind> lossB = new ComboBox<>(FXCollections.observableArrayList(Catalog.losses()));
    private final CurvesPanel curves = new CurvesPanel("cmp-", List.of("A", "B"));
    private final HBox pictures = new HBox(10);
    private final Label titleA = new Label("A");
    private final Label titleB = new Label("B");
    private final RunStatus statusBar =
            new RunStatus("cmp-statusBar", "Pick a preset, or set up two runs, and press Train both.");
    private final List<Button> presetButtons = new ArrayList<>();
    private final RunLayout layout;
    private final List<String> ends = new ArrayList<>();
    private TheoryDashboard<?> dashboardA;
    private TheoryDashboard<?> dashboardB;
    private String shownTheory;
    private boolean dark;

    /**
     * Builds the view (call on the FX thread).
     *
     * @param context the window's preferences, trainer, links and messages
     */
    public CompareView(PageContext context) {
        this.context = context;
        this.service = new TrainingService(context.trainer(), this, "Compare");
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
        gradB.setId("cmp-gradB");
        gradB.setMaxWidth(Double.MAX_VALUE);
        gradB.setValue("adjoint");
        gradB.setTooltip(new Tooltip("continuous flows only: how run B gets its gradient (A uses the form's setting)"));
        gradBLabel.getStyleClass().add("form-section");
        for (Node n : new Node[] {gradB, gradBLabel}) {
            n.managedProperty().bind(n.visibleProperty());
            n.setVisible(false);
        }
        Label explain = new Label("Both runs share the theory, the flow, the seed and the training settings; only"
                + " the loss differs (and, for continuous flows, the gradient route). A uses the form's settings,"
                + " B the ones below.");
        explain.setWrapText(true);
        explain.getStyleClass().add("guide");
        VBox sidebar = new VBox(10, explain);
        for (ComparePreset p : ComparePreset.all()) {
            Button b = new Button(p.title());
            b.setId("preset-" + p.id());
            b.setTooltip(new Tooltip(p.tooltip() + ". Fills the form and trains both runs."));
            b.setMaxWidth(Double.MAX_VALUE);
            b.setOnAction(e -> preset(p, true));
            b.disableProperty().bind(service.runningProperty());
            presetButtons.add(b);
            sidebar.getChildren().add(b);
        }
        presetButtons.get(0).getStyleClass().add("accent");
        Label lossBLabel = new Label("Loss of run B");
        lossBLabel.getStyleClass().add("form-section");
        sidebar.getChildren().addAll(editor, lossBLabel, lossB, gradBLabel, gradB);

        Button train = new Button("Train both");
        Button pause = new Button("Pause");
        Button stop = new Button("Stop");
        RunControls.bind(service, editor.validProperty(), "cmp-", train, pause, stop, this::start);
        titleA.getStyleClass().add("view-title");
        titleB.getStyleClass().add("view-title");
        VBox centre = new VBox(10, curves, pictures);
        VBox.setVgrow(pictures, Priority.ALWAYS);
        layout = new RunLayout(
                this,
                "cmp-",
                "Compare",
                sidebar,
                centre,
                statusBar,
                List.of(train, pause, stop),
                List.of(),
                curves.options());
        service.pausedProperty().addListener((o, was, paused) -> {
            if (paused) {
                statusBar.setText("Paused. Press Space or Resume to go on.");
            }
        });
        editor.setOnChange(this::preview);
        preview();
    }

    /**
     * Fills the form with a preset and, unless told not to, starts both runs.
     *
     * @param p the preset
     * @param andTrain whether to start at once
     * @return whether the runs started (or wait for another tab's run to stop)
     */
    public boolean preset(ComparePreset p, boolean andTrain) {
        if (service.runningProperty().get()) {
            return false;
        }
        editor.apply(p.form());
        lossB.setValue(Catalog.loss(p.lossB()));
        if (p.gradB() != null) {
            gradB.setValue(p.gradB());
        }
        clearRun("Preset: " + p.title() + ".");
        return andTrain && editor.validProperty().get() && start();
    }

    private void clearRun(String text) {
        curves.clear();
        ends.clear();
        statusBar.progress(0);
        statusBar.setText(text);
    }

    private void preview() {
        if (service.runningProperty().get()) {
            return;
        }
        String theory = editor.theory().id();
        boolean continuous = editor.flow() != null && "cnf".equals(editor.flow().id());
        gradB.setVisible(continuous);
        gradBLabel.setVisible(continuous);
        if (!theory.equals(shownTheory)) {
            if (shownTheory != null) {
                clearRun("Ready. Press Train both.");
            }
            shownTheory = theory;
            dashboardA = DashboardRegistry.create(theory, true);
            dashboardB = DashboardRegistry.create(theory, true);
            dashboardA.setDark(dark);
            dashboardB.setDark(dark);
            pictures.getChildren().setAll(column(titleA, dashboardA), column(titleB, dashboardB));
            titleA.setText("A");
            titleB.setText("B");
        }
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

    private static VBox column(Label title, TheoryDashboard<?> d) {
        title.setMinWidth(0);
        VBox box = new VBox(4, title, d.view());
        VBox.setVgrow(d.view(), Priority.ALWAYS);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setPrefWidth(100);
        return box;
    }

    /**
     * Starts both runs.
     *
     * @return whether they started (or wait for another tab's run to stop)
     */
    public boolean start() {
        if (service.runningProperty().get()) {
            return false;
        }
        RunSpec a;
        RunSpec b;
        try {
            a = editor.spec();
            LossKind lb = lossB.getValue();
            Map<String, String> lossValues = lb.id().equals(a.loss())
                    ? a.lossSettings().asMap()
                    : lb.params().isEmpty() ? Map.of() : filter(a.lossSettings().asMap(), lb);
            Map<String, String> flowValues =
                    new LinkedHashMap<>(a.flowSettings().asMap());
            if ("cnf".equals(a.flow())) {
                flowValues.put("grad", gradB.getValue());
            }
            b = RunSpec.create(
                    a.theory(),
                    a.theorySettings().asMap(),
                    a.flow(),
                    flowValues,
                    lb.id(),
                    lossValues,
                    a.training(),
                    a.device(),
                    a.precision());
        } catch (IllegalArgumentException e) {
            editor.showError(e.getMessage());
            return false;
        }
        preview();
        titleA.setText("A: " + a.lossKind().title() + route(a));
        titleB.setText("B: " + b.lossKind().title() + route(b));
        dashboardA.reset(a);
        dashboardB.reset(b);
        clearRun("Building both flows …");
        statusBar.progress(ProgressBar.INDETERMINATE_PROGRESS);
        editor.setLocked(true);
        lossB.setDisable(true);
        gradB.setDisable(true);
        boolean started = service.start(
                List.of(lane(0, a, dashboardA), lane(1, b, dashboardB)), dashboardA.referenceObservables(a));
        if (!started) {
            unlock();
            statusBar.progress(0);
            statusBar.setText(
                    "Not started: another tab is training. Stop it there, or start again and let FlowLab stop it.");
        }
        return started;
    }

    private <P> RunLane<P> lane(int index, RunSpec spec, TheoryDashboard<P> d) {
        return new RunLane<>(
                spec, new CompareSink<>(this, index, d, spec.training().steps()), d.probe(), null);
    }

    private static String route(RunSpec spec) {
        return "cnf".equals(spec.flow()) ? ", " + spec.flowSettings().asMap().get("grad") : "";
    }

    private static Map<String, String> filter(Map<String, String> values, LossKind kind) {
        Map<String, String> out = new LinkedHashMap<>(values);
        out.keySet().removeIf(k -> kind.params().stream().noneMatch(p -> p.key().equals(k)));
        return out;
    }

    private void unlock() {
        editor.setLocked(false);
        lossB.setDisable(false);
        gradB.setDisable(false);
    }

    /**
     * Called by a lane's sink when its end reaches the FX thread; once both have ended the
     * status bar tells how (a failure with its reason, never hidden by the other's normal end).
     *
     * @param lane 0 for A, 1 for B
     * @param message why it ended
     * @param failed whether it failed
     */
    void laneEnded(int lane, String message, boolean failed) {
        String name = lane == 0 ? "A" : "B";
        ends.add(failed ? "run " + name + " failed: " + message : name + " " + message);
        if (failed) {
            context.messages().accept("Compare: run " + name + " failed: " + message);
        }
        if (ends.size() < 2) {
            return;
        }
        unlock();
        statusBar.progress(0);
        boolean anyFailed = ends.stream().anyMatch(e -> e.startsWith("run "));
        statusBar.setText((anyFailed ? "Failed: " : "Done: ") + String.join("; ", ends) + ".");
    }

    RunStatus statusBar() {
        return statusBar;
    }

    /**
     * The status bar's text (for tests).
     *
     * @return the text
     */
    public String statusText() {
        return statusBar.getText();
    }

    @Override
    public String id() {
        return "compare";
    }

    @Override
    public String title() {
        return "Compare";
    }

    @Override
    public Node view() {
        return this;
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return service.runningProperty();
    }

    @Override
    public void openLink(Map<String, String> parameters) {
        CompareLink link = CompareLink.parse(parameters);
        if (service.runningProperty().get()) {
            throw new IllegalStateException("Compare is training: stop it first, then follow the link again");
        }
        if (link.preset() != null) {
            preset(link.preset(), link.start());
            return;
        }
        editor.apply(link.runA());
        lossB.setValue(Catalog.loss(link.lossB() == null ? editor.spec().loss() : link.lossB()));
        if (link.gradB() != null) {
            gradB.setValue(link.gradB());
        }
        clearRun("Settings from a link.");
        if (link.start() && editor.validProperty().get()) {
            start();
        }
    }

    @Override
    public boolean supports(PageAction action) {
        return action == PageAction.TRAIN || action == PageAction.PAUSE || action == PageAction.STOP;
    }

    @Override
    public void perform(PageAction action) {
        switch (action) {
            case TRAIN -> layout.train();
            case PAUSE -> layout.pauseOrResume();
            case STOP -> service.stop();
            default -> {}
        }
    }

    @Override
    public void setPresentation(boolean on) {
        layout.setPresentation(on);
        curves.setPresentation(on);
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
     * The run editor (run A's settings).
     *
     * @return the editor
     */
    public SpecEditor editor() {
        return editor;
    }

    /**
     * The dashboard of run A (0) or B (1).
     *
     * @param lane 0 or 1
     * @return the dashboard
     */
    public TheoryDashboard<?> dashboard(int lane) {
        return lane == 0 ? dashboardA : dashboardB;
    }

    @Override
    public void setDark(boolean isDark) {
        this.dark = isDark;
        curves.setDark(isDark);
        if (dashboardA != null) {
            dashboardA.setDark(isDark);
            dashboardB.setDark(isDark);
        }
    }

    @Override
    public void dispose() {
        service.close();
    }
}
