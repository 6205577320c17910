package org.flowlab.app.export;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.MenuItem;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.flowlab.app.task.TrainingService;
import org.flowlab.model.store.PyTorchScript;

/**
 * "Export as PyTorch script" for the Lab's current run: asks for a directory and writes
 * {@link PyTorchScript#SCRIPT}, the weights and the check batch there (on the training thread,
 * between steps while a run is going).
 */
public final class PyTorchExport {

    private PyTorchExport() {}

    /**
     * The menu item for the Lab's Export menu.
     *
     * @param service the Lab's training service
     * @param owner the window for the directory chooser (may give null)
     * @param status receives one-line messages for the status bar
     * @return the item
     */
    public static MenuItem menuItem(TrainingService service, Supplier<Window> owner, Consumer<String> status) {
        MenuItem item = new MenuItem("PyTorch script (model, loss, training loop, weights)…");
        item.setId("exportPyTorch");
        item.setOnAction(e -> {
            if (!service.hasExperiment()) {
                status.accept("Nothing to export yet: train a flow first.");
                return;
            }
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Export the run as a PyTorch script into a directory");
            File home = new File(System.getProperty("user.home"));
            if (home.isDirectory()) {
                chooser.setInitialDirectory(home);
            }
            File dir = chooser.showDialog(owner.get());
            if (dir != null) {
                export(service, dir.toPath(), status);
            }
        });
        return item;
    }

    /**
     * Writes the export of the Lab's run into a directory.
     *
     * @param service the Lab's training service
     * @param dir the directory
     * @param status receives the outcome in one line (on the FX thread)
     * @return false when there is no run to export
     */
    public static boolean export(TrainingService service, Path dir, Consumer<String> status) {
        AtomicReference<List<Path>> files = new AtomicReference<>();
        status.accept("Writing the PyTorch script to " + dir + " …");
        return service.withExperiment(
                0,
                ex -> files.set(PyTorchScript.write(ex, dir)),
                problem -> status.accept(
                        problem.isEmpty()
                                ? "Wrote " + dir.resolve(PyTorchScript.SCRIPT)
                                        + " with its weights; run it with python3 (--check compares with FlowLab)"
                                : "Could not export the PyTorch script: " + problem));
    }
}
