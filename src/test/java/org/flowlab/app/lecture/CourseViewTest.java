package org.flowlab.app.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.flowlab.app.FlowLabApp;
import org.flowlab.app.Resources;
import org.flowlab.app.task.AppTrainer;
import org.flowlab.app.view.course.CourseTools;
import org.flowlab.app.view.course.GaugeCheckView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class CourseViewTest {

    static {
        // the first typesetting loads JLaTeXMath's fonts, slow on a loaded machine
        System.setProperty("testfx.setup.timeout", "120000");
    }

    private static final Pattern RAW_LATEX = Pattern.compile("\\$|\\\\[a-zA-Z]+|\\^\\{|_\\{");

    @TempDir
    static Path home;

    private AppTrainer trainer;
    private Stage stage;
    private LectureView view;
    private final List<String> outside = new ArrayList<>();

    @Start
    void start(Stage primary) {
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        stage = primary;
        trainer = new AppTrainer();
        view = newView();
        Scene scene = new Scene(view, 1280, 720);
        scene.getStylesheets().add(Resources.external(FlowLabApp.STYLESHEET));
        stage.setScene(scene);
        stage.show();
    }

    private LectureView newView() {
        return new LectureView(
                outside::add,
                ExerciseProgress.open(home.resolve(ExerciseProgress.FILE)),
                new CourseTools(trainer, () -> stage));
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> {
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w != stage && w instanceof Stage s) {
                    s.close();
                }
            }
        });
        trainer.close();
    }

    private static List<Node> descendants(Node n) {
        List<Node> out = new ArrayList<>();
        collect(n, out, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        return out;
    }

    private static void collect(Node n, List<Node> out, java.util.Set<Node> seen) {
        if (!seen.add(n)) {
            return;
        }
        out.add(n);
        if (n instanceof ScrollPane sp && sp.getContent() != null) {
            collect(sp.getContent(), out, seen);
        }
        if (n instanceof Labeled l && l.getGraphic() != null) {
            collect(l.getGraphic(), out, seen);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out, seen);
            }
        }
    }

    @Test
    void everyPaneRendersItsFormulasAndNoRawLatex(FxRobot robot) {
        List<String> problems = new ArrayList<>();
        for (MarkdownLecture pane : view.panes()) {
            List<Node> nodes = new ArrayList<>();
            robot.interact(() -> nodes.addAll(descendants(pane.view())));
            long typeset = nodes.stream().filter(n -> n instanceof MathNode).count();
            long expected = pane.document().math().formulas().size();
            for (Exercise e : pane.document().exercises()) {
                for (String text : LectureDocument.texts(e)) {
                    expected += MathText.of(text).formulas().size();
                }
            }
            if (typeset != expected) {
                problems.add(pane.path() + ": " + typeset + " formulas typeset, " + expected + " in the text");
            }
            for (Node n : nodes) {
                String shown = n instanceof Text t && !t.getStyleClass().contains("md-code")
                        ? t.getText()
                        : n instanceof Labeled l && !l.getStyleClass().contains("md-code-block") ? l.getText() : null;
                if (n.getStyleClass().contains(MarkdownView.MATH_ERROR)) {
                    problems.add(pane.path() + ": a formula did not typeset: " + ((Text) n).getText());
                } else if (n.getStyleClass().contains("exercise-error")) {
                    problems.add(pane.path() + ": " + ((Label) n).getText());
                } else if (shown != null && RAW_LATEX.matcher(shown).find()) {
                    problems.add(pane.path() + ": raw LaTeX in '" + shown + "'");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void inlineFormulasSitOnTheTextBaseline(FxRobot robot) {
        // given: a paragraph whose formulas reach below the baseline (subscripts, a fraction)
        MarkdownView md = new MarkdownView(
                "Before $x_1^2$ and $\\frac{a}{b}$ and $q_\\theta(\\phi)$ after, "
                        + "with enough words to wrap onto a second line of the paragraph in a narrow box $e^{-S}$ here.",
                new Rendering(new MathRenderer(), s -> {}, false, ExerciseProgress.open(home.resolve("unused.json"))));
        robot.interact(() -> {
            md.setPrefWidth(300);
            md.setMaxWidth(300);
            view.setCenter(new javafx.scene.layout.StackPane(md));
        });
        WaitForAsyncUtils.waitForFxEvents();
        // then: each formula's baseline is the baseline of the text on its line
        TextFlow flow = (TextFlow) md.getChildren().get(0);
        List<double[]> textBaselines = new ArrayList<>();
        List<MathNode> formulas = new ArrayList<>();
        robot.interact(() -> {
            for (Node n : flow.getChildren()) {
                if (n instanceof Text t) {
                    double y = t.localToScene(0, t.getLayoutBounds().getMinY() + t.getBaselineOffset())
                            .getY();
                    textBaselines.add(new double[] {y, t.getLayoutBounds().getHeight()});
                } else if (n instanceof MathNode m) {
                    formulas.add(m);
                }
            }
        });
        assertEquals(4, formulas.size());
        for (MathNode m : formulas) {
            double baseline = m.localToScene(0, m.getBaselineOffset()).getY();
            boolean onALine = textBaselines.stream().anyMatch(b -> Math.abs(b[0] - baseline) < 1.01);
            assertTrue(
                    onALine,
                    "formula baseline " + baseline + " is on no text line: "
                            + textBaselines.stream()
                                    .map(b -> Double.toString(b[0]))
                                    .toList());
        }
        long lines = textBaselines.stream()
                .mapToLong(b -> Math.round(b[0]))
                .distinct()
                .count();
        assertTrue(lines >= 2, "the paragraph should wrap");
    }

    @Test
    void anExerciseChecksHintsAndSolutionsAndItsProgressSurvivesARestart(FxRobot robot) {
        // given: the reverse-KL pane
        MarkdownLecture pane = view.panes().stream()
                .filter(p -> p.name().equals("02c-reverse-kl"))
                .findFirst()
                .orElseThrow();
        robot.interact(() -> view.openLink(java.util.Map.of("pane", "02c-reverse-kl")));
        String id = "#ex-rkl-min-loss";
        Button solutionToggle = robot.lookup(id + "-solution-toggle").queryAs(Button.class);
        Node solution = robot.lookup(id + "-solution").query();
        assertFalse(solution.isVisible(), "the solution starts hidden");
        assertTrue(solutionToggle.isDisabled(), "no solution before a try or a hint");
        assertEquals("0/4", view.progressText(pane));
        // when: a wrong answer
        TextField answer = robot.lookup(id + "-answer").queryAs(TextField.class);
        robot.interact(() -> answer.setText("2.687"));
        robot.interact(() -> robot.lookup(id + "-check").queryAs(Button.class).fire());
        // then
        Label feedback = robot.lookup(id + "-feedback").queryAs(Label.class);
        assertTrue(feedback.getText().startsWith("✗"), feedback.getText());
        assertFalse(solutionToggle.isDisabled());
        // when: a hint, then the right answer
        robot.interact(() -> robot.lookup(id + "-hint").queryAs(Button.class).fire());
        robot.interact(() -> answer.setText("-2.687"));
        robot.interact(() -> robot.lookup(id + "-check").queryAs(Button.class).fire());
        // then
        assertTrue(feedback.getText().startsWith("✓"), feedback.getText());
        assertEquals("1/4", view.progressText(pane));
        assertFalse(solution.isVisible(), "still hidden until asked for");
        robot.interact(solutionToggle::fire);
        assertTrue(solution.isVisible());
        // when: a choice exercise answered rightly
        robot.interact(() -> robot.lookup("#ex-rkl-mean-weight-choice-1")
                .queryAs(RadioButton.class)
                .setSelected(true));
        robot.interact(() ->
                robot.lookup("#ex-rkl-mean-weight-check").queryAs(Button.class).fire());
        assertEquals("2/4", view.progressText(pane));
        // when: FlowLab starts again with the same home
        robot.interact(() -> {
            view = newView();
            stage.getScene().setRoot(view);
            view.openLink(java.util.Map.of("pane", "02c-reverse-kl"));
        });
        // then: the list and the exercise remember
        MarkdownLecture again = view.panes().stream()
                .filter(p -> p.name().equals("02c-reverse-kl"))
                .findFirst()
                .orElseThrow();
        assertEquals("2/4", view.progressText(again));
        assertEquals(
                "✓ solved",
                robot.lookup(id).lookup(".exercise-status").queryAs(Label.class).getText());
        assertTrue(robot.lookup(".lecture-progress").queryAllAs(Label.class).stream()
                .anyMatch(l -> "2/4".equals(l.getText())));
    }

    @Test
    void theToolLinksOpenTheLayerViewAndTheGaugeCheck(FxRobot robot) throws Exception {
        // when: the coupling-layer pane's link to the layer view
        robot.interact(() -> view.openLink(java.util.Map.of("pane", "02b-coupling-layers")));
        Hyperlink layers = robot.lookup(".try-it").queryAllAs(Hyperlink.class).stream()
                .filter(h -> h.getText().contains("layer-by-layer view"))
                .findFirst()
                .orElseThrow();
        robot.interact(layers::fire);
        // then: the shipped flow, nine pictures, and the bookkeeping
        WaitForAsyncUtils.waitFor(
                300,
                TimeUnit.SECONDS,
                () -> robot.lookup("#layersSummary")
                        .tryQueryAs(Label.class)
                        .map(l -> l.getText().startsWith("Sample 1:"))
                        .orElse(false));
        assertEquals(
                9,
                robot.lookup("#layersGallery")
                        .queryAs(javafx.scene.layout.FlowPane.class)
                        .getChildren()
                        .size());
        assertTrue(
                robot.lookup("#layersSummary")
                        .queryAs(Label.class)
                        .getText()
                        .contains("log q(x) = log r − Σ log J = -48.33"),
                robot.lookup("#layersSummary").queryAs(Label.class).getText());
        // when: the gauge check
        robot.interact(() -> view.openLink(java.util.Map.of("tool", "gauge", "L", "8", "beta", "2", "seed", "1")));
        WaitForAsyncUtils.waitFor(
                300,
                TimeUnit.SECONDS,
                () -> robot.lookup("#gaugeCheckView")
                        .tryQueryAs(GaugeCheckView.class)
                        .map(v -> v.lastCheck() != null)
                        .orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        GaugeCheckView gauge = robot.lookup("#gaugeCheckView").queryAs(GaugeCheckView.class);
        assertNotNull(gauge.lastCheck());
        assertEquals(gauge.lastCheck().logQ(), gauge.lastCheck().logQTransformed(), 1e-9);
        String summary = robot.lookup("#gaugeSummary").queryAs(Label.class).getText();
        assertTrue(summary.endsWith("invariant to rounding."), summary);
        // and links to other pages go to the window
        assertTrue(outside.isEmpty());
    }

    @Test
    void referencePagesAreListedUnderTheirOwnHeadingAndRenderFormulas(FxRobot robot) {
        // given: one course pane and one page in the reference section
        robot.interact(() -> {
            view = new LectureView(
                    outside::add,
                    ExerciseProgress.open(home.resolve("reference-progress.json")),
                    new CourseTools(trainer, () -> stage),
                    List.of("lectures/02c-reverse-kl.md"),
                    List.of("lectures/03-compact.md"));
            stage.getScene().setRoot(view);
        });
        // then: the headings, then the reference page shown with its formulas
        ListView<?> list = robot.lookup("#lectureList").queryAs(ListView.class);
        assertEquals(4, list.getItems().size());
        assertTrue(robot.lookup(".lecture-section").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .anyMatch(c -> c.getGraphic() != null
                        && descendants(c.getGraphic()).stream()
                                .anyMatch(n -> n instanceof Label l && "Reference".equals(l.getText()))));
        robot.interact(() -> view.openLink(java.util.Map.of("pane", "03-compact")));
        assertEquals(3, list.getSelectionModel().getSelectedIndex());
        List<Node> nodes = new ArrayList<>();
        robot.interact(() -> nodes.addAll(descendants(view.getCenter())));
        assertTrue(nodes.stream().filter(n -> n instanceof MathNode).count() > 20);
        // and a heading cannot be selected: the selection moves to a page
        robot.interact(() -> list.getSelectionModel().select(2));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(list.getSelectionModel().getSelectedIndex() != 2, "the heading stays unselected");
    }
}
