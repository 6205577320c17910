package org.flowlab.model.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.random.RandomGenerator;

/**
 * What an objective may use during one training step.
 *
 * @param manager the step-scoped manager every temporary must live in
 * @param rng the run's random source
 * @param batch the batch size
 * @param collector the open gradient collector (for objectives that run their own backward
 *     passes, such as adjoint-state gradients of continuous flows)
 */
public record StepContext(NDManager manager, RandomGenerator rng, int batch, GradientCollector collector) {}
