package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.flowlab.app.chart.ChartPane;
import org.flowlab.app.view.lab.LabView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Keyboard shortcuts, presentation mode and zoom. */
@ExtendWith(ApplicationExtension.class)
class WindowKeysTest {

    private FlowLabApp app;
    private Stage stage;

    @BeforeAll
    static void patience() {
        TestWindows.patientSetup();
    }

    @Start
    void start(Stage s) {
        stage = s;
        app = TestWindows.start(s, false);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(app::stop);
    }

    private TabPane tabs(FxRobot robot) {
        return robot.lookup("#mainTabs").queryAs(TabPane.class);
    }

    private void focusTabs(FxRobot robot) {
        robot.interact(() -> tabs(robot).requestFocus());
    }

    @Test
    void ctrlAndANumberSelectsTheTab(FxRobot robot) {
        focusTabs(robot);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        assertEquals(1, tabs(robot).getSelectionModel().getSelectedIndex());
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        assertEquals(2, tabs(robot).getSelectionModel().getSelectedIndex());
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        assertEquals(0, tabs(robot).getSelectionModel().getSelectedIndex());
    }

    @Test
    void presentationModeEnlargesFontsAndChartsAndHidesTheSettings(FxRobot robot) {
        // given
        Label guide = robot.lookup(".guide").queryAs(Label.class);
        ChartPane loss = robot.lookup("#lossChart").queryAs(ChartPane.class);
        ScrollPane sidebar = robot.lookup("#sidebar").queryAs(ScrollPane.class);
        double font = guide.getFont().getSize();
        double chartScale = loss.scale();
        assertTrue(sidebar.isVisible());
        // when: F5
        focusTabs(robot);
        robot.push(KeyCode.F5);
        TestWindows.settle(robot);
        // then: text 1.5 times larger, charts follow, settings and chart options hidden
        assertEquals(1.5 * font, guide.getFont().getSize(), 0.2);
        assertEquals(1.5 * chartScale, loss.scale(), 0.02);
        assertFalse(sidebar.isVisible());
        assertFalse(robot.lookup("#chartOptions").query().isVisible());
        assertFalse(robot.lookup("#logWeightChart").query().isVisible());
        // and F5 again leaves it
        robot.push(KeyCode.F5);
        TestWindows.settle(robot);
        assertEquals(font, guide.getFont().getSize(), 0.2);
        assertTrue(sidebar.isVisible());
    }

    @Test
    void ctrlPlusZoomsInAndCtrlZeroResets(FxRobot robot) {
        focusTabs(robot);
        double base = app.fontSize();
        robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
        robot.push(KeyCode.CONTROL, KeyCode.ADD);
        assertEquals(base * 1.2, app.fontSize(), 1e-6);
        robot.push(KeyCode.CONTROL, KeyCode.MINUS);
        assertEquals(base * 1.1, app.fontSize(), 1e-6);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT0);
        assertEquals(base, app.fontSize(), 1e-6);
    }

    @Test
    void ctrlEnterTrainsSpacePausesAndResumesEscStops(FxRobot robot) throws Exception {
        // given: a tiny run
        LabView lab = app.lab();
        robot.interact(() -> lab.editor()
                .apply(Map.of(
                        "theory", "phi4", "L", "4", "layers", "2", "hidden", "4", "batch", "16", "steps", "1000000")));
        focusTabs(robot);
        // when: Ctrl+Enter
        robot.push(KeyCode.CONTROL, KeyCode.ENTER);
        // then
        assertTrue(lab.service().runningProperty().get());
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> lab.service().stepsDoneProperty().get() >= 2);
        WaitForAsyncUtils.waitForFxEvents();
        // when: Space, even with the focus on a button
        robot.interact(() -> robot.lookup("#pauseButton").queryAs(Button.class).requestFocus());
        robot.push(KeyCode.SPACE);
        assertTrue(lab.service().pausedProperty().get());
        assertTrue(lab.statusText().startsWith("Paused"), lab.statusText());
        assertEquals(
                "Resume", robot.lookup("#pauseButton").queryAs(Button.class).getText());
        robot.push(KeyCode.SPACE);
        assertFalse(lab.service().pausedProperty().get());
        // when: Esc
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> !lab.service().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lab.statusText().startsWith("Done: stopped"), lab.statusText());
    }

    @Test
    void spaceInATextFieldTypesAndDoesNotPause(FxRobot robot) {
        robot.clickOn("#m2");
        robot.push(KeyCode.SPACE);
        assertFalse(app.lab().service().runningProperty().get());
        assertFalse(app.lab().service().pausedProperty().get());
    }

    @Test
    void f1ShowsTheShortcutsSheet(FxRobot robot) {
        focusTabs(robot);
        robot.push(KeyCode.F1);
        TestWindows.settle(robot);
        assertTrue(robot.lookup("#shortcutsSheet").tryQuery().isPresent());
        Window sheet = robot.lookup("#shortcutsSheet").query().getScene().getWindow();
        robot.interact(sheet::hide);
    }
}
