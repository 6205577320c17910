package org.flowlab.model.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.FreeFieldExact;
import org.flowlab.model.observe.Observable;
import org.junit.jupiter.api.Test;

class HmcPhi4Test {

    @Test
    void freeFieldMatchesExactPropagator() {
        // given: the free theory at L = 8, m^2 = 1
        Phi4Theory theory = new Phi4Theory(8, 1.0, 0.0);
        FreeFieldExact exact = new FreeFieldExact(8, 1.0);
        Hmc hmc = new Hmc(theory, 0.1, 10, new SplittableRandom(1));
        List<Observable> obs = List.of(
                new Observable("phi2", Phi4Theory::phiSquared),
                new Observable("M2", x -> Math.pow(Phi4Theory.magnetisation(x), 2)));
        // when
        ChainResult r = MarkovChain.run(hmc::update, new double[64], 500, 20000, obs, null, null);
        Estimate phi2 = Autocorrelation.estimate(r.series("phi2"));
        Estimate chi2 = Autocorrelation.estimate(r.series("M2")).scale(64);
        // then
        assertTrue(r.acceptRate() > 0.8, "acceptance " + r.acceptRate());
        assertTrue(phi2.pull(exact.phiSquared()) < 3, phi2 + " vs " + exact.phiSquared());
        assertTrue(chi2.pull(exact.chi2()) < 3, chi2 + " vs " + exact.chi2());
        // and the errors are meaningful (not inflated to hide a bias)
        assertTrue(phi2.err() < 0.01 * exact.phiSquared());
        assertTrue(chi2.err() < 0.05 * exact.chi2());
    }

    @Test
    void leapfrogIsReversible() {
        Phi4Theory theory = new Phi4Theory(6, -0.5, 1.5);
        SplittableRandom r = new SplittableRandom(4);
        double[] x = new double[36];
        double[] p = new double[36];
        for (int i = 0; i < 36; i++) {
            x[i] = r.nextGaussian();
            p[i] = r.nextGaussian();
        }
        double[] x0 = x.clone();
        double[] p0 = p.clone();
        double[] scratch = new double[36];
        Hmc.leapfrog(theory, x, p, 0.05, 40, scratch);
        for (int i = 0; i < 36; i++) {
            p[i] = -p[i];
        }
        Hmc.leapfrog(theory, x, p, 0.05, 40, scratch);
        for (int i = 0; i < 36; i++) {
            assertEquals(x0[i], x[i], 1e-10);
            assertEquals(-p0[i], p[i], 1e-10);
        }
    }

    @Test
    void energyViolationScalesAsStepSizeSquared() {
        // at fixed trajectory length 1, <|dH|> ~ dt^2: halving dt divides it by about 4
        Phi4Theory theory = new Phi4Theory(6, -0.5, 1.5);
        double[] mean = new double[2];
        double[] dts = {0.1, 0.05};
        for (int k = 0; k < 2; k++) {
            SplittableRandom r = new SplittableRandom(9);
            double sum = 0;
            int n = 400;
            for (int trial = 0; trial < n; trial++) {
                double[] x = new double[36];
                double[] p = new double[36];
                for (int i = 0; i < 36; i++) {
                    x[i] = 0.8 * r.nextGaussian();
                    p[i] = r.nextGaussian();
                }
                double h0 = Hmc.kinetic(p) + theory.action(x);
                Hmc.leapfrog(theory, x, p, dts[k], (int) Math.round(1 / dts[k]), new double[36]);
                sum += Math.abs(Hmc.kinetic(p) + theory.action(x) - h0);
            }
            mean[k] = sum / n;
        }
        double ratio = mean[0] / mean[1];
        assertTrue(ratio > 3.4 && ratio < 4.6, "dH ratio for dt 0.1 / 0.05 = " + ratio);
    }
}
