package org.flowlab.model.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AutocorrelationTest {

    /** AR(1) chain a_t = rho a_{t-1} + noise, whose tau_int is (1 + rho) / (2 (1 - rho)). */
    private static double[] ar1(double rho, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        a[0] = r.nextGaussian() / Math.sqrt(1 - rho * rho);
        for (int i = 1; i < n; i++) {
            a[i] = rho * a[i - 1] + r.nextGaussian();
        }
        return a;
    }

    @Test
    void tauIntOfAr1ChainWithinTenPercent() {
        for (double rho : new double[] {0.5, 0.9, 0.97}) {
            double exact = (1 + rho) / (2 * (1 - rho));
            Autocorrelation.Analysis a = Autocorrelation.analyse(ar1(rho, 1_000_000, 42));
            assertTrue(a.windowFound());
            assertEquals(exact, a.tauInt(), 0.1 * exact, "rho = " + rho);
        }
    }

    @Test
    void errorOfMeanCoversTheTruthAtTheRightRate() {
        // 200 independent AR(1) chains with mean 0: about 68% of 1-sigma intervals cover 0
        int covered = 0;
        int chains = 200;
        for (int c = 0; c < chains; c++) {
            Estimate e = Autocorrelation.estimate(ar1(0.9, 5000, 1000 + c));
            if (Math.abs(e.mean()) < e.err()) {
                covered++;
            }
        }
        double rate = covered / (double) chains;
        assertTrue(rate > 0.58 && rate < 0.78, "coverage " + rate);
    }

    @Test
    void independentDataHasTauOneHalf() {
        SplittableRandom r = new SplittableRandom(3);
        double[] a = new double[50_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        Autocorrelation.Analysis an = Autocorrelation.analyse(a);
        assertEquals(0.5, an.tauInt(), 0.05);
        assertEquals(1 / Math.sqrt(a.length), an.err(), 0.1 / Math.sqrt(a.length));
    }

    @Test
    void autocovarianceMatchesDirectSum() {
        double[] a = ar1(0.6, 1001, 5);
        double mean = java.util.Arrays.stream(a).average().orElseThrow();
        double[] gamma = Autocorrelation.autocovariance(a, mean);
        for (int t : new int[] {0, 1, 7, 500}) {
            double s = 0;
            for (int i = 0; i + t < a.length; i++) {
                s += (a[i] - mean) * (a[i + t] - mean);
            }
            assertEquals(s / (a.length - t), gamma[t], 1e-10);
        }
    }
}
