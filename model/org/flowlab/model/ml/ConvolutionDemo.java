package org.flowlab.model.ml;

import java.util.SplittableRandom;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.mcmc.Hmc;

/**
 * The "why convolutions" experiment: one 3×3 filter applied to a φ⁴ configuration and to a
 * shifted copy of it. Translation equivariance says the second output is the first, shifted.
 *
 * @param size L
 * @param filter the filter
 * @param kernel its nine weights
 * @param dx shift along x
 * @param dt shift along t
 * @param phi the configuration
 * @param shifted T φ
 * @param output conv(φ)
 * @param shiftedOutput conv(T φ)
 */
public record ConvolutionDemo(
        int size,
        Convolution.Filter filter,
        double[] kernel,
        int dx,
        int dt,
        double[] phi,
        double[] shifted,
        double[] output,
        double[] shiftedOutput) {

    /** Smallest lattice. */
    public static final int MIN_SIZE = 4;
    /** Largest lattice. */
    public static final int MAX_SIZE = 64;
    /** HMC trajectories from a random start before the configuration is taken. */
    public static final int TRAJECTORIES = 200;

    /**
     * Draws a configuration of φ⁴ in the broken phase (m² = −0.5, λ = 1.5) with
     * {@value #TRAJECTORIES} HMC trajectories from a random start, and applies the filter to it
     * and to its shifted copy.
     *
     * @param size L
     * @param filter the filter
     * @param dx shift along x (any integer; taken mod L)
     * @param dt shift along t
     * @param seed seed of the configuration and of a random filter
     * @return the experiment
     */
    public static ConvolutionDemo create(int size, Convolution.Filter filter, int dx, int dt, long seed) {
        Ranges.checkInt("L", size, MIN_SIZE, MAX_SIZE);
        return of(phi4Configuration(size, seed), size, filter, dx, dt, seed);
    }

    /**
     * Applies the filter to a given configuration and its shifted copy.
     *
     * @param phi the configuration, length L²
     * @param size L
     * @param filter the filter
     * @param dx shift along x
     * @param dt shift along t
     * @param seed seed of a random filter
     * @return the experiment
     */
    public static ConvolutionDemo of(double[] phi, int size, Convolution.Filter filter, int dx, int dt, long seed) {
        double[] kernel = filter.weights(seed);
        double[] shifted = Convolution.shift(phi, size, dx, dt);
        return new ConvolutionDemo(
                size,
                filter,
                kernel,
                dx,
                dt,
                phi.clone(),
                shifted,
                Convolution.apply(phi, size, kernel, 0),
                Convolution.apply(shifted, size, kernel, 0));
    }

    /**
     * A φ⁴ configuration in the broken phase after {@value #TRAJECTORIES} HMC trajectories.
     *
     * @param size L
     * @param seed the seed
     * @return the field, row-major
     */
    public static double[] phi4Configuration(int size, long seed) {
        Phi4Theory theory = Phi4Theory.broken(size);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] phi = new double[theory.volume()];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = rng.nextGaussian();
        }
        Hmc hmc = new Hmc(theory, 0.1, 10, rng);
        for (int k = 0; k < TRAJECTORIES; k++) {
            hmc.update(phi);
        }
        return phi;
    }

    /**
     * max |conv(T φ) − T conv(φ)| over the lattice: zero (to rounding) for a convolution.
     *
     * @return the largest difference
     */
    public double equivarianceError() {
        double[] expected = Convolution.shift(output, size, dx, dt);
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - shiftedOutput[i]));
        }
        return max;
    }

    /**
     * Parameters of this filter as a layer (nine weights and a bias).
     *
     * @return 10
     */
    public long convParameters() {
        return Convolution.convParameterCount(3, 1, 1);
    }

    /**
     * Parameters of a dense layer from the L² sites to L² outputs.
     *
     * @return L⁴ + L²
     */
    public long denseParameters() {
        long v = (long) size * size;
        return Convolution.denseParameterCount(v, v);
    }
}
