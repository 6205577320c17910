package org.flowlab.app.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.flowlab.app.FlowLabApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window loads the engine after its first frame and shows it; Help → About and Copy diagnostics. */
@ExtendWith(ApplicationExtension.class)
class HelpCornerTest {

    private FlowLabApp app;
    private final List<EngineLoader.State> states = new CopyOnWriteArrayList<>();
    private final List<String> texts = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        app = new FlowLabApp();
        app.start(stage);
        // the loader starts on the first frame, after start() returns
        engine().stateProperty().addListener((obs, was, now) -> {
            states.add(now);
            texts.add(app.help().status().text());
        });
    }

    private EngineLoader engine() {
        return app.help().engine();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> {
            if (app.help().about() != null) {
                app.help().about().stage().close();
            }
        });
        app.lab().dispose();
        app.compare().dispose();
    }

    @Test
    void theEngineLoadsAfterTheFirstFrameAndAboutShowsVersionsAndDevice(FxRobot robot) throws Exception {
        // when: the window is up
        WaitForAsyncUtils.waitFor(
                180, TimeUnit.SECONDS, () -> engine().stateProperty().get() == EngineLoader.State.READY);
        // then: it went through the loading state, and says it is ready
        assertEquals(List.of(EngineLoader.State.LOADING, EngineLoader.State.READY), states);
        assertEquals("Loading the PyTorch engine… Train waits for it", texts.get(0));
        assertTrue(
                app.help().status().text().startsWith("PyTorch engine ready: CPU ("),
                app.help().status().text());
        // when: Help → About
        robot.clickOn("Help").clickOn("About FlowLab…");
        WaitForAsyncUtils.waitForFxEvents();
        // then
        Label libtorch = robot.lookup("#about-libtorch").queryAs(Label.class);
        assertTrue(libtorch.getText().startsWith("2.7.1 from "), libtorch.getText());
        assertTrue(robot.lookup("#about-device").queryAs(Label.class).getText().contains("CPU"));
        assertTrue(robot.lookup("#about-threads").queryAs(Label.class).getText().contains("for tensor work"));
        assertTrue(robot.lookup("#about-javafx").queryAs(Label.class).getText().startsWith("21"));
        // when: Copy diagnostics
        robot.clickOn("#copyDiagnostics");
        WaitForAsyncUtils.waitForFxEvents();
        // then
        String copied = WaitForAsyncUtils.asyncFx(
                        () -> Clipboard.getSystemClipboard().getString())
                .get();
        assertTrue(copied.startsWith("FlowLab diagnostics"), copied);
        assertTrue(copied.contains("libtorch: 2.7.1 from ") && copied.contains("Log file: "), copied);
        assertTrue(robot.lookup("#copiedLabel").queryAs(Label.class).getText().startsWith("Copied: versions, device"));
    }
}
