package org.flowlab.model.flow.continuous;

import ai.djl.ndarray.NDArray;

/**
 * A time-dependent velocity field v(x, t) on the configuration space together with its exact
 * divergence div v = sum_i dv_i/dx_i, the rate at which the flow changes log-volume:
 *
 * <pre>
 * dx/dt = v(x, t),     d log|det dx(t)/dx(0)| / dt = div v(x(t), t)
 * </pre>
 *
 * <p>Every implementation computes the divergence in closed form (no second derivatives), so
 * one first-order backward pass differentiates both v and div v. Implementations put the input
 * {@code x} first in every operation, so that all temporaries live in the manager of {@code x}
 * (never in the parameter manager).
 */
public interface Velocity {

    /**
     * Evaluates the field and its divergence on a batch.
     *
     * @param x states of shape [batch, eventShape...]
     * @param t the time in [0, 1]
     * @return v(x, t) (same shape as x) and div v(x, t) of shape [batch]
     */
    Evaluation evaluate(NDArray x, double t);

    /**
     * Whether the coordinates are angles (period 2 pi), so the flow wraps states into [0, 2 pi).
     *
     * @return true for velocities on the circle
     */
    default boolean periodic() {
        return false;
    }

    /**
     * A velocity and its divergence.
     *
     * @param velocity v(x, t), shape of x
     * @param divergence div v(x, t), shape [batch]
     */
    record Evaluation(NDArray velocity, NDArray divergence) {}
}
