package org.flowlab.model.lattice;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A target density p(x) = exp(-S(x)) / Z known up to its normalisation, evaluated on batches.
 *
 * <p>Shapes: {@code x} is {@code [batch, eventShape...]}; {@link #action} returns {@code [batch]}.
 */
public interface Target {

    /**
     * A short name for logs and files, such as {@code phi4} or {@code u1}.
     *
     * @return the name
     */
    String name();

    /**
     * The shape of one configuration, without the batch axis.
     *
     * @return the event shape
     */
    Shape eventShape();

    /**
     * The action S(x) of each configuration in a batch; differentiable.
     *
     * @param x configurations of shape [batch, eventShape...]
     * @return S of shape [batch]
     */
    NDArray action(NDArray x);

    /**
     * The unnormalised log density log p(x) + log Z = -S(x).
     *
     * @param x configurations
     * @return -S of shape [batch]
     */
    default NDArray logP(NDArray x) {
        return action(x).neg();
    }

    /**
     * What a configuration is: a real lattice field, U(1) links, a point of the plane or an
     * angle. Flow families declare the geometries they act on, so this decides which flows can
     * model the target.
     *
     * @return the geometry
     */
    FieldGeometry geometry();

    /**
     * Whether the coordinates are angles, periodic with period 2 pi (U(1) links, the circle).
     * Flows and samplers for such targets must respect the periodicity.
     *
     * @return true for compact variables
     */
    default boolean periodic() {
        return geometry().periodic();
    }

    /**
     * The action of one configuration given as doubles in row-major order, computed in Java.
     *
     * @param x the configuration
     * @return S(x)
     */
    double action(double[] x);
}
