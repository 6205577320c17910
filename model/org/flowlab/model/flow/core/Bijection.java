package org.flowlab.model.flow.core;

import ai.djl.ndarray.NDArray;

/**
 * An invertible map with a tractable Jacobian determinant, applied to batches.
 *
 * <p>For x = f(z): {@code forward(z)} returns (x, log|det df/dz|) and {@code inverse(x)} returns
 * (z, log|det df^{-1}/dx|), so that the two log-determinants of a round trip add to zero.
 */
public interface Bijection {

    /**
     * Applies the map.
     *
     * @param z a batch of shape [batch, ...]
     * @return (f(z), log|det J_f(z)|)
     */
    Transformed forward(NDArray z);

    /**
     * Applies the inverse map.
     *
     * @param x a batch of shape [batch, ...]
     * @return (f^{-1}(x), log|det J_{f^{-1}}(x)|)
     */
    Transformed inverse(NDArray x);
}
