package org.flowlab.app;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.flowlab.app.prefs.AppPrefs;

/**
 * Where the window opens: where it was last closed, when that still lies on a screen, else
 * centred at 90% of the primary screen's visual bounds (the screen less task bars and docks).
 * Its minimum size fits a 1280 × 720 projector.
 */
final class WindowPlacement {

    /** The share of the screen's visual bounds a new window takes. */
    static final double SHARE = 0.9;

    private static final double MIN_WIDTH = 960;
    private static final double MIN_HEIGHT = 600;

    private WindowPlacement() {}

    /**
     * Sizes and places the stage before it is shown.
     *
     * @param stage the window
     * @param prefs where the last bounds are kept
     */
    static Rectangle2D place(Stage stage, AppPrefs prefs) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        AppPrefs.WindowBounds last = prefs.windowBounds();
        Rectangle2D b = last != null && fits(last)
                ? new Rectangle2D(last.x(), last.y(), last.width(), last.height())
                : initialBounds(screen);
        apply(stage, b);
        if (last != null && fits(last)) {
            stage.setMaximized(last.maximized());
        }
        return b;
    }

    private static void apply(Stage stage, Rectangle2D b) {
        stage.setX(b.getMinX());
        stage.setY(b.getMinY());
        stage.setWidth(b.getWidth());
        stage.setHeight(b.getHeight());
    }

    /**
     * Once the window is shown: sets the size again (under some window managers, such as
     * Openbox, GTK's first configure event shrinks a new window to a default size), and then
     * the minimum size (set before showing, some window managers open the window at it).
     *
     * @param stage the shown window
     * @param bounds the bounds it was placed at
     */
    static void settle(Stage stage, Rectangle2D bounds) {
        Platform.runLater(() -> {
            if (!stage.isMaximized() && !stage.isFullScreen()) {
                apply(stage, bounds);
            }
            PauseTransition check = new PauseTransition(Duration.millis(400));
            check.setOnFinished(e -> {
                if (!stage.isMaximized()
                        && !stage.isFullScreen()
                        && (Math.abs(stage.getWidth() - bounds.getWidth()) > 20
                                || Math.abs(stage.getHeight() - bounds.getHeight()) > 20)
                        && stage.getWidth() < bounds.getWidth()) {
                    apply(stage, bounds);
                }
                Rectangle2D screen = Screen.getPrimary().getVisualBounds();
                stage.setMinWidth(Math.min(MIN_WIDTH, screen.getWidth()));
                stage.setMinHeight(Math.min(MIN_HEIGHT, screen.getHeight()));
            });
            check.play();
        });
    }

    /**
     * A new window's bounds on a screen: 90% of its visual bounds, centred.
     *
     * @param visual the screen's visual bounds
     * @return the window's bounds
     */
    static Rectangle2D initialBounds(Rectangle2D visual) {
        double w = Math.round(visual.getWidth() * SHARE);
        double h = Math.round(visual.getHeight() * SHARE);
        return new Rectangle2D(
                visual.getMinX() + Math.round((visual.getWidth() - w) / 2),
                visual.getMinY() + Math.round((visual.getHeight() - h) / 2),
                w,
                h);
    }

    private static boolean fits(AppPrefs.WindowBounds b) {
        if (!(b.width() >= 200 && b.height() >= 150)) {
            return false;
        }
        for (Screen s : Screen.getScreens()) {
            Rectangle2D v = s.getVisualBounds();
            // the title bar's middle must lie on a screen, and the window must not exceed it much
            double cx = b.x() + b.width() / 2;
            if (v.contains(cx, b.y() + 10) && b.width() <= v.getWidth() * 1.05 && b.height() <= v.getHeight() * 1.05) {
                return true;
            }
        }
        return false;
    }

    /**
     * Remembers the window's bounds (not those of full screen).
     *
     * @param stage the window
     * @param prefs where to keep them
     */
    static void remember(Stage stage, AppPrefs prefs) {
        if (stage.isFullScreen() || !Double.isFinite(stage.getWidth()) || stage.getWidth() <= 0) {
            return;
        }
        prefs.setWindowBounds(new AppPrefs.WindowBounds(
                stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized()));
    }
}
