package org.flowlab.app.view.chains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.flowlab.app.FlowLabApp;
import org.flowlab.app.Resources;
import org.flowlab.app.task.AppTrainer;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.scan.CriticalSlowingDown;
import org.flowlab.model.scan.GaugeFlows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Markov chains tab: a live chain, the energy violation, a scan, flow MCMC against HMC, and its links. */
@ExtendWith(ApplicationExtension.class)
class ChainsPageTest {

    private AppTrainer trainer;
    private ChainsPage page;

    @Start
    void start(Stage stage) {
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        trainer = new AppTrainer();
        page = new ChainsPage(trainer);
        Scene scene = new Scene((javafx.scene.Parent) page.view(), 1280, 720);
        scene.getStylesheets().add(Resources.external(FlowLabApp.STYLESHEET));
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> {
            page.dispose();
            trainer.close();
        });
    }

    @Test
    void aLinkRunsALiveChainWithItsWindowTauIntAndExactValue(FxRobot robot) throws Exception {
        // when: the free field on 4 x 4, 2000 trajectories
        robot.interact(() -> page.openLink(Map.of(
                "view",
                "live",
                "theory",
                "phi4",
                "L",
                "4",
                "m2",
                "1",
                "lambda",
                "0",
                "n",
                "2000",
                "therm",
                "50",
                "seed",
                "3",
                "observable",
                "phi2")));
        // then
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> page.live().shown() != null && page.live().shown().finished());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(page.busyProperty().get());
        assertEquals(2000, page.live().shown().measured());
        String stats = robot.lookup("#chainsStats").queryAs(Label.class).getText();
        assertTrue(stats.contains("τ_int(phi2)") && stats.contains("acceptance") && stats.contains("exact"), stats);
        Autocorrelation.Analysis a = page.live().shown().analysis().analyses().get("phi2");
        assertEquals(a.window(), page.live().rhoChart().domainMarker(), 0);
        assertTrue(a.windowFound());
    }

    @Test
    void theTrainAndStopCommandsRunAndStopTheShownView(FxRobot robot) throws Exception {
        // given: the live view set up, not started
        robot.interact(() -> page.openLink(Map.of(
                "view", "live", "theory", "phi4", "L", "4", "m2", "1", "lambda", "0", "n", "200000", "start",
                "false")));
        assertFalse(page.busyProperty().get());
        // when: Run → Train (Ctrl+Enter)
        robot.interact(() -> page.perform(org.flowlab.app.PageAction.TRAIN));
        // then: the chain runs, and Stop (Esc) ends it
        assertTrue(page.busyProperty().get());
        robot.interact(() -> page.perform(org.flowlab.app.PageAction.STOP));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !page.busyProperty().get());
    }

    @Test
    void oneClickGivesTheEnergyViolationWithSlopeTwo(FxRobot robot) throws Exception {
        // given
        robot.interact(() -> page.openLink(
                Map.of("view", "live", "theory", "phi4", "L", "4", "m2", "1", "lambda", "0", "start", "false")));
        // when
        robot.clickOn("#chainsDeltaHButton");
        // then
        ChainChart chart = page.live().energyChart();
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> chart.pointCount(0) == LiveChainView.DELTA_H_STEPS.length);
        int k = LiveChainView.DELTA_H_STEPS.length;
        double[] dt = java.util.Arrays.copyOfRange(LiveChainView.DELTA_H_STEPS, k - 3, k);
        double[] rms = {chart.y(0, k - 3), chart.y(0, k - 2), chart.y(0, k - 1)};
        double slope = CriticalSlowingDown.logLogSlope(dt, rms);
        assertEquals(2, slope, 0.2, "rms deltaH against dt");
    }

    @Test
    void theFreeFieldScanShowsTauIntGrowingWithTheCorrelationLength(FxRobot robot) throws Exception {
        robot.interact(() -> page.openLink(
                Map.of("view", "slowing", "theory", "phi4", "L", "8", "m2", "1,0.25", "n", "1500", "seed", "1")));
        ChainChart tau = page.slowing().tauChart();
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> !page.busyProperty().get() && tau.pointCount(0) == 2);
        assertTrue(
                tau.y(0, 1) > 2 * tau.y(0, 0),
                "tau_int(M) at xi 2.0 against 1.0: " + tau.y(0, 1) + " vs " + tau.y(0, 0));
        assertTrue(
                robot.lookup("#chainsViewSlowing").queryAs(ToggleButton.class).isSelected());
    }

    @Test
    void flowMcmcAndHmcRunSideBySideWithTheShippedFlows(FxRobot robot) throws Exception {
        robot.interact(() -> page.openLink(Map.of("view", "freezing", "n", "200", "seed", "2")));
        assertTrue(page.busyProperty().get());
        assertTrue(trainer.activeProperty().get() != null, "the flows run on the application's trainer");
        int flows = GaugeFlows.shipped().size();
        WaitForAsyncUtils.waitFor(
                240, TimeUnit.SECONDS, () -> !page.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(flows, page.freezing().points(true).size());
        assertEquals(flows, page.freezing().points(false).size());
        assertEquals(null, trainer.activeProperty().get(), "the trainer is released");
        assertTrue(robot.lookup("#chainsRule").queryAs(Label.class).getText().contains("min(1, w′/w)"));
        page.freezing().points(true).forEach(p -> assertTrue(p.acceptance() > 0, p.toString()));
    }

    @Test
    void badLinksNameTheirProblemAndStartNothing(FxRobot robot) {
        for (Map<String, String> link : java.util.List.of(
                Map.of("view", "live", "temperature", "3"),
                Map.of("view", "sideways"),
                Map.of("view", "live", "theory", "su2"),
                Map.of("view", "live", "theory", "u1", "beta", "hot"),
                Map.of("view", "live", "length", "long"),
                Map.of("view", "slowing", "m2", "1,-1"),
                Map.of("view", "freezing", "n", "0"),
                Map.of("view", "live", "start", "maybe"))) {
            java.util.concurrent.atomic.AtomicReference<RuntimeException> caught =
                    new java.util.concurrent.atomic.AtomicReference<>();
            robot.interact(() -> {
                try {
                    page.openLink(link);
                } catch (RuntimeException e) {
                    caught.set(e);
                }
            });
            assertTrue(caught.get() instanceof IllegalArgumentException, link + ": " + caught.get());
            assertFalse(caught.get().getMessage().contains("\n"), caught.get().getMessage());
        }
        assertFalse(page.busyProperty().get());
    }
}
