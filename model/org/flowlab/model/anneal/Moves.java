package org.flowlab.model.anneal;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.mcmc.Hmc;

/**
 * Monte Carlo updates at one intermediate target of a chain, the stochastic part of a
 * stochastic normalizing flow (Wu, Köhler, Noé, arXiv:2002.06707; Caselle, Cellini, Nada,
 * Panero, arXiv:2201.08862): every sample runs its own short Markov chain that leaves the
 * target p_k invariant, HMC where the target has a gradient and random-walk Metropolis
 * otherwise. Because the updates leave p_k invariant, the sample's weight, taken before the
 * updates, stays correct: E[w f(x')] = E[w f(x)] for x' drawn from the kernel at x, so every
 * reweighted estimate after the updates is as unbiased as before.
 *
 * <p>The step size is tuned once per target on a pool that is not used for estimates (the
 * training samples), and then kept fixed for every sample: adapting it on the samples being
 * updated would break the invariance.
 */
final class Moves {

    /** Leapfrog steps per HMC trajectory. */
    static final int N_LEAPFROG = 10;

    /** Trajectories (or proposals) spent tuning the step size. */
    static final int TUNING = 200;

    private final Target target;
    private final double stepSize;

    private Moves(Target target, double stepSize) {
        this.target = target;
        this.stepSize = stepSize;
    }

    /**
     * Tunes the step size at a target on one configuration of a pool (HMC towards 80%
     * acceptance, Metropolis towards 40%).
     *
     * @param target the target p_k
     * @param pool samples near p_k (the training pool after the stage's flow)
     * @param rng random source
     * @return the tuned updates
     */
    static Moves tune(Target target, Ensemble pool, SplittableRandom rng) {
        double[] x = pool.config(rng.nextInt(pool.count));
        if (target instanceof HmcSystem system) {
            return new Moves(target, Hmc.thermalise(system, x, 0.1, N_LEAPFROG, TUNING, rng, null));
        }
        double step = 0.5;
        int accepted = 0;
        for (int i = 1; i <= TUNING; i++) {
            if (metropolis(target, x, step, rng)) {
                accepted++;
            }
            if (i % 50 == 0) {
                double rate = accepted / 50.0;
                step *= rate > 0.5 ? 1.3 : rate < 0.3 ? 0.7 : 1.0;
                accepted = 0;
            }
        }
        return new Moves(target, step);
    }

    /**
     * The tuned step size.
     *
     * @return the leapfrog step (HMC) or proposal width (Metropolis)
     */
    double stepSize() {
        return stepSize;
    }

    /**
     * Runs {@code updates} Monte Carlo updates on every sample, leaving the weights alone.
     *
     * @param ensemble the samples (changed in place)
     * @param updates updates per sample
     * @param rng random source
     * @param cancelled polled between samples
     * @return the acceptance rate
     */
    double apply(Ensemble ensemble, int updates, SplittableRandom rng, BooleanSupplier cancelled) {
        double[] x = new double[ensemble.size];
        long accepted = 0;
        Hmc hmc = target instanceof HmcSystem system ? new Hmc(system, stepSize, N_LEAPFROG, rng) : null;
        for (int i = 0; i < ensemble.count; i++) {
            if ((i & 63) == 0 && cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("the chain was stopped");
            }
            ensemble.read(i, x);
            for (int u = 0; u < updates; u++) {
                boolean ok = hmc != null ? hmc.update(x) : metropolis(target, x, stepSize, rng);
                if (ok) {
                    accepted++;
                }
            }
            ensemble.write(i, x);
        }
        return (double) accepted / ((long) updates * ensemble.count);
    }

    /**
     * One random-walk Metropolis sweep: each variable in turn gets a Gaussian proposal of width
     * {@code step}, accepted with probability min(1, e^{-delta S}).
     *
     * @return whether at least one proposal was accepted
     */
    private static boolean metropolis(Target target, double[] x, double step, SplittableRandom rng) {
        boolean any = false;
        double s = target.action(x);
        for (int j = 0; j < x.length; j++) {
            double old = x[j];
            x[j] = old + step * rng.nextGaussian();
            double trial = target.action(x);
            if (trial <= s || rng.nextDouble() < Math.exp(s - trial)) {
                s = trial;
                any = true;
            } else {
                x[j] = old;
            }
        }
        return any;
    }
}
