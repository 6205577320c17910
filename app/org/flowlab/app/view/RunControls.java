package org.flowlab.app.view;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.flowlab.app.task.TrainingService;

/** The Train, Pause/Resume and Stop buttons of a view, bound to its training service. */
public final class RunControls {

    private RunControls() {}

    /**
     * Styles and binds the three buttons: Train only when nothing runs and the form is valid,
     * Pause (Resume while paused) and Stop only while a run goes.
     *
     * @param service the view's training service
     * @param valid whether the form describes a valid run
     * @param idPrefix prefix of the buttons' ids ("" in the lab)
     * @param train the Train button
     * @param pause the Pause button
     * @param stop the Stop button
     * @param start what Train does
     */
    public static void bind(
            TrainingService service,
            ObservableBooleanValue valid,
            String idPrefix,
            Button train,
            Button pause,
            Button stop,
            Runnable start) {
        train.setId(idPrefix + "trainButton");
        train.getStyleClass().addAll("accent", "big-button");
        train.setOnAction(e -> start.run());
        train.setTooltip(new Tooltip("Start training with these settings (Ctrl+Enter)"));
        pause.setTooltip(new Tooltip("Pause after the current step; press again to resume (Space)"));
        stop.setTooltip(new Tooltip("Stop after the current step; the run stays open to save or continue (Esc)"));
        train.disableProperty().bind(service.runningProperty().or(Bindings.not(valid)));
        pause.setId(idPrefix + "pauseButton");
        pause.getStyleClass().add("big-button");
        pause.textProperty()
                .bind(Bindings.when(service.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.disableProperty().bind(service.runningProperty().not());
        pause.setOnAction(e -> {
            if (service.pausedProperty().get()) {
                service.resume();
            } else {
                service.pause();
            }
        });
        stop.setId(idPrefix + "stopButton");
        stop.getStyleClass().addAll("danger", "big-button");
        stop.disableProperty().bind(service.runningProperty().not());
        stop.setOnAction(e -> service.stop());
    }
}
