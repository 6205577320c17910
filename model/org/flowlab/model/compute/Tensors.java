package org.flowlab.model.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Small tensor helpers that DJL lacks: periodic shifts, one-axis slices, host copies. */
public final class Tensors {

    private Tensors() {}

    /**
     * Periodic roll along an axis, with the meaning of {@code torch.roll}:
     * {@code out[i] = x[(i - shift) mod n]}.
     *
     * @param x the array
     * @param shift the shift (any integer)
     * @param axis the axis (non-negative)
     * @return the rolled array, attached to the manager of {@code x}
     */
    public static NDArray roll(NDArray x, int shift, int axis) {
        long n = x.getShape().get(axis);
        int s = (int) Math.floorMod(shift, n);
        if (s == 0) {
            return x.duplicate();
        }
        NDArray tail = narrow(x, axis, n - s, n);
        NDArray head = narrow(x, axis, 0, n - s);
        return tail.concat(head, axis);
    }

    /**
     * The neighbour field: {@code out[.., i, ..] = x[.., i + 1 mod n, ..]} along {@code axis}.
     *
     * @param x the array
     * @param axis the axis
     * @return the shifted array
     */
    public static NDArray forwardNeighbour(NDArray x, int axis) {
        return roll(x, -1, axis);
    }

    /**
     * The sub-range {@code [start, end)} of one axis, as a view: {@code x[..., start:end, ...]}.
     *
     * <p>DJL's {@code get(NDIndex)} slices every leading axis too (a full slice is still a
     * separate autograd node whose backward pass allocates and fills a gradient of the whole
     * input), so on the PyTorch engine this calls the one-axis slice directly.
     *
     * @param x the array
     * @param axis the axis (non-negative)
     * @param start first index
     * @param end one past the last index
     * @return the view, attached to the manager of {@code x}
     */
    public static NDArray narrow(NDArray x, int axis, long start, long end) {
        if (x instanceof PtNDArray) {
            return JniUtils.slice((PtNDArray) x, axis, start, end, 1);
        }
        return x.get(new NDIndex().addAllDim(axis).addSliceDim(start, end));
    }

    /**
     * Creates an array from doubles in the given data type, on the manager's device.
     *
     * @param manager the manager
     * @param values the values
     * @param shape the shape
     * @param type FLOAT32 or FLOAT64
     * @return the array
     */
    public static NDArray create(NDManager manager, double[] values, Shape shape, DataType type) {
        if (type == DataType.FLOAT64) {
            return manager.create(values, shape);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return manager.create(f, shape);
    }

    /**
     * Copies an array to the host as doubles, whatever its floating type.
     *
     * @param x the array
     * @return its values in row-major order
     */
    public static double[] toDoubles(NDArray x) {
        if (x.getDataType() == DataType.FLOAT64) {
            return x.toDoubleArray();
        }
        float[] f = x.toType(DataType.FLOAT32, false).toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /**
     * Sums over every axis but the first, giving one value per batch element.
     *
     * @param x array of shape [batch, ...]
     * @return array of shape [batch]
     */
    public static NDArray sumPerSample(NDArray x) {
        int rank = x.getShape().dimension();
        if (rank == 1) {
            return x;
        }
        int[] axes = new int[rank - 1];
        for (int i = 1; i < rank; i++) {
            axes[i - 1] = i;
        }
        return x.sum(axes);
    }

    /**
     * log sum_i exp(x_i) along an axis, computed stably as m + log sum_i exp(x_i - m) with m the
     * (gradient-stopped) maximum; the gradient is softmax(x), unaffected by the shift.
     *
     * @param x the array
     * @param axis the axis to reduce
     * @return the array with that axis removed
     */
    public static NDArray logSumExp(NDArray x, int axis) {
        NDArray max = x.max(new int[] {axis}, true).stopGradient();
        return x.sub(max).exp().sum(new int[] {axis}).log().add(max.squeeze(axis));
    }

    /**
     * A scalar constant of the type of {@code like}, on its manager, in natively allocated
     * memory.
     *
     * <p>Use it instead of a {@code Number} operand wherever autograd may read the operand in
     * the backward pass ({@code mul}, {@code div}, {@code maximum}, {@code mod}, ...): DJL's
     * PyTorch engine turns {@code x.mul(2.0)} into a multiplication by a tensor that wraps a
     * direct Java buffer and closes it right away, so the backward pass reads memory that the
     * garbage collector may already have freed and reused (gradients then turn into garbage,
     * sporadically). Additions and subtractions of numbers are safe: their backward pass does
     * not read the operand.
     *
     * @param like an array whose manager and data type the constant takes
     * @param value the value
     * @return a 0-dimensional array holding {@code value}
     */
    public static NDArray constant(NDArray like, double value) {
        return like.getManager().zeros(new Shape(), like.getDataType()).add(value);
    }

    /**
     * {@code x * value}, safe to differentiate (see {@link #constant}).
     *
     * @param x the array
     * @param value the factor
     * @return the scaled array, attached to the manager of {@code x}
     */
    public static NDArray scale(NDArray x, double value) {
        return x.mul(constant(x, value));
    }
}
