package org.flowlab.model.train;

/**
 * Metrics of one training step, copied to plain numbers before the step's tensors are freed.
 *
 * @param step 1-based step number
 * @param loss the loss value
 * @param ess ESS fraction of the step's model samples (NaN when none were drawn)
 * @param acceptRate independence-Metropolis acceptance over a fresh batch, measured every
 *     {@link Trainer#ACCEPT_EVERY} steps (NaN at the other steps)
 * @param gradNorm global L2 norm of the gradient (NaN when the step was skipped)
 * @param msPerStep wall time of this step in milliseconds (the optimiser step with its ESS; the
 *     acceptance measured every few steps and picture samples are not included)
 * @param stepsPerSecond smoothed throughput
 * @param skipped whether the update was skipped because the loss was not finite
 */
public record TrainingStep(
        int step,
        double loss,
        double ess,
        double acceptRate,
        double gradNorm,
        double msPerStep,
        double stepsPerSecond,
        boolean skipped) {}
