package org.flowlab.app.view.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.flowlab.app.task.AppTrainer;
import org.flowlab.model.ml.FitResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Basics tab as a student uses it: presets, Train, the live curve, links, the other experiments. */
@ExtendWith(ApplicationExtension.class)
class BasicsPageTest {

    private AppTrainer trainer;
    private BasicsPage page;

    @Start
    void start(Stage stage) {
        trainer = new AppTrainer();
        page = new BasicsPage(trainer);
        stage.setScene(new Scene((javafx.scene.Parent) page.view(), 1280, 720));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(page::dispose).get();
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !page.busyProperty().get());
        trainer.close();
    }

    private static void type(FxRobot robot, String id, String text) {
        TextField f = robot.lookup("#" + id).queryAs(TextField.class);
        robot.interact(() -> f.setText(text));
    }

    @Test
    void eachPresetTrainsAndTheCurveMovesWhileItTrains(FxRobot robot) throws Exception {
        FitPane fit = page.fit();
        robot.interact(() -> fit.form().run().setSpeed("fast"));
        for (String preset : new String[] {"sinc", "abs", "step", "sin"}) {
            // given: a short run of the preset
            robot.clickOn("#preset-" + preset);
            type(robot, "fit-steps", "200");
            // when
            robot.clickOn("#fit-train");
            // then: a first frame, then a later one with another curve, while the run is still going
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fit.lastFrame() != null);
            FitResult early = fit.lastFrame().lanes().get(0).result();
            double[] first = fit.curve(0);
            int firstStep = fit.lastFrame().step();
            WaitForAsyncUtils.waitFor(
                    180, TimeUnit.SECONDS, () -> fit.lastFrame().step() > firstStep);
            assertFalse(java.util.Arrays.equals(first, fit.curve(0)), preset + ": the curve moved");
            WaitForAsyncUtils.waitFor(
                    180, TimeUnit.SECONDS, () -> !fit.runningProperty().get());
            FitResult last = fit.lastFrame().lanes().get(0).result();
            assertEquals(200, fit.lastFrame().step(), preset);
            assertTrue(
                    last.rmsError() < early.rmsError(),
                    preset + ": learned, " + early.rmsError() + " → " + last.rmsError());
            assertTrue(
                    robot.lookup("#fit-status").queryAs(Label.class).getText().startsWith("Done"), preset);
        }
    }

    @Test
    void sideBySideMaeIgnoresTheOutliersThatPullMseUp(FxRobot robot) throws Exception {
        // given: sinc with 20 % outliers, both losses on the same data and seed
        FitPane fit = page.fit();
        robot.interact(() -> fit.form().run().setSpeed("fastest"));
        type(robot, "fit-outliers", "0.2");
        type(robot, "fit-steps", "400");
        robot.clickOn("#fit-compare");
        assertTrue(robot.lookup("#fit-compare").queryAs(CheckBox.class).isSelected());
        // when
        robot.clickOn("#fit-train");
        WaitForAsyncUtils.waitFor(
                180,
                TimeUnit.SECONDS,
                () -> fit.lastFrame() != null && !fit.runningProperty().get());
        // then
        FitJob.Frame f = fit.lastFrame();
        assertEquals(2, f.lanes().size());
        double mse = f.lanes().get(0).result().rmsError();
        double mae = f.lanes().get(1).result().rmsError();
        assertTrue(mae < 0.5 * mse, "MAE " + mae + " vs MSE " + mse);
    }

    @Test
    void linkFillsTheFormAndStartsAndABadLinkChangesNothing(FxRobot robot) throws Exception {
        // given
        Map<String, String> link = new LinkedHashMap<>();
        link.put("experiment", "fit");
        link.put("function", "abs");
        link.put("loss", "mae");
        link.put("hidden", "16");
        link.put("layers", "1");
        link.put("activation", "relu");
        link.put("steps", "150");
        link.put("seed", "4");
        link.put("speed", "fastest");
        // when
        robot.interact(() -> page.openLink(link));
        // then
        assertEquals("16", robot.lookup("#fit-hidden").queryAs(TextField.class).getText());
        assertEquals("4", robot.lookup("#fit-seed").queryAs(TextField.class).getText());
        WaitForAsyncUtils.waitFor(
                180,
                TimeUnit.SECONDS,
                () -> page.fit().lastFrame() != null && !page.busyProperty().get());
        assertEquals(150, page.fit().lastFrame().step());
        // a bad value: one line naming it, nothing changes, nothing starts
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> callFx(() -> page.openLink(Map.of("experiment", "fit", "hidden", "0", "steps", "9"))));
        assertTrue(e.getMessage().startsWith("hidden"), e.getMessage());
        assertEquals("150", robot.lookup("#fit-steps").queryAs(TextField.class).getText());
        assertFalse(page.busyProperty().get());
        e = assertThrows(
                IllegalArgumentException.class, () -> callFx(() -> page.openLink(Map.of("experiment", "fitt"))));
        assertTrue(e.getMessage().contains("experiment"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> callFx(() -> page.openLink(Map.of("wrong", "1"))));
        assertTrue(e.getMessage().contains("wrong"), e.getMessage());
    }

    private static void callFx(Runnable r) throws Exception {
        try {
            WaitForAsyncUtils.asyncFx(r).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    @Test
    void classifyDrawsTheBoundaryAndReportsHeldOutAccuracy(FxRobot robot) throws Exception {
        // given
        TabPane tabs = robot.lookup("#basicsView").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        robot.interact(() -> page.openLink(Map.of(
                "experiment", "classify", "data", "moons", "steps", "400", "speed", "fastest", "start", "false")));
        assertFalse(page.busyProperty().get(), "start=false only fills the form");
        // when
        robot.clickOn("#cls-train");
        WaitForAsyncUtils.waitFor(
                180,
                TimeUnit.SECONDS,
                () -> page.classify().lastFrame() != null
                        && !page.busyProperty().get());
        // then
        ClassifyJob.Frame f = page.classify().lastFrame();
        assertEquals(400, f.result().steps());
        assertTrue(f.result().heldOutAccuracy() > 0.9, "accuracy " + f.result().heldOutAccuracy());
        assertEquals(f.cells() * f.cells(), f.probabilities().length);
        assertTrue(robot.lookup("#cls-accuracy").queryAs(Label.class).getText().contains("%"));
    }

    @Test
    void convolutionPanelShiftsTheOutputWithTheInput(FxRobot robot) throws Exception {
        // given
        TabPane tabs = robot.lookup("#basicsView").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(2));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> page.convolution().demo() != null);
        // when
        @SuppressWarnings("unchecked")
        Spinner<Integer> dx = robot.lookup("#conv-dx").queryAs(Spinner.class);
        robot.interact(() -> dx.getValueFactory().setValue(5));
        // then
        assertEquals(5, page.convolution().demo().dx());
        assertTrue(page.convolution().demo().equivarianceError() < 1e-12);
        assertTrue(robot.lookup("#conv-check").queryAs(Label.class).getText().contains("largest difference 0"));
        assertTrue(robot.lookup("#conv-counts").queryAs(Label.class).getText().contains("65,792"));
        // a link sets the filter and the shifts
        robot.interact(() -> page.openLink(
                Map.of("experiment", "convolution", "filter", "edge", "L", "8", "dx", "1", "dt", "-3", "seed", "2")));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> page.convolution().demo().size() == 8);
        assertEquals(-3, page.convolution().demo().dt());
        assertEquals("edge", page.convolution().demo().filter().key());
    }

    @Test
    void experimentsAreBuiltWhenTheirTabIsFirstShown(FxRobot robot) {
        // given: a Basics page in a window's second, unselected tab
        BasicsPage[] lazy = new BasicsPage[1];
        TabPane[] window = new TabPane[1];
        robot.interact(() -> {
            lazy[0] = new BasicsPage(trainer);
            window[0] = new TabPane(new Tab("Lab", new Label("lab")), new Tab("Basics", lazy[0].view()));
            Stage stage = new Stage();
            stage.setScene(new Scene(window[0], 1280, 720));
            stage.show();
        });
        // then: nothing is built at start-up
        assertEquals(0, lazy[0].built());
        // when: the tab is opened, its first experiment is built; the others when opened
        robot.interact(() -> window[0].getSelectionModel().select(1));
        assertEquals(1, lazy[0].built());
        robot.interact(() -> ((TabPane) lazy[0].view()).getSelectionModel().select(2));
        assertEquals(2, lazy[0].built());
        robot.interact(() -> ((Stage) window[0].getScene().getWindow()).close());
    }

    @Test
    void aBusyTrainerStartsNothing(FxRobot robot) {
        // given: another page holds the trainer
        Object other = new Object();
        robot.interact(() -> assertTrue(trainer.claim(other, "Lab: phi4", () -> {})));
        // when
        robot.clickOn("#fit-train");
        // then
        assertFalse(page.busyProperty().get());
        String status = robot.lookup("#fit-status").queryAs(Label.class).getText();
        assertTrue(status.contains("busy with Lab: phi4"), status);
        robot.interact(() -> trainer.release(other));
        assertNotNull(page.fit());
    }
}
