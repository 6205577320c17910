package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Markov chains tab in the window, reached by a {@code flowlab:chains} link. */
@ExtendWith(ApplicationExtension.class)
class ChainsTabTest {

    private FlowLabApp app;

    @Start
    void start(Stage stage) {
        app = TestWindows.start(stage, false);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(app::stop);
    }

    @Test
    void aChainsLinkOpensTheTabAndRunsTheChain(FxRobot robot) throws Exception {
        // when
        robot.interact(() -> app.runAction("flowlab:chains?view=live&theory=u1&L=4&beta=2&n=500&therm=20&seed=1"));
        // then
        TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
        assertEquals("chainsTab", tabs.getSelectionModel().getSelectedItem().getId());
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> !app.page("chains").busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        String stats = robot.lookup("#chainsStats").queryAs(Label.class).getText();
        assertTrue(stats.contains("520 of 520 trajectories"), stats);
        assertEquals("chains", app.page("chains").id());
    }
}
