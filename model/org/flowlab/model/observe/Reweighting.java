package org.flowlab.model.observe;

/**
 * Self-normalised importance sampling: with independent x_i ~ q and weights w_i = p(x_i)/q(x_i)
 * known up to a constant,
 *
 * <pre>
 * &lt;O&gt;_p ~ sum_i w_i O_i / sum_i w_i
 * </pre>
 *
 * with the delta-method error sqrt(sum_i wbar_i^2 (O_i - &lt;O&gt;)^2), wbar = w / sum w. The
 * error is honest only when the ESS is not tiny: a model that misses a mode of p gives a
 * biased estimate with a small error, which no estimator built from q alone can detect.
 */
public final class Reweighting {

    private Reweighting() {}

    /**
     * The reweighted estimate of an observable.
     *
     * @param values O_i
     * @param logWeights log w_i (any additive constant)
     * @return mean and error (tau_int NaN: the samples are independent)
     */
    public static Estimate estimate(double[] values, double[] logWeights) {
        if (values.length != logWeights.length || values.length == 0) {
            throw new IllegalArgumentException("need as many weights as values, and at least one");
        }
        double[] w = Ess.normalisedWeights(logWeights);
        double mean = 0;
        for (int i = 0; i < values.length; i++) {
            mean += w[i] * values[i];
        }
        double var = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean;
            var += w[i] * w[i] * d * d;
        }
        return new Estimate(mean, Math.sqrt(var), Double.NaN);
    }
}
