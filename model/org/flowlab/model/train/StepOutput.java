package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;

/**
 * What an objective computes in one step.
 *
 * @param loss the scalar loss to differentiate
 * @param logWeights detached log w = log p - log q of model samples, shape [batch], or null
 *     when the objective drew no model samples (forward KL)
 * @param samples detached model samples, or null
 */
public record StepOutput(NDArray loss, NDArray logWeights, NDArray samples) {}
