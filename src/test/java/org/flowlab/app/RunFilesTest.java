package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.flowlab.app.task.ExperimentOpener;
import org.flowlab.app.view.dashboard.VonMisesDashboard;
import org.flowlab.app.view.lab.LabView;
import org.flowlab.model.store.RunStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Save goes into a run folder of its own and never into a folder of other things; a trained flow
 * not yet saved makes closing ask, and the question follows a run that ends while it is open; an
 * opened run shows its model at once.
 */
@ExtendWith(ApplicationExtension.class)
class RunFilesTest {

    @TempDir
    Path dir;

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

    @Test
    void aRunIsSavedIntoItsOwnFolderAndOpensWithItsPictures(FxRobot robot) throws Exception {
        // given: nothing trained, so closing asks nothing
        LabView lab = app.lab();
        assertNull(app.closeQuestion());
        // and: a short finished run
        robot.interact(() -> {
            lab.editor().apply(Map.of("theory", "vonmises", "batch", "64", "steps", "15"));
            lab.train(ExperimentOpener.DEFAULT);
        });
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> !lab.service().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        // then: its flow is not saved, and closing the window would ask to save it
        assertTrue(lab.files().unsaved());
        String question = app.closeQuestion();
        assertNotNull(question);
        assertTrue(question.contains("not saved") && question.contains("Save the run"), question);
        // when: saved into a folder that holds something else
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(photos.resolve("holiday.jpg"), "not a run");
        boolean[] saved = new boolean[1];
        robot.interact(() -> saved[0] = lab.files().save(photos, null));
        // then: refused, and nothing written there
        assertFalse(saved[0]);
        assertTrue(lab.statusText().contains("not a FlowLab run folder"), lab.statusText());
        assertFalse(Files.exists(photos.resolve(RunStore.RUN_FILE)));
        assertTrue(lab.files().unsaved(), "a refused save leaves the flow unsaved");
        // when: saved into a new run folder
        Path run = dir.resolve("runs").resolve("vonmises-test");
        robot.interact(() -> saved[0] = lab.files().save(run, null));
        assertTrue(saved[0]);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Files.exists(run.resolve(RunStore.RUN_FILE)));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lab.statusText().startsWith("Saved"));
        WaitForAsyncUtils.waitForFxEvents();
        // then: nothing left to lose, so closing asks nothing
        assertFalse(lab.files().unsaved());
        assertNull(app.closeQuestion());
        // when: the form shows another theory, and the run is opened again
        robot.interact(() -> lab.editor().apply(Map.of("theory", "phi4")));
        VonMisesDashboard d = (VonMisesDashboard) lab.dashboard("vonmises");
        robot.interact(() -> assertTrue(lab.files().open(run)));
        // then: its settings, its curves, and samples of its model without training again
        assertEquals("vonmises", lab.editor().theory().id());
        assertEquals(15, lab.curves().history(0).size());
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> d.circle().hasSamples() && d.histogram().pointCount(0) > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(lab.service().runningProperty().get());
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
