package org.flowlab.model.flow.core;

import ai.djl.ndarray.NDArray;

/**
 * A batch drawn from a flow together with its model log density.
 *
 * @param x samples of shape [batch, eventShape...]
 * @param logQ log q(x) of shape [batch]
 */
public record FlowSample(NDArray x, NDArray logQ) {}
