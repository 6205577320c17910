package org.flowlab.model.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.FreeFieldExact;
import org.flowlab.model.observe.Phi4Observables;
import org.junit.jupiter.api.Test;

/**
 * HMC trajectory resonances on the free field: with a fixed trajectory length 1 on even L near
 * m^2 = 2 the mode p = (pi, pi) turns by about pi per trajectory, its slow decorrelation escapes
 * the automatic window, and the quoted error of &lt;phi^2&gt; is about half the true one. The
 * default randomised length must give honest errors there; the fixed length must not (so that
 * this test would have caught the bug).
 */
class HmcResonanceTest {

    private static final int SEEDS = 16;
    private static final int TRAJECTORIES = 4000;

    /** Pull statistics of &lt;phi^2&gt; over independent chains. */
    private record Pulls(double rmsPull, double scatterOverQuoted) {}

    private static Pulls pulls(double m2, double stepSize, int nLeapfrog, boolean randomLength) {
        Phi4Theory theory = new Phi4Theory(8, m2, 0);
        double exact = new FreeFieldExact(8, m2).phiSquared();
        double sumPull2 = 0;
        double sumErr = 0;
        double[] means = new double[SEEDS];
        for (int s = 0; s < SEEDS; s++) {
            SplittableRandom rng = new SplittableRandom(100 + s);
            double[] start = new double[theory.volume()];
            for (int i = 0; i < start.length; i++) {
                start[i] = rng.nextGaussian() / Math.sqrt(4 + m2);
            }
            Hmc hmc = new Hmc(theory, stepSize, nLeapfrog, randomLength, rng);
            ChainResult r =
                    MarkovChain.run(hmc::update, start, 200, TRAJECTORIES, Phi4Observables.of(theory), null, null);
            Estimate e = r.analyseJointly().estimates().get(Phi4Observables.PHI2);
            sumPull2 += Math.pow((e.mean() - exact) / e.err(), 2);
            sumErr += e.err();
            means[s] = e.mean();
        }
        double mean = java.util.Arrays.stream(means).average().orElseThrow();
        double var = 0;
        for (double m : means) {
            var += (m - mean) * (m - mean);
        }
        double scatter = Math.sqrt(var / (SEEDS - 1));
        return new Pulls(Math.sqrt(sumPull2 / SEEDS), scatter / (sumErr / SEEDS));
    }

    @Test
    void randomisedLengthsGiveHonestErrorsAtResonantPoints() {
        // given: dt 0.1 x 10 at m^2 = 2, and dt 0.2 x 5 at m^2 = 2.2 (both trajectory length 1)
        for (double[] point : new double[][] {{2.0, 0.1, 10}, {2.2, 0.2, 5}}) {
            // when
            Pulls p = pulls(point[0], point[1], (int) point[2], true);
            // then: run-to-run scatter matches the quoted error (16 chains: about ±18%)
            assertTrue(p.scatterOverQuoted() > 0.65 && p.scatterOverQuoted() < 1.45, "m2 " + point[0] + ": " + p);
            assertTrue(p.rmsPull() < 1.6, "m2 " + point[0] + ": " + p);
        }
    }

    @Test
    void aFixedLengthAtTheResonanceUnderstatesTheError() {
        // the audit's case: with --fixed-length the same check fails
        Pulls p = pulls(2.0, 0.1, 10, false);
        assertTrue(p.scatterOverQuoted() > 1.45, p.toString());
    }

    @Test
    void aNonResonantPointIsHonestEitherWay() {
        Pulls fixed = pulls(0.5, 0.1, 10, false);
        Pulls random = pulls(0.5, 0.1, 10, true);
        assertTrue(fixed.scatterOverQuoted() < 1.45 && random.scatterOverQuoted() < 1.45, fixed + " " + random);
    }

    @Test
    void trajectoryLengthsAreUniformAroundTheMean() {
        SplittableRandom rng = new SplittableRandom(7);
        int[] counts = new int[21];
        double sum = 0;
        int draws = 110_000;
        for (int i = 0; i < draws; i++) {
            int k = Hmc.drawSteps(10, rng);
            counts[k]++;
            sum += k;
        }
        assertEquals(10.0, sum / draws, 0.02);
        for (int k = 0; k < counts.length; k++) {
            if (k < 5 || k > 15) {
                assertEquals(0, counts[k], "steps " + k);
            } else {
                assertEquals(draws / 11.0, counts[k], 5 * Math.sqrt(draws / 11.0), "steps " + k);
            }
        }
        assertEquals(1, Hmc.drawSteps(1, rng));
        for (int i = 0; i < 100; i++) {
            int k = Hmc.drawSteps(2, rng);
            assertTrue(k >= 1 && k <= 3, "n = 2: " + k);
        }
    }
}
