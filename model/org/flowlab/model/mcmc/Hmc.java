package org.flowlab.model.mcmc;

import java.util.random.RandomGenerator;
import org.flowlab.model.lattice.HmcSystem;

/**
 * Hybrid (Hamiltonian) Monte Carlo (Duane, Kennedy, Pendleton, Roweth 1987) for any
 * {@link HmcSystem}: Gaussian momenta pi, H = pi^2/2 + S(x), a leapfrog trajectory of
 * {@code nLeapfrog} steps of size {@code stepSize}, and a Metropolis test
 * accept with probability min(1, e^{-deltaH}).
 *
 * <p>The leapfrog is reversible and area-preserving, so the chain samples e^{-S} exactly;
 * the energy violation deltaH scales as stepSize^2 at fixed trajectory length.
 *
 * <p><b>Trajectory length.</b> By default the number of leapfrog steps is drawn afresh for every
 * trajectory, uniformly from {n - floor(n/2), ..., n + floor(n/2)} with n = {@code nLeapfrog}
 * (mean n, so the cost is unchanged). With a fixed length tau = n stepSize, a Fourier mode of
 * frequency omega whose leapfrog rotation omega tau is close to a multiple of pi comes back
 * almost as plus or minus itself after every trajectory; the chain then decorrelates that mode
 * very slowly, and the slow tail escapes the automatic summation window of the Gamma method, so
 * quoted errors are too small. On the free field (omega^2 = p-hat^2 + m^2) with even L the
 * mode p = (pi, pi) has omega^2 = 8 + m^2, and dt 0.1 x 10 at m^2 near 2 is such a resonance.
 * Drawing the length spreads the rotation angles over about [omega tau / 2, 3 omega tau / 2]
 * and removes it (P. B. Mackenzie, Phys. Lett. B 226 (1989) 369 randomises the step size for
 * the same reason). Each fixed-length trajectory is reversible and area-preserving and the
 * length is drawn independently of the state, so detailed balance holds for the mixture. The
 * fixed length is still available ({@link #Hmc(HmcSystem, double, int, boolean,
 * RandomGenerator)} with {@code randomLength = false}).
 */
public final class Hmc {

    private final HmcSystem system;
    private final double stepSize;
    private final int nLeapfrog;
    private final boolean randomLength;
    private final RandomGenerator rng;
    private final double[] momentum;
    private final double[] force;
    private final double[] trial;
    private long proposed;
    private long accepted;
    private double lastDeltaH = Double.NaN;
    private int lastSteps;

    /**
     * Creates the sampler with randomised trajectory lengths (the default; see the class
     * comment).
     *
     * @param system the system
     * @param stepSize leapfrog step size (positive)
     * @param nLeapfrog mean leapfrog steps per trajectory (at least 1)
     * @param rng random source for momenta, trajectory lengths and the accept test
     */
    public Hmc(HmcSystem system, double stepSize, int nLeapfrog, RandomGenerator rng) {
        this(system, stepSize, nLeapfrog, true, rng);
    }

    /**
     * Creates the sampler.
     *
     * @param system the system
     * @param stepSize leapfrog step size (positive)
     * @param nLeapfrog leapfrog steps per trajectory, the mean when randomised (at least 1)
     * @param randomLength whether to draw the number of steps per trajectory (true) or always
     *     take {@code nLeapfrog} (false)
     * @param rng random source for momenta, trajectory lengths and the accept test
     */
    public Hmc(HmcSystem system, double stepSize, int nLeapfrog, boolean randomLength, RandomGenerator rng) {
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("HMC step size must be positive, got " + stepSize);
        }
        if (nLeapfrog < 1) {
            throw new IllegalArgumentException("HMC needs at least 1 leapfrog step, got " + nLeapfrog);
        }
        this.system = system;
        this.stepSize = stepSize;
        this.nLeapfrog = nLeapfrog;
        this.randomLength = randomLength;
        this.rng = rng;
        int n = system.degreesOfFreedom();
        this.momentum = new double[n];
        this.force = new double[n];
        this.trial = new double[n];
    }

    /**
     * Runs one trajectory and the accept test, updating {@code x} in place when accepted.
     *
     * @param x the current configuration
     * @return whether the proposal was accepted
     */
    public boolean update(double[] x) {
        for (int i = 0; i < momentum.length; i++) {
            momentum[i] = rng.nextGaussian();
        }
        System.arraycopy(x, 0, trial, 0, x.length);
        double h0 = kinetic(momentum) + system.action(trial);
        lastSteps = randomLength ? drawSteps(nLeapfrog, rng) : nLeapfrog;
        leapfrog(system, trial, momentum, stepSize, lastSteps, force);
        double h1 = kinetic(momentum) + system.action(trial);
        double deltaH = h1 - h0;
        lastDeltaH = deltaH;
        proposed++;
        boolean accept = deltaH <= 0 || rng.nextDouble() < Math.exp(-deltaH);
        if (Double.isNaN(deltaH)) {
            accept = false;
        }
        if (accept) {
            system.canonicalise(trial);
            System.arraycopy(trial, 0, x, 0, x.length);
            accepted++;
        }
        return accept;
    }

    /**
     * Draws a trajectory's number of leapfrog steps, uniformly from n - floor(n/2) to
     * n + floor(n/2) (mean n).
     *
     * @param n the mean number of steps (at least 1)
     * @param rng the random source
     * @return the number of steps for one trajectory
     */
    public static int drawSteps(int n, RandomGenerator rng) {
        int half = n / 2;
        return half == 0 ? n : n - half + rng.nextInt(2 * half + 1);
    }

    /**
     * The leapfrog integrator shared by every HMC system: half kick, (drift, kick) n - 1 times,
     * drift, half kick.
     *
     * @param system the system
     * @param x positions, updated in place
     * @param p momenta, updated in place
     * @param stepSize step size
     * @param steps number of steps
     * @param scratch a work array of the same length (holds dS/dx)
     */
    public static void leapfrog(
            HmcSystem system, double[] x, double[] p, double stepSize, int steps, double[] scratch) {
        int n = x.length;
        system.gradient(x, scratch);
        for (int i = 0; i < n; i++) {
            p[i] -= 0.5 * stepSize * scratch[i];
        }
        for (int step = 0; step < steps; step++) {
            for (int i = 0; i < n; i++) {
                x[i] += stepSize * p[i];
            }
            system.gradient(x, scratch);
            double kick = step == steps - 1 ? 0.5 * stepSize : stepSize;
            for (int i = 0; i < n; i++) {
                p[i] -= kick * scratch[i];
            }
        }
    }

    /**
     * Thermalises a configuration while tuning the step size towards 80% acceptance: after
     * every block of 50 trajectories the step grows by 15% if acceptance exceeded 90% and
     * shrinks by 20% if it fell below 70%. Use the returned step size (fixed) afterwards, so
     * that the measured chain satisfies detailed balance.
     *
     * @param system the system
     * @param x the configuration, thermalised in place
     * @param stepSize initial step size
     * @param nLeapfrog leapfrog steps per trajectory
     * @param trajectories number of thermalisation trajectories
     * @param rng random source
     * @param cancelled polled between trajectories (may be null)
     * @return the tuned step size
     */
    public static double thermalise(
            HmcSystem system,
            double[] x,
            double stepSize,
            int nLeapfrog,
            int trajectories,
            RandomGenerator rng,
            java.util.function.BooleanSupplier cancelled) {
        final int block = 50;
        double dt = stepSize;
        Hmc hmc = new Hmc(system, dt, nLeapfrog, rng);
        for (int i = 1; i <= trajectories; i++) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                break;
            }
            hmc.update(x);
            if (i % block == 0) {
                double rate = hmc.acceptRate();
                if (rate > 0.9) {
                    dt *= 1.15;
                } else if (rate < 0.7) {
                    dt /= 1.25;
                }
                hmc = new Hmc(system, dt, nLeapfrog, rng);
            }
        }
        return dt;
    }

    /**
     * The kinetic energy pi^2 / 2.
     *
     * @param p momenta
     * @return the kinetic energy
     */
    public static double kinetic(double[] p) {
        double k = 0;
        for (double v : p) {
            k += v * v;
        }
        return 0.5 * k;
    }

    /**
     * Fraction of trajectories accepted so far.
     *
     * @return the acceptance rate (NaN before the first)
     */
    public double acceptRate() {
        return proposed == 0 ? Double.NaN : (double) accepted / proposed;
    }

    /**
     * The energy violation of the last trajectory.
     *
     * @return deltaH = H_end - H_start
     */
    public double lastDeltaH() {
        return lastDeltaH;
    }

    /**
     * Number of trajectories run so far.
     *
     * @return the count
     */
    public long trajectories() {
        return proposed;
    }

    /** Forgets the acceptance statistics (after thermalisation, say). */
    public void resetStatistics() {
        proposed = 0;
        accepted = 0;
    }

    /**
     * The step size.
     *
     * @return stepSize
     */
    public double stepSize() {
        return stepSize;
    }

    /**
     * Leapfrog steps per trajectory (their mean when the length is randomised).
     *
     * @return nLeapfrog
     */
    public int nLeapfrog() {
        return nLeapfrog;
    }

    /**
     * Whether the trajectory length is drawn per trajectory.
     *
     * @return true for randomised lengths
     */
    public boolean randomLength() {
        return randomLength;
    }

    /**
     * The number of leapfrog steps of the last trajectory.
     *
     * @return the steps (0 before the first trajectory)
     */
    public int lastSteps() {
        return lastSteps;
    }
}
