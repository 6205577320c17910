package org.flowlab.app.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.layout.Region;
import org.controlsfx.control.StatusBar;

/**
 * The status bar of a training tab: a line of text on the left, and on the right a progress bar
 * of fixed width (the status bar's own one is squeezed to a dot by long texts) followed by
 * labels such as step, speed and device.
 */
public final class RunStatus extends StatusBar {

    private static final double PROGRESS_WIDTH = 150;

    private final ProgressBar progress = new ProgressBar(0);

    /**
     * Builds the status bar.
     *
     * @param id node id
     * @param text the first text
     * @param labels the items on the right
     */
    public RunStatus(String id, String text, Label... labels) {
        setId(id);
        setText(text);
        progress.setId(id + "-progress");
        progress.getStyleClass().add("run-progress");
        progress.setPrefWidth(PROGRESS_WIDTH);
        progress.setMinWidth(PROGRESS_WIDTH);
        List<Node> right = new ArrayList<>(List.of(progress));
        for (Label l : labels) {
            l.getStyleClass().add("status-item");
            l.setMinWidth(Region.USE_PREF_SIZE);
            right.add(new Separator(Orientation.VERTICAL));
            right.add(l);
        }
        getRightItems().addAll(right);
    }

    /**
     * Shows a text, keeping the progress.
     *
     * @param text the text
     */
    public void show(String text) {
        setText(text);
    }

    /**
     * Shows a text and a progress.
     *
     * @param text the text
     * @param fraction done in [0, 1], or {@link ProgressBar#INDETERMINATE_PROGRESS} for busy
     */
    public void show(String text, double fraction) {
        setText(text);
        progress.setProgress(fraction);
    }

    /**
     * Sets the progress.
     *
     * @param fraction done in [0, 1], or {@link ProgressBar#INDETERMINATE_PROGRESS}
     */
    public void progress(double fraction) {
        progress.setProgress(fraction);
    }

    /**
     * The progress shown.
     *
     * @return the fraction (negative while busy)
     */
    public double progressValue() {
        return progress.getProgress();
    }
}
