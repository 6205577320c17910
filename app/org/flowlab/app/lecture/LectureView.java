package org.flowlab.app.lecture;

import javafx.geometry.Insets;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;

import org.flowlab.app.Resources;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lecture viewer: a list of lecture panes on the left and the selected one on the right.
 * The panes are listed in {@code lectures/index.txt}, one file name per line.
 */
public final class LectureView extends BorderPane {

    private final List<MarkdownLecture> lectures = new ArrayList<>();
    private final ListView<String> list = new ListView<>();
    private LecturePane current;

    /**
     * Builds the viewer.
     *
     * @param actions receives the targets of "Try it" links
     */
    public LectureView(Consumer<String> actions) {
        setId("lectureView");
        MathRenderer math = new MathRenderer();
        for (String line : Resources.text("lectures/index.txt").split("\n")) {
            String name = line.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                lectures.add(new MarkdownLecture("lectures/" + name, math, actions));
            }
        }
        list.setId("lectureList");
        for (MarkdownLecture l : lectures) {
            list.getItems().add(l.title());
        }
        list.setPrefWidth(330);
        list.setMinWidth(330);
        // whole titles, wrapped, instead of a horizontal scroll bar
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(20));
                setMaxWidth(javafx.scene.control.Control.USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });
        list.getSelectionModel().selectedIndexProperty().addListener((obs, was, now) -> show(now.intValue()));
        BorderPane.setMargin(list, new Insets(8));
        setLeft(list);
        if (!lectures.isEmpty()) {
            list.getSelectionModel().select(0);
        }
    }

    private void show(int index) {
        if (current != null) {
            current.reset();
        }
        if (index < 0 || index >= lectures.size()) {
            setCenter(null);
            current = null;
            return;
        }
        current = lectures.get(index);
        setCenter(current.view());
    }

    /**
     * Re-typesets the formulas for the theme.
     *
     * @param dark whether the dark theme is active
     */
    public void setDark(boolean dark) {
        for (MarkdownLecture l : lectures) {
            l.setDark(dark);
        }
        show(list.getSelectionModel().getSelectedIndex());
    }

    /**
     * Titles of the lectures, in order.
     *
     * @return the titles
     */
    public List<String> titles() {
        return List.copyOf(list.getItems());
    }
}
