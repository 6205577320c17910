package org.flowlab.app.view.basics;

import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * Train and Stop, and the pace of a live run: a small network fits in a second, too fast to
 * watch, so the window slows the steps down unless asked for "fastest".
 */
final class RunButtons {

    /** Pace names, in the order of {@link #RATES}. */
    static final List<String> SPEEDS = List.of("slow", "normal", "fast", "fastest");
    /** Steps per second of each pace (0: no limit). */
    private static final double[] RATES = {60, 250, 1000, 0};

    private final Button train = new Button("Train");
    private final Button stop = new Button("Stop");
    private final ChoiceBox<String> speed = new ChoiceBox<>(FXCollections.observableArrayList(SPEEDS));
    private final HBox buttons = new HBox(8, train, stop);
    private final HBox speedRow;

    RunButtons(String idPrefix) {
        train.setId(idPrefix + "train");
        stop.setId(idPrefix + "stop");
        train.getStyleClass().add("big-button");
        stop.getStyleClass().add("big-button");
        speed.setId(idPrefix + "speed");
        speed.setValue("normal");
        speed.setTooltip(new Tooltip("slow 60, normal 250, fast 1000 steps per second; fastest: no limit"));
        speedRow = new HBox(8, new Label("speed"), speed);
    }

    /**
     * Chooses the pace.
     *
     * @param name one of {@link #SPEEDS}
     * @throws IllegalArgumentException for another name
     */
    void setSpeed(String name) {
        String k = name.trim().toLowerCase(Locale.ROOT);
        if (!SPEEDS.contains(k)) {
            throw new IllegalArgumentException(
                    "speed must be one of " + String.join(", ", SPEEDS) + ", not '" + name + "'");
        }
        speed.setValue(k);
    }

    double stepsPerSecond() {
        return RATES[SPEEDS.indexOf(speed.getValue())];
    }

    Button train() {
        return train;
    }

    Button stop() {
        return stop;
    }

    HBox buttons() {
        return buttons;
    }

    HBox speedRow() {
        return speedRow;
    }
}
