package org.flowlab.app.view.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;
import org.flowlab.app.export.PyTorchExport;
import org.flowlab.app.task.RunLane;
import org.flowlab.app.task.TrainingService;
import org.flowlab.app.view.course.CourseTools;
import org.flowlab.app.view.dashboard.TheoryDashboard;
import org.flowlab.model.io.FlowLabHome;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.store.RunStore;
import org.flowlab.model.store.SampleExport;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * The Lab's run files: save (into a new named run folder, asking before an earlier run is
 * replaced), open, and export (every chart and picture as PNG, metrics as CSV, samples as
 * NumPy files). The work on the live model runs on the training thread between steps.
 */
public final class LabRunFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm", Locale.ROOT);

    private final LabView lab;

    /** Training has ended since the model was last saved or opened. */
    private boolean unsaved;

    LabRunFiles(LabView lab) {
        this.lab = lab;
    }

    /**
     * The tool-bar items for run files: Save, Open, Export, Copy link.
     *
     * @param copyLink what Copy link does
     * @return the items
     */
    List<Node> toolBarItems(Runnable copyLink) {
        Button save = new Button("Save run…");
        save.setId("saveButton");
        save.setTooltip(
                new Tooltip("Save parameters, settings and metrics into a new run folder, also during a run (Ctrl+S)"));
        save.setOnAction(e -> saveWithDialog());
        Button open = new Button("Open run…");
        open.setId("openButton");
        open.setTooltip(new Tooltip("Open a saved run to look at it or to continue training it (Ctrl+O)"));
        open.disableProperty().bind(service().runningProperty());
        open.setOnAction(e -> openWithDialog());
        MenuButton export = new MenuButton("Export");
        export.setId("exportMenu");
        export.setTooltip(new Tooltip("Charts and pictures as PNG (Ctrl+E), metrics as CSV, samples as NumPy files"));
        MenuItem charts = new MenuItem("All charts and pictures as PNG…");
        charts.setOnAction(e -> exportChartsWithDialog());
        MenuItem metrics = new MenuItem("Metrics as CSV…");
        metrics.setOnAction(e -> exportMetrics());
        MenuItem samples = new MenuItem("Samples as .npz / .npy…");
        samples.setOnAction(e -> exportSamples(null));
        export.getItems().addAll(charts, metrics, samples, PyTorchExport.menuItem(service(), lab::window, lab::status));
        Button link = new Button("Copy link");
        link.setId("copyLinkButton");
        link.setTooltip(new Tooltip("Copy this setup as a flowlab: link (every parameter, seed included) to hand"
                + " the exact demo to a class (Ctrl+L)"));
        link.setOnAction(e -> copyLink.run());
        return List.of(save, open, export, link, CourseTools.labLayersButton(service()));
    }

    /**
     * The list of recently saved or opened runs, kept up to date; a click opens one.
     *
     * @return the panel
     */
    TitledPane recentRuns() {
        VBox list = new VBox(2);
        TitledPane pane = new TitledPane("Recent runs", list);
        pane.setId("recentRuns");
        pane.setExpanded(!lab.prefs().recentRuns().isEmpty());
        lab.prefs().recentRuns().addListener((ListChangeListener<Path>) c -> fillRecent(list));
        fillRecent(list);
        return pane;
    }

    private void fillRecent(VBox list) {
        list.getChildren().clear();
        if (lab.prefs().recentRuns().isEmpty()) {
            Label none = new Label("No saved runs yet. Save a run to find it here.");
            none.getStyleClass().add("form-hint");
            none.setWrapText(true);
            list.getChildren().add(none);
            return;
        }
        int i = 0;
        for (Path p : lab.prefs().recentRuns()) {
            Hyperlink link = new Hyperlink(p.getFileName() + "  (" + p.getParent() + ")");
            link.setId("recentRun" + i++);
            link.setTooltip(new Tooltip(p.toString()));
            link.setOnAction(e -> open(p));
            list.getChildren().add(link);
        }
    }

    private TrainingService service() {
        return lab.service();
    }

    /** A name for a new run folder, e.g. {@code phi4-realnvp-rkl-2025-01-31-1400}. */
    static String suggestedName(RunSpec spec) {
        return spec.theory() + "-" + spec.flow() + "-" + spec.loss() + "-"
                + LocalDateTime.now().format(STAMP);
    }

    private Path defaultParent() {
        Path last = lab.prefs().lastRunFolder();
        return last != null ? last : FlowLabHome.path().resolve("runs");
    }

    /**
     * Asks for a run folder and saves the run there (during or after a run).
     *
     * @return false when there was nothing to save or the user cancelled
     */
    boolean saveWithDialog() {
        if (!service().hasExperiment()) {
            lab.status("Nothing to save yet: train a flow first.");
            return false;
        }
        Optional<Path> dir = SaveRunDialog.ask(lab.window(), defaultParent(), suggestedName(lab.currentSpec()));
        return dir.isPresent() && save(dir.get(), null);
    }

    /**
     * Saves the run into a run folder that is new, empty or an earlier run (replaced).
     *
     * @param dir the run folder
     * @param done called on the FX thread with true once saved (may be null)
     * @return false when there is nothing to save or the folder is not a run folder
     */
    public boolean save(Path dir, java.util.function.Consumer<Boolean> done) {
        if (!service().hasExperiment()) {
            lab.status("Nothing to save yet: train a flow first.");
            return false;
        }
        if (SaveRunDialog.check(dir) == SaveRunDialog.Verdict.NOT_A_RUN) {
            lab.status("Not saved: " + dir + " exists and is not a FlowLab run folder.");
            return false;
        }
        lab.status("Saving the run to " + dir + " …");
        service().withExperiment(0, e -> RunStore.save(dir, e), problem -> {
            boolean ok = problem.isEmpty();
            if (ok) {
                unsaved = false;
                lab.prefs().addRecentRun(dir);
                if (dir.toAbsolutePath().getParent() != null) {
                    lab.prefs().setLastRunFolder(dir.toAbsolutePath().getParent());
                }
                lab.status("Saved the run to " + dir);
            } else {
                lab.status("Could not save the run: " + problem);
            }
            if (done != null) {
                done.accept(ok);
            }
        });
        return true;
    }

    /** A run has ended (FX thread): its model, if there is one, is not saved yet. */
    void trained() {
        unsaved = true;
    }

    /**
     * Whether a model trained since the last save or open would be lost on closing.
     *
     * @return true when there is one
     */
    public boolean unsaved() {
        return unsaved && service().hasExperiment();
    }

    /**
     * Asks for a run folder and saves there, waiting (with a nested event loop) until written;
     * used when the window closes during a run.
     *
     * @return true when saved
     */
    boolean saveAndWait() {
        if (!service().hasExperiment()) {
            return true;
        }
        Optional<Path> dir = SaveRunDialog.ask(lab.window(), defaultParent(), suggestedName(lab.currentSpec()));
        if (dir.isEmpty()) {
            return false;
        }
        Object key = new Object();
        boolean[] ok = new boolean[1];
        if (!save(dir.get(), saved -> {
            ok[0] = saved;
            Platform.exitNestedEventLoop(key, null);
        })) {
            return false;
        }
        Platform.enterNestedEventLoop(key);
        return ok[0];
    }

    /**
     * Reads a saved run, telling the user why when it cannot be read.
     *
     * @param dir the run folder
     * @return the run, or null
     */
    RunStore.SavedRun read(Path dir) {
        try {
            return RunStore.read(dir);
        } catch (IOException e) {
            lab.status("Could not open the run: " + e.getMessage());
            lab.editor().showError(e.getMessage());
            return null;
        }
    }

    /**
     * Opens a saved run: fills the form with its settings, the charts with its metrics and the
     * pictures with samples of its model (loaded on the training thread); Train then continues
     * it.
     *
     * @param dir the run folder
     * @return whether it could be read
     */
    public boolean open(Path dir) {
        if (service().runningProperty().get()) {
            lab.status("Stop the current run before opening another.");
            return false;
        }
        RunStore.SavedRun saved = read(dir);
        if (saved == null) {
            return false;
        }
        lab.editor().setSpec(saved.spec());
        lab.curves().clear();
        if (!saved.history().isEmpty()) {
            lab.curves().steps(0, saved.history());
        }
        lab.setOpenedRun(saved);
        unsaved = false;
        lab.prefs().addRecentRun(dir);
        show(lab.currentDashboard(), saved);
        lab.status(String.format(
                Locale.ROOT,
                "Opened %s (%d steps). Press Train to continue it for the steps set.",
                dir,
                saved.stepsDone()));
        return true;
    }

    private <P> void show(TheoryDashboard<P> d, RunStore.SavedRun saved) {
        LabSink<P> sink = new LabSink<>(lab, d, saved.stepsDone());
        service().show(new RunLane<>(saved.spec(), sink, LabProbe.of(saved.spec(), d.probe()), saved), problem -> {
            if (!problem.isEmpty()) {
                lab.status("Opened the settings, but the model could not be loaded: " + problem);
            }
        });
    }

    /** Asks for a saved run folder and opens it. */
    void openWithDialog() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a saved run folder");
        Path parent = defaultParent();
        if (Files.isDirectory(parent)) {
            chooser.setInitialDirectory(parent.toFile());
        }
        File f = chooser.showDialog(lab.window());
        if (f != null) {
            open(f.toPath());
        }
    }

    /** Asks for a folder and writes every chart and picture there. */
    void exportChartsWithDialog() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export every chart and picture as PNG into a folder");
        File f = chooser.showDialog(lab.window());
        if (f != null) {
            exportCharts(f.toPath());
        }
    }

    /**
     * Writes the training curves, the theory's charts and its pictures as PNG files.
     *
     * @param dir the folder
     * @return the files written
     */
    public List<Path> exportCharts(Path dir) {
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        charts.put("loss", lab.curves().lossChart().chart());
        charts.put("ess", lab.curves().essChart().chart());
        charts.put("log-weights", lab.curves().logWeightChart().chart());
        TheoryDashboard<?> d = lab.currentDashboard();
        charts.putAll(d.charts());
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, JFreeChart> c : charts.entrySet()) {
                Path p = dir.resolve(c.getKey() + ".png");
                ChartUtils.saveChartAsPNG(p.toFile(), c.getValue(), 1200, 800);
                written.add(p);
            }
            for (Map.Entry<String, Node> pic : d.pictures().entrySet()) {
                Path p = dir.resolve(pic.getKey() + ".png");
                writePicture(pic.getValue(), p);
                written.add(p);
            }
            lab.status("Wrote " + written.size() + " charts and pictures to " + dir);
        } catch (IOException e) {
            lab.status("Could not export the charts: " + e.getMessage());
        }
        return written;
    }

    private static void writePicture(Node node, Path file) throws IOException {
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(javafx.scene.transform.Transform.scale(2, 2));
        WritableImage image = node.snapshot(params, null);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }

    /** Asks for a file and writes the metrics as CSV. */
    void exportMetrics() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the metrics as CSV");
        chooser.setInitialFileName("metrics.csv");
        File f = chooser.showSaveDialog(lab.window());
        if (f != null) {
            try {
                RunStore.writeMetrics(f.toPath(), lab.curves().history(0));
                lab.status("Wrote " + lab.curves().history(0).size() + " steps to " + f);
            } catch (IOException e) {
                lab.status("Could not write the metrics: " + e.getMessage());
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
        if (!service().hasExperiment()) {
            lab.status("Nothing to export yet: train a flow first.");
            return false;
        }
        Path target = file;
        if (target == null) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export 1024 model samples");
            chooser.setInitialFileName("samples.npz");
            chooser.getExtensionFilters()
                    .addAll(
                            new FileChooser.ExtensionFilter("NumPy archive (samples, log_q, log_p, log_w)", "*.npz"),
                            new FileChooser.ExtensionFilter("NumPy array (samples only)", "*.npy"));
            File f = chooser.showSaveDialog(lab.window());
            if (f == null) {
                return false;
            }
            target = f.toPath();
        }
        Path where = target;
        service()
                .withExperiment(
                        0,
                        e -> SampleExport.write(e, where, 1024, 1),
                        problem -> lab.status(
                                problem.isEmpty()
                                        ? "Wrote 1024 samples to " + where
                                        : "Could not export samples: " + problem));
        return true;
    }
}
