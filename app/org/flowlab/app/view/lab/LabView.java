package org.flowlab.app.view.lab;

import org.flowlab.app.chart.CurvesPanel;
import org.flowlab.app.view.RunControls;
import org.flowlab.app.view.dashboard.FlowTimeView;
import org.flowlab.app.view.dashboard.MixtureDashboard;
import org.flowlab.app.view.dashboard.Phi4Dashboard;
import org.flowlab.app.view.dashboard.TheoryDashboard;
import org.flowlab.app.view.dashboard.U1Dashboard;
import org.flowlab.app.view.dashboard.VonMisesDashboard;
import org.flowlab.app.view.form.SpecEditor;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import org.controlsfx.control.StatusBar;
import org.flowlab.app.prefs.AppPrefs;
import org.flowlab.app.task.TrainingService;
import org.flowlab.model.store.RunStore;
import org.flowlab.model.store.SampleExport;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;
import org.flowlab.model.train.TrainingConfig;
import org.flowlab.model.train.TrainingStep;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lab: a run editor on the left (theory, flow, loss, training), live training curves
 * (loss, ESS, acceptance, log weights) on top, the theory's pictures below, Train / Pause /
 * Stop and run management (save, open, export) in the tool bar, and step, speed and device in
 * the status bar.
 */
public final class LabView extends BorderPane {

    private final AppPrefs prefs;
    private final TrainingService service = new TrainingService();
    private final SpecEditor editor = new SpecEditor("", Catalog.theories());
    private final CurvesPanel curves = new CurvesPanel("", List.of(""));
    private final Map<String, TheoryDashboard> dashboards = new LinkedHashMap<>();
    private final StackPane dashboardHolder = new StackPane();
    private final FlowTimeView flowTime = new FlowTimeView();
    private final Button train = new Button("Train");
    private final Button pause = new Button("Pause");
    private final Button stop = new Button("Stop");
    private final Button save = new Button("Save run…");
    private final Button open = new Button("Open run…");
    private final MenuButton export = new MenuButton("Export");
    private final StatusBar statusBar = new StatusBar();
    private final Label stepLabel = new Label("step –");
    private final Label speedLabel = new Label("– steps/s");
    private final Label deviceLabel = new Label("device: –");
    private final VBox recentList = new VBox(2);
    private TheoryDashboard dashboard;
    private RunStore.SavedRun openedRun;
    private int plannedSteps;
    private boolean dark;

    /**
     * Builds the lab (call on the FX thread).
     *
     * @param prefs the application preferences (recent runs)
     */
    public LabView(AppPrefs prefs) {
        this.prefs = prefs;
        setId("labView");
        getStyleClass().add("lab-view");
        dashboards.put("phi4", new Phi4Dashboard());
        dashboards.put("u1", new U1Dashboard());
        dashboards.put("mixture2d", new MixtureDashboard());
        dashboards.put("vonmises", new VonMisesDashboard());

        Label guide = new Label("Pick a theory and a preset, then press Train. Watch the loss fall and the ESS"
                + " rise, and compare the model's pictures with the truth below.");
        guide.getStyleClass().add("guide");
        guide.setWrapText(true);
        TitledPane recent = new TitledPane("Recent runs", recentList);
        recent.setId("recentRuns");
        recent.setExpanded(!prefs.recentRuns().isEmpty());
        prefs.recentRuns().addListener((javafx.collections.ListChangeListener<Path>) c -> fillRecent());
        fillRecent();
        VBox sidebar = new VBox(10, guide, recent, editor);
        sidebar.setPadding(new Insets(12));
        sidebar.setPrefWidth(370);
        ScrollPane scroll = new ScrollPane(sidebar);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("sidebar");
        setLeft(scroll);

        setTop(toolBar());
        flowTime.getStyleClass().add("panel");
        flowTime.setMinHeight(230);
        flowTime.managedProperty().bind(flowTime.visibleProperty());
        flowTime.setVisible(false);
        VBox centre = new VBox(10, curves, dashboardHolder, flowTime);
        centre.setPadding(new Insets(10));
        curves.setPrefHeight(330);
        VBox.setVgrow(curves, Priority.SOMETIMES);
        VBox.setVgrow(dashboardHolder, Priority.ALWAYS);
        setCenter(centre);
        setBottom(statusBar());

        editor.setOnChange(this::preview);
        preview();
    }

    private HBox toolBar() {
        RunControls.bind(service, editor.validProperty(), "", train, pause, stop, this::startTraining);
        train.setDefaultButton(true);
        save.setId("saveButton");
        save.setTooltip(new Tooltip("Save parameters, settings and metrics to a run directory (also during a run)"));
        save.setOnAction(e -> saveRun(null));
        open.setId("openButton");
        open.setTooltip(new Tooltip("Open a saved run to look at it or to continue training it"));
        open.disableProperty().bind(service.runningProperty());
        open.setOnAction(e -> chooseAndOpen());
        export.setId("exportMenu");
        MenuItem charts = new MenuItem("All charts as PNG…");
        charts.setOnAction(e -> exportCharts());
        MenuItem metrics = new MenuItem("Metrics as CSV…");
        metrics.setOnAction(e -> exportMetrics());
        MenuItem samples = new MenuItem("Samples as .npz / .npy…");
        samples.setOnAction(e -> exportSamples(null));
        export.getItems().addAll(charts, metrics, samples);
        export.getItems().add(org.flowlab.app.export.PyTorchExport.menuItem(service, this::window, statusBar::setText));
        Label title = new Label("Lab");
        title.getStyleClass().add("lab-title");
        HBox bar = new HBox(10, title, new Separator(Orientation.VERTICAL), train, pause, stop,
                new Separator(Orientation.VERTICAL), save, open, export);
        bar.getChildren().add(org.flowlab.app.view.course.CourseTools.labLayersButton(service));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("lab-toolbar");
        return bar;
    }

    private StatusBar statusBar() {
        statusBar.setId("statusBar");
        statusBar.setText("Ready. Choose a theory and press Train.");
        stepLabel.setId("stepLabel");
        speedLabel.setId("speedLabel");
        deviceLabel.setId("deviceLabel");
        for (Label l : List.of(stepLabel, speedLabel, deviceLabel)) {
            l.getStyleClass().add("status-item");
        }
        statusBar.getRightItems().addAll(stepLabel, new Separator(), speedLabel, new Separator(), deviceLabel);
        return statusBar;
    }

    private void fillRecent() {
        recentList.getChildren().clear();
        if (prefs.recentRuns().isEmpty()) {
            Label none = new Label("No saved runs yet. Save a run to find it here.");
            none.getStyleClass().add("form-hint");
            none.setWrapText(true);
            recentList.getChildren().add(none);
            return;
        }
        int i = 0;
        for (Path p : prefs.recentRuns()) {
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
        TheoryDashboard d = dashboards.get(editor.theory().id());
        boolean continuous = editor.flow() != null && "cnf".equals(editor.flow().id());
        if (continuous != flowTime.isVisible()) {
            flowTime.clear();
            flowTime.setVisible(continuous);
        }
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
        RunSpec spec;
        try {
            spec = editor.spec();
        } catch (IllegalArgumentException e) {
            editor.showError(e.getMessage());
            return;
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
        plannedSteps = spec.training().steps();
        preview();
        dashboard.reset(spec);
        editor.setLocked(true);
        statusBar.setText("Building the flow for " + spec.theoryKind().describe(spec.theorySettings()) + " …");
        statusBar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        TheoryDashboard d = dashboard;
        flowTime.clear();
        service.start(List.of(new TrainingService.Lane(spec, sink(d), LabProbe.of(spec, d.probe()), resume)),
                d.referenceObservables(spec));
    }

    private static boolean sameModel(RunSpec a, RunSpec b) {
        return a.theory().equals(b.theory()) && a.theorySettings().equals(b.theorySettings())
                && a.flow().equals(b.flow()) && a.flowSettings().equals(b.flowSettings())
                && a.loss().equals(b.loss()) && a.lossSettings().equals(b.lossSettings());
    }

    private TrainingService.Sink sink(TheoryDashboard d) {
        return new TrainingService.Sink() {
            @Override
            public void preparing(String task, long done, long total) {
                double fraction = total > 0 ? (double) done / total : ProgressBar.INDETERMINATE_PROGRESS;
                statusBar.setText(String.format(Locale.ROOT, "Preparing: %s %,d / %,d", task, done, total));
                statusBar.setProgress(fraction);
                editor.showData(String.format(Locale.ROOT, "Training set: %s, %,d / %,d%s", task, done, total,
                        done >= total ? " (ready)" : ""), fraction);
            }

            @Override
            public void started(String description, long parameters, String device) {
                statusBar.setText(String.format(Locale.ROOT, "Training %,d parameters: %s", parameters, description));
                deviceLabel.setText("device: " + device);
            }

            @Override
            public void steps(List<TrainingStep> steps) {
                curves.steps(0, steps);
                TrainingStep last = steps.get(steps.size() - 1);
                double[] sm = curves.smoothed(0);
                stepLabel.setText(String.format(Locale.ROOT, "step %d / %d", last.step(), plannedSteps));
                speedLabel.setText(String.format(Locale.ROOT, "%.1f steps/s", last.stepsPerSecond()));
                statusBar.setProgress(plannedSteps > 0 ? (double) last.step() / plannedSteps : 0);
                statusBar.setText(String.format(Locale.ROOT, "Training: loss %.4g, ESS %.3f, acceptance %.3f (smoothed)", sm[0], sm[1], sm[2]));
            }

            @Override
            public void modelSamples(SampleSnapshot snapshot) {
                curves.samples(0, snapshot);
                d.modelSamples(snapshot);
            }

            @Override
            public void referenceSamples(ReferenceChain.Snapshot snapshot) {
                d.referenceSamples(snapshot);
            }

            @Override
            public void probe(Object result) {
                if (result instanceof LabProbe p) {
                    if (p.dashboard() != null) {
                        d.probeResult(p.dashboard());
                    }
                    if (p.frames() != null) {
                        flowTime.show(p.frames(), p.step());
                    }
                } else {
                    d.probeResult(result);
                }
            }

            @Override
            public void ended(String message, boolean failed) {
                editor.setLocked(false);
                statusBar.setProgress(0);
                statusBar.setText(failed ? "Failed: " + message
                        : "Done: " + message + ". Save the run, change the settings, or train again.");
                if (failed) {
                    editor.showError(message);
                }
            }
        };
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /**
     * Saves the current run to a directory (asks for one when null), during or after a run.
     *
     * @param dir the directory, or null to ask
     * @return false when there was nothing to save or the user cancelled
     */
    public boolean saveRun(Path dir) {
        if (!service.hasExperiment()) {
            statusBar.setText("Nothing to save yet: train a flow first.");
            return false;
        }
        Path target = dir;
        if (target == null) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Save the run into a directory");
            File f = chooser.showDialog(window());
            if (f == null) {
                return false;
            }
            target = f.toPath();
        }
        Path where = target;
        statusBar.setText("Saving the run to " + where + " …");
        service.withExperiment(0, e -> RunStore.save(where, e), problem -> {
            if (problem.isEmpty()) {
                prefs.addRecentRun(where);
                statusBar.setText("Saved the run to " + where);
            } else {
                statusBar.setText("Could not save the run: " + problem);
            }
        });
        return true;
    }

    /**
     * Asks for a directory and saves the current run there, waiting (with a nested event loop)
     * until the save has finished; used when the window closes during a run.
     *
     * @return true when the run was saved, false when the user cancelled or saving failed
     */
    public boolean saveRunAndWait() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Save the run into a directory");
        File f = chooser.showDialog(window());
        if (f == null || !service.hasExperiment()) {
            return false;
        }
        Path where = f.toPath();
        Object key = new Object();
        boolean[] ok = new boolean[1];
        service.withExperiment(0, e -> RunStore.save(where, e), problem -> {
            ok[0] = problem.isEmpty();
            if (ok[0]) {
                prefs.addRecentRun(where);
            } else {
                statusBar.setText("Could not save the run: " + problem);
            }
            javafx.application.Platform.exitNestedEventLoop(key, null);
        });
        javafx.application.Platform.enterNestedEventLoop(key);
        return ok[0];
    }

    private void chooseAndOpen() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a saved run directory");
        File f = chooser.showDialog(window());
        if (f != null) {
            openRun(f.toPath());
        }
    }

    /**
     * Opens a saved run: fills the editor with its settings and the charts with its metrics;
     * Train then continues it.
     *
     * @param dir the run directory
     * @return whether it could be read
     */
    public boolean openRun(Path dir) {
        if (service.runningProperty().get()) {
            statusBar.setText("Stop the current run before opening another.");
            return false;
        }
        RunStore.SavedRun saved;
        try {
            saved = RunStore.read(dir);
        } catch (IOException e) {
            statusBar.setText("Could not open the run: " + e.getMessage());
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
        prefs.addRecentRun(dir);
        statusBar.setText(String.format(Locale.ROOT, "Opened %s (%d steps). Press Train to continue it for the steps set.",
                dir, saved.stepsDone()));
        return true;
    }

    private void exportCharts() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export every chart as PNG into a directory");
        File f = chooser.showDialog(window());
        if (f != null) {
            exportCharts(f.toPath());
        }
    }

    /**
     * Writes every chart of the lab as a PNG file into a directory.
     *
     * @param dir the directory
     * @return the files written
     */
    public List<Path> exportCharts(Path dir) {
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        charts.put("loss", curves.lossChart().chart());
        charts.put("ess", curves.essChart().chart());
        charts.put("log-weights", curves.logWeightChart().chart());
        try {
            Files.createDirectories(dir);
            List<Path> written = new java.util.ArrayList<>();
            for (Map.Entry<String, JFreeChart> c : charts.entrySet()) {
                Path p = dir.resolve(c.getKey() + ".png");
                ChartUtils.saveChartAsPNG(p.toFile(), c.getValue(), 1200, 800);
                written.add(p);
            }
            statusBar.setText("Wrote " + written.size() + " charts to " + dir);
            return written;
        } catch (IOException e) {
            statusBar.setText("Could not export the charts: " + e.getMessage());
            return List.of();
        }
    }

    private void exportMetrics() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the metrics as CSV");
        chooser.setInitialFileName("metrics.csv");
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            try {
                RunStore.writeMetrics(f.toPath(), curves.history(0));
                statusBar.setText("Wrote " + curves.history(0).size() + " steps to " + f);
            } catch (IOException e) {
                statusBar.setText("Could not write the metrics: " + e.getMessage());
            }
        }
    }

    /**
     * Exports 1024 model samples to a .npz or .npy file (asks when null).
     *
     * @param file the file, or null to ask
     * @return false when there is nothing to export or the user cancelled
     */
    public boolean exportSamples(Path file) {
        if (!service.hasExperiment()) {
            statusBar.setText("Nothing to export yet: train a flow first.");
            return false;
        }
        Path target = file;
        if (target == null) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export 1024 model samples");
            chooser.setInitialFileName("samples.npz");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("NumPy archive (samples, log_q, log_p, log_w)", "*.npz"),
                    new FileChooser.ExtensionFilter("NumPy array (samples only)", "*.npy"));
            File f = chooser.showSaveDialog(window());
            if (f == null) {
                return false;
            }
            target = f.toPath();
        }
        Path where = target;
        service.withExperiment(0, e -> SampleExport.write(e, where, 1024, 1), problem ->
                statusBar.setText(problem.isEmpty() ? "Wrote 1024 samples to " + where : "Could not export samples: " + problem));
        return true;
    }

    /**
     * Applies settings given by key (from a lecture's "Try it" link, which may also name the
     * theory, flow and loss) and, if the form is then valid, starts training.
     *
     * @param settings key to text, e.g. {@code theory -> phi4, m2 -> -0.5}
     * @return whether a run was started
     */
    public boolean applyAndTrain(Map<String, String> settings) {
        if (service.runningProperty().get()) {
            editor.showError("A run is going: stop it before starting another.");
            return false;
        }
        try {
            editor.apply(settings);
        } catch (IllegalArgumentException e) {
            editor.showError(e.getMessage());
            return false;
        }
        if (!editor.validProperty().get()) {
            return false;
        }
        startTraining();
        return true;
    }

    /**
     * Applies the theme.
     *
     * @param isDark whether the dark theme is active
     */
    public void setDark(boolean isDark) {
        this.dark = isDark;
        curves.setDark(isDark);
        flowTime.setDark(isDark);
        for (TheoryDashboard d : dashboards.values()) {
            d.setDark(isDark);
        }
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
     * The dashboard of a theory.
     *
     * @param theoryId e.g. {@code u1}
     * @return the dashboard
     */
    public TheoryDashboard dashboard(String theoryId) {
        return dashboards.get(theoryId);
    }

    /** Stops any run and releases the worker threads. */
    public void dispose() {
        service.close();
    }
}
