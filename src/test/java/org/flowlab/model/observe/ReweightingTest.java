package org.flowlab.model.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Self-normalised importance sampling: the estimate, its delta-method error and the error's coverage. */
class ReweightingTest {

    @Test
    void equalWeightsGiveThePlainMeanAndItsError() {
        double[] values = {1, 2, 3, 4, 10};
        Estimate e = Reweighting.estimate(values, new double[] {3, 3, 3, 3, 3});
        assertEquals(4, e.mean(), 1e-15);
        // equal weights, independent samples: the jackknife gives the standard error of the mean,
        // sqrt(sum (O - mean)^2 / (n (n - 1)))
        assertEquals(Math.sqrt((9 + 4 + 1 + 0 + 36) / (5.0 * 4)), e.err(), 1e-14);
        assertTrue(Double.isNaN(e.tauInt()));
    }

    @Test
    void anAdditiveConstantInTheLogWeightsChangesNothing() {
        double[] values = {0.5, -1, 2};
        double[] logW = {0.1, -2, 1.5};
        Estimate a = Reweighting.estimate(values, logW);
        Estimate b = Reweighting.estimate(values, new double[] {700.1, 698, 701.5});
        assertEquals(a.mean(), b.mean(), 1e-12);
        assertEquals(a.err(), b.err(), 1e-12);
    }

    /** x ~ q = N(0, 2²) reweighted to p = N(1, 1): log w = log p - log q up to a constant. */
    private static Estimate meanOfP(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] logW = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * rng.nextGaussian();
            logW[i] = -0.5 * (x[i] - 1) * (x[i] - 1) + 0.5 * x[i] * x[i] / 4;
        }
        return Reweighting.estimate(x, logW);
    }

    @Test
    void theErrorBarCoversTheTrueMeanAsOftenAsItClaims() {
        // given: 400 independent estimates of <x>_p = 1 from 2000 samples each
        int trials = 400;
        int covered = 0;
        double errors = 0;
        for (int t = 0; t < trials; t++) {
            Estimate e = meanOfP(2000, 100 + t);
            covered += Math.abs(e.mean() - 1) < e.err() ? 1 : 0;
            errors += e.err();
        }
        // then: one standard error covers 68.3%; binomial sigma of the fraction is 2.3%
        double fraction = covered / (double) trials;
        assertEquals(0.683, fraction, 0.07, "coverage of one error bar");
        // and the error is that of an ESS of about n (p, q overlap well): sqrt(Var_p / ESS) ~ 0.03
        double mean = errors / trials;
        assertTrue(mean > 0.02 && mean < 0.05, "mean error " + mean);
    }

    @Test
    void mismatchedInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Reweighting.estimate(new double[3], new double[2]));
        assertThrows(IllegalArgumentException.class, () -> Reweighting.estimate(new double[0], new double[0]));
    }
}
