package org.flowlab.model.scan;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.mcmc.ChainResult;
import org.flowlab.model.mcmc.Hmc;
import org.flowlab.model.mcmc.MarkovChain;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.ChainAnalysis;
import org.flowlab.model.observe.Phi4Observables;

/**
 * Critical slowing down of HMC on the free field (phi^4 at lambda = 0), whose critical point is
 * m^2 = 0: the correlation length is known exactly, xi = 1 / arccosh(1 + m^2 / 2) (the decay
 * of the zero-momentum correlator, cosh(1/xi) = 1 + m^2/2), so the growth of tau_int with xi
 * can be measured without fitting correlators.
 *
 * <p>At fixed trajectory length the slowest mode, the magnetisation M (frequency m in the
 * leapfrog), turns by an angle of order m per trajectory, so tau_int(M) grows like 1/m^2 ~ xi^2:
 * the dynamic exponent of HMC at fixed trajectory length is z = 2. The local action density
 * stays fast.
 */
public final class CriticalSlowingDown {

    /**
     * One point of the scan.
     *
     * @param m2 the bare mass squared
     * @param xi the exact correlation length
     * @param size L
     * @param n measured trajectories
     * @param acceptance HMC acceptance
     * @param tauIntM tau_int of the magnetisation
     * @param tauIntMErr its error
     * @param tauIntAction tau_int of the action density
     * @param tauIntActionErr its error
     * @param reliable whether the chain holds enough tau_int ({@link ChainAnalysis})
     */
    public record Point(
            double m2,
            double xi,
            int size,
            int n,
            double acceptance,
            double tauIntM,
            double tauIntMErr,
            double tauIntAction,
            double tauIntActionErr,
            boolean reliable) {}

    private CriticalSlowingDown() {}

    /**
     * The exact correlation length of the free field on the lattice.
     *
     * @param m2 m^2 (positive)
     * @return 1 / arccosh(1 + m^2 / 2)
     */
    public static double correlationLength(double m2) {
        if (!(m2 > 0)) {
            throw new IllegalArgumentException("the free field needs m^2 > 0, got " + m2);
        }
        double c = 1 + m2 / 2;
        return 1 / Math.log(c + Math.sqrt(c * c - 1));
    }

    /**
     * Runs HMC at one mass and measures the autocorrelation times.
     *
     * @param size L
     * @param m2 m^2 (positive)
     * @param n measured trajectories
     * @param thermalisation trajectories discarded first
     * @param stepSize leapfrog step size
     * @param nLeapfrog mean leapfrog steps (randomised lengths)
     * @param seed the seed
     * @param cancelled polled between trajectories (may be null)
     * @return the point
     */
    public static Point run(
            int size,
            double m2,
            int n,
            int thermalisation,
            double stepSize,
            int nLeapfrog,
            long seed,
            BooleanSupplier cancelled) {
        Phi4Theory theory = new Phi4Theory(size, m2, 0);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] start = new double[theory.volume()];
        for (int i = 0; i < start.length; i++) {
            start[i] = rng.nextGaussian() / Math.sqrt(4 + m2);
        }
        Hmc hmc = new Hmc(theory, stepSize, nLeapfrog, rng);
        ChainResult chain =
                MarkovChain.run(hmc::update, start, thermalisation, n, Phi4Observables.of(theory), null, cancelled);
        ChainAnalysis.Result joint = chain.analyseJointly();
        Autocorrelation.Analysis m = joint.analyses().get(Phi4Observables.M);
        Autocorrelation.Analysis s = joint.analyses().get(Phi4Observables.ACTION_DENSITY);
        return new Point(
                m2,
                correlationLength(m2),
                size,
                chain.series().get(0).length,
                chain.acceptRate(),
                m.tauInt(),
                m.tauIntErr(),
                s.tauInt(),
                s.tauIntErr(),
                joint.verdict().reliable());
    }

    /**
     * The least-squares slope of log y against log x (a dynamic exponent z from tau_int
     * against xi, or the power of dt in the energy violation).
     *
     * @param x positive abscissae
     * @param y positive ordinates
     * @return the slope (NaN for fewer than two usable points)
     */
    public static double logLogSlope(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                double lx = Math.log(x[i]);
                double ly = Math.log(y[i]);
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
                k++;
            }
        }
        double det = k * sxx - sx * sx;
        return k < 2 || det == 0 ? Double.NaN : (k * sxy - sx * sy) / det;
    }
}
