package org.flowlab.app.view.canvas;

import javafx.scene.paint.Color;

/** Colour maps for field pictures. */
public final class ColorMaps {

    private static final Color NEGATIVE = Color.rgb(33, 102, 172);
    private static final Color ZERO = Color.rgb(247, 247, 247);
    private static final Color POSITIVE = Color.rgb(178, 24, 43);

    private ColorMaps() {}

    /**
     * A diverging blue-white-red map for signed fields such as phi: -range is blue, 0 white,
     * +range red; values beyond the range saturate.
     *
     * @param value the value
     * @param range the half-width of the colour scale (positive)
     * @return the colour
     */
    public static Color diverging(double value, double range) {
        double u = Math.max(-1, Math.min(1, value / range));
        if (Double.isNaN(u)) {
            return Color.GRAY;
        }
        return u < 0 ? ZERO.interpolate(NEGATIVE, -u) : ZERO.interpolate(POSITIVE, u);
    }
}
