package org.flowlab.model.observe;

/**
 * Effective sample size of importance weights w_i = p(x_i)/q(x_i), computed from log weights
 * in log space so that no weight overflows:
 *
 * <pre>
 * ESS = (sum_i w_i)^2 / (N sum_i w_i^2)  in [1/N, 1]
 * </pre>
 *
 * <p>It is 1 for a perfect model (all weights equal) and about 1/N for a useless one.
 */
public final class Ess {

    private Ess() {}

    /**
     * The ESS fraction of a batch of log weights; NaN if any is NaN or the batch is empty.
     *
     * @param logWeights log w_i (any additive constant)
     * @return ESS in [1/N, 1]
     */
    public static double fraction(double[] logWeights) {
        int n = logWeights.length;
        if (n == 0) {
            return Double.NaN;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double lw : logWeights) {
            if (Double.isNaN(lw) || lw == Double.POSITIVE_INFINITY) {
                return Double.NaN;
            }
            max = Math.max(max, lw);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        double sum = 0;
        double sumSq = 0;
        for (double lw : logWeights) {
            double w = Math.exp(lw - max);
            sum += w;
            sumSq += w * w;
        }
        return sum * sum / (n * sumSq);
    }

    /**
     * Normalised weights w_i / sum_j w_j from log weights.
     *
     * @param logWeights log w_i
     * @return weights summing to 1
     */
    public static double[] normalisedWeights(double[] logWeights) {
        double max = Double.NEGATIVE_INFINITY;
        for (double lw : logWeights) {
            max = Math.max(max, lw);
        }
        double[] w = new double[logWeights.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(logWeights[i] - max);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }
}
