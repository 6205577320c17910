package org.flowlab.app.view.lab;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.flowlab.app.Page;
import org.flowlab.app.PageAction;
import org.flowlab.app.PageContext;
import org.flowlab.app.chart.CurvesPanel;
import org.flowlab.app.prefs.AppPrefs;
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

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lab: a run editor in a sidebar (theory, flow, loss, training), live training curves
 * (loss, ESS, acceptance, log weights) on top, the theory's pictures below, Train / Pause /
 * Stop and run management (save, open, export, copy link) in the tool bar, and step, speed and
 * device in the status bar. Run files are handled by {@link LabRunFiles}, run reports by
 * {@link LabSink}.
 */
public final class LabView extends BorderPane implements Page {

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
    private final RunStatus statusBar = new RunStatus("statusBar", "Ready. Choose a theory and press Train.",
            stepLabel, speedLabel, deviceLabel);
    private final VBox recentList = new VBox(2);
    private final TitledPane recent = new TitledPane("Recent runs", recentList);
    private final LabRunFiles files = new LabRunFiles(this);
    private final RunLayout layout;
    private TheoryDashboard<?> dashboard;
    private String shownTheory;
    private RunStore.SavedRun openedRun;
    private boolean dark;

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
        recent.setId("recentRuns");
        recent.setExpanded(!prefs().recentRuns().isEmpty());
        prefs().recentRuns().addListener((javafx.collections.ListChangeListener<Path>) c -> fillRecent());
        fillRecent();
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
        Button save = new Button("Save run…");
        save.setId("saveButton");
        save.setTooltip(new Tooltip("Save parameters, settings and metrics into a new run folder, also during a run (Ctrl+S)"));
        save.setOnAction(e -> files.saveWithDialog());
        Button open = new Button("Open run…");
        open.setId("openButton");
        open.setTooltip(new Tooltip("Open a saved run to look at it or to continue training it (Ctrl+O)"));
        open.disableProperty().bind(service.runningProperty());
        open.setOnAction(e -> files.openWithDialog());
        MenuButton export = new MenuButton("Export");
        export.setId("exportMenu");
        MenuItem charts = new MenuItem("All charts and pictures as PNG…");
        charts.setOnAction(e -> files.exportChartsWithDialog());
        MenuItem metrics = new MenuItem("Metrics as CSV…");
        metrics.setOnAction(e -> files.exportMetrics());
        MenuItem samples = new MenuItem("Samples as .npz / .npy…");
        samples.setOnAction(e -> files.exportSamples(null));
        export.getItems().addAll(charts, metrics, samples);
        Button copyLink = new Button("Copy link");
        copyLink.setId("copyLinkButton");
        copyLink.setTooltip(new Tooltip("Copy this setup as a flowlab: link (every parameter, seed included) to hand"
                + " the exact demo to a class (Ctrl+L)"));
        copyLink.setOnAction(e -> copyLink());
        layout = new RunLayout(this, "", "Lab", sidebar, centre, statusBar, List.of(train, pause, stop),
                List.of(save, open, export, copyLink), curves.options());

        stepLabel.setId("stepLabel");
        speedLabel.setId("speedLabel");
        deviceLabel.setId("deviceLabel");
        service.pausedProperty().addListener((o, was, paused) -> {
            if (paused) {
                status(String.format(Locale.ROOT, "Paused at step %d. Press Space or Resume to go on.",
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

    private void fillRecent() {
        recentList.getChildren().clear();
        if (prefs().recentRuns().isEmpty()) {
            Label none = new Label("No saved runs yet. Save a run to find it here.");
            none.getStyleClass().add("form-hint");
            none.setWrapText(true);
            recentList.getChildren().add(none);
            return;
        }
        int i = 0;
        for (Path p : prefs().recentRuns()) {
            Hyperlink link = new Hyperlink(p.getFileName() + "  (" + p.getParent() + ")");
            link.setId("recentRun" + i++);
            link.setTooltip(new Tooltip(p.toString()));
            link.setOnAction(e -> openRun(p));
            recentList.getChildren().add(link);
        }
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
        train(TrainingService.Opener.DEFAULT);
    }

    /**
     * Starts training the form's run (continuing an opened run of the same model), building
     * the experiment with an opener (the normal one, or a test's).
     *
     * @param opener builds the experiment on the training thread
     * @return whether a run started or waits for another tab's run to stop
     */
    public boolean train(TrainingService.Opener opener) {
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
            spec = spec.withTraining(new TrainingConfig(openedRun.stepsDone() + t.steps(), t.batch(), t.learningRate(), t.seed()));
        } else {
            curves.clear();
        }
        openedRun = null;
        preview();
        dashboard.reset(spec);
        flowTime.clear();
        editor.setLocked(true);
        status("Building the flow for " + spec.theoryKind().describe(spec.theorySettings()) + " …",
                ProgressBar.INDETERMINATE_PROGRESS);
        boolean started = launch(dashboard, spec, resume, opener);
        if (!started) {
            editor.setLocked(false);
            status("Not started: another tab is training. Stop it there, or start again and let FlowLab stop it.", 0);
        }
        return started;
    }

    private <P> boolean launch(TheoryDashboard<P> d, RunSpec spec, RunStore.SavedRun resume, TrainingService.Opener opener) {
        LabSink<P> sink = new LabSink<>(this, d, spec.training().steps());
        return service.start(List.of(new TrainingService.Lane<>(spec, sink, LabProbe.of(spec, d.probe()), resume, opener)),
                d.referenceObservables(spec));
    }

    private <P> void showSaved(TheoryDashboard<P> d, RunStore.SavedRun saved) {
        LabSink<P> sink = new LabSink<>(this, d, saved.stepsDone());
        service.show(new TrainingService.Lane<>(saved.spec(), sink, LabProbe.of(saved.spec(), d.probe()), saved),
                problem -> {
                    if (!problem.isEmpty()) {
                        status("Opened the settings, but the model could not be loaded: " + problem);
                    }
                });
    }

    private static boolean sameModel(RunSpec a, RunSpec b) {
        return a.theory().equals(b.theory()) && a.theorySettings().equals(b.theorySettings())
                && a.flow().equals(b.flow()) && a.flowSettings().equals(b.flowSettings())
                && a.loss().equals(b.loss()) && a.lossSettings().equals(b.lossSettings());
    }

    /**
     * Called by the sink when the run's end reaches the FX thread.
     *
     * @param message why it ended
     * @param failed whether it failed
     */
    void runEnded(String message, boolean failed) {
        editor.setLocked(false);
        if (failed) {
            status("Failed: " + message, 0);
            editor.showError("Training failed: " + message);
            context.messages().accept("Lab: training failed: " + message);
        } else {
            status("Done: " + message + ". Save the run, change the settings, or train again.", 0);
        }
    }

    /**
     * Opens a saved run: fills the editor with its settings, the charts with its metrics and
     * the pictures with samples of its model; Train then continues it.
     *
     * @param dir the run folder
     * @return whether it could be read
     */
    public boolean openRun(Path dir) {
        if (service.runningProperty().get()) {
            status("Stop the current run before opening another.");
            return false;
        }
        RunStore.SavedRun saved;
        try {
            saved = RunStore.read(dir);
        } catch (IOException e) {
            status("Could not open the run: " + e.getMessage());
            editor.showError(e.getMessage());
            return false;
        }
        editor.setSpec(saved.spec().withTraining(new TrainingConfig(
                Math.max(1, saved.spec().training().steps()), saved.spec().training().batch(),
                saved.spec().training().learningRate(), saved.spec().training().seed())));
        curves.clear();
        if (!saved.history().isEmpty()) {
            curves.steps(0, saved.history());
        }
        openedRun = saved;
        prefs().addRecentRun(dir);
        showSaved(dashboard, saved);
        status(String.format(Locale.ROOT, "Opened %s (%d steps). Press Train to continue it for the steps set.",
                dir, saved.stepsDone()));
        return true;
    }

    /**
     * Saves the current run into a run folder (new, empty, or an earlier run, which is replaced).
     *
     * @param dir the run folder
     * @return false when there was nothing to save or the folder holds something else
     */
    public boolean saveRun(Path dir) {
        return files.save(dir, null);
    }

    /**
     * Writes the curves, the theory's charts and its pictures as PNG files into a folder.
     *
     * @param dir the folder
     * @return the files written
     */
    public List<Path> exportCharts(Path dir) {
        return files.exportCharts(dir);
    }

    /**
     * Exports 1024 model samples to a .npz or .npy file (asks when null).
     *
     * @param file the file, or null to ask
     * @return false when there is nothing to export or the user cancelled
     */
    public boolean exportSamples(Path file) {
        return files.exportSamples(file);
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
            openLink(settings);
            return service.runningProperty().get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            editor.showError(e.getMessage());
            return false;
        }
    }

    /**
     * The Lab's current setup as a link: every parameter, the seed included.
     *
     * @return {@code flowlab:lab?theory=...}, or null when the form is not valid
     */
    public String currentLink() {
        try {
            Map<String, String> p = SpecLinks.parameters(editor.spec());
            return SpecLinks.link(id(), p);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void copyLink() {
        String link = currentLink();
        if (link == null) {
            status("Fix the settings first: the form is not valid.");
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(link);
        Clipboard.getSystemClipboard().setContent(content);
        status("Copied: " + link);
    }

    @Override
    public String id() {
        return "lab";
    }

    @Override
    public String title() {
        return "Lab";
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
        Map<String, String> values = new LinkedHashMap<>(parameters);
        boolean start = RunLayout.startFlag(values.remove("start"));
        if (start && service.runningProperty().get()) {
            throw new IllegalStateException("the Lab is training: stop it first, then follow the link again");
        }
        // a link describes a whole run: what it leaves out takes the defaults, not the form's values
        RunSpec spec = SpecLinks.spec(values, null);
        editor.setSpec(spec);
        if (start) {
            startTraining();
        }
    }

    @Override
    public boolean supports(PageAction action) {
        return true;
    }

    @Override
    public void perform(PageAction action) {
        switch (action) {
            case TRAIN -> layout.train();
            case PAUSE -> layout.pauseOrResume();
            case STOP -> service.stop();
            case SAVE -> files.saveWithDialog();
            case OPEN -> {
                if (!service.runningProperty().get()) {
                    files.openWithDialog();
                }
            }
            case EXPORT -> files.exportChartsWithDialog();
            case COPY_LINK -> copyLink();
            default -> { }
        }
    }

    @Override
    public void setPresentation(boolean on) {
        layout.setPresentation(on);
        curves.setPresentation(on);
        recent.setExpanded(!on && !prefs().recentRuns().isEmpty());
    }

    @Override
    public boolean saveBeforeClose() {
        service.pause();
        return files.saveAndWait();
    }

    @Override
    public void setDark(boolean isDark) {
        this.dark = isDark;
        curves.setDark(isDark);
        flowTime.setDark(isDark);
        for (TheoryDashboard<?> d : dashboards.values()) {
            d.setDark(isDark);
        }
    }

    @Override
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
     * The loss chart.
     *
     * @return the chart
     */
    public org.flowlab.app.chart.MetricChart lossChart() {
        return curves.lossChart();
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
