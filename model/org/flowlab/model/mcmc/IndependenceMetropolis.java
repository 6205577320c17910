package org.flowlab.model.mcmc;

import java.util.random.RandomGenerator;

/**
 * Flow-based independence Metropolis (Albergo, Kanwar, Shanahan arXiv:1904.12072): proposals
 * x' ~ q drawn independently of the current state are accepted with probability
 * min(1, w(x')/w(x)), w = p/q. The chain is exact for p whatever q is; its acceptance rate
 * measures how well q matches p.
 */
public final class IndependenceMetropolis {

    private IndependenceMetropolis() {}

    /**
     * Runs the chain over a batch of proposals in order and returns the chosen indices.
     *
     * @param logWeights log w of the proposals in proposal order
     * @param rng the accept test's random source
     * @return for each proposal, the index of the state the chain holds after it
     */
    public static int[] chain(double[] logWeights, RandomGenerator rng) {
        int[] states = new int[logWeights.length];
        int current = 0;
        for (int i = 0; i < logWeights.length; i++) {
            if (i > 0) {
                double logRatio = logWeights[i] - logWeights[current];
                if (logRatio >= 0 || rng.nextDouble() < Math.exp(logRatio)) {
                    current = i;
                }
            }
            states[i] = current;
        }
        return states;
    }

    /**
     * The acceptance rate of the chain over a batch of proposals (the first proposal starts the
     * chain and is not counted).
     *
     * @param logWeights log w of the proposals in order
     * @param rng the accept test's random source
     * @return accepted / (n - 1), or NaN for fewer than two proposals
     */
    public static double acceptRate(double[] logWeights, RandomGenerator rng) {
        if (logWeights.length < 2) {
            return Double.NaN;
        }
        int[] states = chain(logWeights, rng);
        int accepted = 0;
        for (int i = 1; i < states.length; i++) {
            if (states[i] == i) {
                accepted++;
            }
        }
        return (double) accepted / (states.length - 1);
    }
}
