package org.flowlab.model.anneal;

import java.util.random.RandomGenerator;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.GaussianPrior;
import org.flowlab.model.flow.core.UniformCirclePrior;
import org.flowlab.model.lattice.Target;

/**
 * The normalised prior a chain may start from, sampled and evaluated in Java: independent
 * standard normals for real fields, independent uniform angles for compact ones. It is the same
 * density as the flows' own priors ({@link GaussianPrior}, {@link UniformCirclePrior}), so that
 * its "action" -log r(z) continues the chain's weights exactly and Z = 1.
 */
enum BasePrior {
    /** log r(z) = -(1/2) sum z_i^2 - (n/2) log(2 pi). */
    GAUSSIAN,
    /** log r(theta) = -n log(2 pi) on [0, 2 pi)^n. */
    UNIFORM;

    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    /**
     * The prior of a target's flows: uniform for periodic targets, Gaussian otherwise.
     *
     * @param target the target
     * @return the prior
     */
    static BasePrior of(Target target) {
        return target.periodic() ? UNIFORM : GAUSSIAN;
    }

    /**
     * Checks that a flow's own prior is this density.
     *
     * @param flow the flow
     * @throws IllegalArgumentException when it is another density
     */
    void check(FlowModel flow) {
        boolean fits =
                this == GAUSSIAN ? flow.prior() instanceof GaussianPrior : flow.prior() instanceof UniformCirclePrior;
        if (!fits) {
            throw new IllegalArgumentException(
                    "a chain from the prior needs a flow with a " + name().toLowerCase(java.util.Locale.ROOT)
                            + " prior, got " + flow.prior().getClass().getSimpleName());
        }
    }

    /**
     * Draws n configurations of {@code size} variables.
     *
     * @param n the count
     * @param size variables per configuration
     * @param rng the random source
     * @return the configurations one after another
     */
    double[] sample(int n, int size, RandomGenerator rng) {
        double[] out = new double[n * size];
        for (int i = 0; i < out.length; i++) {
            out[i] = this == GAUSSIAN ? rng.nextGaussian() : 2 * Math.PI * rng.nextDouble();
        }
        return out;
    }

    /**
     * The action -log r(z) of one configuration.
     *
     * @param z the configuration
     * @return -log r(z)
     */
    double action(double[] z) {
        if (this == UNIFORM) {
            return z.length * LOG_TWO_PI;
        }
        double s = 0;
        for (double v : z) {
            s += v * v;
        }
        return 0.5 * s + 0.5 * z.length * LOG_TWO_PI;
    }
}
