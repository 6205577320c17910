package org.flowlab.app.chart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.flowlab.testing.FxPlatform;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A curve added later is drawn over the ones added before it: a smoothed curve or the acceptance
 * stays visible over a dense, faint per-step curve (read back from the rendered pixels).
 */
class MetricChartOrderTest {

    private static final Color FAINT = new Color(0, 200, 0);
    private static final Color LATER = new Color(0, 0, 220);

    @BeforeAll
    static void startFx() throws Exception {
        FxPlatform.start();
    }

    @Test
    void laterSeriesAreDrawnOverEarlierOnes() throws Exception {
        // given: a per-step curve jumping between 0.05 and 0.95 at every step, which covers the
        // plot's middle, and a constant curve at 0.5 added after it
        MetricChart[] chart = new MetricChart[1];
        CountDownLatch made = new CountDownLatch(1);
        Platform.runLater(() -> {
            chart[0] = new MetricChart("m", "ESS and acceptance", "step", "fraction");
            chart[0].setFixedRange(0, 1.02);
            int raw = chart[0].addSeries("ESS per step", FAINT, 3f, false);
            int accept = chart[0].addSeries("acceptance", LATER, 2f);
            SplittableRandom rng = new SplittableRandom(3);
            chart[0].batch(() -> {
                for (int step = 1; step <= 2000; step++) {
                    chart[0].append(
                            raw, step, step % 2 == 0 ? 0.05 + 0.1 * rng.nextDouble() : 0.85 + 0.1 * rng.nextDouble());
                    chart[0].append(accept, step, 0.5);
                }
            });
            made.countDown();
        });
        assertTrue(made.await(30, TimeUnit.SECONDS));
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage img = chart[0].chart().createBufferedImage(800, 400, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart[0].chart().getXYPlot();
        int row = (int) Math.round(plot.getRangeAxis().valueToJava2D(0.5, area, RectangleEdge.LEFT));
        // when: reading the colour along the row of 0.5, between steps 100 and 1,900
        int from = (int) Math.round(plot.getDomainAxis().valueToJava2D(100, area, RectangleEdge.BOTTOM));
        int to = (int) Math.round(plot.getDomainAxis().valueToJava2D(1900, area, RectangleEdge.BOTTOM));
        int later = 0;
        int columns = 0;
        for (int col = from; col <= to; col++) {
            columns++;
            boolean found = false;
            for (int r = row - 1; r <= row + 1 && !found; r++) {
                Color c = new Color(img.getRGB(col, r));
                found = c.getBlue() > 150 && c.getGreen() < 100;
            }
            if (found) {
                later++;
            }
        }
        // then: the later curve shows in (nearly) every column, not hidden under the faint one
        assertTrue(later > 0.95 * columns, "the later curve shows in " + later + " of " + columns + " columns");
    }
}
