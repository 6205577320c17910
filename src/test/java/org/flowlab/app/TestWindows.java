package org.flowlab.app;

import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Starting the window for TestFX tests, with its own preferences, and revealing nodes in it. */
final class TestWindows {

    /** The preferences node of the tests (never the user's). */
    static final String PREFS = "org/flowlab/test";

    private TestWindows() {}

    /** Gives the window time to start on a loaded machine (the default is 30 s). */
    static void patientSetup() {
        org.testfx.api.FxToolkit.toolkitContext().setSetupTimeoutInMillis(180_000);
        org.testfx.api.FxToolkit.toolkitContext().setLaunchTimeoutInMillis(180_000);
    }

    /**
     * Starts FlowLab in a stage with the tests' preferences, and a trainer that never asks.
     *
     * @param stage the stage TestFX gives
     * @param stopOther what the trainer does when a tab starts while another trains
     * @return the application
     */
    static FlowLabApp start(Stage stage, boolean stopOther) {
        System.setProperty("flowlab.prefs", PREFS);
        new org.flowlab.app.prefs.AppPrefs(PREFS).clearWindow();
        FlowLabApp app = new FlowLabApp();
        app.start(stage);
        app.trainer().setConflictPolicy((running, wanted) -> stopOther);
        return app;
    }

    /**
     * Resizes the window and lets the layout and the charts settle.
     *
     * @param robot the robot
     * @param stage the window
     * @param width its width
     * @param height its height
     */
    static void resize(FxRobot robot, Stage stage, double width, double height) {
        robot.interact(() -> {
            stage.setMaximized(false);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
        });
        settle(robot);
    }

    /** Lets layout, CSS and chart redraws (queued with runLater) finish. */
    static void settle(FxRobot robot) {
        for (int i = 0; i < 4; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.sleep(60, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Scrolls every scroll pane around a node so that the node's top left corner shows.
     *
     * @param robot the robot
     * @param node the node
     */
    static void reveal(FxRobot robot, Node node) {
        boolean[] inside = new boolean[1];
        robot.interact(() -> {
            Bounds b = node.localToScene(node.getLayoutBounds());
            Rectangle2D r = visibleRegion(node);
            inside[0] = b.getMinX() >= r.getMinX() - 1
                    && b.getMinY() >= r.getMinY() - 1
                    && b.getMaxX() <= r.getMaxX() + 1
                    && b.getMaxY() <= r.getMaxY() + 1;
        });
        if (inside[0]) {
            return;
        }
        robot.interact(() -> {
            for (Parent p = node.getParent(); p != null; p = p.getParent()) {
                if (p instanceof ScrollPane sp && sp.getContent() != null) {
                    Bounds inContent = sp.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                    double extra = sp.getContent().getLayoutBounds().getHeight()
                            - sp.getViewportBounds().getHeight();
                    if (extra > 0) {
                        sp.setVvalue(Math.max(0, Math.min(1, (inContent.getMinY() - 4) / extra)));
                    }
                    double extraX = sp.getContent().getLayoutBounds().getWidth()
                            - sp.getViewportBounds().getWidth();
                    if (extraX > 0) {
                        sp.setHvalue(Math.max(0, Math.min(1, (inContent.getMinX() - 4) / extraX)));
                    }
                }
            }
        });
        settle(robot);
    }

    /**
     * Whether a node and all its parents are visible.
     *
     * @param node the node
     * @return true when shown
     */
    static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    /**
     * The part of the window a node may occupy: the scene, cut to every scroll pane viewport
     * around it.
     *
     * @param node the node
     * @return the visible region in scene coordinates
     */
    static Rectangle2D visibleRegion(Node node) {
        double minX = 0;
        double minY = 0;
        double maxX = node.getScene().getWidth();
        double maxY = node.getScene().getHeight();
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp) {
                Bounds vp = sp.localToScene(sp.getViewportBounds());
                Bounds own = sp.localToScene(sp.getLayoutBounds());
                // the viewport bounds are relative to the scroll pane's own top left corner
                double x = own.getMinX() + sp.getPadding().getLeft();
                double y = own.getMinY() + sp.getPadding().getTop();
                minX = Math.max(minX, x);
                minY = Math.max(minY, y);
                maxX = Math.min(maxX, x + vp.getWidth());
                maxY = Math.min(maxY, y + vp.getHeight());
            }
        }
        return new Rectangle2D(minX, minY, Math.max(0, maxX - minX), Math.max(0, maxY - minY));
    }
}
