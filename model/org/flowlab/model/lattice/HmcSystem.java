package org.flowlab.model.lattice;

import java.util.random.RandomGenerator;

/**
 * A system that Hamiltonian Monte Carlo can evolve: real coordinates x with action S(x) and its
 * gradient, all on plain double arrays (one configuration at a time, fast in Java).
 */
public interface HmcSystem {

    /**
     * Number of real degrees of freedom.
     *
     * @return the length of a configuration array
     */
    int degreesOfFreedom();

    /**
     * The action S(x).
     *
     * @param x the configuration
     * @return S
     */
    double action(double[] x);

    /**
     * Writes the gradient dS/dx into {@code out}.
     *
     * @param x the configuration
     * @param out the gradient (same length as x)
     */
    void gradient(double[] x, double[] out);

    /**
     * Maps a configuration back to its canonical range after a position update, such as angles
     * to [0, 2 pi); the default does nothing.
     *
     * @param x the configuration, changed in place
     */
    default void canonicalise(double[] x) {}

    /**
     * A random start configuration (a "hot start"); the default draws every coordinate from a
     * standard normal distribution, compact systems draw from their uniform (Haar) measure.
     *
     * @param rng the random source
     * @return a configuration of {@link #degreesOfFreedom()} coordinates
     */
    default double[] randomStart(RandomGenerator rng) {
        double[] x = new double[degreesOfFreedom()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }
}
