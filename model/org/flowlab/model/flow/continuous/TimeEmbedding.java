package org.flowlab.model.flow.continuous;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.flowlab.model.compute.Tensors;

/**
 * The fixed time features of the trainable velocities: a short Fourier basis on [0, 1],
 *
 * <pre>
 * e(t) = (1, cos pi t, sin pi t, cos 2 pi t, sin 2 pi t)
 * </pre>
 *
 * so a velocity linear in e(t) can vary smoothly in time (as in the time-dependent kernels of
 * Gerdes, de Haan, Rainone, Bondesan, Cheng, arXiv:2207.00283).
 */
public final class TimeEmbedding {

    /** Number of features. */
    public static final int SIZE = 5;

    private TimeEmbedding() {}

    /**
     * The features at a time.
     *
     * @param t the time
     * @return e(t)
     */
    public static double[] values(double t) {
        double a = Math.PI * t;
        return new double[] {1, Math.cos(a), Math.sin(a), Math.cos(2 * a), Math.sin(2 * a)};
    }

    /**
     * The features as an array of the given shape (SIZE elements), in a step-scoped manager.
     *
     * @param manager the manager of the batch being evaluated
     * @param t the time
     * @param type the floating type
     * @param shape a shape with {@value #SIZE} elements, e.g. [1, 5] or [1, 5, 1, 1]
     * @return e(t)
     */
    static NDArray array(NDManager manager, double t, DataType type, Shape shape) {
        return Tensors.create(manager, values(t), shape, type);
    }
}
