package org.flowlab.model.train;

import java.util.Map;
import org.flowlab.model.observe.Estimate;

/**
 * A flow measured on fresh samples after some training ({@link Trainer#evaluate}): the numbers a
 * summary of a run reports, the same for the command line, the window and the benchmarks.
 *
 * @param steps training steps done when measured
 * @param loss the loss of the last training step (NaN before the first)
 * @param samples the number n of fresh samples
 * @param ess the effective sample size fraction (Σw)²/(n Σw²) of the n samples, in [0, 1]
 * @param acceptRate the acceptance of an independence-Metropolis chain over them
 * @param observables each observable reweighted to the target, ⟨wO⟩/⟨w⟩ with its delta-method
 *     error, keyed by observable name (empty when none were asked for)
 */
public record Evaluation(
        int steps, double loss, int samples, double ess, double acceptRate, Map<String, Estimate> observables) {}
