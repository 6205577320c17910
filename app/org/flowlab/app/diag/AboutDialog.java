package org.flowlab.app.diag;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Help → About: the versions (FlowLab, Java, JavaFX, DJL, libtorch), the compute device and
 * thread count, the folders, and a "Copy diagnostics" button that puts all of it and the tail of
 * the log on the clipboard for a bug report. The rows refresh when the engine finishes loading.
 */
public final class AboutDialog {

    private final Stage stage = new Stage();
    private final GridPane grid = new GridPane();
    private final Label copied = new Label();
    private final EngineLoader engine;

    /**
     * Builds the dialog (not shown yet).
     *
     * @param owner the main window
     * @param engine the window's engine loader
     * @param styleSheets style sheets to apply (the window's)
     */
    public AboutDialog(Window owner, EngineLoader engine, List<String> styleSheets) {
        this.engine = engine;
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("About FlowLab");
        Label title = new Label("FlowLab " + Diagnostics.flowLabVersion());
        title.setStyle("-fx-font-size: 1.5em; -fx-font-weight: bold;");
        Label subtitle = new Label("Normalizing flows for lattice field theory, on DJL and PyTorch.");
        grid.setId("aboutGrid");
        grid.setHgap(12);
        grid.setVgap(4);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(names, values);
        refresh();
        engine.stateProperty().addListener((obs, was, now) -> refresh());

        Button copy = new Button("Copy diagnostics");
        copy.setId("copyDiagnostics");
        copy.setOnAction(e -> copied.setText(copyToClipboard(engine)));
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setDefaultButton(true);
        close.setOnAction(e -> stage.close());
        copied.setId("copiedLabel");
        copied.setWrapText(true);
        copied.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(copied, Priority.ALWAYS);
        copy.setMinWidth(Region.USE_PREF_SIZE);
        close.setMinWidth(Region.USE_PREF_SIZE);
        HBox buttons = new HBox(8, copied, copy, close);
        buttons.setAlignment(Pos.CENTER_LEFT);

        BorderPane root = new BorderPane(grid, new VBox(4, title, subtitle), null, buttons, null);
        BorderPane.setMargin(grid, new Insets(12, 0, 12, 0));
        root.setPadding(new Insets(16));
        root.setPrefWidth(720);
        Scene scene = new Scene(root);
        scene.getStylesheets().addAll(styleSheets);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setScene(scene);
    }

    /**
     * Puts the full diagnostics report on the system clipboard (call on the FX thread).
     *
     * @param engine the window's engine loader
     * @return a confirmation to show
     */
    public static String copyToClipboard(EngineLoader engine) {
        ClipboardContent content = new ClipboardContent();
        content.putString(Diagnostics.report(engine, Diagnostics.LOG_LINES));
        Clipboard.getSystemClipboard().setContent(content);
        return "Copied: versions, device and the log's last " + Diagnostics.LOG_LINES + " lines.";
    }

    private void refresh() {
        grid.getChildren().clear();
        int row = 0;
        for (Diagnostics.Item item : Diagnostics.collect(engine)) {
            Label name = new Label(item.name());
            name.setStyle("-fx-font-weight: bold;");
            Label value = new Label(item.value());
            value.setWrapText(true);
            value.setId(
                    "about-" + item.name().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            grid.addRow(row++, name, value);
        }
    }

    /** Shows the dialog, or brings it to the front. */
    public void show() {
        refresh();
        stage.show();
        stage.toFront();
    }

    /**
     * The dialog's window (for tests).
     *
     * @return the stage
     */
    public Stage stage() {
        return stage;
    }
}
