package org.flowlab.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.Function;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.Bijection;

/** Helpers to evaluate bijections at given points and build finite-difference Jacobians. */
public final class TestTensors {

    private TestTensors() {}

    /**
     * The dense Jacobian of a map R^n -> R^n at x by central differences, batching all
     * 2n perturbed points into one call.
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
        return jacobian(manager, map, x, event, h, (a, b) -> a - b);
    }

    /**
     * The dense Jacobian by central differences, with a chosen difference of outputs.
     *
     * @param manager manager for the temporaries
     * @param map the map on batches of shape [batch, event...]
     * @param x the point, row-major
     * @param event event shape
     * @param h the step
     * @param difference out(x + h) "minus" out(x - h)
     * @return J[i][j] = d out_i / d x_j
     */
    public static double[][] jacobian(
            NDManager manager,
            Function<NDArray, NDArray> map,
            double[] x,
            Shape event,
            double h,
            java.util.function.DoubleBinaryOperator difference) {
        int n = x.length;
        double[] batch = new double[2 * n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                batch[(2 * j) * n + i] = x[i];
                batch[(2 * j + 1) * n + i] = x[i];
            }
            batch[(2 * j) * n + j] += h;
            batch[(2 * j + 1) * n + j] -= h;
        }
        NDArray in = manager.create(batch, new Shape(2L * n).addAll(event));
        double[] out = Tensors.toDoubles(map.apply(in));
        double[][] jac = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                jac[i][j] = difference.applyAsDouble(out[(2 * j) * n + i], out[(2 * j + 1) * n + i]) / (2 * h);
            }
        }
        return jac;
    }

    /**
     * Forward of a bijection returning only the value.
     *
     * @param b the bijection
     * @return the map
     */
    public static Function<NDArray, NDArray> forwardValue(Bijection b) {
        return z -> b.forward(z).value();
    }
}
