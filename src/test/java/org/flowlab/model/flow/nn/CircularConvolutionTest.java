package org.flowlab.model.flow.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.ParameterSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The circular convolution against direct sums, values and all three gradients, in float64, in
 * its channel-major layout [channels, batch, H, W].
 */
class CircularConvolutionTest {

    private static final int BATCH = 2;
    private static final int H = 3;
    private static final int W = 4;
    private static final int K = 3;

    private static double[] random(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    /** The flat index of in[c, b, (i + a - pad) mod H, (j + d - pad) mod W] (channel-major). */
    private static int source(int b, int c, int i, int j, int a, int d) {
        int row = Math.floorMod(i + a - K / 2, H);
        int column = Math.floorMod(j + d - K / 2, W);
        return ((c * BATCH + b) * H + row) * W + column;
    }

    /**
     * More outputs than inputs (columns gathered) and fewer (products gathered), on all output
     * sites and on stripes of rows or columns.
     */
    @ParameterizedTest(name = "{0} to {1} channels, stripe {2}")
    @CsvSource({"2, 3, none", "3, 2, none", "2, 3, 0:1:2", "3, 2, 1:2:4", "2, 3, 1:1:2", "3, 2, 0:0:2"})
    void valuesAndGradientsMatchDirectSums(int inputs, int outputs, String sites) {
        CircularConvolution.Stripe stripe = null;
        if (!sites.equals("none")) {
            String[] p = sites.split(":");
            stripe = new CircularConvolution.Stripe(
                    Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        }
        int[] rows = kept(stripe, 0, H);
        int[] cols = kept(stripe, 1, W);
        int outH = rows.length;
        int outW = cols.length;
        // given: random input, kernels, biases and an upstream gradient r on a 3 x 4 torus
        SplittableRandom rng = new SplittableRandom(7);
        double[] x = random(rng, BATCH * inputs * H * W);
        double[] w = random(rng, outputs * inputs * K * K);
        double[] bias = random(rng, outputs);
        double[] r = random(rng, BATCH * outputs * outH * outW);
        double[] out = new double[r.length];
        double[] gradX = new double[x.length];
        double[] gradW = new double[w.length];
        double[] gradBias = new double[outputs];
        for (int b = 0; b < BATCH; b++) {
            for (int o = 0; o < outputs; o++) {
                for (int oi = 0; oi < outH; oi++) {
                    for (int oj = 0; oj < outW; oj++) {
                        int i = rows[oi];
                        int j = cols[oj];
                        int at = ((o * BATCH + b) * outH + oi) * outW + oj;
                        double sum = bias[o];
                        for (int c = 0; c < inputs; c++) {
                            for (int a = 0; a < K; a++) {
                                for (int d = 0; d < K; d++) {
                                    int wi = ((o * inputs + c) * K + a) * K + d;
                                    int xi = source(b, c, i, j, a, d);
                                    sum += w[wi] * x[xi];
                                    gradX[xi] += w[wi] * r[at];
                                    gradW[wi] += x[xi] * r[at];
                                }
                            }
                        }
                        out[at] = sum;
                        gradBias[o] += r[at];
                    }
                }
            }
        }
        try (ParameterSet params = new ParameterSet(Device.cpu(), DataType.FLOAT64);
                NDManager scope = params.manager().newSubManager()) {
            CircularConvolution conv = new CircularConvolution(params, "conv", H, W, K, stripe);
            NDArray weight = params.add("w", new Shape(outputs, inputs, K, K), w);
            NDArray biases = params.add("b", new Shape(outputs), bias);
            NDArray input = Tensors.create(scope, x, new Shape(inputs, BATCH, H, W), DataType.FLOAT64);
            input.setRequiresGradient(true);
            // when
            double[] got;
            try (GradientCollector gc = Compute.engine().newGradientCollector()) {
                NDArray y = conv.apply(input, weight, biases);
                assertEquals(new Shape(outputs, BATCH, outH, outW), y.getShape(), "output shape");
                got = Tensors.toDoubles(y);
                gc.backward(y.mul(Tensors.create(scope, r, y.getShape(), DataType.FLOAT64))
                        .sum());
            }
            // then
            assertArrayEquals(out, got, 1e-12, "values");
            assertArrayEquals(gradX, Tensors.toDoubles(input.getGradient()), 1e-12, "input gradient");
            assertArrayEquals(gradW, Tensors.toDoubles(weight.getGradient()), 1e-12, "kernel gradient");
            assertArrayEquals(gradBias, Tensors.toDoubles(biases.getGradient()), 1e-12, "bias gradient");
        }
    }

    /** The indices along one axis that the stripe keeps. */
    private static int[] kept(CircularConvolution.Stripe stripe, int axis, int extent) {
        return java.util.stream.IntStream.range(0, extent)
                .filter(i -> stripe == null
                        || stripe.axis() != axis
                        || (i >= stripe.offset() && (i - stripe.offset()) % stripe.step() == 0))
                .toArray();
    }

    @Test
    void rejectsEvenKernelsAndWrongShapes() {
        try (ParameterSet params = new ParameterSet(Device.cpu(), DataType.FLOAT64)) {
            assertThrows(IllegalArgumentException.class, () -> new CircularConvolution(params, "even", 4, 4, 2));
            CircularConvolution conv = new CircularConvolution(params, "conv", 4, 4, 3);
            NDArray wrongLattice = params.manager().zeros(new Shape(1, 1, 3, 4), DataType.FLOAT64);
            NDArray kernel = params.manager().zeros(new Shape(1, 1, 3, 3), DataType.FLOAT64);
            assertThrows(IllegalArgumentException.class, () -> conv.apply(wrongLattice, kernel, null));
        }
    }
}
