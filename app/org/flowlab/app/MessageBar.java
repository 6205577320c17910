package org.flowlab.app;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A bar across the top of the window for messages that concern the whole window: a link that
 * could not be followed, a run that failed in another tab. It stays until closed or replaced.
 */
final class MessageBar extends HBox {

    private final Label text = new Label();

    MessageBar() {
        setId("messageBar");
        getStyleClass().add("message-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        text.setId("messageText");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button("✕");
        close.setId("messageClose");
        close.getStyleClass().add("flat");
        close.setTooltip(new Tooltip("Close this message"));
        close.setOnAction(e -> hide());
        getChildren().addAll(text, close);
        managedProperty().bind(visibleProperty());
        setVisible(false);
    }

    /**
     * Shows a message.
     *
     * @param message one line
     */
    void show(String message) {
        text.setText(message);
        setVisible(true);
    }

    /** Hides the bar. */
    void hide() {
        setVisible(false);
    }

    /**
     * The message shown ("" when hidden).
     *
     * @return the text
     */
    String message() {
        return isVisible() ? text.getText() : "";
    }
}
