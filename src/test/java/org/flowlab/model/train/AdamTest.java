package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.ParameterSet;
import org.junit.jupiter.api.Test;

/**
 * Adam over several parameter arrays, updated through one flat buffer, against the formulas
 * written out in double precision, one number at a time (with the float32 coefficients the fused
 * native call uses).
 */
class AdamTest {

    private static final double LR = 0.05;
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double EPS = 1e-8;

    /** The loss sum_i a_i p_i^2 / 2 + b_i p_i, whose gradient a_i p_i + b_i changes every step. */
    private static double[] gradient(double[] p, int shift) {
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double a = 0.5 + 0.25 * ((i + shift) % 5);
            double b = Math.sin(1.7 * i + shift);
            g[i] = a * p[i] + b;
        }
        return g;
    }

    private static NDArray loss(NDArray p, double[] values, int shift) {
        double[] a = new double[values.length];
        double[] b = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            a[i] = 0.5 + 0.25 * ((i + shift) % 5);
            b[i] = Math.sin(1.7 * i + shift);
        }
        NDManager m = p.getManager();
        NDArray flat = p.reshape(-1);
        NDArray aa = Tensors.create(m, a, new Shape(values.length), DataType.FLOAT64);
        NDArray bb = Tensors.create(m, b, new Shape(values.length), DataType.FLOAT64);
        return flat.square().mul(aa).mul(0.5).add(flat.mul(bb)).sum();
    }

    @Test
    void updatesEveryParameterAsTheTextbookFormulasDoAndClearsTheGradients() {
        // given: three parameter arrays of different shapes, float64, and their reference copies
        Shape[] shapes = {new Shape(2, 3), new Shape(4), new Shape(1, 2, 2)};
        int[] shifts = {0, 1, 2};
        List<double[]> reference = new ArrayList<>();
        List<double[]> m = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        try (ParameterSet params = new ParameterSet(Device.cpu(), DataType.FLOAT64)) {
            List<NDArray> arrays = new ArrayList<>();
            for (int k = 0; k < shapes.length; k++) {
                int n = (int) shapes[k].size();
                double[] init = new double[n];
                for (int i = 0; i < n; i++) {
                    init[i] = 0.3 * Math.cos(i + 2.0 * k) - 0.1 * k;
                }
                arrays.add(params.add("p" + k, shapes[k], init));
                reference.add(init.clone());
                m.add(new double[n]);
                v.add(new double[n]);
            }
            Adam adam = new Adam(params, LR, B1, B2, EPS);
            // when: six steps, each on a freshly computed gradient
            for (int t = 1; t <= 6; t++) {
                try (NDManager step = Compute.newManager(Device.cpu())) {
                    try (GradientCollector collector = Compute.engine().newGradientCollector()) {
                        NDArray total = null;
                        for (int k = 0; k < shapes.length; k++) {
                            NDArray l = loss(arrays.get(k), reference.get(k), shifts[k] + t);
                            total = total == null ? l : total.add(l);
                        }
                        collector.backward(total);
                        List<NDArray> grads = adam.gradients(step);
                        adam.update(Adam.flatten(grads));
                    }
                    // then: the gradients are zero after the update
                    for (NDArray g : adam.gradients(step)) {
                        for (double x : Tensors.toDoubles(g)) {
                            assertEquals(0.0, x, 0.0, "gradient after the update");
                        }
                    }
                }
                // the fused native call takes its coefficients as float32: b1, b2, eps, 1 - b1 and
                // 1 - b2 rounded so, and the step size lr sqrt(1 - b2^t) / (1 - b1^t) as well
                double b1 = 0.9f;
                double b2 = 0.999f;
                double oneMinusB1 = 1f - 0.9f;
                double oneMinusB2 = 1f - 0.999f;
                double eps = 1e-8f;
                double size = (float) (LR * Math.sqrt(1 - Math.pow(B2, t)) / (1 - Math.pow(B1, t)));
                for (int k = 0; k < shapes.length; k++) {
                    double[] p = reference.get(k);
                    double[] g = gradient(p, shifts[k] + t);
                    for (int i = 0; i < p.length; i++) {
                        m.get(k)[i] = b1 * m.get(k)[i] + oneMinusB1 * g[i];
                        v.get(k)[i] = b2 * v.get(k)[i] + oneMinusB2 * g[i] * g[i];
                        p[i] -= m.get(k)[i] * size / (Math.sqrt(v.get(k)[i]) + eps);
                    }
                }
            }
            // then: parameters and both moments agree with the reference
            NDList state = adam.state();
            for (int k = 0; k < shapes.length; k++) {
                assertArrayEquals(reference.get(k), Tensors.toDoubles(arrays.get(k)), 1e-12, "parameter " + k);
                assertArrayEquals(m.get(k), Tensors.toDoubles(state.get(k)), 1e-12, "m of parameter " + k);
                assertArrayEquals(
                        v.get(k), Tensors.toDoubles(state.get(shapes.length + k)), 1e-12, "v of parameter " + k);
                assertEquals(shapes[k], state.get(k).getShape(), "saved m keeps the parameter's shape");
            }
            assertEquals(6, adam.updates());
        }
    }

    @Test
    void savedMomentsLoadIntoTheFlatBuffers() throws Exception {
        // given: an optimiser whose moments were filled by one update, saved
        try (ParameterSet params = new ParameterSet(Device.cpu(), DataType.FLOAT64);
                ParameterSet other = new ParameterSet(Device.cpu(), DataType.FLOAT64)) {
            NDArray a = params.add("a", new Shape(3), new double[] {1, -2, 3});
            NDArray b = params.add("b", new Shape(2), new double[] {0.5, 4});
            other.add("a", new Shape(3), new double[] {0, 0, 0});
            other.add("b", new Shape(2), new double[] {0, 0});
            Adam adam = new Adam(params, 0.1);
            try (NDManager step = Compute.newManager(Device.cpu())) {
                try (GradientCollector collector = Compute.engine().newGradientCollector()) {
                    collector.backward(a.square().sum().add(b.mul(3).sum()));
                    adam.update(Adam.flatten(adam.gradients(step)));
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            adam.saveState(bytes);
            // when
            Adam loaded = new Adam(other, 0.1);
            loaded.loadState(new ByteArrayInputStream(bytes.toByteArray()));
            // then: the flat buffers (what checkpoints copy) hold the saved numbers
            assertArrayEquals(
                    Tensors.toDoubles(adam.moments().get(0)),
                    Tensors.toDoubles(loaded.moments().get(0)),
                    0.0,
                    "m");
            assertArrayEquals(
                    Tensors.toDoubles(adam.moments().get(1)),
                    Tensors.toDoubles(loaded.moments().get(1)),
                    0.0,
                    "v");
            // m = (1 - b1) g with g = (2, -4, 6, 3, 3), 1 - b1 in float32 as the fused call has it
            double c = 1f - 0.9f;
            assertArrayEquals(
                    new double[] {2 * c, -4 * c, 6 * c, 3 * c, 3 * c},
                    Tensors.toDoubles(loaded.moments().get(0)),
                    1e-15);
        }
    }
}
