package org.flowlab.model.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Independence Metropolis over proposals from q is exact for p whatever q is, and its
 * acceptance is the one computed from the weights.
 */
class IndependenceMetropolisTest {

    /** Target p ∝ (1, 2, 3, 4) on four states, proposals uniform: w = p/q up to a constant. */
    private static final double[] P = {0.1, 0.2, 0.3, 0.4};

    private static int[] proposals(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextInt(P.length);
        }
        return x;
    }

    private static double[] logWeights(int[] x) {
        double[] logW = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            // log p - log q with q = 1/4, plus an arbitrary constant
            logW[i] = Math.log(P[x[i]]) + Math.log(P.length) + 7.5;
        }
        return logW;
    }

    @Test
    void theChainSamplesTheTargetNotTheProposal() {
        // given
        int n = 400_000;
        int[] x = proposals(n, 1);
        // when
        int[] states = IndependenceMetropolis.chain(logWeights(x), new SplittableRandom(2));
        // then: state frequencies match p (not q = 1/4: 0.1 and 0.4 differ from it by ~300
        // binomial sigmas); the chain is correlated, so allow 10 binomial sigmas
        int[] counts = new int[P.length];
        for (int s : states) {
            counts[x[s]]++;
        }
        for (int k = 0; k < P.length; k++) {
            double sigma = Math.sqrt(n * P[k] * (1 - P[k]));
            assertEquals(n * P[k], counts[k], 10 * sigma, "state " + k + ": " + counts[k] + " of " + n);
        }
    }

    @Test
    void acceptanceMatchesTheWeights() {
        // given: at stationarity the acceptance is sum_x p(x) sum_y q(y) min(1, w(y)/w(x))
        double expected = 0;
        for (double px : P) {
            for (double py : P) {
                expected += px * 0.25 * Math.min(1, py / px);
            }
        }
        // when
        double rate = IndependenceMetropolis.acceptRate(logWeights(proposals(200_000, 3)), new SplittableRandom(4));
        // then
        assertEquals(expected, rate, 0.005);
    }

    @Test
    void equalWeightsAcceptEveryProposalAndTheChainOnlyMovesForward() {
        double[] flat = new double[50];
        assertEquals(1.0, IndependenceMetropolis.acceptRate(flat, new SplittableRandom(5)), 0);
        int[] states = IndependenceMetropolis.chain(logWeights(proposals(1000, 6)), new SplittableRandom(7));
        assertEquals(0, states[0]);
        for (int i = 1; i < states.length; i++) {
            assertTrue(
                    states[i] == i || states[i] == states[i - 1],
                    "state " + i + " is the proposal or the previous state");
        }
        assertTrue(Double.isNaN(IndependenceMetropolis.acceptRate(new double[1], new SplittableRandom(8))));
    }
}
