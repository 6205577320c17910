package org.flowlab.app.lecture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flowlab.model.spec.RunLink;

/**
 * The lecture viewer: the course panes (listed in {@code lectures/index.txt}) and the
 * reference pages (every {@code lectures/reference/*.md}) on the left, each pane with the
 * user's exercise progress ("2/3", "3/3 ✓"), and the selected pane on the right.
 *
 * <p>Links addressed to this page, {@code flowlab:lectures?pane=<file name>} and
 * {@code flowlab:lectures?tool=<name>&...}, are carried out here; every other link goes to
 * the link callback.
 */
public final class LectureView extends BorderPane {

    /** A row of the list: a section heading or a pane. */
    private record Item(String heading, MarkdownLecture pane) {}

    private final List<MarkdownLecture> panes = new ArrayList<>();
    private final ListView<Item> list = new ListView<>();
    private final ExerciseProgress progress;
    private final LectureTools tools;
    private final Consumer<String> links;
    private final Map<String, String> duplicateIds = new HashMap<>();
    private LecturePane current;

    /**
     * Builds the viewer with the bundled panes and reference pages.
     *
     * @param links receives the targets of links addressed to other pages
     * @param progress the user's exercise progress
     * @param tools the tools panes can open
     */
    public LectureView(Consumer<String> links, ExerciseProgress progress, LectureTools tools) {
        this(
                links,
                progress,
                tools,
                LectureFiles.indexed(LectureFiles.INDEX),
                LectureFiles.markdownIn(LectureFiles.REFERENCE));
    }

    /**
     * Builds the viewer with given panes.
     *
     * @param links receives the targets of links addressed to other pages
     * @param progress the user's exercise progress
     * @param tools the tools panes can open
     * @param course class-path paths of the course panes, in order
     * @param reference class-path paths of the reference pages, in order
     */
    public LectureView(
            Consumer<String> links,
            ExerciseProgress progress,
            LectureTools tools,
            List<String> course,
            List<String> reference) {
        this.progress = progress;
        this.tools = tools;
        this.links = links;
        setId("lectureView");
        Rendering rendering = new Rendering(new MathRenderer(), this::follow, false, progress);
        list.getItems().add(new Item("Course", null));
        for (String path : course) {
            add(new MarkdownLecture(path, rendering));
        }
        if (!reference.isEmpty()) {
            list.getItems().add(new Item("Reference", null));
            for (String path : reference) {
                add(new MarkdownLecture(path, rendering));
            }
        }
        list.setId("lectureList");
        list.setPrefWidth(330);
        list.setMinWidth(330);
        list.setCellFactory(v -> new Cell());
        list.getSelectionModel()
                .selectedIndexProperty()
                .addListener((obs, was, now) -> select(now.intValue(), was.intValue()));
        Hyperlink reset = new Hyperlink("Reset exercise progress…");
        reset.setId("resetProgress");
        reset.setOnAction(e -> confirmReset());
        VBox left = new VBox(6, list, reset);
        VBox.setVgrow(list, Priority.ALWAYS);
        BorderPane.setMargin(left, new Insets(8));
        setLeft(left);
        progress.addListener(() -> {
            if (javafx.application.Platform.isFxApplicationThread()) {
                list.refresh();
            } else {
                javafx.application.Platform.runLater(list::refresh);
            }
        });
        if (!panes.isEmpty()) {
            list.getSelectionModel().select(1);
        }
    }

    private void add(MarkdownLecture pane) {
        for (String id : pane.exerciseIds()) {
            for (MarkdownLecture other : panes) {
                if (other.exerciseIds().contains(id)) {
                    duplicateIds.put(id, other.path() + " and " + pane.path());
                }
            }
        }
        panes.add(pane);
        list.getItems().add(new Item(null, pane));
    }

    private void select(int index, int previous) {
        if (index >= 0
                && index < list.getItems().size()
                && list.getItems().get(index).pane() == null) {
            // a heading: move on to the pane next to it in the direction of travel
            int step = index < previous ? -1 : 1;
            int next = index + step;
            if (next <= 0 || next >= list.getItems().size()) {
                next = index - step;
            }
            int target = next;
            javafx.application.Platform.runLater(() -> list.getSelectionModel().select(target));
            return;
        }
        if (current != null) {
            current.reset();
        }
        if (index < 0 || index >= list.getItems().size()) {
            setCenter(null);
            current = null;
            return;
        }
        current = list.getItems().get(index).pane();
        setCenter(current.view());
    }

    /** Routes a clicked link: to this page, or to the window. */
    private void follow(String target) {
        if (LectureLinks.isLecturesLink(target)) {
            try {
                openLink(RunLink.parse(target).parameters());
            } catch (IllegalArgumentException e) {
                Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
                alert.setHeaderText("This link does not work");
                if (getScene() != null) {
                    alert.initOwner(getScene().getWindow());
                }
                alert.show();
            }
            return;
        }
        links.accept(target);
    }

    /**
     * Carries out a {@code flowlab:lectures} link: {@code pane=<file name>} shows a pane,
     * {@code tool=<name>} (with the tool's parameters) opens a tool. Call on the FX thread.
     *
     * @param parameters the link's parameters
     * @throws IllegalArgumentException with a one-line message naming a bad key or value
     */
    public void openLink(Map<String, String> parameters) {
        checkLink(parameters);
        if (parameters.containsKey("pane")) {
            MarkdownLecture pane = pane(parameters.get("pane"));
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i).pane() == pane) {
                    list.getSelectionModel().select(i);
                }
            }
        } else {
            tools.open(parameters.get("tool"), LectureLinks.toolParameters(parameters));
        }
    }

    /**
     * Checks a {@code flowlab:lectures} link without carrying it out.
     *
     * @param parameters the link's parameters
     * @throws IllegalArgumentException with a one-line message naming a bad key or value
     */
    public void checkLink(Map<String, String> parameters) {
        LectureLinks.check(parameters, panes.stream().map(MarkdownLecture::name).toList(), tools);
    }

    private MarkdownLecture pane(String name) {
        for (MarkdownLecture p : panes) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no lecture pane named '" + name + "'");
    }

    private void confirmReset() {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Forget which exercises you have solved, in every pane?");
        alert.setHeaderText("Reset exercise progress");
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> resetProgress());
    }

    /** Forgets the progress of every exercise of every pane. */
    public void resetProgress() {
        List<String> ids = new ArrayList<>();
        panes.forEach(p -> ids.addAll(p.exerciseIds()));
        progress.reset(ids);
        // the exercise boxes show what was solved: build them again
        panes.forEach(MarkdownLecture::invalidate);
        select(list.getSelectionModel().getSelectedIndex(), -1);
    }

    /**
     * Re-typesets the formulas for the theme.
     *
     * @param isDark whether the dark theme is active
     */
    public void setDark(boolean isDark) {
        for (MarkdownLecture l : panes) {
            l.setDark(isDark);
        }
        select(list.getSelectionModel().getSelectedIndex(), -1);
    }

    /**
     * Titles of the course and reference panes, in order.
     *
     * @return the titles
     */
    public List<String> titles() {
        return panes.stream().map(MarkdownLecture::title).toList();
    }

    /**
     * The panes, in order.
     *
     * @return the panes
     */
    public List<MarkdownLecture> panes() {
        return List.copyOf(panes);
    }

    /**
     * The progress text shown next to a pane, such as "2/3" or "3/3 ✓" ("" without exercises).
     *
     * @param pane the pane
     * @return the text
     */
    public String progressText(MarkdownLecture pane) {
        List<String> ids = pane.exerciseIds();
        if (ids.isEmpty()) {
            return "";
        }
        int solved = progress.solvedCount(ids);
        return solved + "/" + ids.size() + (solved == ids.size() ? " ✓" : "");
    }

    /**
     * Exercise ids that appear in more than one pane, with where (empty when all are unique).
     *
     * @return id to the two panes
     */
    public Map<String, String> duplicateExerciseIds() {
        return Map.copyOf(duplicateIds);
    }

    /** A list row: a section heading, or a pane's title with its progress. */
    private final class Cell extends ListCell<Item> {
        private final Label title = new Label();
        private final Label done = new Label();
        private final HBox row = new HBox(8, title, done);

        Cell() {
            title.setWrapText(true);
            title.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(title, Priority.ALWAYS);
            done.getStyleClass().add("lecture-progress");
            done.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            row.setAlignment(Pos.CENTER_LEFT);
            prefWidthProperty().bind(list.widthProperty().subtract(20));
            setMaxWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(Item item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("lecture-section");
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                setDisable(false);
                return;
            }
            setText(null);
            if (item.pane() == null) {
                title.setText(item.heading());
                done.setText("");
                getStyleClass().add("lecture-section");
            } else {
                title.setText(item.pane().title());
                String p = progressText(item.pane());
                done.setText(p);
                done.getStyleClass().remove("complete");
                if (p.endsWith("✓")) {
                    done.getStyleClass().add("complete");
                }
            }
            setGraphic(row);
        }
    }
}
