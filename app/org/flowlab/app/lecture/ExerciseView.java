package org.flowlab.app.lecture;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One checked exercise in a lecture pane: the question, an answer box (numbers) or choices,
 * a Check button, hints shown one at a time, and the worked solution, hidden until asked for
 * (after a first try or hint). Checks and hints go to the user's {@link ExerciseProgress}.
 *
 * <p>Node ids, for tests and scripts: {@code ex-<id>} (the box), {@code ex-<id>-answer},
 * {@code ex-<id>-choice-<i>}, {@code ex-<id>-check}, {@code ex-<id>-feedback},
 * {@code ex-<id>-hint}, {@code ex-<id>-solution-toggle}, {@code ex-<id>-solution}.
 */
public final class ExerciseView extends VBox {

    private final Exercise exercise;
    private final ExerciseProgress progress;
    private final Label status = new Label();
    private final Label feedback = new Label();
    private final VBox hintBox = new VBox(6);
    private final Button hint = new Button();
    private final Button solutionToggle = new Button("Show the solution");
    private final MarkdownView solution;
    private final List<ButtonBase> choiceButtons = new ArrayList<>();
    private final List<MarkdownView> hintViews = new ArrayList<>();
    private TextField answer;
    private int hintsShown;

    /**
     * Builds the exercise.
     *
     * @param exercise the exercise
     * @param number its number within the pane
     * @param rendering renderer, link callback, theme and progress
     */
    public ExerciseView(Exercise exercise, int number, Rendering rendering) {
        this.exercise = exercise;
        this.progress = rendering.progress();
        String id = "ex-" + exercise.id();
        setId(id);
        getStyleClass().add("exercise");
        setSpacing(8);
        Label title = new Label("Exercise " + number);
        title.getStyleClass().add("exercise-title");
        status.getStyleClass().add("exercise-status");
        HBox header = new HBox(12, title, status);
        header.setAlignment(Pos.BASELINE_LEFT);
        getChildren().addAll(header, new MarkdownView(exercise.question(), rendering));

        Button check = new Button("Check");
        check.setId(id + "-check");
        check.setDefaultButton(false);
        check.setOnAction(e -> check());
        if (exercise.type() == Exercise.Type.NUMBER) {
            answer = new TextField();
            answer.setId(id + "-answer");
            answer.setPromptText("your answer (" + exercise.toleranceText() + ")");
            answer.setPrefColumnCount(14);
            answer.setOnAction(e -> check());
            HBox row = new HBox(8, answer, check);
            row.setAlignment(Pos.CENTER_LEFT);
            getChildren().add(row);
        } else {
            VBox options = new VBox(6);
            ToggleGroup group = new ToggleGroup();
            for (int i = 0; i < exercise.choices().size(); i++) {
                ButtonBase b;
                if (exercise.multipleAnswers()) {
                    b = new CheckBox();
                } else {
                    RadioButton r = new RadioButton();
                    r.setToggleGroup(group);
                    b = r;
                }
                b.setId(id + "-choice-" + i);
                b.getStyleClass().add("exercise-choice");
                // the choice's text beside the button, so that it wraps like the question
                MarkdownView text = new MarkdownView(exercise.choices().get(i), rendering);
                text.setOnMouseClicked(e -> b.fire());
                HBox.setHgrow(text, Priority.ALWAYS);
                HBox row = new HBox(6, b, text);
                row.setAlignment(Pos.TOP_LEFT);
                choiceButtons.add(b);
                options.getChildren().add(row);
            }
            if (exercise.multipleAnswers()) {
                Label several = new Label("Several answers apply.");
                several.getStyleClass().add("form-hint");
                options.getChildren().add(several);
            }
            getChildren().addAll(options, check);
        }
        feedback.setId(id + "-feedback");
        feedback.getStyleClass().add("exercise-feedback");
        feedback.setWrapText(true);
        feedback.managedProperty().bind(feedback.visibleProperty());
        feedback.setVisible(false);

        for (String h : exercise.hints()) {
            MarkdownView v = new MarkdownView(h, rendering);
            v.getStyleClass().add("exercise-hint");
            v.setVisible(false);
            v.managedProperty().bind(v.visibleProperty());
            hintViews.add(v);
            hintBox.getChildren().add(v);
        }
        hint.setId(id + "-hint");
        hint.setOnAction(e -> showHints(hintsShown + 1, true));
        solution = new MarkdownView(exercise.solution(), rendering);
        solution.setId(id + "-solution");
        solution.getStyleClass().add("exercise-solution");
        solution.setVisible(false);
        solution.managedProperty().bind(solution.visibleProperty());
        solutionToggle.setId(id + "-solution-toggle");
        solutionToggle.setTooltip(new Tooltip("The worked solution: try an answer or a hint first"));
        solutionToggle.setOnAction(e -> {
            solution.setVisible(!solution.isVisible());
            solutionToggle.setText(solution.isVisible() ? "Hide the solution" : "Show the solution");
        });
        HBox help = new HBox(8, hint, solutionToggle);
        help.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(hintBox, Priority.ALWAYS);
        getChildren().addAll(feedback, hintBox, help, solution);

        ExerciseProgress.Entry saved = progress.entry(exercise.id());
        showHints(Math.min(saved.hints(), exercise.hints().size()), false);
        solutionToggle.setDisable(saved.attempts() == 0 && saved.hints() == 0);
        showStatus(saved.solved());
    }

    private void showHints(int count, boolean record) {
        hintsShown = Math.min(count, hintViews.size());
        for (int i = 0; i < hintViews.size(); i++) {
            hintViews.get(i).setVisible(i < hintsShown);
        }
        int total = hintViews.size();
        hint.setText(hintsShown >= total ? "No more hints" : "Hint (" + (hintsShown + 1) + " of " + total + ")");
        hint.setDisable(hintsShown >= total);
        if (record && hintsShown > 0) {
            progress.recordHints(exercise.id(), hintsShown);
            solutionToggle.setDisable(false);
        }
    }

    private void check() {
        Exercise.Verdict v;
        if (exercise.type() == Exercise.Type.NUMBER) {
            v = exercise.checkNumber(answer.getText());
            if (Exercise.parseNumber(answer.getText()).isEmpty()) {
                showFeedback(v);
                return;
            }
        } else {
            Set<Integer> selected = new LinkedHashSet<>();
            for (int i = 0; i < choiceButtons.size(); i++) {
                ButtonBase b = choiceButtons.get(i);
                boolean on = b instanceof CheckBox c ? c.isSelected() : ((RadioButton) b).isSelected();
                if (on) {
                    selected.add(i);
                }
            }
            v = exercise.checkChoices(selected);
            if (selected.isEmpty()) {
                showFeedback(v);
                return;
            }
        }
        progress.recordAttempt(exercise.id(), v.correct());
        solutionToggle.setDisable(false);
        showFeedback(v);
        showStatus(progress.solved(exercise.id()));
    }

    private void showFeedback(Exercise.Verdict v) {
        feedback.setText((v.correct() ? "✓ " : "✗ ") + v.message());
        feedback.getStyleClass().removeAll("correct", "wrong");
        feedback.getStyleClass().add(v.correct() ? "correct" : "wrong");
        feedback.setVisible(true);
    }

    private void showStatus(boolean solved) {
        status.setText(solved ? "✓ solved" : "");
        status.getStyleClass().removeAll("solved");
        if (solved) {
            status.getStyleClass().add("solved");
        }
    }

    /**
     * The exercise shown.
     *
     * @return the exercise
     */
    public Exercise exercise() {
        return exercise;
    }
}
