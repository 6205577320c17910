package org.flowlab.model.flow.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.flowlab.model.flow.core.ParameterSet;

/**
 * A 2D convolution with periodic (circular) boundaries on an H x W lattice, written as one
 * gather and one matrix product:
 *
 * <pre>
 * out[b, o, x] = bias[o] + sum_{c, d} weight[o, c, d] in[b, c, (x + d - pad) mod (H, W)]
 * </pre>
 *
 * with an odd k x k kernel and pad = k / 2, so the output has the input's lattice size and the
 * map commutes with lattice translations. The gather collects, for every site x and kernel tap
 * d, the input site it reads ("im2col"); the sum over (c, d) is then a product with the weight
 * matrix [out, in k²].
 *
 * <p>Why not the engine's own convolution: on some CPUs (seen on AVX-512 machines with
 * libtorch 2.7.1) its backward pass through oneDNN returns wrong input gradients and,
 * sporadically, NaN, so training silently followed wrong gradients and runs with the same
 * seed differed. The gather's backward is a scatter-add and the product's backward is two
 * matrix products: both exact and reproducible. {@code CircularConvolutionTest} checks values
 * and gradients against direct sums.
 */
public final class CircularConvolution {

    private final int height;
    private final int width;
    private final int kernel;
    private final NDArray index;

    /**
     * Creates the convolution's gather index (a buffer of the parameter set, not trained).
     *
     * @param params where the index lives
     * @param name the index's buffer name
     * @param height lattice extent H
     * @param width lattice extent W
     * @param kernel odd kernel size k
     */
    public CircularConvolution(ParameterSet params, String name, int height, int width, int kernel) {
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and positive, got " + kernel);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("lattice must be at least 1 x 1, got " + height + " x " + width);
        }
        this.height = height;
        this.width = width;
        this.kernel = kernel;
        int pad = kernel / 2;
        int sites = height * width;
        int taps = kernel * kernel;
        // row-major over (tap, site), so that [in, taps, sites] reshapes to [in k², sites]
        long[] source = new long[taps * sites];
        for (int a = 0; a < kernel; a++) {
            for (int b = 0; b < kernel; b++) {
                int tap = a * kernel + b;
                for (int i = 0; i < height; i++) {
                    int row = Math.floorMod(i + a - pad, height);
                    for (int j = 0; j < width; j++) {
                        int column = Math.floorMod(j + b - pad, width);
                        source[tap * sites + i * width + j] = (long) row * width + column;
                    }
                }
            }
        }
        this.index = params.addIndex(name, new Shape(1, 1, (long) taps * sites), source);
    }

    /**
     * The kernel size.
     *
     * @return k
     */
    public int kernel() {
        return kernel;
    }

    /**
     * Applies the convolution.
     *
     * @param x input of shape [batch, in, H, W]
     * @param weight kernels of shape [out, in, k, k] (PyTorch's Conv2d layout)
     * @param bias biases of shape [out], or null for none
     * @return output of shape [batch, out, H, W]
     */
    public NDArray apply(NDArray x, NDArray weight, NDArray bias) {
        Shape shape = x.getShape();
        if (shape.dimension() != 4 || shape.get(2) != height || shape.get(3) != width) {
            throw new IllegalArgumentException(
                    "expected [batch, channels, " + height + ", " + width + "], got " + shape);
        }
        long batch = shape.get(0);
        long channels = shape.get(1);
        Shape w = weight.getShape();
        if (w.dimension() != 4 || w.get(1) != channels || w.get(2) != kernel || w.get(3) != kernel) {
            throw new IllegalArgumentException(
                    "expected kernels [out, " + channels + ", " + kernel + ", " + kernel + "], got " + w);
        }
        long sites = (long) height * width;
        long taps = (long) kernel * kernel;
        NDArray expanded = index.broadcast(batch, channels, taps * sites);
        // broadcast attaches the view to the index's long-lived manager: move it to the input's
        expanded.attach(x.getManager());
        NDArray columns = x.reshape(batch, channels, sites).gather(expanded, 2).reshape(batch, channels * taps, sites);
        // operations on a parameter attach their result to the parameter's long-lived manager:
        // move each such view to the input's manager so that a step leaves nothing behind
        NDArray matrix = weight.reshape(w.get(0), channels * taps);
        matrix.attach(x.getManager());
        NDArray out = matrix.matMul(columns);
        if (bias != null) {
            NDArray column = bias.reshape(1, w.get(0), 1);
            column.attach(x.getManager());
            out = out.add(column);
        }
        return out.reshape(batch, w.get(0), height, width);
    }
}
