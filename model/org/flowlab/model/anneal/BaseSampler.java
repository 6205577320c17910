package org.flowlab.model.anneal;

import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.flowlab.model.lattice.ExactSampler;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.mcmc.Hmc;

/**
 * Samples of the first target of a chain: independent draws where the target has an exact
 * sampler (the mixtures, U(1) at beta = 0), otherwise one HMC chain whose step size is tuned
 * during thermalisation and then fixed, keeping one configuration every {@code thin}
 * trajectories. Successive HMC samples may still be correlated; the chain's estimates use
 * binned jackknife errors in sample order, which account for that.
 */
final class BaseSampler {

    /** HMC trajectories discarded (and used to tune the step size) before keeping samples. */
    static final int THERMALISATION = 500;

    /** HMC trajectories between kept samples. */
    static final int THIN = 5;

    private BaseSampler() {}

    /**
     * Draws samples of a target.
     *
     * @param target the target
     * @param n the number of samples
     * @param seed random seed
     * @param cancelled polled regularly
     * @return n configurations one after another
     * @throws IllegalArgumentException when the target has neither an exact sampler nor HMC
     */
    static double[] sample(Target target, int n, long seed, BooleanSupplier cancelled) {
        SplittableRandom rng = new SplittableRandom(seed);
        if (target instanceof ExactSampler exact) {
            return exact.sample(n, rng);
        }
        if (target instanceof U1GaugeTheory u1 && u1.beta() == 0) {
            int size = u1.degreesOfFreedom();
            double[] out = new double[n * size];
            for (int i = 0; i < n; i++) {
                System.arraycopy(u1.haarRandom(rng), 0, out, i * size, size);
            }
            return out;
        }
        if (!(target instanceof HmcSystem system)) {
            throw new IllegalArgumentException("no sampler for the first target " + target.name());
        }
        int size = system.degreesOfFreedom();
        double[] x = new double[size];
        double stepSize = Hmc.thermalise(system, x, 0.1, Moves.N_LEAPFROG, THERMALISATION, rng, cancelled);
        Hmc hmc = new Hmc(system, stepSize, Moves.N_LEAPFROG, rng);
        double[] out = new double[n * size];
        for (int i = 0; i < n; i++) {
            if ((i & 63) == 0 && cancelled.getAsBoolean()) {
                throw new CancellationException("the chain was stopped");
            }
            for (int t = 0; t < THIN; t++) {
                hmc.update(x);
            }
            System.arraycopy(x, 0, out, i * size, size);
        }
        return out;
    }
}
