package org.flowlab.model.flow.circle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.lattice.Angles;

/**
 * A diffeomorphism of the circle: a circular rational-quadratic spline on [0, 2 pi) followed by
 * a rotation, h(theta) = g(theta) + t mod 2 pi, with an exact closed-form inverse.
 *
 * <p>The spline g (Durkan, Bekasov, Murray, Papamakarios, "Neural spline flows",
 * arXiv:1906.04032) has K bins with knots (x_k, y_k), k = 0..K, x_0 = y_0 = 0,
 * x_K = y_K = 2 pi, and positive knot derivatives delta_k. In bin k, with
 * w_k = x_{k+1} - x_k, h_k = y_{k+1} - y_k, s_k = h_k / w_k and xi = (theta - x_k) / w_k,
 *
 * <pre>
 * g(theta)  = y_k + h_k [s_k xi^2 + delta_k xi (1 - xi)] / [s_k + (delta_{k+1} + delta_k - 2 s_k) xi (1 - xi)]
 * g'(theta) = s_k^2 [delta_{k+1} xi^2 + 2 s_k xi (1 - xi) + delta_k (1 - xi)^2]
 *             / [s_k + (delta_{k+1} + delta_k - 2 s_k) xi (1 - xi)]^2
 * </pre>
 *
 * On the circle (Rezende, Papamakarios, Racaniere et al., "Normalizing flows on tori and
 * spheres", arXiv:2002.02428) the end derivatives are one parameter, delta_K = delta_0, so g is
 * C^1 across 0 = 2 pi and h is a diffeomorphism of the circle. The inverse solves the quadratic
 * a xi^2 + b xi + c = 0 with
 *
 * <pre>
 * a = h_k (s_k - delta_k) + (y - y_k)(delta_{k+1} + delta_k - 2 s_k)
 * b = h_k delta_k - (y - y_k)(delta_{k+1} + delta_k - 2 s_k)
 * c = -s_k (y - y_k),       xi = 2 c / (-b - sqrt(b^2 - 4 a c))
 * </pre>
 *
 * (the cancellation-free root of Durkan et al., eq. 6 - 8).
 *
 * <p><b>Parameters.</b> Each element has 3K + 1 unconstrained numbers along the last axis:
 * K bin widths and K bin heights (softmax, with a floor of {@value #MIN_BIN_FRACTION} of the
 * circle per bin, times 2 pi), K derivatives delta_0..delta_{K-1} (softplus plus
 * {@value #MIN_DERIVATIVE}, shifted so that a raw 0 gives delta = 1) and the rotation t. All
 * zeros give the identity. Parameters of shape [..., 3K + 1] broadcast against angles of shape
 * [...], so one set may serve a whole batch (unconditional) or every element may have its own
 * (a coupling layer's conditioner).
 *
 * <p>Every output is differentiable with respect to both the angles and the parameters, the
 * inverse included (forward KL trains through it). Bins are found by counting knots below the
 * angle, with the first bin open to the left and the last open to the right, so an angle that
 * a remainder rounded to 2 pi (or a knot sum that ends a rounding error off 2 pi) still falls in
 * a bin; outputs are wrapped into [0, 2 pi).
 */
public final class CircleSpline {

    /** Smallest bin width and height, as a fraction of the circle. */
    public static final double MIN_BIN_FRACTION = 1e-3;

    /** Smallest knot derivative. */
    public static final double MIN_DERIVATIVE = 1e-3;

    /** Shift of the raw derivative so that raw 0 gives softplus(shift) + MIN_DERIVATIVE = 1. */
    private static final double DERIVATIVE_SHIFT = Math.log(Math.expm1(1 - MIN_DERIVATIVE));

    private CircleSpline() {}

    /**
     * The values of a circle map at a batch of angles, with the log-derivative per element.
     *
     * @param value the mapped angles, same shape as the input, in [0, 2 pi) unless the caller
     *     asked for the unwrapped value
     * @param logDerivative log |dh/dtheta| per element (for the inverse: of the inverse map)
     */
    public record Output(NDArray value, NDArray logDerivative) {}

    /**
     * Number of raw parameters per element.
     *
     * @param bins K (at least 1)
     * @return 3 K + 1
     */
    public static int parameterCount(int bins) {
        checkBins(bins);
        return 3 * bins + 1;
    }

    /**
     * Applies h(theta) = g(theta) + t mod 2 pi.
     *
     * @param theta angles of shape [...], nominally in [0, 2 pi)
     * @param params raw parameters of shape [..., 3K + 1], broadcastable against theta
     * @param bins K
     * @return h(theta) in [0, 2 pi) and log h'(theta), both of the shape of theta
     */
    public static Output forward(NDArray theta, NDArray params, int bins) {
        return forward(theta, params, bins, true);
    }

    /**
     * Applies h(theta) = g(theta) + t, wrapped into [0, 2 pi) or not (callers that wrap a
     * later sum themselves save the work; the unwrapped value equals h modulo 2 pi).
     *
     * @param theta angles of shape [...], nominally in [0, 2 pi)
     * @param params raw parameters of shape [..., 3K + 1], broadcastable against theta
     * @param bins K
     * @param wrapOutput whether to wrap the result into [0, 2 pi)
     * @return h(theta) and log h'(theta), both of the shape of theta
     */
    public static Output forward(NDArray theta, NDArray params, int bins, boolean wrapOutput) {
        return forward(theta, params, bins, wrapOutput, 0);
    }

    /**
     * Applies h(theta) = g(theta) + t with the parameters along any axis: {@code trailing} axes
     * follow the parameter axis. A channel-major convolution's output [3K + 1, batch, L, L]
     * serves angles [batch, L, L] as it is ({@code trailing} = 3), without the transposed copy
     * that the parameters-last layout needs; the softmax and the bin lookup then run along an
     * axis with batch L² contiguous elements behind it, which vectorises far better than rows
     * of K.
     *
     * @param theta angles, of the parameters' shape without the parameter axis (broadcastable)
     * @param params raw parameters with 3K + 1 entries along the axis that has {@code trailing}
     *     axes after it
     * @param bins K
     * @param wrapOutput whether to wrap the result into [0, 2 pi)
     * @param trailing the number of axes after the parameter axis (0: the last axis)
     * @return h(theta) and log h'(theta), both of the shape of theta
     */
    public static Output forward(NDArray theta, NDArray params, int bins, boolean wrapOutput, int trailing) {
        Knots k = knots(theta.getManager(), params, bins, trailing);
        Bin b = k.select(theta, 0);
        NDArray xi = theta.sub(b.x).div(b.w);
        NDArray slope = b.h.div(b.w);
        NDArray xi2 = xi.square();
        NDArray mixed = xi.sub(xi2);
        NDArray oneMinus2 = mixed.add(xi).neg().add(1);
        NDArray curvature = b.dNext.add(b.d).sub(slope).sub(slope);
        NDArray denominator = curvature.mul(mixed).add(slope);
        NDArray numerator = slope.mul(xi2).add(b.d.mul(mixed)).mul(b.h);
        NDArray value = numerator.div(denominator).add(b.y).add(k.rotation);
        NDArray slopeMixed = slope.mul(mixed);
        NDArray derivativeNumerator =
                b.dNext.mul(xi2).add(slopeMixed).add(slopeMixed).add(b.d.mul(oneMinus2));
        NDArray logSlopeRatio = slope.div(denominator).log();
        NDArray logDerivative = logSlopeRatio.add(logSlopeRatio).add(derivativeNumerator.log());
        return new Output(wrapOutput ? Angles.wrap(value) : value, logDerivative);
    }

    /**
     * Applies the inverse h^{-1}(y) = g^{-1}(y - t mod 2 pi) in closed form.
     *
     * @param y angles of shape [...], nominally in [0, 2 pi)
     * @param params raw parameters of shape [..., 3K + 1], broadcastable against y
     * @param bins K
     * @return h^{-1}(y) in [0, 2 pi) and log |d h^{-1}/dy| = -log h'(h^{-1}(y))
     */
    public static Output inverse(NDArray y, NDArray params, int bins) {
        return inverse(y, params, bins, true);
    }

    /**
     * Applies the inverse, wrapped into [0, 2 pi) or not (the unwrapped value lies in the
     * spline's range [0, 2 pi] up to rounding).
     *
     * @param y angles of shape [...], nominally in [0, 2 pi)
     * @param params raw parameters of shape [..., 3K + 1], broadcastable against y
     * @param bins K
     * @param wrapOutput whether to wrap the result into [0, 2 pi)
     * @return h^{-1}(y) and log |d h^{-1}/dy|
     */
    public static Output inverse(NDArray y, NDArray params, int bins, boolean wrapOutput) {
        return inverse(y, params, bins, wrapOutput, 0);
    }

    /**
     * Applies the inverse with the parameters along any axis (see
     * {@link #forward(NDArray, NDArray, int, boolean, int)}).
     *
     * @param y angles, of the parameters' shape without the parameter axis (broadcastable)
     * @param params raw parameters with 3K + 1 entries along the axis that has {@code trailing}
     *     axes after it
     * @param bins K
     * @param wrapOutput whether to wrap the result into [0, 2 pi)
     * @param trailing the number of axes after the parameter axis (0: the last axis)
     * @return h^{-1}(y) and log |d h^{-1}/dy|
     */
    public static Output inverse(NDArray y, NDArray params, int bins, boolean wrapOutput, int trailing) {
        Knots k = knots(y.getManager(), params, bins, trailing);
        NDArray shifted = Angles.wrap(y.sub(k.rotation));
        Bin b = k.select(shifted, 1);
        NDArray slope = b.h.div(b.w);
        NDArray curvature = b.dNext.add(b.d).sub(slope).sub(slope);
        NDArray rise = shifted.sub(b.y);
        NDArray riseCurvature = rise.mul(curvature);
        NDArray qa = slope.sub(b.d).mul(b.h).add(riseCurvature);
        NDArray qb = b.d.mul(b.h).sub(riseCurvature);
        NDArray qc = rise.mul(slope).neg();
        NDArray discriminant = qb.square().sub(Tensors.scale(qa.mul(qc), 4)).maximum(Tensors.constant(qb, 0));
        NDArray xi = qc.add(qc).div(qb.neg().sub(discriminant.sqrt()));
        NDArray x = xi.mul(b.w).add(b.x);
        NDArray xi2 = xi.square();
        NDArray mixed = xi.sub(xi2);
        NDArray oneMinus2 = mixed.add(xi).neg().add(1);
        NDArray denominator = curvature.mul(mixed).add(slope);
        NDArray slopeMixed = slope.mul(mixed);
        NDArray derivativeNumerator =
                b.dNext.mul(xi2).add(slopeMixed).add(slopeMixed).add(b.d.mul(oneMinus2));
        NDArray logRatio = denominator.div(slope).log();
        NDArray logDerivative = logRatio.add(logRatio).sub(derivativeNumerator.log());
        return new Output(wrapOutput ? Angles.wrap(x) : x, logDerivative);
    }

    private static void checkBins(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("a spline needs at least 1 bin, got " + bins);
        }
        if (bins * MIN_BIN_FRACTION >= 1) {
            throw new IllegalArgumentException(
                    "at most " + (int) (1 / MIN_BIN_FRACTION - 1) + " spline bins, got " + bins);
        }
    }

    /**
     * The knots of every element, packed as [..., 6, K, trailing axes...] with rows x_k, y_k,
     * w_k, h_k, delta_k, delta_{k+1} (k = 0..K-1), and the rotation [..., trailing axes...].
     */
    private static final class Knots {
        NDArray packed;
        NDArray rotation;
        int bins;
        int trailing;

        /**
         * Picks each element's bin: the number of interior knots (x_1..x_{K-1} for row 0,
         * y_1..y_{K-1} for row 1) at or below the angle, so that the first bin is open to the
         * left and the last to the right.
         */
        Bin select(NDArray angle, int row) {
            int rowAxis = packed.getShape().dimension() - 2 - trailing;
            NDArray interior =
                    packed.get(new NDIndex().addAllDim(rowAxis).addIndices(row).addSliceDim(1, bins));
            NDArray above = angle.expandDims(-1 - trailing).gte(interior);
            NDArray bin = above.sum(new int[] {above.getShape().dimension() - 1 - trailing});
            NDManager manager = angle.getManager();
            long[] binShape = new long[1 + trailing];
            java.util.Arrays.fill(binShape, 1);
            binShape[0] = bins;
            NDArray oneHot = bin.expandDims(-1 - trailing)
                    .eq(manager.arange(0, bins, 1, bin.getDataType()).reshape(new Shape(binShape)))
                    .toType(angle.getDataType(), false);
            NDArray product = oneHot.expandDims(-2 - trailing).mul(packed);
            NDArray picked = product.sum(new int[] {product.getShape().dimension() - 1 - trailing});
            int rows = picked.getShape().dimension() - 1 - trailing;
            Bin b = new Bin();
            b.x = picked.get(new NDIndex().addAllDim(rows).addIndices(0));
            b.y = picked.get(new NDIndex().addAllDim(rows).addIndices(1));
            b.w = picked.get(new NDIndex().addAllDim(rows).addIndices(2));
            b.h = picked.get(new NDIndex().addAllDim(rows).addIndices(3));
            b.d = picked.get(new NDIndex().addAllDim(rows).addIndices(4));
            b.dNext = picked.get(new NDIndex().addAllDim(rows).addIndices(5));
            return b;
        }
    }

    /** The bin quantities of each element, shape [...]. */
    private static final class Bin {
        NDArray x;
        NDArray w;
        NDArray y;
        NDArray h;
        NDArray d;
        NDArray dNext;
    }

    private static Knots knots(NDManager manager, NDArray params, int bins, int trailing) {
        int count = parameterCount(bins);
        Shape shape = params.getShape();
        int axis = shape.dimension() - 1 - trailing;
        if (trailing < 0 || axis < 0) {
            throw new IllegalArgumentException(
                    "parameters of shape " + shape + " have no axis with " + trailing + " axes after it");
        }
        if (shape.get(axis) != count) {
            throw new IllegalArgumentException("a circle spline with " + bins + " bins needs " + count
                    + " parameters per element, got " + shape.get(axis));
        }
        // keep the parameters' first operation in the caller's (step) manager
        NDArray local = params.getManager() == manager
                ? params
                : manager.zeros(new Shape(1), params.getDataType()).add(params);
        double scale = (1 - bins * MIN_BIN_FRACTION) * Angles.TWO_PI;
        // widths and heights together: [..., 2, K, trailing...]
        Shape split = shape.slice(0, axis).add(2, bins).addAll(shape.slice(axis + 1));
        NDArray sizes = local.get(slice(axis, 0, 2 * bins)).reshape(split).softmax(axis + 1);
        sizes = Tensors.scale(sizes, scale).add(MIN_BIN_FRACTION * Angles.TWO_PI);
        NDArray lefts = sizes.cumSum(axis + 1).sub(sizes);
        NDArray derivatives = Activation.softPlus(
                        local.get(slice(axis, 2 * bins, 3 * bins)).add(DERIVATIVE_SHIFT))
                .add(MIN_DERIVATIVE);
        NDArray next = Tensors.roll(derivatives, -1, axis);
        Knots k = new Knots();
        k.bins = bins;
        k.trailing = trailing;
        k.rotation = local.get(new NDIndex().addAllDim(axis).addIndices(3 * bins));
        k.packed = ai.djl.ndarray.NDArrays.concat(
                new ai.djl.ndarray.NDList(lefts, sizes, derivatives.expandDims(axis), next.expandDims(axis)), axis);
        return k;
    }

    private static NDIndex slice(int axis, int from, int to) {
        return new NDIndex().addAllDim(axis).addSliceDim(from, to);
    }
}
