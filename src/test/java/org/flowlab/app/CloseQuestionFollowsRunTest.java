package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.flowlab.app.task.ExperimentOpener;
import org.flowlab.app.view.lab.LabView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The close question asked while a run trains follows the run: when it ends with the dialog
 * open, "is still training" becomes "is not saved".
 */
@ExtendWith(ApplicationExtension.class)
class CloseQuestionFollowsRunTest {

    private FlowLabApp app;

    @BeforeAll
    static void patience() {
        TestWindows.patientSetup();
    }

    @Start
    void start(Stage s) {
        app = TestWindows.start(s, false);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(app::stop);
    }

    /** The text the dialog shows (its wrapping label, else its content text). */
    private static String shown(DialogPane pane) {
        return pane.getContent() instanceof javafx.scene.control.Label l ? l.getText() : pane.getContentText();
    }

    @Test
    void aRunThatEndsWhileTheQuestionIsOpenChangesTheQuestion(FxRobot robot) throws Exception {
        // given: a long run training
        LabView lab = app.lab();
        robot.interact(() -> {
            lab.editor().apply(Map.of("theory", "vonmises", "batch", "64", "steps", "1000000"));
            lab.train(ExperimentOpener.DEFAULT);
        });
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> lab.service().stepsDoneProperty().get() > 2);
        // when: the window is asked to close
        Platform.runLater(app::requestClose);
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !robot.lookup(".dialog-pane").queryAll().isEmpty());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        // then: it says the lab is training
        String asked = WaitForAsyncUtils.asyncFx(() -> shown(pane)).get(10, TimeUnit.SECONDS);
        assertTrue(asked.contains("still training"), asked);
        // when: the run ends while the question is open
        Platform.runLater(() -> lab.service().stop());
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> !lab.service().runningProperty().get());
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !WaitForAsyncUtils.asyncFx(() -> shown(pane)).get().contains("still training"));
        // then: the question is about the unsaved flow
        String now = WaitForAsyncUtils.asyncFx(() -> shown(pane)).get(10, TimeUnit.SECONDS);
        assertFalse(now.contains("still training"), now);
        assertTrue(now.contains("not saved"), now);
        // and Cancel keeps the window
        robot.interact(() -> ((javafx.scene.control.Button) pane.lookupButton(ButtonType.CANCEL)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".dialog-pane").queryAll().isEmpty(), "the dialog closed");
    }
}
