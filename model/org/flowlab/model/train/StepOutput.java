package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;

/**
 * What an objective computes in one step.
 *
 * @param loss the scalar loss value to report (an estimate of the divergence up to a constant)
 * @param gradientLoss the scalar to differentiate; equals {@code loss} except for estimators
 *     such as path gradients that differentiate a surrogate with the same expected gradient
 * @param logWeights detached log w = log p - log q of model samples, shape [batch], or null
 *     when the objective drew no model samples (forward KL)
 * @param samples detached model samples, or null
 */
public record StepOutput(NDArray loss, NDArray gradientLoss, NDArray logWeights, NDArray samples) {

    /**
     * An output whose reported loss is also differentiated.
     *
     * @param loss the loss
     * @param logWeights log weights or null
     * @param samples samples or null
     */
    public StepOutput(NDArray loss, NDArray logWeights, NDArray samples) {
        this(loss, loss, logWeights, samples);
    }
}
