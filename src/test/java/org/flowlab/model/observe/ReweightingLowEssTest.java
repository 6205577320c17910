package org.flowlab.model.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Reweighted errors at low ESS, on targets with known answers. */
class ReweightingLowEssTest {

    @Test
    void aDominantWeightGivesALargeErrorNotAZeroOne() {
        // given: 1000 samples with O = 0 and one with O = 1 whose weight is e^12 times the others'
        int n = 1001;
        double[] values = new double[n];
        double[] logW = new double[n];
        values[n - 1] = 1;
        logW[n - 1] = 12;
        // when
        Estimate e = Reweighting.estimate(values, logW);
        // then: the estimate sits near 1 (that weight dominates) and the error says that it rests on one sample
        double share = Math.exp(12) / (Math.exp(12) + n - 1);
        assertEquals(share, e.mean(), 1e-9);
        double delta = Math.sqrt((n - 1) * Math.pow(1.0 / (Math.exp(12) + n - 1) * (0 - e.mean()), 2)
                + Math.pow(share * (1 - e.mean()), 2));
        assertTrue(delta < 0.01, "the delta method claims " + delta);
        assertTrue(e.err() > 0.3, "jackknife error " + e.err());
        assertTrue(Reweighting.effectiveSamples(logW) < 2);
        assertFalse(Reweighting.enoughEffectiveSamples(Reweighting.effectiveSamples(logW)));
    }

    /** rms pull of the reweighted mean of x_1^2 (exact 1) over runs, N(0, 1) in d dimensions from N(0, s^2). */
    private static double[] rmsPullAndEffectiveSamples(double s, int d, int n, int runs) {
        double sumPull2 = 0;
        double sumEffective = 0;
        for (int r = 0; r < runs; r++) {
            SplittableRandom rng = new SplittableRandom(500 + r);
            double[] logW = new double[n];
            double[] o = new double[n];
            for (int i = 0; i < n; i++) {
                double lw = 0;
                for (int k = 0; k < d; k++) {
                    double x = s * rng.nextGaussian();
                    lw += -0.5 * x * x + 0.5 * x * x / (s * s);
                    if (k == 0) {
                        o[i] = x * x;
                    }
                }
                logW[i] = lw;
            }
            Estimate e = Reweighting.estimate(o, logW);
            sumPull2 += Math.pow((e.mean() - 1) / e.err(), 2);
            sumEffective += Reweighting.effectiveSamples(logW);
        }
        return new double[] {Math.sqrt(sumPull2 / runs), sumEffective / runs};
    }

    @Test
    void errorsHoldAboveTheStatedEffectiveSampleCount() {
        // a proposal 12% wider than the target in 64 dimensions: ESS about 0.25, N ESS about 1500
        double[] wide = rmsPullAndEffectiveSamples(1.12, 64, 6000, 60);
        assertTrue(wide[1] > Reweighting.MIN_EFFECTIVE_SAMPLES, "effective samples " + wide[1]);
        assertTrue(wide[0] > 0.7 && wide[0] < 1.35, "rms pull " + wide[0]);
    }
}
