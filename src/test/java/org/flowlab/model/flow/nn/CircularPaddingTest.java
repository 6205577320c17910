package org.flowlab.model.flow.nn;

import org.flowlab.model.flow.core.ParameterSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

class CircularPaddingTest {

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    /** The reference: periodic padding of the last two axes by slices and concatenations. */
    private static NDArray slicePad(NDArray x, int pad) {
        NDArray rows = wrapAxis(x, 2, pad);
        return wrapAxis(rows, 3, pad);
    }

    private static NDArray wrapAxis(NDArray x, int axis, int pad) {
        long n = x.getShape().get(axis);
        NDArray before = Tensors.narrow(x, axis, n - pad, n);
        NDArray after = Tensors.narrow(x, axis, 0, pad);
        return NDArrays.concat(new NDList(before, x, after), axis);
    }

    @Test
    void padsPeriodicallyLikeSlicingAndConcatenating() {
        for (int pad = 1; pad <= 3; pad++) {
            try (ParameterSet params = new ParameterSet(Device.cpu(), DataType.FLOAT64);
                    NDManager m = Compute.newManager(Device.cpu())) {
                // given: a 3 x 4 lattice (not square) with 2 samples of 3 channels
                CircularPadding padding = new CircularPadding(params, "pad", 3, 4, pad);
                NDArray x = m.create(random(2 * 3 * 3 * 4, pad), new Shape(2, 3, 3, 4));
                // when
                NDArray padded = padding.apply(x);
                // then
                assertEquals(new Shape(2, 3, 3 + 2 * pad, 4 + 2 * pad), padded.getShape());
                assertArrayEquals(
                        Tensors.toDoubles(slicePad(x, pad)), Tensors.toDoubles(padded), 0.0);
                assertEquals(m, padded.getManager(), "the result lives in the input's manager");
            }
        }
    }

    @Test
    void gradientSumsOverEveryCopyOfASite() {
        try (ParameterSet params = new ParameterSet(Device.cpu(), DataType.FLOAT64);
                NDManager m = Compute.newManager(Device.cpu());
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            // given: a random linear functional of the padded field
            CircularPadding padding = new CircularPadding(params, "pad", 4, 4, 1);
            NDArray x = m.create(random(2 * 16, 1), new Shape(2, 1, 4, 4));
            NDArray y = m.create(random(2 * 16, 1), new Shape(2, 1, 4, 4));
            x.setRequiresGradient(true);
            y.setRequiresGradient(true);
            NDArray w = m.create(random(2 * 36, 2), new Shape(2, 1, 6, 6));
            // when: the same functional through the gather and through slices
            gc.backward(padding.apply(x).mul(w).sum().add(slicePad(y, 1).mul(w).sum()));
            // then
            assertArrayEquals(
                    Tensors.toDoubles(y.getGradient()), Tensors.toDoubles(x.getGradient()), 1e-12);
        }
    }

    @Test
    void paddingWiderThanTheLatticeIsRejected() {
        try (ParameterSet params = new ParameterSet(Device.cpu(), DataType.FLOAT32)) {
            assertThrows(IllegalArgumentException.class, () -> new CircularPadding(params, "pad", 4, 4, 5));
        }
    }
}
