package org.flowlab.model.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.mcmc.Hmc;

/**
 * The energy violation of the leapfrog against its step size at fixed trajectory length: from
 * configurations of an equilibrium HMC chain, one trajectory of length tau = steps dt per step
 * size with fresh Gaussian momenta. The leapfrog is a second-order integrator, so the root mean
 * square of deltaH falls like dt^2 (slope 2 on log-log axes), while &lt;deltaH&gt; itself, which
 * is positive by Creutz's equality &lt;e^{-deltaH}&gt; = 1, falls like dt^4.
 */
public final class EnergyViolation {

    /**
     * deltaH at one step size.
     *
     * @param stepSize dt
     * @param steps leapfrog steps (trajectory length / dt)
     * @param rmsDeltaH sqrt(&lt;deltaH^2&gt;)
     * @param meanDeltaH &lt;deltaH&gt;
     * @param acceptance &lt;min(1, e^{-deltaH})&gt;
     */
    public record Point(double stepSize, int steps, double rmsDeltaH, double meanDeltaH, double acceptance) {}

    private EnergyViolation() {}

    /**
     * Measures deltaH against dt.
     *
     * @param system the system
     * @param start a start configuration (copied)
     * @param trajectoryLength tau
     * @param stepSizes the step sizes
     * @param samples trajectories per step size, each from a new configuration of the chain
     * @param thermalisation trajectories of the equilibrium chain before the first sample
     * @param seed the seed
     * @param cancelled polled between trajectories (may be null)
     * @return one point per step size, in order
     */
    public static List<Point> scan(
            HmcSystem system,
            double[] start,
            double trajectoryLength,
            double[] stepSizes,
            int samples,
            int thermalisation,
            long seed,
            BooleanSupplier cancelled) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = start.clone();
        Hmc chain = new Hmc(system, 0.1, 10, rng);
        for (int i = 0; i < thermalisation && !isCancelled(cancelled); i++) {
            chain.update(x);
        }
        int k = stepSizes.length;
        double[] sumSq = new double[k];
        double[] sum = new double[k];
        double[] accept = new double[k];
        double[] trial = new double[x.length];
        double[] p = new double[x.length];
        double[] scratch = new double[x.length];
        int done = 0;
        for (; done < samples && !isCancelled(cancelled); done++) {
            chain.update(x);
            for (int j = 0; j < k; j++) {
                int steps = Math.max(1, (int) Math.round(trajectoryLength / stepSizes[j]));
                System.arraycopy(x, 0, trial, 0, x.length);
                for (int i = 0; i < p.length; i++) {
                    p[i] = rng.nextGaussian();
                }
                double h0 = Hmc.kinetic(p) + system.action(trial);
                Hmc.leapfrog(system, trial, p, stepSizes[j], steps, scratch);
                double dh = Hmc.kinetic(p) + system.action(trial) - h0;
                sumSq[j] += dh * dh;
                sum[j] += dh;
                accept[j] += Math.min(1, Math.exp(-dh));
            }
        }
        List<Point> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            int steps = Math.max(1, (int) Math.round(trajectoryLength / stepSizes[j]));
            out.add(new Point(
                    stepSizes[j],
                    steps,
                    Math.sqrt(sumSq[j] / Math.max(1, done)),
                    sum[j] / Math.max(1, done),
                    accept[j] / Math.max(1, done)));
        }
        return out;
    }

    private static boolean isCancelled(BooleanSupplier cancelled) {
        return cancelled != null && cancelled.getAsBoolean();
    }
}
