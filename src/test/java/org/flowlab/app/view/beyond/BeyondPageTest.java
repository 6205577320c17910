package org.flowlab.app.view.beyond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.flowlab.app.task.AppTrainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class BeyondPageTest {

    private AppTrainer trainer;
    private BeyondPage page;

    @Start
    void start(Stage stage) {
        trainer = new AppTrainer();
        page = new BeyondPage(trainer);
        stage.setScene(new Scene((Parent) page.view(), 1280, 720));
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> {
            page.dispose();
            trainer.close();
        });
    }

    private static Map<String, String> tinyChain() {
        Map<String, String> p = new HashMap<>();
        p.put("theory", "phi4");
        p.put("L", "4");
        p.put("lambda", "1.5");
        p.put("m2", "0:-0.5:3");
        p.put("flow", "realnvp");
        p.put("layers", "2");
        p.put("hidden", "4");
        p.put("hiddenLayers", "1");
        p.put("hmcBetween", "1");
        p.put("stepsPerStage", "8");
        p.put("batch", "16");
        p.put("samples", "256");
        p.put("pool", "256");
        p.put("seed", "3");
        return p;
    }

    @Test
    void aLinkRunsTheChainAndFillsARowPerStage(FxRobot robot) throws Exception {
        // when
        AtomicBoolean busyAtStart = new AtomicBoolean();
        robot.interact(() -> {
            page.openLink(tinyChain());
            // read in the same FX turn: the tiny chain may finish before the robot looks again
            busyAtStart.set(page.busyProperty().get());
        });
        // then: the page is busy, then every stage shows its ESS and both histograms
        assertTrue(busyAtStart.get());
        WaitForAsyncUtils.waitFor(
                300, TimeUnit.SECONDS, () -> !page.busyProperty().get());
        assertEquals("finished", page.statusText());
        assertEquals(3, page.stages().rows().size());
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> page.stages().rows().stream().allMatch(r -> r.histogram().hasReference()));
        for (StageRow row : page.stages().rows()) {
            assertTrue(row.essText().startsWith("ESS"), row.essText());
            assertTrue(row.histogram().hasSamples());
        }
        assertTrue(robot.lookup("#stage-2-ess").queryAs(Label.class).getText().contains("this stage"));
        assertEquals(null, trainer.activeProperty().get(), "the trainer is released");
    }

    @Test
    void badLinkParametersNameTheParameterAndStartNothing(FxRobot robot) {
        Map<String, String> unknown = tinyChain();
        unknown.put("colour", "red");
        Map<String, String> badSchedule = tinyChain();
        badSchedule.put("m2", "0:-0.5:x");
        Map<String, String> badRun = tinyChain();
        badRun.put("run", "everything");
        for (Map<String, String> link : List.of(unknown, badSchedule, badRun)) {
            // when
            AtomicReference<RuntimeException> caught = new AtomicReference<>();
            robot.interact(() -> {
                try {
                    page.openLink(link);
                } catch (RuntimeException e) {
                    caught.set(e);
                }
            });
            // then
            RuntimeException e = caught.get();
            assertTrue(e instanceof IllegalArgumentException, String.valueOf(e));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertFalse(page.busyProperty().get());
        }
        assertTrue(caughtMessage(robot, unknown).contains("colour"));
        assertTrue(caughtMessage(robot, badSchedule).contains("m2"));
        assertTrue(caughtMessage(robot, badRun).contains("run"));
    }

    private String caughtMessage(FxRobot robot, Map<String, String> link) {
        AtomicReference<String> message = new AtomicReference<>("");
        robot.interact(() -> {
            try {
                page.openLink(link);
            } catch (IllegalArgumentException e) {
                message.set(e.getMessage());
            }
        });
        return message.get();
    }

    @Test
    void stopEndsALongChainAndReleasesTheTrainer(FxRobot robot) throws Exception {
        // given: a chain far too long to finish
        Map<String, String> link = tinyChain();
        link.put("stepsPerStage", "1000000");
        robot.interact(() -> page.openLink(link));
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> trainer.activeProperty().get() != null);
        // when
        robot.clickOn("#beyond-stop");
        // then
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> !page.busyProperty().get());
        assertEquals("stopped", page.statusText());
        assertEquals(null, trainer.activeProperty().get());
    }

    @Test
    void theComparisonFillsAllFourColumns(FxRobot robot) throws Exception {
        // when
        Map<String, String> link = tinyChain();
        link.put("run", "compare");
        link.put("m2", "0:-0.5:2");
        link.put("stepsPerStage", "3");
        robot.interact(() -> page.openLink(link));
        // then
        WaitForAsyncUtils.waitFor(
                300, TimeUnit.SECONDS, () -> !page.busyProperty().get());
        assertEquals("finished", page.statusText());
        for (int i = 0; i < 4; i++) {
            assertTrue(
                    page.comparison().essText(i).startsWith("ESS at the last target"),
                    page.comparison().essText(i));
        }
        assertEquals(1, page.comparison().essChart().pointCount(0), "one flow: one stage");
        assertEquals(2, page.comparison().essChart().pointCount(1), "chain: two stages");
    }

    @Test
    void theVolumeExerciseGivesTheEssNeededAtLFour(FxRobot robot) {
        // given: the course's numbers are the defaults
        // then
        assertTrue(page.volume().answerText().contains("0.99730"), page.volume().answerText());
        // when
        TextField to = robot.lookup("#beyond-volume-toL").queryAs(TextField.class);
        robot.interact(() -> to.setText("8"));
        // then: 0.5^(16/64)
        assertTrue(page.volume().answerText().contains("0.84090"), page.volume().answerText());
    }

    @Test
    void everyTryItLinkOfTheBeyondPanesIsAcceptedWithItsSeed(FxRobot robot) throws Exception {
        Pattern link = Pattern.compile("\\(flowlab:beyond\\?([^)]*)\\)");
        int links = 0;
        for (String pane : new String[] {"/lectures/05a-chains-of-flows.md", "/lectures/05b-free-energy.md"}) {
            String text;
            try (InputStream in = BeyondPageTest.class.getResourceAsStream(pane)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher m = link.matcher(text);
            while (m.find()) {
                Map<String, String> parameters = new HashMap<>();
                for (String pair : m.group(1).split("&")) {
                    int eq = pair.indexOf('=');
                    parameters.put(
                            pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                // then: every link names its seed and the page takes all its parameters
                assertTrue(parameters.containsKey("seed"), m.group());
                parameters.put("start", "false");
                AtomicReference<RuntimeException> caught = new AtomicReference<>();
                robot.interact(() -> {
                    try {
                        page.openLink(parameters);
                    } catch (RuntimeException e) {
                        caught.set(e);
                    }
                });
                assertEquals(null, caught.get(), m.group());
                assertFalse(page.busyProperty().get());
                links++;
            }
        }
        assertTrue(links >= 5, links + " links");
    }
}
