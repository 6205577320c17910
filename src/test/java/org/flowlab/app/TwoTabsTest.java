package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.stage.Stage;
import org.flowlab.app.view.compare.CompareView;
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
 * Lab and Compare share the one trainer: a tab started while the other trains asks, and then
 * either starts nothing or waits until the other has stopped; closing with both tabs busy
 * leaves no exception and no thread behind.
 */
@ExtendWith(ApplicationExtension.class)
class TwoTabsTest {

    private static final Map<String, String> TINY_PHI4 =
            Map.of("theory", "phi4", "L", "4", "layers", "2", "hidden", "4", "batch", "16", "steps", "1000000");
    private static final Map<String, String> TINY_MIXTURE =
            Map.of("theory", "mixture2d", "layers", "2", "hidden", "8", "batch", "64", "steps", "1000000");

    private FlowLabApp app;
    private boolean stopOther;

    @BeforeAll
    static void patience() {
        TestWindows.patientSetup();
    }

    @Start
    void start(Stage s) {
        app = TestWindows.start(s, false);
        app.trainer().setConflictPolicy((running, wanted) -> stopOther);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(app::stop);
    }

    private void startLab(FxRobot robot) throws Exception {
        LabView lab = app.lab();
        robot.interact(() -> {
            lab.editor().apply(TINY_PHI4);
            assertTrue(lab.train(org.flowlab.app.task.ExperimentOpener.DEFAULT));
        });
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> lab.service().stepsDoneProperty().get() >= 2);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean startCompare(FxRobot robot) {
        CompareView compare = app.compare();
        boolean[] started = new boolean[1];
        robot.interact(() -> {
            compare.editor().apply(TINY_MIXTURE);
            started[0] = compare.start();
        });
        return started[0];
    }

    @Test
    void aDeclinedSecondRunStartsNothingAndTheFirstGoesOn(FxRobot robot) throws Exception {
        // given: the Lab trains
        startLab(robot);
        int before = app.lab().service().stepsDoneProperty().get();
        // when: Compare starts, and the user declines to stop the Lab
        stopOther = false;
        assertFalse(startCompare(robot));
        // then: Compare runs nothing and says why; the Lab goes on
        assertFalse(app.compare().service().runningProperty().get());
        assertTrue(
                app.compare().statusText().startsWith("Not started"),
                app.compare().statusText());
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> app.lab().service().stepsDoneProperty().get() > before + 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(app.lab(), app.trainer().activeProperty().get().owner());
    }

    @Test
    void anAcceptedSecondRunStartsOnlyAfterTheFirstHasStopped(FxRobot robot) throws Exception {
        // given: the Lab trains, and we note which tab holds the trainer whenever it changes
        startLab(robot);
        List<Object> owners = new CopyOnWriteArrayList<>();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        robot.interact(() -> app.trainer().activeProperty().addListener((o, was, now) -> {
            owners.add(now == null ? "free" : now.owner());
            if (now != null
                    && now.owner() == app.compare()
                    && app.lab().service().runningProperty().get()) {
                overlaps.add("Compare got the trainer while the Lab was still running");
            }
        }));
        // when: Compare starts and the user agrees to stop the Lab
        stopOther = true;
        assertTrue(startCompare(robot));
        // then: the Lab stops, and only then does Compare train
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> !app.lab().service().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> app.compare().curves().lossPointCount(0) >= 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.lab().statusText().startsWith("Done: stopped"), app.lab().statusText());
        assertEquals(List.of("free", app.compare()), owners);
        assertEquals(List.of(), overlaps);
        assertFalse(app.compare().service().waitingProperty().get());
    }

    @Test
    void closingWithBothTabsBusyLeavesNoExceptionAndNoThread(FxRobot robot) throws Exception {
        // given: the Lab trains and Compare waits for it
        List<LogRecord> problems = new CopyOnWriteArrayList<>();
        Handler watcher = new Handler() {
            @Override
            public void publish(LogRecord r) {
                // the preferences store may be locked by another FlowLab: that is no fault of closing
                if (r.getLevel().intValue() >= Level.WARNING.intValue()
                        && !"java.util.prefs".equals(r.getLoggerName())) {
                    problems.add(r);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(watcher);
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try {
            startLab(robot);
            stopOther = true;
            // a start that waits counts as busy; the question would be asked by the window
            robot.interact(() -> app.trainer().setConflictPolicy((running, wanted) -> true));
            // when: Compare starts (and waits for the Lab to stop) and, in the same moment, the
            // window closes (twice: by the window manager, then by the toolkit)
            boolean[] bothBusy = new boolean[1];
            robot.interact(() -> {
                app.compare().editor().apply(TINY_MIXTURE);
                app.compare().start();
                bothBusy[0] = app.page("lab").busyProperty().get()
                        && app.compare().busyProperty().get();
                app.shutdown();
                app.stop();
            });
            assertTrue(bothBusy[0]);
            // then
            assertTrue(app.trainer().isClosed());
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.trainer().isTerminated());
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(List.of(), uncaught);
            assertEquals(
                    List.of(),
                    problems.stream()
                            .map(r -> r.getLevel() + " " + r.getMessage())
                            .toList());
        } finally {
            root.removeHandler(watcher);
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
