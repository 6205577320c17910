package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window routes flowlab:beyond links to the Beyond one flow tab. */
@ExtendWith(ApplicationExtension.class)
class BeyondTabTest {

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
    void aBeyondLinkSelectsTheTabAndFillsItsForm(FxRobot robot) {
        // when
        robot.interact(() ->
                app.runAction("flowlab:beyond?theory=u1&L=4&beta=0%3A1.5%3A4&flow=gauge&layers=2&start=false&seed=9"));
        // then
        TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
        assertEquals("beyondTab", tabs.getSelectionModel().getSelectedItem().getId());
        assertEquals(
                "u1", robot.lookup("#beyond-theory").queryAs(ComboBox.class).getValue());
        assertEquals(
                "0:1.5:4", robot.lookup("#beyond-beta").queryAs(TextField.class).getText());
        assertEquals(
                "layers=2",
                robot.lookup("#beyond-flowOptions").queryAs(TextField.class).getText());
        assertEquals("9", robot.lookup("#beyond-seed").queryAs(TextField.class).getText());
        assertTrue(!app.page("beyond").busyProperty().get());
    }
}
