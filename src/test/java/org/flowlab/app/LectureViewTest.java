package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.flowlab.app.lecture.LectureView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LectureViewTest {

    private FlowLabApp app;

    @org.junit.jupiter.api.BeforeAll
    static void patience() {
        TestWindows.patientSetup();
    }

    @Start
    void start(Stage stage) {
        app = TestWindows.start(stage, false);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(app::stop);
    }

    @Test
    void lectureRendersTextAndMath(FxRobot robot) {
        // when
        robot.clickOn("Lectures");
        // then
        LectureView view = robot.lookup("#lectureView").queryAs(LectureView.class);
        assertTrue(view.titles().get(0).startsWith("Lecture 1"), view.titles().toString());
        assertTrue(view.titles().size() >= 8, view.titles().toString());
        long formulas = robot.lookup(".math-display").queryAll().size();
        assertEquals(displayFormulasIn("/lectures/01-sampling.md"), formulas, "display formulas rendered");
        assertTrue(robot.lookup(".math-inline").queryAll().size() > 10);
    }

    /** Counts the $$...$$ blocks of a lecture file, independently of the viewer's parser. */
    private static long displayFormulasIn(String resource) {
        try (var in = LectureViewTest.class.getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            long count = java.util.regex.Pattern.compile("\\$\\$(.+?)\\$\\$", java.util.regex.Pattern.DOTALL)
                    .matcher(text)
                    .results()
                    .count();
            assertTrue(count >= 2, "lecture 1 should have display formulas");
            return count;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void tryItLinkFillsTheLabAndStartsTraining(FxRobot robot) throws Exception {
        // given: the reverse-KL pane of lecture 2 (the list starts with the heading "Course")
        robot.clickOn("Lectures");
        LectureView view = robot.lookup("#lectureView").queryAs(LectureView.class);
        int pane = view.titles().indexOf("Lecture 2 · Reverse KL: training a flow on its own samples") + 1;
        assertTrue(pane > 0, view.titles().toString());
        robot.interact(() -> robot.lookup("#lectureList")
                .queryAs(javafx.scene.control.ListView.class)
                .getSelectionModel()
                .select(pane));
        Hyperlink link = robot.lookup(".try-it").queryAllAs(Hyperlink.class).stream()
                .filter(h -> h.getText().contains("free field"))
                .findFirst()
                .orElseThrow();
        // when
        robot.interact(link::fire);
        // then
        TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
        assertEquals(0, tabs.getSelectionModel().getSelectedIndex());
        assertEquals("0", robot.lookup("#lambda").queryAs(TextField.class).getText());
        assertEquals("4", robot.lookup("#L").queryAs(TextField.class).getText());
        assertTrue(app.lab().service().runningProperty().get());
        robot.interact(() -> app.lab().service().stop());
        WaitForAsyncUtils.waitFor(
                240,
                TimeUnit.SECONDS,
                () -> !app.lab().service().runningProperty().get());
        assertFalse(app.lab().service().runningProperty().get());
    }

    @Test
    void continuousFlowLectureOpensTheAdjointComparison(FxRobot robot) throws Exception {
        // given: the continuous-flow pane
        robot.clickOn("Lectures");
        LectureView view = robot.lookup("#lectureView").queryAs(LectureView.class);
        int pane = view.titles().indexOf("Lecture 2 · Continuous flows and the adjoint method") + 1;
        assertTrue(pane > 0, view.titles().toString());
        robot.interact(() -> robot.lookup("#lectureList")
                .queryAs(javafx.scene.control.ListView.class)
                .getSelectionModel()
                .select(pane));
        assertTrue(robot.lookup(".math-display").queryAll().size() >= 3, "the ODE, the density and the adjoint");
        Hyperlink link = robot.lookup(".try-it").queryAllAs(Hyperlink.class).stream()
                .filter(h -> h.getText().contains("adjoint"))
                .findFirst()
                .orElseThrow();
        // when
        robot.interact(link::fire);
        // then: the Compare tab trains both gradient routes
        TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
        assertEquals(1, tabs.getSelectionModel().getSelectedIndex());
        assertTrue(app.compare().service().runningProperty().get());
        assertTrue(app.compare().laneTitle(1).endsWith("adjoint"), app.compare().laneTitle(1));
        robot.interact(() -> app.compare().service().stop());
        WaitForAsyncUtils.waitFor(
                240,
                TimeUnit.SECONDS,
                () -> !app.compare().service().runningProperty().get());
    }
}
