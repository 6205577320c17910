package org.flowlab.model.lattice;

import java.util.random.RandomGenerator;

/**
 * A target that can be sampled exactly and independently (the toy densities), so that forward
 * KL can train on true data and estimates can be checked without Markov chains.
 */
public interface ExactSampler {

    /**
     * Draws independent samples.
     *
     * @param n the number of samples
     * @param rng the random source
     * @return n configurations one after another, each of the target's event size, row-major
     */
    double[] sample(int n, RandomGenerator rng);
}
