package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** A new window takes 90% of the screen's visual bounds, centred. */
class WindowPlacementTest {

    @Test
    void aNewWindowTakesNinetyPercentOfTheVisualBoundsCentred() {
        assertEquals(
                new Rectangle2D(64, 36, 1152, 648), WindowPlacement.initialBounds(new Rectangle2D(0, 0, 1280, 720)));
        // a task bar of 40 pixels at the top of a 1920 x 1080 screen
        assertEquals(
                new Rectangle2D(96, 92, 1728, 936), WindowPlacement.initialBounds(new Rectangle2D(0, 40, 1920, 1040)));
    }
}
