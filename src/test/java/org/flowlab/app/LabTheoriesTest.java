package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.flowlab.app.view.compare.CompareView;
import org.flowlab.app.view.dashboard.MixtureDashboard;
import org.flowlab.app.view.dashboard.Phi4Dashboard;
import org.flowlab.app.view.dashboard.U1Dashboard;
import org.flowlab.app.view.dashboard.VonMisesDashboard;
import org.flowlab.app.view.lab.LabView;
import org.flowlab.model.io.Npy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Every theory's preset trains and feeds its views; invalid input starts nothing; exports work. */
@ExtendWith(ApplicationExtension.class)
class LabTheoriesTest {

    private FlowLabApp app;
    private LabView lab;

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void patience() {
        TestWindows.patientSetup();
    }

    @Start
    void start(Stage stage) {
        app = TestWindows.start(stage, false);
        lab = app.lab();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(app::stop);
    }

    private void apply(FxRobot robot, Map<String, String> values) {
        robot.interact(() -> lab.editor().apply(values));
    }

    private void stopAndWait(FxRobot robot) throws Exception {
        robot.clickOn("#stopButton");
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !lab.service().runningProperty().get());
    }

    /** Every preset of every theory, with the sizes cut down so that each run is quick. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> presets() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(
                        "phi4", 0, Map.of("L", "4", "layers", "2", "hidden", "4", "batch", "16")),
                org.junit.jupiter.params.provider.Arguments.of(
                        "phi4", 1, Map.of("L", "4", "layers", "2", "hidden", "4", "batch", "16")),
                org.junit.jupiter.params.provider.Arguments.of(
                        "phi4", 2, Map.of("L", "4", "layers", "2", "hidden", "4", "batch", "16")),
                org.junit.jupiter.params.provider.Arguments.of(
                        "phi4", 3, Map.of("L", "4", "layers", "2", "hidden", "4", "batch", "16")),
                org.junit.jupiter.params.provider.Arguments.of(
                        "u1", 0, Map.of("L", "4", "layers", "2", "hidden", "4", "batch", "16")),
                org.junit.jupiter.params.provider.Arguments.of(
                        "u1", 1, Map.of("L", "4", "layers", "2", "hidden", "4", "batch", "16")),
                org.junit.jupiter.params.provider.Arguments.of(
                        "mixture2d", 0, Map.of("layers", "2", "hidden", "8", "batch", "64")),
                org.junit.jupiter.params.provider.Arguments.of(
                        "mixture2d", 1, Map.of("layers", "2", "hidden", "8", "batch", "64")),
                org.junit.jupiter.params.provider.Arguments.of("vonmises", 0, Map.of("batch", "64")),
                org.junit.jupiter.params.provider.Arguments.of("vonmises", 1, Map.of("batch", "64")));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} preset {1}")
    @org.junit.jupiter.params.provider.MethodSource("presets")
    void everyPresetTrainsAndFeedsEveryViewOfItsTheory(
            String theory, int preset, Map<String, String> small, FxRobot robot) throws Exception {
        // given: the preset, made small
        apply(robot, Map.of("theory", theory));
        robot.clickOn("#preset-" + theory + "-" + preset);
        java.util.Map<String, String> settings = new java.util.HashMap<>(small);
        settings.put("steps", "100000");
        apply(robot, settings);
        // when
        robot.clickOn("#trainButton");
        // then: the curves, the log weights, and every picture of the theory receive data
        java.util.concurrent.Callable<Boolean> pictures = switch (theory) {
            case "phi4" -> {
                Phi4Dashboard d = (Phi4Dashboard) lab.dashboard("phi4");
                yield () -> d.fieldsShown()
                        && d.histogram().pointCount(0) > 0
                        && d.histogram().pointCount(1) > 0
                        && d.histogram().pointCount(2) > 0;
            }
            case "u1" -> {
                U1Dashboard d = (U1Dashboard) lab.dashboard("u1");
                yield () -> d.fieldsShown()
                        && d.plaquetteHistogram().pointCount(0) > 0
                        && d.plaquetteHistogram().pointCount(1) > 0
                        && d.plaquetteHistogram().pointCount(2) > 0
                        && d.chargeHistogram().pointCount(0) > 0
                        && d.chargeHistogram().pointCount(2) > 0;
            }
            case "mixture2d" -> {
                MixtureDashboard d = (MixtureDashboard) lab.dashboard("mixture2d");
                yield () -> d.plane().hasSamples() && d.plane().hasModel() && d.modeFractions().length >= 2;
            }
            default -> {
                VonMisesDashboard d = (VonMisesDashboard) lab.dashboard("vonmises");
                yield () -> d.circle().hasSamples()
                        && d.histogram().pointCount(0) > 0
                        && d.histogram().pointCount(1) > 0;
            }
        };
        WaitForAsyncUtils.waitFor(
                90,
                TimeUnit.SECONDS,
                () -> lab.curves().lossChart().pointCount(0) >= 5
                        && lab.curves().essChart().pointCount(0) >= 5
                        && lab.curves().logWeightChart().pointCount(0) > 0
                        && pictures.call());
        if (theory.equals("mixture2d")) {
            double sum = 0;
            for (double f : ((MixtureDashboard) lab.dashboard("mixture2d")).modeFractions()) {
                sum += f;
            }
            assertEquals(1.0, sum, 1e-9);
        }
        // and Stop ends the run
        stopAndWait(robot);
        assertFalse(robot.lookup("#trainButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void continuousFlowShowsItsSamplesInTime(FxRobot robot) throws Exception {
        // given: a continuous flow on the two-mode mixture; the flow-in-time view appears with it
        apply(robot, Map.of("theory", "mixture2d"));
        assertFalse(lab.flowTime().isVisible());
        apply(
                robot,
                Map.of(
                        "flow",
                        "cnf",
                        "velocity",
                        "mlp",
                        "odeSteps",
                        "4",
                        "hidden",
                        "16",
                        "batch",
                        "64",
                        "steps",
                        "100000"));
        assertTrue(lab.flowTime().isVisible());
        assertFalse(lab.flowTime().hasFrames());
        // when
        robot.clickOn("#trainButton");
        // then: the frames at t = 0, 1/3, 2/3, 1 arrive along with the usual views
        MixtureDashboard d = (MixtureDashboard) lab.dashboard("mixture2d");
        WaitForAsyncUtils.waitFor(
                90,
                TimeUnit.SECONDS,
                () -> lab.curves().lossChart().pointCount(0) >= 5
                        && lab.flowTime().hasFrames()
                        && d.plane().hasSamples()
                        && d.plane().hasModel());
        stopAndWait(robot);
        // and a discrete flow hides the view again
        apply(robot, Map.of("flow", "coupling2d"));
        assertFalse(lab.flowTime().isVisible());
    }

    @Test
    void invalidInputShowsAMessageNextToTheFieldAndStartsNothing(FxRobot robot) {
        apply(robot, Map.of("theory", "phi4"));
        String[][] cases = {
            {"L", "-3", "between"},
            {"m2", "NaN", "finite"},
            {"L", "7", "even"},
            {"lr", "0", "greater than 0"},
            {"batch", "1", "between"},
            {"layers", "abc", "whole number"},
        };
        for (String[] c : cases) {
            // when
            apply(robot, Map.of("L", "8", "m2", "-0.5", "lr", "0.001", "batch", "64", "layers", "8"));
            apply(robot, Map.of(c[0], c[1]));
            robot.clickOn("#trainButton");
            // then
            Label error = robot.lookup("#" + c[0] + "-error").queryAs(Label.class);
            assertTrue(error.isVisible(), c[0] + "=" + c[1] + " shows no message");
            assertTrue(error.getText().contains(c[2]), c[0] + "=" + c[1] + ": " + error.getText());
            assertTrue(robot.lookup("#trainButton").queryAs(Button.class).isDisabled());
            assertFalse(lab.service().runningProperty().get());
        }
        assertEquals(0, lab.curves().lossChart().pointCount(0));
    }

    @Test
    void exportedNpyHasTheRightHeaderAndShape(FxRobot robot) throws Exception {
        // given: a finished short run
        apply(
                robot,
                Map.of(
                        "theory", "phi4", "L", "4", "m2", "1", "lambda", "0", "layers", "2", "hidden", "4", "batch",
                        "16", "steps", "10"));
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitFor(
                90,
                TimeUnit.SECONDS,
                () -> !lab.service().runningProperty().get() && lab.service().hasExperiment());
        Path npy = dir.resolve("samples.npy");
        Path npz = dir.resolve("samples.npz");
        // when
        robot.interact(() -> lab.files().exportSamples(npy));
        robot.interact(() -> lab.files().exportSamples(npz));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(npy) && Files.exists(npz));
        // then
        byte[] head = Files.readAllBytes(npy);
        assertEquals((byte) 0x93, head[0]);
        assertEquals("NUMPY", new String(head, 1, 5, java.nio.charset.StandardCharsets.US_ASCII));
        String header = new String(
                head, 10, (head[8] & 0xff) | ((head[9] & 0xff) << 8), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f8'") && header.contains("'shape': (1024, 4, 4)"), header);
        try (InputStream in = Files.newInputStream(npz)) {
            Map<String, Npy.Array> arrays = Npy.readNpz(in);
            assertArrayEquals(new long[] {1024, 4, 4}, arrays.get("samples").shape());
            assertArrayEquals(new long[] {1024}, arrays.get("log_w").shape());
        }
        // and the curves, the theory's chart and its pictures export as PNG files
        java.util.List<Path> pngs = new java.util.ArrayList<>();
        robot.interact(() -> pngs.addAll(lab.files().exportCharts(dir.resolve("charts"))));
        java.util.List<String> names =
                pngs.stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(
                java.util.List.of("loss.png", "ess.png", "log-weights.png", "magnetisation.png", "phi4-samples.png"),
                names);
        for (Path p : pngs) {
            byte[] b = Files.readAllBytes(p);
            assertEquals((byte) 0x89, b[0]);
            assertEquals('P', b[1]);
        }
    }

    @Test
    void compareModeTrainsBothSides(FxRobot robot) throws Exception {
        // given
        CompareView compare = app.compare();
        robot.interact(() -> robot.lookup("#mainTabs")
                .queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel()
                .select(1));
        // when: the mode-seeking preset, one click
        robot.clickOn("#preset-mode-seeking");
        // then: both lanes receive steps and samples
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> compare.curves().lossPointCount(0) >= 5
                        && compare.curves().lossPointCount(1) >= 5
                        && ((MixtureDashboard) compare.dashboard(0)).modeFractions().length == 2
                        && ((MixtureDashboard) compare.dashboard(1)).modeFractions().length == 2);
        robot.clickOn("#cmp-stopButton");
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !compare.service().runningProperty().get());
    }

    @Test
    void compareBackpropagationWithTheAdjoint(FxRobot robot) throws Exception {
        // given
        CompareView compare = app.compare();
        robot.interact(() -> robot.lookup("#mainTabs")
                .queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel()
                .select(1));
        // when: the preset, one click
        robot.clickOn("#preset-adjoint");
        assertTrue(robot.lookup("#cmp-gradB")
                .queryAs(javafx.scene.control.ComboBox.class)
                .isVisible());
        // then: both lanes train, one by back-propagation and one by the adjoint
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> compare.curves().lossPointCount(0) >= 3
                        && compare.curves().lossPointCount(1) >= 3);
        assertTrue(compare.laneTitle(0).endsWith("backprop"), compare.laneTitle(0));
        assertTrue(compare.laneTitle(1).endsWith("adjoint"), compare.laneTitle(1));
        robot.clickOn("#cmp-stopButton");
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !compare.service().runningProperty().get());
    }
}
