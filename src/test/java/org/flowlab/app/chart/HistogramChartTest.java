package org.flowlab.app.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.flowlab.testing.FxPlatform;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The drawn histogram puts each bin's height over that bin, read back from the rendered pixels. */
class HistogramChartTest {

    private static final Color INK = new Color(200, 0, 0);

    @BeforeAll
    static void startFx() throws Exception {
        FxPlatform.start();
    }

    /** The topmost pixel row of the series colour in the plot's column at data x (or -1). */
    private static int topOfLineAt(BufferedImage img, XYPlot plot, Rectangle2D area, double x) {
        int col = (int) Math.round(plot.getDomainAxis().valueToJava2D(x, area, RectangleEdge.BOTTOM));
        for (int row = (int) area.getMinY(); row < area.getMaxY(); row++) {
            Color c = new Color(img.getRGB(col, row));
            if (c.getRed() > 150 && c.getGreen() < 80 && c.getBlue() < 80) {
                return row;
            }
        }
        return -1;
    }

    @Test
    void eachBinIsDrawnOverItsOwnRange() throws Exception {
        // given: integer charges, one bin per integer on [-6.5, 6.5]; Q = 0 three times as often as Q = -1
        double[] values = {0, 0, 0, -1};
        HistogramChart[] chart = new HistogramChart[1];
        CountDownLatch made = new CountDownLatch(1);
        Platform.runLater(() -> {
            chart[0] = new HistogramChart("h", "Q", "Q");
            int s = chart[0].addSeries("model", INK, 3f);
            chart[0].setHistogram(s, values, null, -6.5, 6.5, 13);
            made.countDown();
        });
        assertTrue(made.await(30, TimeUnit.SECONDS));
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage img = chart[0].chart().createBufferedImage(800, 400, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart[0].chart().getXYPlot();
        // when: reading the line's height at the bin centres
        int atZero = topOfLineAt(img, plot, area, 0.0);
        int atMinusOne = topOfLineAt(img, plot, area, -1.0);
        int atPlusOne = topOfLineAt(img, plot, area, 1.0);
        // then: density 0.75 over [-0.5, 0.5], 0.25 over [-1.5, -0.5], 0 over [0.5, 1.5]
        double y075 = plot.getRangeAxis().valueToJava2D(0.75, area, RectangleEdge.LEFT);
        double y025 = plot.getRangeAxis().valueToJava2D(0.25, area, RectangleEdge.LEFT);
        double y0 = plot.getRangeAxis().valueToJava2D(0.0, area, RectangleEdge.LEFT);
        assertEquals(y075, atZero, 4, "the Q = 0 bin");
        assertEquals(y025, atMinusOne, 4, "the Q = -1 bin");
        assertEquals(y0, atPlusOne, 4, "the Q = +1 bin");
    }
}
