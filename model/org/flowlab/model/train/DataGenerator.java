package org.flowlab.model.train;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.flowlab.model.lattice.ExactSampler;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.mcmc.Hmc;

/**
 * Draws training sets from a target: independent samples from an exact sampler when the
 * target has one, otherwise an HMC chain (step size tuned during thermalisation, then fixed)
 * keeping one configuration every {@code thin} trajectories.
 */
public final class DataGenerator {

    private DataGenerator() {}

    /**
     * Generates a training set.
     *
     * @param target the target (an {@link ExactSampler} or an {@link HmcSystem})
     * @param count number of configurations
     * @param thin trajectories between kept configurations (HMC only)
     * @param thermalisation HMC thermalisation trajectories
     * @param seed random seed
     * @param listener progress
     * @param cancelled polled between trajectories
     * @return the data
     * @throws IllegalArgumentException when the target can be sampled neither way
     * @throws IllegalStateException when cancelled, or when the HMC chain never moved
     */
    public static Dataset generate(
            Target target,
            int count,
            int thin,
            int thermalisation,
            long seed,
            PreparationListener listener,
            BooleanSupplier cancelled) {
        long[] shapeL = target.eventShape().getShape();
        int[] shape = new int[shapeL.length];
        int size = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) shapeL[i];
            size *= shape[i];
        }
        SplittableRandom rng = new SplittableRandom(seed);
        if (target instanceof ExactSampler sampler) {
            listener.progress("exact samples", 0, count);
            double[] values = sampler.sample(count, rng);
            listener.progress("exact samples", count, count);
            return new Dataset(shape, values);
        }
        if (!(target instanceof HmcSystem system)) {
            throw new IllegalArgumentException("no sampler for target " + target.name());
        }
        String task = "HMC training set";
        double[] x = new double[system.degreesOfFreedom()];
        long total = (long) thermalisation + (long) count * thin;
        listener.progress(task, 0, total);
        double stepSize = Hmc.thermalise(system, x, 0.1, 10, thermalisation, rng, cancelled);
        Hmc hmc = new Hmc(system, stepSize, 10, rng);
        double[] values = new double[Math.multiplyExact(count, size)];
        long done = thermalisation;
        for (int k = 0; k < count; k++) {
            for (int t = 0; t < thin; t++) {
                if (cancelled.getAsBoolean()) {
                    throw new IllegalStateException("training-set generation was cancelled");
                }
                hmc.update(x);
                done++;
            }
            System.arraycopy(x, 0, values, k * size, size);
            if ((k & 63) == 0) {
                listener.progress(task, done, total);
            }
        }
        listener.progress(task, total, total);
        if (hmc.acceptRate() == 0) {
            throw new IllegalStateException(
                    "the HMC chain for the training set never accepted a trajectory (a frozen chain"
                            + " at leapfrog step " + stepSize
                            + "): its configurations would all be the same; check the theory's parameters");
        }
        return new Dataset(shape, values);
    }
}
