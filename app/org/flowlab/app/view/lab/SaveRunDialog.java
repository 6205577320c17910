package org.flowlab.app.view.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.flowlab.app.view.Dialogs;
import org.flowlab.model.store.RunStore;

/**
 * Where to save a run: a new folder with a name of the user's choice inside a parent folder.
 * Saving never scatters files into an arbitrary folder: a folder that exists must be an earlier
 * run (the user is asked before it is replaced) or empty.
 */
public final class SaveRunDialog {

    /** What saving into a folder would do. */
    public enum Verdict {
        /** The folder does not exist yet, or is empty: a new run. */
        NEW,
        /** The folder holds a saved run: saving replaces it. */
        REPLACE,
        /** The folder is a file, or holds other things: refused. */
        NOT_A_RUN
    }

    private SaveRunDialog() {}

    /**
     * What saving into a folder would do.
     *
     * @param dir the run folder
     * @return the verdict
     */
    public static Verdict check(Path dir) {
        if (!Files.exists(dir)) {
            return Verdict.NEW;
        }
        if (!Files.isDirectory(dir)) {
            return Verdict.NOT_A_RUN;
        }
        if (Files.exists(dir.resolve(RunStore.RUN_FILE))) {
            return Verdict.REPLACE;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty() ? Verdict.NEW : Verdict.NOT_A_RUN;
        } catch (IOException e) {
            return Verdict.NOT_A_RUN;
        }
    }

    /**
     * Asks for the run's name and parent folder, and, when a run of that name exists, whether
     * to replace it.
     *
     * @param owner the window
     * @param parent the suggested parent folder
     * @param name the suggested run name
     * @return the run folder, or empty when cancelled
     */
    public static Optional<Path> ask(Window owner, Path parent, String name) {
        Path currentParent = parent;
        String currentName = name;
        while (true) {
            Optional<Path> chosen = askOnce(owner, currentParent, currentName);
            if (chosen.isEmpty()) {
                return Optional.empty();
            }
            Path dir = chosen.get();
            currentParent = dir.getParent();
            currentName = dir.getFileName().toString();
            Verdict v = check(dir);
            if (v == Verdict.NEW) {
                return chosen;
            }
            if (v == Verdict.REPLACE
                    && Dialogs.confirm(
                            owner,
                            "Replace the saved run?",
                            "A run is already saved in " + dir + ". Replace it with this one?",
                            "Replace")) {
                return chosen;
            }
            if (v == Verdict.NOT_A_RUN) {
                Dialogs.error(
                        owner,
                        "Choose another name",
                        dir + " exists and is not a FlowLab run. Choose a new name for the run folder.");
            }
        }
    }

    private static Optional<Path> askOnce(Window owner, Path parent, String name) {
        Dialog<Path> dialog = new Dialog<>();
        dialog.setTitle("Save run");
        dialog.setHeaderText("Save the run into a new folder");
        if (owner != null) {
            dialog.initOwner(owner);
        }
        TextField nameField = new TextField(name);
        nameField.setId("runNameField");
        nameField.setPrefColumnCount(28);
        TextField parentField = new TextField(parent.toString());
        parentField.setId("runParentField");
        Button browse = new Button("Choose…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("The folder to put the run folder in");
            File start = new File(parentField.getText());
            if (start.isDirectory()) {
                chooser.setInitialDirectory(start);
            }
            File f = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
            if (f != null) {
                parentField.setText(f.getPath());
            }
        });
        Label error = new Label();
        error.getStyleClass().add("field-error");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("Run name"), nameField);
        grid.addRow(1, new Label("In folder"), parentField, browse);
        grid.add(error, 1, 2, 2, 1);
        GridPane.setHgrow(parentField, Priority.ALWAYS);
        dialog.getDialogPane().setContent(grid);
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        Dialogs.fitButtons(dialog.getDialogPane());
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            String problem = problem(nameField.getText(), parentField.getText());
            if (!problem.isEmpty()) {
                error.setText(problem);
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == save
                ? Path.of(parentField.getText().trim())
                        .resolve(nameField.getText().trim())
                : null);
        return dialog.showAndWait();
    }

    /**
     * What is wrong with a run name and parent folder ("" when nothing).
     *
     * @param name the run folder's name
     * @param parent the parent folder
     * @return the problem in words
     */
    static String problem(String name, String parent) {
        String n = name.trim();
        if (n.isEmpty()) {
            return "Give the run a name.";
        }
        if (n.contains("/") || n.contains("\\") || n.equals(".") || n.equals("..")) {
            return "The name is one folder name: no / or \\.";
        }
        try {
            Path.of(parent.trim()).resolve(n);
        } catch (InvalidPathException e) {
            return "Not a usable folder: " + e.getMessage();
        }
        if (parent.trim().isEmpty()) {
            return "Choose the folder to put the run in.";
        }
        return "";
    }
}
