package org.flowlab.model.observe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Gamma-method tau_int of AR(1) chains, whose autocorrelation rho(t) = r^t and
 * tau_int = (1 + r) / (2 (1 - r)) are known, lies within its quoted error at the expected rate.
 */
class TauIntErrorTest {

    private static double[] ar1(double r, int n, SplittableRandom rng) {
        double[] a = new double[n];
        a[0] = rng.nextGaussian() / Math.sqrt(1 - r * r);
        for (int i = 1; i < n; i++) {
            a[i] = r * a[i - 1] + rng.nextGaussian();
        }
        return a;
    }

    @Test
    void tauIntOfAr1ChainsIsWithinItsError() {
        for (double r : new double[] {0.5, 0.8, 0.95}) {
            double exact = (1 + r) / (2 * (1 - r));
            int chains = 40;
            int within = 0;
            double sumPull = 0;
            SplittableRandom rng = new SplittableRandom(11);
            for (int c = 0; c < chains; c++) {
                Autocorrelation.Analysis a = Autocorrelation.analyse(ar1(r, 20_000, rng));
                double pull = (a.tauInt() - exact) / a.tauIntErr();
                sumPull += pull;
                if (Math.abs(pull) < 1) {
                    within++;
                }
                assertTrue(
                        Math.abs(pull) < 4, "r " + r + ": tau " + a.tauInt() + " ± " + a.tauIntErr() + " vs " + exact);
            }
            // about 68% within one error; the window truncation biases tau_int a little low
            assertTrue(within >= 0.5 * chains && within <= 0.9 * chains, "r " + r + ": " + within + " of " + chains);
            assertTrue(Math.abs(sumPull / chains) < 0.6, "r " + r + ": mean pull " + sumPull / chains);
        }
    }
}
