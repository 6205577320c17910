package org.flowlab.model.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.mcmc.ChainResult;
import org.flowlab.model.mcmc.Hmc;
import org.flowlab.model.mcmc.MarkovChain;
import org.junit.jupiter.api.Test;

class ChainAnalysisTest {

    /** AR(1) with rho(t) = r^t and unit innovation variance. */
    private static double[] ar1(double r, int n, SplittableRandom rng) {
        double[] a = new double[n];
        a[0] = rng.nextGaussian() / Math.sqrt(1 - r * r);
        for (int i = 1; i < n; i++) {
            a[i] = r * a[i - 1] + rng.nextGaussian();
        }
        return a;
    }

    @Test
    void theSlowModesTailRestoresTheErrorOfAFastObservable() {
        // given: a fast observable (AR(1), r = 0.5) that carries 2% of its variance in the slow mode
        // of a second observable (AR(1), r = 0.998, tau_int 499.5): the automatic window of the
        // fast one cuts the slow tail off
        double rFast = 0.5;
        double rSlow = 0.998;
        double varFast = 1 / (1 - rFast * rFast);
        double varSlow = 1 / (1 - rSlow * rSlow);
        double weight = Math.sqrt(0.02 * varFast / varSlow);
        int n = 200_000;
        double tauFast = (1 + rFast) / (2 * (1 - rFast));
        double tauSlow = (1 + rSlow) / (2 * (1 - rSlow));
        // the exact error of the mean of fast + weight * slow
        double exactErr = Math.sqrt((2 * tauFast * varFast + weight * weight * 2 * tauSlow * varSlow) / n);
        double plainRatio = 0;
        double tailRatio = 0;
        int chains = 4;
        for (int c = 0; c < chains; c++) {
            SplittableRandom rng = new SplittableRandom(30 + c);
            double[] slow = ar1(rSlow, n, rng);
            double[] fast = ar1(rFast, n, rng);
            for (int i = 0; i < n; i++) {
                fast[i] += weight * slow[i];
            }
            // when
            ChainAnalysis.Result r = ChainAnalysis.analyse(List.of("fast", "slow"), List.of(fast, slow));
            plainRatio += r.analyses().get("fast").err() / exactErr / chains;
            tailRatio += r.estimates().get("fast").err() / exactErr / chains;
            assertTrue(r.verdict().reliable(), r.verdict().toString());
            assertEquals("slow", r.verdict().slowest());
        }
        // then: the plain window misses most of the slow contribution; with the tail the error is honest
        assertTrue(plainRatio < 0.7, "plain Gamma-method error / exact " + plainRatio);
        assertTrue(tailRatio > 0.85 && tailRatio < 1.5, "with the tail / exact " + tailRatio);
    }

    @Test
    void independentObservablesKeepTheirErrors() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] a = ar1(0.5, 50_000, rng);
        double[] b = ar1(0.9, 50_000, rng);
        ChainAnalysis.Result r = ChainAnalysis.analyse(List.of("a", "b"), List.of(a, b));
        double ratio = r.estimates().get("a").err() / r.analyses().get("a").err();
        assertTrue(ratio >= 1 && ratio < 1.3, "error inflated by " + ratio);
        assertTrue(r.verdict().reliable());
    }

    @Test
    void frozenChargeAtBetaSixMarksTheChainUnreliable() {
        // given: HMC for U(1) at beta = 6 on 8 x 8, 20 000 trajectories (the audit's case)
        U1GaugeTheory theory = new U1GaugeTheory(8, 6);
        SplittableRandom rng = new SplittableRandom(4);
        Hmc hmc = new Hmc(theory, 0.1, 10, rng);
        ChainResult chain =
                MarkovChain.run(hmc::update, theory.haarRandom(rng), 500, 20_000, U1Observables.of(theory), null, null);
        // when
        ChainAnalysis.Result r = chain.analyseJointly();
        // then: Q is the slowest and the run is far too short for it
        assertFalse(r.verdict().reliable());
        assertTrue(
                r.verdict().slowest().equals(U1Observables.TOP_CHARGE)
                        || r.verdict().slowest().equals(U1Observables.TOP_CHARGE_SQUARED),
                r.verdict().toString());
        assertTrue(r.verdict().warning().startsWith("warning: ")
                && !r.verdict().warning().contains("\n"));
        // and the plaquette's error takes the slow tail into account (its own window alone gives a
        // pull of 3.1 in this chain)
        double exact = U1Exact.onLattice(8, 6).plaquette();
        Estimate plain = r.analyses().get(U1Observables.PLAQUETTE).estimate();
        Estimate withTail = r.estimates().get(U1Observables.PLAQUETTE);
        assertTrue(withTail.err() > 1.5 * plain.err(), plain + " vs " + withTail);
        assertTrue(withTail.pull(exact) < 2.5, withTail + " vs " + exact);
    }

    @Test
    void aChargeThatJumpedOnceIsNotMistakenForAnUncorrelatedOne() {
        // a series constant but for one change at its end looks uncorrelated to the Gamma method
        double[] q = new double[5000];
        q[4999] = 1;
        double[] other = ar1(0.3, 5000, new SplittableRandom(2));
        ChainAnalysis.Result r = ChainAnalysis.analyse(List.of("Q", "x"), List.of(q, other));
        assertTrue(r.analyses().get("Q").tauInt() < 1);
        assertFalse(r.verdict().reliable());
        assertEquals("Q", r.verdict().slowest());
        assertEquals(1250, r.verdict().tauMax(), 1e-9);
        assertTrue(
                r.verdict().reason().contains("changed so rarely"), r.verdict().reason());
    }

    @Test
    void aSeriesThatNeverChangedIsFrozen() {
        double[] q = new double[300];
        double[] other = ar1(0.3, 300, new SplittableRandom(3));
        ChainAnalysis.Result r = ChainAnalysis.analyse(List.of("Q", "x"), List.of(q, other));
        assertFalse(r.verdict().reliable());
        assertTrue(r.verdict().reason().contains("did not change"), r.verdict().reason());
        assertTrue(Double.isNaN(r.estimates().get("Q").err()));
    }

    @Test
    void aShortChainIsUnreliable() {
        double[] a = ar1(0.95, 1000, new SplittableRandom(8));
        ChainAnalysis.Result r = ChainAnalysis.analyse(List.of("a"), List.of(a));
        assertFalse(r.verdict().reliable(), r.verdict().toString());
        assertTrue(r.verdict().lengthInTau() < ChainAnalysis.MIN_LENGTH_PER_TAU);
    }
}
