package org.flowlab.app;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.flowlab.app.view.Dialogs;

/** Help → Keyboard shortcuts: every key of the window on one sheet. */
final class ShortcutsSheet {

    /** Keys and what they do, in the order shown. */
    static final String[][] KEYS = {
        {"Ctrl+Enter", "Train (the selected tab's run)"},
        {"Space", "Pause / resume (not while typing in a field)"},
        {"Esc", "Stop after the current step"},
        {"Ctrl+S", "Save the run into a new run folder"},
        {"Ctrl+O", "Open a saved run"},
        {"Ctrl+E", "Export all charts and pictures as PNG"},
        {"Ctrl+L", "Copy this setup as a flowlab: link"},
        {"Ctrl+1 … Ctrl+9", "Go to tab 1 … 9"},
        {"F5", "Presentation mode: large type, thick curves, settings hidden"},
        {"Ctrl + / Ctrl − / Ctrl 0", "Zoom in / out / actual size"},
        {"F11", "Full screen (F11 again to leave)"},
        {"F1", "This sheet"},
        {"Ctrl+Q", "Quit"},
    };

    private ShortcutsSheet() {}

    /**
     * Shows the sheet (not modal, so it can stay open beside the window).
     *
     * @param owner the window
     */
    static void show(Window owner) {
        GridPane grid = new GridPane();
        grid.setId("shortcutsSheet");
        grid.setHgap(24);
        grid.setVgap(6);
        for (int i = 0; i < KEYS.length; i++) {
            Label key = new Label(KEYS[i][0]);
            key.getStyleClass().add("shortcut-key");
            grid.addRow(i, key, new Label(KEYS[i][1]));
        }
        Alert sheet = Dialogs.alert(owner, Alert.AlertType.INFORMATION, "Keyboard shortcuts", null, ButtonType.CLOSE);
        sheet.setGraphic(null);
        sheet.initModality(Modality.NONE);
        sheet.getDialogPane().setContent(grid);
        sheet.show();
    }
}
