package org.flowlab.app.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log-weight histogram's range follows the weights instead of a fixed [−15, 0]. */
class LogWeightRangeTest {

    @Test
    void aGoodModelsNarrowPeakGetsANarrowRange() {
        double[] narrow = {0, -0.05, -0.1, -0.2, -0.31};
        assertEquals(-0.5, CurvesPanel.logWeightRange(List.of(narrow)), 0);
    }

    @Test
    void theRangeCoversEveryLaneAndIsRoundedOut() {
        double[] a = {0, -1, -2.2};
        double[] b = {0, -7.6};
        assertEquals(-8, CurvesPanel.logWeightRange(Arrays.asList(a, null, b)), 0);
        double[] wide = new double[200];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = -0.2 * i;
        }
        // 200 values 0 ... -39.8: the 1st percentile is the second lowest, -39.6; with 5% room, 41.6, in steps of 10
        assertEquals(-50, CurvesPanel.logWeightRange(List.of(wide)), 0);
    }

    @Test
    void aHopelessModelIsCutAtMinusSixty() {
        double[] hopeless = new double[100];
        Arrays.fill(hopeless, -500);
        hopeless[0] = 0;
        assertEquals(-60, CurvesPanel.logWeightRange(List.of(hopeless)), 0);
        assertEquals(-15, CurvesPanel.logWeightRange(List.of()), 0);
    }
}
