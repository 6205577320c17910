package org.flowlab.model.flow.core;

import ai.djl.ndarray.NDArray;

/**
 * Samples of a continuous flow at an intermediate time, with their density at that time: for
 * x(t) the solution started at x(0) = z ~ r,
 * log q_t(x(t)) = log r(z) - int_0^t div v(x(s), s) ds.
 *
 * @param t the time in [0, 1]
 * @param x samples x(t) of shape [batch, eventShape...]
 * @param logQ log q_t(x(t)) of shape [batch]
 */
public record FlowSnapshot(double t, NDArray x, NDArray logQ) {}
