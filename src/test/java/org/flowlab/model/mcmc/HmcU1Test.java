package org.flowlab.model.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flowlab.model.lattice.Angles;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.observe.U1Observables;
import org.junit.jupiter.api.Test;

class HmcU1Test {

    @Test
    void plaquetteAndTopologicalChargeMatchTheExactTorusValues() {
        // given: beta = 1 on 6 x 6 from a hot start, the CLI defaults dt = 0.1, 10 steps
        U1GaugeTheory theory = new U1GaugeTheory(6, 1.0);
        U1Exact exact = U1Exact.onLattice(6, 1.0);
        Hmc hmc = new Hmc(theory, 0.1, 10, new SplittableRandom(1));
        double[] start = theory.haarRandom(new SplittableRandom(2));
        // when
        ChainResult r = MarkovChain.run(hmc::update, start, 500, 20000, U1Observables.of(theory), null, null);
        Estimate plaquette = Autocorrelation.estimate(r.series(U1Observables.PLAQUETTE));
        Estimate q2 = Autocorrelation.estimate(r.series(U1Observables.TOP_CHARGE_SQUARED));
        Estimate loop = Autocorrelation.estimate(r.series(U1Observables.WILSON_1X2));
        // then
        assertTrue(r.acceptRate() > 0.9, "acceptance " + r.acceptRate());
        assertTrue(plaquette.pull(exact.plaquette()) < 3, plaquette + " vs " + exact.plaquette());
        assertTrue(q2.pull(exact.topChargeSquared()) < 3, q2 + " vs " + exact.topChargeSquared());
        assertTrue(loop.pull(exact.wilsonLoop(2)) < 3, loop + " vs " + exact.wilsonLoop(2));
        // and the errors are small enough for the comparison to mean something
        assertTrue(plaquette.err() < 0.005 * exact.plaquette(), plaquette.toString());
        assertTrue(q2.err() < 0.05 * exact.topChargeSquared(), q2.toString());
    }

    @Test
    void topologicalChargeIsAnIntegerOnThermalisedConfigurations() {
        // given
        U1GaugeTheory theory = new U1GaugeTheory(8, 2.0);
        Hmc hmc = new Hmc(theory, 0.1, 10, new SplittableRandom(3));
        double[] theta = theory.haarRandom(new SplittableRandom(4));
        for (int i = 0; i < 200; i++) {
            hmc.update(theta);
        }
        // when / then: the defining floating-point sum is an integer on every later configuration
        int nonZero = 0;
        for (int i = 0; i < 500; i++) {
            hmc.update(theta);
            double sum = 0;
            for (double p : theory.plaquetteAngles(theta)) {
                sum += Angles.principal(p);
            }
            assertEquals(theory.topCharge(theta), sum / (2 * Math.PI), 1e-10);
            nonZero += theory.topCharge(theta) != 0 ? 1 : 0;
            for (double link : theta) {
                assertTrue(link >= 0 && link < 2 * Math.PI);
            }
        }
        assertTrue(nonZero > 100, "configurations with Q != 0: " + nonZero);
    }

    @Test
    void leapfrogIsReversible() {
        // given
        U1GaugeTheory theory = new U1GaugeTheory(6, 3.0);
        SplittableRandom r = new SplittableRandom(4);
        double[] x = theory.haarRandom(r);
        double[] p = new double[x.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextGaussian();
        }
        double[] x0 = x.clone();
        double[] p0 = p.clone();
        double[] scratch = new double[x.length];
        // when: forward, flip the momenta, forward again
        Hmc.leapfrog(theory, x, p, 0.05, 40, scratch);
        for (int i = 0; i < p.length; i++) {
            p[i] = -p[i];
        }
        Hmc.leapfrog(theory, x, p, 0.05, 40, scratch);
        // then
        for (int i = 0; i < x.length; i++) {
            assertEquals(x0[i], x[i], 1e-10);
            assertEquals(-p0[i], p[i], 1e-10);
        }
    }

    @Test
    void energyViolationScalesAsStepSizeSquared() {
        // at fixed trajectory length 1, <|dH|> ~ dt^2: halving dt divides it by about 4
        U1GaugeTheory theory = new U1GaugeTheory(6, 2.0);
        double[] dts = {0.1, 0.05};
        double[] mean = new double[2];
        for (int k = 0; k < 2; k++) {
            SplittableRandom r = new SplittableRandom(9);
            double sum = 0;
            int n = 300;
            for (int trial = 0; trial < n; trial++) {
                double[] x = theory.haarRandom(r);
                double[] p = new double[x.length];
                for (int i = 0; i < p.length; i++) {
                    p[i] = r.nextGaussian();
                }
                double h0 = Hmc.kinetic(p) + theory.action(x);
                Hmc.leapfrog(theory, x, p, dts[k], (int) Math.round(1 / dts[k]), new double[x.length]);
                sum += Math.abs(Hmc.kinetic(p) + theory.action(x) - h0);
            }
            mean[k] = sum / n;
        }
        double ratio = mean[0] / mean[1];
        assertTrue(ratio > 3.4 && ratio < 4.6, "dH ratio for dt 0.1 / 0.05 = " + ratio);
    }

    @Test
    void exponentOfMinusDeltaHAveragesToOne() {
        // Creutz's equality <e^{-dH}> = 1 holds for any area-preserving reversible integrator
        U1GaugeTheory theory = new U1GaugeTheory(6, 2.0);
        Hmc hmc = new Hmc(theory, 0.2, 5, new SplittableRandom(5));
        double[] theta = theory.haarRandom(new SplittableRandom(6));
        for (int i = 0; i < 200; i++) {
            hmc.update(theta);
        }
        int n = 5000;
        double[] expMinusDh = new double[n];
        for (int i = 0; i < n; i++) {
            hmc.update(theta);
            expMinusDh[i] = Math.exp(-hmc.lastDeltaH());
        }
        Estimate e = Autocorrelation.estimate(expMinusDh);
        assertTrue(e.pull(1.0) < 3, e.toString());
        assertTrue(e.err() < 0.02, e.toString());
    }
}
