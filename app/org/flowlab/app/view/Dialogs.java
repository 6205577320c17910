package org.flowlab.app.view;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** FlowLab's question and message dialogs, with whole button labels and wrapped text. */
public final class Dialogs {

    private Dialogs() {}

    /**
     * Keeps every button of a dialog as wide as its label ("Close without saving", not
     * "Close without sav…").
     *
     * @param pane the dialog's pane
     */
    public static void fitButtons(DialogPane pane) {
        for (ButtonType t : pane.getButtonTypes()) {
            Node b = pane.lookupButton(t);
            if (b instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
                ButtonBar.setButtonUniformSize(r, false);
            }
        }
        pane.setMinHeight(Region.USE_PREF_SIZE);
        pane.setMinWidth(Region.USE_PREF_SIZE);
        if (pane.getContent() == null && pane.getContentText() != null) {
            Label text = new Label();
            // the wrapping label shows the pane's text, also when it changes while shown
            text.textProperty().bind(pane.contentTextProperty());
            text.setWrapText(true);
            text.setMaxWidth(560);
            pane.setContent(text);
        }
    }

    /**
     * An alert with FlowLab's look, owned by a window.
     *
     * @param owner the window (may be null)
     * @param type the kind
     * @param header the question or headline
     * @param text the explanation
     * @param buttons the buttons
     * @return the alert (not shown)
     */
    public static Alert alert(Window owner, Alert.AlertType type, String header, String text, ButtonType... buttons) {
        Alert alert = new Alert(type, text, buttons);
        alert.setHeaderText(header);
        alert.setTitle("FlowLab");
        if (owner != null) {
            alert.initOwner(owner);
        }
        fitButtons(alert.getDialogPane());
        return alert;
    }

    /**
     * Asks a yes-or-no question.
     *
     * @param owner the window
     * @param header the question
     * @param text the explanation
     * @param yes the label of the button that agrees
     * @return true when the user agreed
     */
    public static boolean confirm(Window owner, String header, String text, String yes) {
        ButtonType ok = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
        Optional<ButtonType> answer = alert(owner, Alert.AlertType.CONFIRMATION, header, text, ok, ButtonType.CANCEL)
                .showAndWait();
        return answer.isPresent() && answer.get() == ok;
    }

    /**
     * Shows an error and waits until it is closed.
     *
     * @param owner the window
     * @param header the headline
     * @param text the explanation
     */
    public static void error(Window owner, String header, String text) {
        alert(owner, Alert.AlertType.ERROR, header, text, ButtonType.OK).showAndWait();
    }
}
