package org.flowlab.model.flow.core;

import ai.djl.ndarray.NDArray;

/**
 * The output of a bijection applied to a batch, with the log-determinant of its Jacobian.
 *
 * @param value the transformed batch, same shape as the input
 * @param logDet log |det d(value)/d(input)| of shape [batch]
 */
public record Transformed(NDArray value, NDArray logDet) {}
