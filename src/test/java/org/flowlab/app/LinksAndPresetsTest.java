package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.flowlab.app.view.compare.ComparePreset;
import org.flowlab.app.view.compare.CompareView;
import org.flowlab.app.view.lab.LabView;
import org.flowlab.model.spec.RunSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Links: a bad one shows its reason in the window and starts nothing (nothing is thrown on the
 * FX thread); Copy link reproduces the Lab's setup. Presets: every Compare preset starts the
 * same way, and a new run or another theory clears the previous curves.
 */
@ExtendWith(ApplicationExtension.class)
class LinksAndPresetsTest {

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

    private int selectedTab(FxRobot robot) {
        return robot.lookup("#mainTabs")
                .queryAs(TabPane.class)
                .getSelectionModel()
                .getSelectedIndex();
    }

    @Test
    void badLinksShowTheirReasonAndStartNothing(FxRobot robot) {
        String[][] cases = {
            {"flowlab:lab?theory=phi4&m2=%zz", "escape"},
            {"flowlab:lab?theory=phi4&colour=red", "'colour'"},
            {"flowlab:lab?theory=phi4&L=100000", "L"},
            {"flowlab:lab?theory=phi4&batch=1e9", "batch"},
            {"flowlab:lab?theory=phi4&start=maybe", "start"},
            {"flowlab:nowhere?x=1", "no tab 'nowhere'"},
            {"flowlab:compare?preset=fastest", "fastest"},
            {"flowlab:compare?preset=adjoint&theory=u1", "'theory'"},
            {"flowlab:lectures?x=1", "needs exactly one of pane"},
        };
        robot.interact(() -> robot.lookup("#mainTabs")
                .queryAs(TabPane.class)
                .getSelectionModel()
                .select(2));
        for (String[] c : cases) {
            // when: the link is followed as a lecture's Try it link would be
            robot.interact(() -> app.runAction(c[0]));
            // then: the message bar says why, and nothing runs or changes tab
            assertTrue(app.message().startsWith("Could not follow the link"), c[0] + ": " + app.message());
            assertTrue(app.message().contains(c[1]), c[0] + ": " + app.message());
            assertFalse(app.lab().service().runningProperty().get(), c[0]);
            assertFalse(app.compare().service().runningProperty().get(), c[0]);
            assertEquals(2, selectedTab(robot), c[0]);
        }
    }

    @Test
    void copyLinkReproducesTheLabsSetupExactly(FxRobot robot) {
        LabView lab = app.lab();
        robot.interact(() -> lab.editor()
                .apply(Map.of(
                        "theory",
                        "phi4",
                        "L",
                        "6",
                        "m2",
                        "-0.7",
                        "lambda",
                        "3",
                        "layers",
                        "3",
                        "batch",
                        "32",
                        "lr",
                        "0.002",
                        "steps",
                        "77",
                        "seed",
                        "424242",
                        "precision",
                        "float64")));
        RunSpec before = lab.editor().spec();
        String link = ((org.flowlab.app.view.lab.LabPage) app.page("lab")).currentLink();
        assertTrue(link.startsWith("flowlab:lab?") && link.contains("seed=424242"), link);
        // when: the form is changed, then the link is followed without starting
        robot.interact(() -> lab.editor().apply(Map.of("theory", "u1")));
        robot.interact(() -> app.runAction(link + "&start=false"));
        // then: the same spec, and nothing runs
        assertEquals("", app.message());
        assertEquals(before, lab.editor().spec());
        assertFalse(lab.service().runningProperty().get());
    }

    @Test
    void everyComparePresetStartsTheSameWayAndClearsTheLastRun(FxRobot robot) throws Exception {
        CompareView compare = app.compare();
        robot.interact(() -> robot.lookup("#mainTabs")
                .queryAs(TabPane.class)
                .getSelectionModel()
                .select(1));
        for (ComparePreset p : ComparePreset.all()) {
            // when: its button is clicked
            robot.clickOn("#preset-" + p.id());
            // then: the form holds the preset, the old curves are gone and both runs train
            assertTrue(compare.service().runningProperty().get(), p.id());
            assertEquals(p.form().get("theory"), compare.editor().theory().id(), p.id());
            assertFalse(compare.statusText().startsWith("Done"), p.id() + ": " + compare.statusText());
            assertTrue(compare.laneTitle(1).startsWith("B: "), compare.laneTitle(1));
            WaitForAsyncUtils.waitFor(
                    180,
                    TimeUnit.SECONDS,
                    () -> !compare.curves().history(0).isEmpty()
                            && !compare.curves().history(1).isEmpty());
            for (int lane = 0; lane < 2; lane++) {
                java.util.List<Integer> steps = compare.curves().history(lane).stream()
                        .map(t -> t.step())
                        .toList();
                assertEquals(1, steps.get(0), p.id() + ": the curves start afresh");
                for (int i = 1; i < steps.size(); i++) {
                    assertTrue(
                            steps.get(i) > steps.get(i - 1), p.id() + ": the last run's curves were cleared " + steps);
                }
            }
            robot.interact(() -> compare.service().stop());
            WaitForAsyncUtils.waitFor(
                    60,
                    TimeUnit.SECONDS,
                    () -> !compare.service().runningProperty().get());
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(compare.statusText().startsWith("Done:"), compare.statusText());
        }
        // and a link starts a preset in the same way
        robot.interact(() -> app.runAction("flowlab:compare?preset=mode-seeking"));
        assertTrue(compare.service().runningProperty().get());
        assertEquals("mixture2d", compare.editor().theory().id());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> compare.curves().lossPointCount(1) >= 1);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> compare.service().stop());
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> !compare.service().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        // and another theory clears the curves
        robot.interact(() -> compare.editor().apply(Map.of("theory", "vonmises")));
        assertEquals(0, compare.curves().lossPointCount(1));
    }

    @Test
    void anotherTheoryClearsTheLabsCurves(FxRobot robot) throws Exception {
        LabView lab = app.lab();
        robot.interact(() -> {
            lab.editor().apply(Map.of("theory", "vonmises", "batch", "64", "steps", "20"));
            lab.train(org.flowlab.app.task.ExperimentOpener.DEFAULT);
        });
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> !lab.service().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lab.curves().lossChart().pointCount(0) > 0);
        robot.interact(() -> lab.editor().apply(Map.of("theory", "mixture2d")));
        assertEquals(0, lab.curves().lossChart().pointCount(0));
        assertEquals(0, lab.curves().history(0).size());
    }
}
