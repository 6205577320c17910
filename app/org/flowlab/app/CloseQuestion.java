package org.flowlab.app;

import java.util.List;
import java.util.Optional;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.flowlab.app.view.Dialogs;

/**
 * What closing the window would lose: the pages that train and those with an unsaved trained
 * flow, as the question the close dialog asks and the pages a save would save; and the dialog
 * that asks it ({@link #confirm}).
 *
 * @param text the question
 * @param savers the pages that can save what would be lost (none: the dialog offers stop and close)
 */
record CloseQuestion(String text, List<Page> savers) {

    /** How often an open question is read again. */
    private static final Duration FOLLOW = Duration.millis(250);

    /**
     * The question for the window's pages.
     *
     * @param pages the window's pages
     * @return the question, or null when nothing trains and nothing trained is unsaved
     */
    static CloseQuestion of(List<Page> pages) {
        List<Page> busy = pages.stream().filter(p -> p.busyProperty().get()).toList();
        List<Page> unsaved = pages.stream()
                .filter(p -> !busy.contains(p) && p.hasUnsavedRun())
                .toList();
        if (busy.isEmpty() && unsaved.isEmpty()) {
            return null;
        }
        List<Page> savers = pages.stream()
                .filter(p -> (busy.contains(p) || unsaved.contains(p)) && p.supports(PageAction.SAVE))
                .toList();
        StringBuilder q = new StringBuilder();
        if (!busy.isEmpty()) {
            q.append(titles(busy)).append(" is still training. ");
        }
        if (!unsaved.isEmpty()) {
            q.append(titles(unsaved)).append(": the flow trained last is not saved. ");
        }
        q.append(savers.isEmpty() ? "Stop it and close FlowLab?" : "Save the run before closing?");
        return new CloseQuestion(q.toString(), savers);
    }

    /**
     * Asks, when a page is busy or holds an unsaved trained flow, whether to save and whether
     * to close.
     *
     * @param stage the window (the dialog's owner)
     * @param pages the window's pages
     * @return true to close the window
     */
    static boolean confirm(Stage stage, List<Page> pages) {
        CloseQuestion question = CloseQuestion.of(pages);
        if (question == null) {
            return true;
        }
        List<Page> savers = question.savers();
        if (savers.isEmpty()) {
            return Dialogs.confirm(stage, "Close FlowLab?", question.text(), "Stop and close");
        }
        ButtonType save = new ButtonType("Save run…", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Close without saving", ButtonBar.ButtonData.NO);
        Alert alert = Dialogs.alert(
                stage,
                Alert.AlertType.CONFIRMATION,
                "Close FlowLab?",
                question.text(),
                save,
                discard,
                ButtonType.CANCEL);
        // a run that ends while the question is open changes it ("is still training" becomes
        // "is not saved"): the text follows the pages (they settle a moment after a run ends, so
        // it is read again four times a second), and a save saves what is unsaved then
        Timeline follow = new Timeline(new KeyFrame(FOLLOW, e -> {
            CloseQuestion now = CloseQuestion.of(pages);
            if (now != null && !now.text().equals(alert.getContentText())) {
                alert.setContentText(now.text());
                // the dialog was sized for the first question: fit the new one, buttons included
                javafx.scene.Scene scene = alert.getDialogPane().getScene();
                if (scene != null && scene.getWindow() != null) {
                    scene.getWindow().sizeToScene();
                }
            }
        }));
        follow.setCycleCount(Animation.INDEFINITE);
        follow.play();
        Optional<ButtonType> answer;
        try {
            answer = alert.showAndWait();
        } finally {
            follow.stop();
        }
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return false;
        }
        if (answer.get() == save) {
            CloseQuestion now = CloseQuestion.of(pages);
            for (Page p : now == null ? savers : now.savers()) {
                if (!p.saveBeforeClose()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String titles(List<Page> pages) {
        return String.join(" and ", pages.stream().map(Page::title).toList());
    }
}
