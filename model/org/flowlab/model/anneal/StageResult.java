package org.flowlab.model.anneal;

import java.util.Map;
import org.flowlab.model.observe.Estimate;

/**
 * What one stage of a chain measured on its evaluation samples (which no flow was trained on).
 *
 * @param stage the index among the results, 0 for the first
 * @param key the annealed coupling
 * @param value its value at this stage's target
 * @param moved whether samples were moved to this target (false for the HMC samples of the first
 *     target, which carry weight 1)
 * @param ess ESS of the accumulated weights w_k
 * @param stageEss ESS of this stage's own weight increment w_k / w_{k-1}
 * @param logRatio log(Z_k / Z_base) from the mean accumulated weight, with its error
 * @param logZ log Z_k = log Z_base + logRatio where Z_base is known (NaN otherwise)
 * @param logZExact the exact log Z_k where known, else NaN
 * @param deltaF F_k - F_{k-1} = -log(Z_k / Z_{k-1}) from the same samples, with its error
 *     (NaN for the first stage from HMC samples)
 * @param deltaFExact the exact Delta F where both ends are known, else NaN
 * @param reweighted observables reweighted with the accumulated weights (unbiased for p_k)
 * @param raw plain averages over the samples (biased unless the ESS is 1)
 * @param exact exact expectation values where known
 * @param training the stage's training, or null where no flow was trained
 * @param moveAccept acceptance of the Monte Carlo updates after this stage (NaN for none)
 * @param seconds wall time of the stage
 * @param histogram the histogram observable's values and the samples' log weights
 */
public record StageResult(
        int stage,
        String key,
        double value,
        boolean moved,
        double ess,
        double stageEss,
        Estimate logRatio,
        Estimate logZ,
        double logZExact,
        Estimate deltaF,
        double deltaFExact,
        Map<String, Estimate> reweighted,
        Map<String, Estimate> raw,
        Map<String, Double> exact,
        Training training,
        double moveAccept,
        double seconds,
        Histogram histogram) {

    /**
     * A stage's training in numbers.
     *
     * @param steps steps done
     * @param finalLoss the loss of the last step
     * @param trainEss the ESS of the stage weight on the last training batch
     * @param parameters trainable parameters of the stage's flow
     */
    public record Training(int steps, double finalLoss, double trainEss, long parameters) {}

    /**
     * Values of the histogram observable (magnetisation, topological charge, x) on the
     * evaluation samples, and the samples' accumulated log weights.
     *
     * @param observable its name
     * @param values one value per sample
     * @param logWeights log w_k per sample
     */
    public record Histogram(String observable, double[] values, double[] logWeights) {}
}
