package org.flowlab.app.diag;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * A small status in the window's corner: a spinner with "Loading the PyTorch engine… Train
 * waits for it" while the engine loads, "PyTorch engine ready: CPU (2 threads)" for a few seconds
 * once it has, or the reason in red when it failed. It also shows short confirmations such as
 * "Diagnostics copied".
 */
public final class EngineStatusView extends HBox {

    private static final Duration READY_VISIBLE = Duration.seconds(6);
    private static final Duration FLASH_VISIBLE = Duration.seconds(4);

    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label label = new Label();
    private final PauseTransition hide = new PauseTransition();
    private final EngineLoader engine;

    /**
     * Follows an engine loader.
     *
     * @param engine the loader
     */
    public EngineStatusView(EngineLoader engine) {
        super(6);
        this.engine = engine;
        setId("engineStatus");
        label.setId("engineStatusLabel");
        setAlignment(Pos.CENTER_RIGHT);
        spinner.setPrefSize(16, 16);
        spinner.setMaxSize(16, 16);
        label.setMaxWidth(520);
        getChildren().addAll(spinner, label);
        hide.setOnFinished(e -> setVisible(false));
        engine.stateProperty().addListener((obs, was, now) -> update());
        engine.messageProperty().addListener((obs, was, now) -> update());
        update();
    }

    private void update() {
        hide.stop();
        EngineLoader.State state = engine.stateProperty().get();
        label.setText(engine.messageProperty().get());
        label.setTooltip(label.getText().isEmpty() ? null : new Tooltip(label.getText()));
        spinner.setVisible(state == EngineLoader.State.LOADING);
        spinner.setManaged(state == EngineLoader.State.LOADING);
        label.setStyle(state == EngineLoader.State.FAILED ? "-fx-text-fill: #c62828;" : "");
        setVisible(state != EngineLoader.State.WAITING);
        if (state == EngineLoader.State.READY) {
            hide.setDuration(READY_VISIBLE);
            hide.playFromStart();
        }
    }

    /**
     * Shows a short message for a few seconds (unless the engine is still loading or failed,
     * whose state stays on screen).
     *
     * @param text the message
     */
    public void flash(String text) {
        EngineLoader.State state = engine.stateProperty().get();
        if (state == EngineLoader.State.LOADING || state == EngineLoader.State.FAILED) {
            return;
        }
        label.setText(text);
        label.setStyle("");
        spinner.setVisible(false);
        spinner.setManaged(false);
        setVisible(true);
        hide.stop();
        hide.setDuration(FLASH_VISIBLE);
        hide.playFromStart();
    }

    /**
     * The text shown now (for tests).
     *
     * @return the label's text
     */
    public String text() {
        return label.getText();
    }
}
