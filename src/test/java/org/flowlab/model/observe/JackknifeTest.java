package org.flowlab.model.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JackknifeTest {

    /** AR(1) chain with unit innovations: variance 1/(1 - rho^2), tau_int (1 + rho)/(2 (1 - rho)). */
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
    void binningAveragesConsecutiveBlocks() {
        assertArrayEquals(new double[] {1.5, 3.5}, Jackknife.bin(new double[] {1, 2, 3, 4, 5}, 2), 0);
        assertEquals(1, Jackknife.binSize(0.5, 10));
        assertEquals(40, Jackknife.binSize(5, 100_000));
        // never fewer than MIN_BINS bins
        assertEquals(5, Jackknife.binSize(50, 100));
    }

    @Test
    void errorOfTheMeanOfAnAutocorrelatedChainMatchesTheTruth() {
        // given: rho = 0.9, tau_int = 9.5; the exact error of the mean is sqrt(2 tau var / N)
        double rho = 0.9;
        int n = 200_000;
        double[] a = ar1(rho, n, 21);
        double exactErr = Math.sqrt(2 * 9.5 / (1 - rho * rho) / n);
        // when
        Jackknife.Result r = Jackknife.estimate(new double[][] {a}, m -> m[0]);
        // then: within 15% (binning at 8 tau_int costs about 6%; statistics about 5%)
        assertEquals(exactErr, r.err(), 0.15 * exactErr);
        assertEquals(9.5, r.tauInt(), 1.5);
        assertTrue(r.binSize() >= 70, "bin size " + r.binSize());
        // and the naive error (bin size 1) is far too small
        Jackknife.Result naive = Jackknife.estimate(new double[][] {a}, m -> m[0], 1);
        assertTrue(naive.err() < 0.35 * exactErr);
    }

    @Test
    void reweightedMeanOfAShiftedGaussian() {
        // given: x ~ q = N(0, 1), target p = N(0.5, 1), log w = log p - log q = 0.5 x - 1/8
        SplittableRandom r = new SplittableRandom(4);
        int n = 50_000;
        double[] x = new double[n];
        double[] logW = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            logW[i] = 0.5 * x[i] + 1000; // any constant, even a large one, must drop out
        }
        // when
        Jackknife.Result mean = Jackknife.reweighted(x, logW);
        // then: E_p[x] = 0.5 and the error is about sqrt(Var_p(x) / (N ESS)) = sqrt(e^{1/4} / N)
        assertTrue(mean.estimate().pull(0.5) < 3, mean.toString());
        double expectedErr = Math.sqrt(Math.exp(0.25) / n);
        assertEquals(expectedErr, mean.err(), 0.15 * expectedErr);
        // independent data: tau_int = 1/2, so bins of ceil(8 * 0.5) = 4 or so
        assertTrue(mean.binSize() <= 6, "bin size " + mean.binSize());
    }

    @Test
    void jackknifeBiasOfANonlinearFunctionIsEstimated() {
        // <x>^2 of N(0, 1) data: E[xbar^2] = 1/N, so f(means) is biased by +1/N
        SplittableRandom r = new SplittableRandom(6);
        int n = 400;
        double biasSum = 0;
        int repeats = 200;
        for (int k = 0; k < repeats; k++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextGaussian();
            }
            biasSum +=
                    Jackknife.estimate(new double[][] {x}, m -> m[0] * m[0], 1).bias();
        }
        assertEquals(1.0 / n, biasSum / repeats, 0.15 / n);
    }

    @Test
    void linearQuantitiesAgreeWithTheGammaMethod() {
        // chi_t-like: V <Q^2> of an autocorrelated series, by Gamma method and by jackknife
        double[] a = ar1(0.8, 100_000, 33);
        double[] sq = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sq[i] = a[i] * a[i];
        }
        Estimate gamma = Autocorrelation.estimate(sq).scale(64);
        Jackknife.Result jack = Jackknife.estimate(new double[][] {sq}, m -> 64 * m[0]);
        // the jackknife drops the last incomplete bin, so the means differ by far less than err
        assertEquals(gamma.mean(), jack.mean(), 0.05 * gamma.err());
        assertEquals(gamma.err(), jack.err(), 0.15 * gamma.err());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Jackknife.bin(new double[3], 0));
        assertThrows(
                IllegalArgumentException.class, () -> Jackknife.estimate(new double[][] {new double[3]}, m -> m[0], 2));
        assertThrows(
                IllegalArgumentException.class,
                () -> Jackknife.estimate(new double[][] {new double[10], new double[9]}, m -> m[0], 1));
        assertThrows(IllegalArgumentException.class, () -> Jackknife.reweighted(new double[3], new double[4]));
    }
}
