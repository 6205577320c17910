package org.flowlab.model.flow.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
    private final int outHeight;
    private final int outWidth;
    private final NDArray index;
    private final ParameterSet params;
    private final Stripe stripe;

    /**
     * Gather indices of at most this many entries (8 MB) are made once per batch size and kept
     * with the parameters; larger ones (big evaluation batches on big lattices) are made per call.
     */
    private static final long KEPT_INDEX_LIMIT = 1L << 20;

    /** What a kept gather index depends on. */
    private record IndexKey(int height, int width, int kernel, Stripe stripe, long batch) {}

    /**
     * Output sites every {@code step}-th along one lattice axis, from {@code offset}: the
     * convolution then computes only those sites, [out, batch, H', W'] with H' (or W') =
     * ceil((H - offset) / step), the same numbers as the full output sliced there. For a
     * network whose last layer feeds a map that reads only some sites (the gauge coupling's
     * active stripe of plaquettes), nothing is computed that would be thrown away.
     *
     * @param axis 0 for rows (H), 1 for columns (W)
     * @param offset the first kept index
     * @param step the stride
     */
    public record Stripe(int axis, int offset, int step) {

        /** Checks the stripe. */
        public Stripe {
            if (axis != 0 && axis != 1) {
                throw new IllegalArgumentException("stripe axis must be 0 (rows) or 1 (columns), got " + axis);
            }
            if (step < 1 || offset < 0 || offset >= step) {
                throw new IllegalArgumentException(
                        "stripe needs step >= 1 and 0 <= offset < step, got " + offset + " mod " + step);
            }
        }

        int count(int extent) {
            return (extent - offset + step - 1) / step;
        }

        boolean keeps(int axisIndex, int i) {
            return axisIndex != axis || (i >= offset && (i - offset) % step == 0);
        }
    }

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
        this(params, name, height, width, kernel, null);
    }

    /**
     * Creates a convolution that computes only the output sites of a stripe.
     *
     * @param params where the index lives
     * @param name the index's buffer name
     * @param height lattice extent H
     * @param width lattice extent W
     * @param kernel odd kernel size k
     * @param stripe the output sites, or null for all
     */
    public CircularConvolution(ParameterSet params, String name, int height, int width, int kernel, Stripe stripe) {
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and positive, got " + kernel);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("lattice must be at least 1 x 1, got " + height + " x " + width);
        }
        this.height = height;
        this.width = width;
        this.kernel = kernel;
        this.outHeight = stripe != null && stripe.axis() == 0 ? stripe.count(height) : height;
        this.outWidth = stripe != null && stripe.axis() == 1 ? stripe.count(width) : width;
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("the stripe " + stripe + " keeps no site of " + height + " x " + width);
        }
        int pad = kernel / 2;
        int outSites = outHeight * outWidth;
        int taps = kernel * kernel;
        // row-major over (tap, output site), so that [in, taps, sites] reshapes to [in k², sites]
        long[] source = new long[taps * outSites];
        for (int a = 0; a < kernel; a++) {
            for (int b = 0; b < kernel; b++) {
                int at = (a * kernel + b) * outSites;
                for (int i = 0; i < height; i++) {
                    if (stripe != null && !stripe.keeps(0, i)) {
                        continue;
                    }
                    int row = Math.floorMod(i + a - pad, height);
                    for (int j = 0; j < width; j++) {
                        if (stripe != null && !stripe.keeps(1, j)) {
                            continue;
                        }
                        int column = Math.floorMod(j + b - pad, width);
                        source[at++] = (long) row * width + column;
                    }
                }
            }
        }
        this.index = params.addIndex(name, new Shape(1, 1, (long) taps * outSites), source);
        this.params = params;
        this.stripe = stripe;
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
     * Applies the convolution to channel-major input: the channel axis comes first and the
     * batch second, [in, batch, H, W], and so does the output, [out, batch, H, W].
     *
     * <p>In this layout the gather makes the columns [in k², batch H W] in one pass, the sum over
     * (in, tap) is one plain matrix product [out, in k²] x [in k², batch H W], and its result is
     * already the next layer's input: no operand is broadcast over the batch or copied into a
     * transposed layout, forward or backward (the batch-first layout needed a batched product
     * whose operands libtorch copied). A layer with fewer outputs than inputs (a network's last,
     * such as 8 to 2 channels) multiplies first, [out k², in] x [in, batch H W], and then gathers
     * each tap's product at the neighbour the tap reads and sums the taps: the same sum with a
     * gather of out k² rows instead of in k² (the gather and its scatter-add backward cost about
     * as much as the products).
     *
     * @param x input of shape [in, batch, H, W]
     * @param weight kernels of shape [out, in, k, k] (PyTorch's Conv2d layout)
     * @param bias biases of shape [out], or null for none
     * @return output of shape [out, batch, H, W], or [out, batch, H', W'] on the stripe's sites
     *     when the convolution was made with one
     */
    public NDArray apply(NDArray x, NDArray weight, NDArray bias) {
        Shape shape = x.getShape();
        if (shape.dimension() != 4 || shape.get(2) != height || shape.get(3) != width) {
            throw new IllegalArgumentException(
                    "expected [channels, batch, " + height + ", " + width + "], got " + shape);
        }
        long channels = shape.get(0);
        long batch = shape.get(1);
        Shape w = weight.getShape();
        if (w.dimension() != 4 || w.get(1) != channels || w.get(2) != kernel || w.get(3) != kernel) {
            throw new IllegalArgumentException(
                    "expected kernels [out, " + channels + ", " + kernel + ", " + kernel + "], got " + w);
        }
        long outputs = w.get(0);
        long sites = (long) height * width;
        long outSites = (long) outHeight * outWidth;
        long taps = (long) kernel * kernel;
        NDManager scope = x.getManager();
        NDArray out;
        if (outputs < channels) {
            // fewer outputs than inputs: apply each tap's kernel first, [out k², in] x [in, batch H W],
            // then take the products at the tap's neighbour and sum the taps, so the gather moves
            // out k² rows instead of in k²
            NDArray transposed = weight.transpose(0, 2, 3, 1);
            transposed.attach(scope);
            NDArray perTap = transposed.reshape(outputs * taps, channels).matMul(x.reshape(channels, batch * sites));
            NDArray index = batchIndex(scope, batch);
            out = perTap.reshape(outputs, taps, batch * sites)
                    .gather(index.reshape(1, taps, batch * outSites).broadcast(outputs, taps, batch * outSites), 2)
                    .sum(new int[] {1});
        } else {
            NDArray index = batchIndex(scope, batch);
            NDArray columns =
                    x.reshape(channels, batch * sites).gather(index.broadcast(channels, taps * batch * outSites), 1);
            // operations on a parameter attach their result to the parameter's long-lived manager:
            // move each such view to the input's manager so that a step leaves nothing behind
            NDArray matrix = weight.reshape(outputs, channels * taps);
            matrix.attach(scope);
            out = matrix.matMul(columns.reshape(channels * taps, batch * outSites));
        }
        out = out.reshape(outputs, batch * outSites);
        if (bias != null) {
            NDArray column = bias.reshape(outputs, 1);
            column.attach(scope);
            out = out.add(column);
        }
        return out.reshape(outputs, batch, outHeight, outWidth);
    }

    /**
     * The gather index for a batch, a view attached to the input's manager: entry
     * (tap, b, output site) is b H W + the input site that the tap reads, shape
     * [1, taps batch H' W']. Made once per batch size and kept with the parameters (every layer and
     * coupling of the same geometry shares it), unless it is large.
     */
    private NDArray batchIndex(NDManager scope, long batch) {
        long entries = (long) kernel * kernel * batch * outHeight * outWidth;
        if (entries > KEPT_INDEX_LIMIT) {
            return makeBatchIndex(scope, batch);
        }
        NDArray kept = params.derived(
                new IndexKey(height, width, kernel, stripe, batch), manager -> makeBatchIndex(manager, batch));
        NDArray view = kept.reshape(kept.getShape());
        view.attach(scope);
        return view;
    }

    private NDArray makeBatchIndex(NDManager manager, long batch) {
        long sites = (long) height * width;
        long taps = (long) kernel * kernel;
        NDArray offsets = manager.arange(0, (int) (batch * sites), (int) sites, index.getDataType())
                .reshape(1, batch, 1);
        long outSites = (long) outHeight * outWidth;
        NDArray base = index.reshape(taps, 1, outSites);
        base.attach(manager);
        return base.add(offsets).reshape(1, taps * batch * outSites);
    }
}
