package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.flowlab.app.chart.ChartPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * At 1280 × 720 (a projector) and 1920 × 1080, in the Lab and in Compare, for each theory:
 * every chart's plot area and every button lies inside the window (scrolled to where needed, never
 * sideways) and has a minimum size.
 */
@ExtendWith(ApplicationExtension.class)
class WindowLayoutTest {

    /** The smallest readable plot, in pixels. */
    private static final double MIN_PLOT_WIDTH = 110;

    private static final double MIN_PLOT_HEIGHT = 80;
    private static final double MIN_BUTTON = 20;
    private static final double SLACK = 2;

    private FlowLabApp app;
    private Stage stage;

    @org.junit.jupiter.api.BeforeAll
    static void patience() {
        TestWindows.patientSetup();
    }

    @Start
    void start(Stage s) {
        stage = s;
        app = TestWindows.start(s, false);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(app::stop);
    }

    static Stream<Arguments> screens() {
        List<Arguments> out = new ArrayList<>();
        for (int[] size : new int[][] {{1280, 720}, {1920, 1080}}) {
            for (String tab : List.of("lab", "compare")) {
                out.add(Arguments.of(size[0], size[1], tab));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @MethodSource("screens")
    void everyPlotAndButtonIsInsideTheWindowAndLargeEnough(int width, int height, String tab, FxRobot robot)
            throws Exception {
        for (String theory : List.of("phi4", "u1", "mixture2d", "vonmises")) {
            check(width, height, tab, theory, robot);
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(c).get();
    }

    private void check(int width, int height, String tab, String theory, FxRobot robot) throws Exception {
        // given: the tab with the theory, in a window of the screen's size
        Page page = app.page(tab);
        int index = app.pages().indexOf(page);
        robot.interact(() -> {
            robot.lookup("#mainTabs").queryAs(TabPane.class).getSelectionModel().select(index);
            if (tab.equals("lab")) {
                app.lab().editor().apply(Map.of("theory", theory));
            } else {
                app.compare().editor().apply(Map.of("theory", theory));
            }
        });
        TestWindows.resize(robot, stage, width, height);
        Node root = page.view();
        // then: nothing needs sideways scrolling
        for (Node n : root.lookupAll(".centre-scroll")) {
            ScrollPane sp = (ScrollPane) n;
            double content = sp.getContent().getLayoutBounds().getWidth();
            assertTrue(
                    content <= sp.getViewportBounds().getWidth() + SLACK,
                    tab + "/" + theory + ": the pictures are " + content + " px wide in a "
                            + sp.getViewportBounds().getWidth() + " px view");
        }
        // and every chart shows a plot of a readable size inside the window
        List<ChartPane> charts = root.lookupAll(".chart-pane").stream()
                .map(ChartPane.class::cast)
                .filter(TestWindows::shown)
                .toList();
        assertFalse(charts.isEmpty());
        for (ChartPane chart : charts) {
            TestWindows.reveal(robot, chart);
            Rectangle2D plot = onFx(chart::plotAreaInScene);
            String what = width + "x" + height + " " + tab + "/" + theory + " " + chart.getId();
            assertTrue(plot != null, what + " was never drawn");
            assertTrue(
                    plot.getWidth() >= MIN_PLOT_WIDTH && plot.getHeight() >= MIN_PLOT_HEIGHT,
                    what + " plot is " + plot);
            Rectangle2D region = TestWindows.visibleRegion(chart);
            assertInside(what + " plot", plot.getMinX(), plot.getMinY(), plot.getMaxX(), plot.getMaxY(), region);
        }
        // and every button of the tab (and of the window's menu bar) is inside it and large enough
        List<Button> buttons = root.lookupAll(".button").stream()
                .filter(n -> n instanceof Button)
                .map(Button.class::cast)
                .filter(TestWindows::shown)
                .toList();
        assertFalse(buttons.isEmpty());
        for (Button b : buttons) {
            TestWindows.reveal(robot, b);
            Bounds bb = b.localToScene(b.getLayoutBounds());
            String what = width + "x" + height + " " + tab + "/" + theory + " button '" + b.getText() + "'";
            assertTrue(bb.getWidth() >= MIN_BUTTON && bb.getHeight() >= MIN_BUTTON, what + " is " + bb);
            assertTrue(b.getText() == null || b.getText().isEmpty() || !isTruncated(b), what + " is cut short");
            assertInside(what, bb.getMinX(), bb.getMinY(), bb.getMaxX(), bb.getMaxY(), TestWindows.visibleRegion(b));
        }
    }

    private static boolean isTruncated(Button b) {
        javafx.scene.text.Text text = (javafx.scene.text.Text) b.lookup(".text");
        return text != null && !text.getText().equals(b.getText());
    }

    private static void assertInside(
            String what, double minX, double minY, double maxX, double maxY, Rectangle2D region) {
        assertTrue(
                minX >= region.getMinX() - SLACK
                        && minY >= region.getMinY() - SLACK
                        && maxX <= region.getMaxX() + SLACK
                        && maxY <= region.getMaxY() + SLACK,
                what + " [" + minX + ", " + minY + ", " + maxX + ", " + maxY + "] is not inside " + region);
    }
}
