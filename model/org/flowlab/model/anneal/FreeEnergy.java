package org.flowlab.model.anneal;

import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.FreeFieldExact;
import org.flowlab.model.observe.Jackknife;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;

/**
 * Free energies from importance weights. For samples x_i ~ q and unnormalised weights
 * w_i = e^{-S(x_i)} / q(x_i),
 *
 * <pre>
 * E_q[w] = int dx q(x) e^{-S(x)} / q(x) = Z,     so  log Z ~ log (1/N) sum_i w_i,
 * Var_q(w) / E_q[w]^2 = E_q[w^2] / E_q[w]^2 - 1 = 1/ESS - 1,
 * </pre>
 *
 * where ESS = E_q[w]^2 / E_q[w^2] is the population effective sample size. The relative error
 * of the estimate of Z, and so the error of log Z, is sqrt((1/ESS - 1)/N): it explodes as the
 * ESS falls, and a model that misses part of p gives a low estimate with a small error. The same
 * holds for the accumulated weights of a chain of flows or of annealed importance sampling
 * (Neal, arXiv:physics/9803008), where E[w_k] = Z_k / Z_0. The free energy is F = -log Z and
 * Delta F_k = F_k - F_{k-1} = -log(Z_k / Z_{k-1}).
 */
public final class FreeEnergy {

    private FreeEnergy() {}

    /**
     * log of the mean weight, with a binned jackknife error (in sample order, so correlated
     * samples are accounted for).
     *
     * @param logWeights log w_i
     * @return the estimate of log E[w]
     */
    public static Estimate logMeanWeight(double[] logWeights) {
        double max = max(logWeights);
        double[] w = scaled(logWeights, max);
        Jackknife.Result r = Jackknife.estimate(new double[][] {w}, m -> Math.log(m[0]) + max);
        return r.estimate();
    }

    /**
     * The free-energy difference -log(E[w_k] / E[w_{k-1}]) of two sets of weights carried by
     * the same samples (a stage and the one before it), with a binned jackknife error.
     *
     * @param logWeights log w_k
     * @param previous log w_{k-1} of the same samples
     * @return the estimate of Delta F_k
     */
    public static Estimate deltaF(double[] logWeights, double[] previous) {
        double max = max(logWeights);
        double maxPrevious = max(previous);
        double[] w = scaled(logWeights, max);
        double[] v = scaled(previous, maxPrevious);
        Jackknife.Result r =
                Jackknife.estimate(new double[][] {w, v}, m -> -(Math.log(m[0]) + max - Math.log(m[1]) - maxPrevious));
        return r.estimate();
    }

    /**
     * The relative error of an estimate of Z from N independent weights with population ESS,
     * sqrt((1/ESS - 1)/N); it is also the error of log Z.
     *
     * @param ess the effective sample size fraction in (0, 1]
     * @param n the number of samples
     * @return the relative error
     */
    public static double relativeError(double ess, int n) {
        if (!(ess > 0 && ess <= 1) || n < 1) {
            throw new IllegalArgumentException("need 0 < ESS <= 1 and N >= 1, got " + ess + " and " + n);
        }
        return Math.sqrt((1 / ess - 1) / n);
    }

    /**
     * The exact log Z = log int dx e^{-S(x)} of a target where it is known: the free field
     * (phi^4 at lambda = 0), U(1) on the torus (the Haar-measure value plus 2V log 2 pi for the
     * plain link angles), and the normalised mixtures (0).
     *
     * @param theory the theory kind
     * @param settings its checked settings
     * @return log Z, or NaN where no exact value is known
     */
    public static double exactLogZ(TheoryKind theory, Settings settings) {
        switch (theory.id()) {
            case "phi4":
                return settings.real("lambda") == 0
                        ? new FreeFieldExact(settings.integer("L"), settings.real("m2")).logPartition()
                        : Double.NaN;
            case "u1": {
                int size = settings.integer("L");
                U1GaugeTheory theoryAt = new U1GaugeTheory(size, settings.real("beta"));
                return U1Exact.onLattice(size, settings.real("beta")).logPartition()
                        + theoryAt.degreesOfFreedom() * Math.log(2 * Math.PI);
            }
            case "mixture2d":
            case "vonmises":
                return 0;
            default:
                return Double.NaN;
        }
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            m = Math.max(m, v);
        }
        return m;
    }

    private static double[] scaled(double[] logWeights, double max) {
        double[] w = new double[logWeights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(logWeights[i] - max);
        }
        return w;
    }
}
