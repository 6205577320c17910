package org.flowlab.app.view.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.flowlab.app.PageContext;
import org.flowlab.app.chart.CurvesPanel;
import org.flowlab.app.prefs.AppPrefs;
import org.flowlab.app.task.ExperimentOpener;
import org.flowlab.app.task.RunLane;
import org.flowlab.app.task.TrainingService;
import org.flowlab.app.view.RunControls;
import org.flowlab.app.view.RunLayout;
import org.flowlab.app.view.RunStatus;
import org.flowlab.app.view.dashboard.DashboardRegistry;
import org.flowlab.app.view.dashboard.FlowTimeView;
import org.flowlab.app.view.dashboard.TheoryDashboard;
import org.flowlab.app.view.form.SpecEditor;
import org.flowlab.app.view.form.SpecLinks;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.store.RunStore;
import org.flowlab.model.train.TrainingConfig;

/**
 * The lab: a run editor in a sidebar (theory, flow, loss, training), live training curves
 * (loss, ESS, acceptance, log weights) on top, the theory's pictures below, Train / Pause /
 * Stop and run management (save, open, export, copy link) in the tool bar, and step, speed and
 * device in the status bar. Run files are handled by {@link LabRunFiles}, run reports by
 * {@link LabSink}; {@link LabPage} makes it a tab of the window.
 */
public final class LabView extends BorderPane {

    private final PageContext context;
    private final TrainingService service;
    private final SpecEditor editor = new SpecEditor("", Catalog.theories());
    private final CurvesPanel curves = new CurvesPanel("", List.of(""));
    private final Map<String, TheoryDashboard<?>> dashboards = new LinkedHashMap<>();
    private final StackPane dashboardHolder = new StackPane();
    private final FlowTimeView flowTime = new FlowTimeView();
    private final Label stepLabel = new Label("step –");
    private final Label speedLabel = new Label("– steps/s");
    private final Label deviceLabel = new Label("device: –");
    private final RunStatus statusBar =
            new RunStatus("statusBar", "Ready. Choose a theory and press Train.", stepLabel, speedLabel, deviceLabel);
    private final LabRunFiles files = new LabRunFiles(this);
    private final TitledPane recent;
    private final RunLayout layout;
    private TheoryDashboard<?> dashboard;
    private String shownTheory;
    private RunStore.SavedRun openedRun;
    private boolean dark;
    private Runnable onCopyLink = () -> {};

    /**
     * Builds the lab (call on the FX thread).
     *
     * @param context the window's preferences, trainer, links and messages
     */
    public LabView(PageContext context) {
        this.context = context;
        this.service = new TrainingService(context.trainer(), this, "Lab");
        setId("labView");
        getStyleClass().add("lab-view");

        Label guide = new Label("Pick a theory and a preset, then press Train. Watch the loss fall and the ESS"
                + " rise, and compare the model's pictures with the truth below.");
        guide.getStyleClass().add("guide");
        guide.setWrapText(true);
        recent = files.recentRuns();
        VBox sidebar = new VBox(10, guide, recent, editor);

        flowTime.getStyleClass().add("panel");
        flowTime.setMinHeight(230);
        flowTime.managedProperty().bind(flowTime.visibleProperty());
        flowTime.setVisible(false);
        VBox.setVgrow(dashboardHolder, Priority.ALWAYS);
        VBox centre = new VBox(10, curves, dashboardHolder, flowTime);

        Button train = new Button("Train");
        Button pause = new Button("Pause");
        Button stop = new Button("Stop");
        RunControls.bind(service, editor.validProperty(), "", train, pause, stop, this::startTraining);
        train.setDefaultButton(true);
        layout = new RunLayout(
                this,
                "",
                "Lab",
                sidebar,
                centre,
                statusBar,
                List.of(train, pause, stop),
                files.toolBarItems(() -> onCopyLink.run()),
                curves.options());

        stepLabel.setId("stepLabel");
        speedLabel.setId("speedLabel");
        deviceLabel.setId("deviceLabel");
        service.pausedProperty().addListener((o, was, paused) -> {
            if (paused) {
                status(String.format(
                        Locale.ROOT,
                        "Paused at step %d. Press Space or Resume to go on.",
                        service.stepsDoneProperty().get()));
            } else if (service.runningProperty().get()) {
                status("Training …");
            }
        });
        service.waitingProperty().addListener((o, was, waiting) -> {
            if (waiting) {
                status("Waiting for the other tab's run to stop …", ProgressBar.INDETERMINATE_PROGRESS);
            }
        });
        editor.setOnChange(this::preview);
        preview();
    }

    /** Shows the dashboard of the selected theory with a preview of the target. */
    private void preview() {
        if (service.runningProperty().get()) {
            return;
        }
        String theory = editor.theory().id();
        if (shownTheory != null && !shownTheory.equals(theory)) {
            // another theory: the previous run's curves and file no longer apply
            curves.clear();
            openedRun = null;
            stepLabel.setText("step –");
            status("Ready. Press Train.");
        }
        shownTheory = theory;
        boolean continuous = editor.flow() != null && "cnf".equals(editor.flow().id());
        if (continuous != flowTime.isVisible()) {
            flowTime.clear();
            flowTime.setVisible(continuous);
        }
        TheoryDashboard<?> d = dashboards.computeIfAbsent(theory, id -> DashboardRegistry.create(id, false));
        if (d != dashboard) {
            dashboard = d;
            dashboardHolder.getChildren().setAll(d.view());
            d.setDark(dark);
        }
        if (editor.validProperty().get()) {
            try {
                d.reset(editor.spec());
            } catch (IllegalArgumentException e) {
                // the editor shows the message
            }
        }
    }

    private void startTraining() {
        train(ExperimentOpener.DEFAULT);
    }

    /**
     * Starts training the form's run (continuing an opened run of the same model), building
     * the experiment with an opener (the normal one, or a test's).
     *
     * @param opener builds the experiment on the training thread
     * @return whether a run started or waits for another tab's run to stop
     */
    public boolean train(ExperimentOpener opener) {
        if (service.runningProperty().get()) {
            return false;
        }
        RunSpec spec;
        try {
            spec = editor.spec();
        } catch (IllegalArgumentException e) {
            editor.showError(e.getMessage());
            return false;
        }
        RunStore.SavedRun resume = null;
        if (openedRun != null && sameModel(openedRun.spec(), spec)) {
            resume = openedRun;
            TrainingConfig t = spec.training();
            spec = spec.withTraining(t.withSteps(openedRun.stepsDone() + t.steps()));
        } else {
            curves.clear();
        }
        openedRun = null;
        preview();
        dashboard.reset(spec);
        flowTime.clear();
        editor.setLocked(true);
        status(
                "Building the flow for " + spec.theoryKind().describe(spec.theorySettings()) + " …",
                ProgressBar.INDETERMINATE_PROGRESS);
        boolean started = launch(dashboard, spec, resume, opener);
        if (!started) {
            editor.setLocked(false);
            status("Not started: another tab is training. Stop it there, or start again and let FlowLab stop it.", 0);
        }
        return started;
    }

    private <P> boolean launch(TheoryDashboard<P> d, RunSpec spec, RunStore.SavedRun resume, ExperimentOpener opener) {
        LabSink<P> sink = new LabSink<>(this, d, spec.training().steps());
        return service.start(
                List.of(new RunLane<>(spec, sink, LabProbe.of(spec, d.probe()), resume, opener)),
                d.referenceObservables(spec));
    }

    private static boolean sameModel(RunSpec a, RunSpec b) {
        return a.theory().equals(b.theory())
                && a.theorySettings().equals(b.theorySettings())
                && a.flow().equals(b.flow())
                && a.flowSettings().equals(b.flowSettings())
                && a.loss().equals(b.loss())
                && a.lossSettings().equals(b.lossSettings());
    }

    /**
     * Called by the sink when the run's end reaches the FX thread.
     *
     * @param message why it ended
     * @param failed whether it failed
     */
    void runEnded(String message, boolean failed) {
        editor.setLocked(false);
        files.trained();
        if (failed) {
            status("Failed: " + message, 0);
            editor.showError("Training failed: " + message);
            context.messages().accept("Lab: training failed: " + message);
        } else {
            status("Done: " + message + ". Save the run, change the settings, or train again.", 0);
        }
    }

    /**
     * Applies settings given by key (from a lecture's "Try it" link) and, if valid, starts
     * training; a bad setting shows its message under the form.
     *
     * @param settings key to text, e.g. {@code theory -> phi4, m2 -> -0.5}
     * @return whether a run was started
     */
    public boolean applyAndTrain(Map<String, String> settings) {
        try {
            openSettings(settings, true);
            return service.runningProperty().get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            editor.showError(e.getMessage());
            return false;
        }
    }

    /**
     * Fills the form with a whole run's settings (what they leave out takes the defaults, not
     * the form's values) and optionally starts training.
     *
     * @param values key to text: theory, flow, loss, precision, device and parameter keys
     * @param start whether to start training
     * @throws IllegalArgumentException naming an unknown key or a bad value (nothing changes)
     * @throws IllegalStateException when asked to start while the Lab trains
     */
    void openSettings(Map<String, String> values, boolean start) {
        if (start && service.runningProperty().get()) {
            throw new IllegalStateException("the Lab is training: stop it first, then follow the link again");
        }
        RunSpec spec = SpecLinks.spec(values, null);
        editor.setSpec(spec);
        if (start) {
            startTraining();
        }
    }

    /**
     * Takes an opened run: Train continues it when the model's settings stay the same.
     *
     * @param saved the run
     */
    void setOpenedRun(RunStore.SavedRun saved) {
        this.openedRun = saved;
    }

    /**
     * Sets what the Copy link button does.
     *
     * @param action the action
     */
    void setOnCopyLink(Runnable action) {
        this.onCopyLink = action;
    }

    /** Presses Train, when it is enabled. */
    void pressTrain() {
        layout.train();
    }

    /** Presses Pause or Resume, when it is enabled. */
    void pressPause() {
        layout.pauseOrResume();
    }

    /**
     * Saving, opening and exporting runs.
     *
     * @return the run files
     */
    public LabRunFiles files() {
        return files;
    }

    /**
     * Hides the settings and the secondary charts (presentation mode), or shows them again.
     *
     * @param on whether presentation mode is on
     */
    public void setPresentation(boolean on) {
        layout.setPresentation(on);
        curves.setPresentation(on);
        recent.setExpanded(!on && !prefs().recentRuns().isEmpty());
    }

    /**
     * Applies the theme to the charts and pictures.
     *
     * @param isDark whether the dark theme is active
     */
    public void setDark(boolean isDark) {
        this.dark = isDark;
        curves.setDark(isDark);
        flowTime.setDark(isDark);
        for (TheoryDashboard<?> d : dashboards.values()) {
            d.setDark(isDark);
        }
    }

    /** Stops any run and frees the experiment. */
    public void dispose() {
        service.close();
    }

    void status(String text) {
        statusBar.show(text);
    }

    void status(String text, double progress) {
        statusBar.show(text, progress);
    }

    Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    AppPrefs prefs() {
        return context.prefs();
    }

    RunSpec currentSpec() {
        return editor.spec();
    }

    TheoryDashboard<?> currentDashboard() {
        return dashboard;
    }

    Label stepLabel() {
        return stepLabel;
    }

    Label speedLabel() {
        return speedLabel;
    }

    Label deviceLabel() {
        return deviceLabel;
    }

    /**
     * The status bar's text (for tests).
     *
     * @return the text
     */
    public String statusText() {
        return statusBar.getText();
    }

    /**
     * The training service.
     *
     * @return the service
     */
    public TrainingService service() {
        return service;
    }

    /**
     * The curves panel.
     *
     * @return the panel
     */
    public CurvesPanel curves() {
        return curves;
    }

    /**
     * The run editor.
     *
     * @return the editor
     */
    public SpecEditor editor() {
        return editor;
    }

    /**
     * The "flow in time" view of continuous flows.
     *
     * @return the view
     */
    public FlowTimeView flowTime() {
        return flowTime;
    }

    /**
     * The dashboard of a theory (created when first needed).
     *
     * @param theoryId e.g. {@code u1}
     * @return the dashboard
     */
    public TheoryDashboard<?> dashboard(String theoryId) {
        return dashboards.computeIfAbsent(theoryId, id -> DashboardRegistry.create(id, false));
    }
}
