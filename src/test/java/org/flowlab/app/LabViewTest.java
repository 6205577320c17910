package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.flowlab.app.view.lab.LabView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LabViewTest {

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

    private void setField(FxRobot robot, String id, String text) {
        TextField f = robot.lookup("#" + id).queryAs(TextField.class);
        robot.interact(() -> f.setText(text));
    }

    @Test
    void trainingFillsTheLossChartAndStopEndsTheRun(FxRobot robot) throws Exception {
        // given: a tiny phi^4 run that would take long to finish on its own
        setField(robot, "L", "4");
        setField(robot, "layers", "2");
        setField(robot, "hidden", "4");
        setField(robot, "batch", "16");
        setField(robot, "steps", "1000000");
        LabView lab = app.lab();
        // when
        robot.clickOn("#trainButton");
        // then: the loss chart receives points while training runs off the FX thread
        WaitForAsyncUtils.waitFor(
                90, TimeUnit.SECONDS, () -> lab.curves().lossChart().pointCount(0) >= 10);
        assertTrue(lab.service().runningProperty().get());
        assertTrue(robot.lookup("#trainButton").queryAs(Button.class).isDisabled());
        // when
        robot.clickOn("#stopButton");
        // then
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> !lab.service().runningProperty().get());
        int points = lab.curves().lossChart().pointCount(0);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        assertEquals(points, lab.curves().lossChart().pointCount(0), "no steps after Stop");
        assertFalse(robot.lookup("#trainButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void negativeLatticeSizeShowsAMessageAndStartsNothing(FxRobot robot) {
        // when
        setField(robot, "L", "-3");
        robot.clickOn("#trainButton");
        // then
        Label error = robot.lookup("#L-error").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertTrue(error.getText().contains("between"), error.getText());
        assertTrue(robot.lookup("#trainButton").queryAs(Button.class).isDisabled());
        assertFalse(app.lab().service().runningProperty().get());
        assertEquals(0, app.lab().curves().lossChart().pointCount(0));
    }

    @Test
    void nonNumberShowsAMessageAndStartsNothing(FxRobot robot) {
        // when
        setField(robot, "lr", "fast");
        robot.clickOn("#trainButton");
        // then
        Label error = robot.lookup("#lr-error").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertTrue(error.getText().contains("must be a number"), error.getText());
        assertFalse(app.lab().service().runningProperty().get());
        // and fixing the value clears the message and enables Train again
        setField(robot, "lr", "0.002");
        assertFalse(error.isVisible());
        assertFalse(robot.lookup("#trainButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void oddLatticeSizeIsRejectedForTheCheckerboard(FxRobot robot) {
        setField(robot, "L", "7");
        Label error = robot.lookup("#L-error").queryAs(Label.class);
        assertTrue(error.getText().contains("even"), error.getText());
        assertTrue(robot.lookup("#trainButton").queryAs(Button.class).isDisabled());
    }
}
