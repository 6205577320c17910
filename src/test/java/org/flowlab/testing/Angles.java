package org.flowlab.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.Function;

/** Test helpers for maps between angles, defined modulo 2 pi. */
public final class Angles {

    private static final double TWO_PI = 2 * Math.PI;

    private Angles() {}

    /**
     * The difference a - b mapped into (-pi, pi].
     *
     * @param a an angle
     * @param b an angle
     * @return the principal difference
     */
    public static double difference(double a, double b) {
        double d = a - b;
        return d - TWO_PI * Math.ceil((d - Math.PI) / TWO_PI);
    }

    /**
     * The largest principal difference between two arrays of angles.
     *
     * @param a angles
     * @param b angles of the same length
     * @return max_i |a_i - b_i mod 2 pi|
     */
    public static double maxDistance(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(difference(a[i], b[i])));
        }
        return m;
    }

    /**
     * The dense Jacobian of a map between angles by central differences, with each difference
     * of outputs taken modulo 2 pi (so outputs that wrap around between the two points do not
     * produce a jump of 2 pi / 2h).
     *
     * @param manager manager for the temporaries
     * @param map the map on batches of shape [batch, event...]
     * @param x the point, row-major
     * @param event event shape
     * @param h the step
     * @return J[i][j] = d out_i / d x_j
     */
    public static double[][] jacobian(
            NDManager manager, Function<NDArray, NDArray> map, double[] x, Shape event, double h) {
        return TestTensors.jacobian(manager, map, x, event, h, Angles::difference);
    }
}
