package org.flowlab.model.lattice;

import ai.djl.ndarray.NDArray;
import org.flowlab.model.compute.Tensors;

/**
 * Angle arithmetic used everywhere angles live (U(1) links, the circle, periodic velocities):
 * wrapping into [0, 2π) and the principal value in (−π, π], on doubles and on tensors.
 */
public final class Angles {

    /** 2π. */
    public static final double TWO_PI = 2 * Math.PI;

    private Angles() {}

    /**
     * An angle wrapped into [0, 2π).
     *
     * @param angle any finite angle
     * @return the equivalent angle in [0, 2π)
     */
    public static double wrap(double angle) {
        double w = angle - TWO_PI * Math.floor(angle / TWO_PI);
        return w >= TWO_PI ? 0 : w;
    }

    /**
     * Angles wrapped into [0, 2π); the derivative is 1 (the subtracted multiple of 2π is
     * piecewise constant).
     *
     * @param angle any finite angles
     * @return the equivalent angles in [0, 2π), attached to the manager of {@code angle}
     */
    public static NDArray wrap(NDArray angle) {
        NDArray twoPi = Tensors.constant(angle, TWO_PI);
        NDArray r = angle.mod(twoPi);
        // a remainder of a tiny negative angle rounds to exactly 2π
        return r.sub(r.gte(twoPi).toType(r.getDataType(), false).mul(twoPi));
    }

    /**
     * The winding number: the integer n with angle − 2πn in (−π, π].
     *
     * @param angle any finite angle
     * @return n
     */
    public static int winding(double angle) {
        return (int) Math.ceil((angle - Math.PI) / TWO_PI);
    }

    /**
     * The principal value arg e^{i angle} in (−π, π].
     *
     * @param angle any finite angle
     * @return the principal value
     */
    public static double principal(double angle) {
        return angle - TWO_PI * winding(angle);
    }
}
