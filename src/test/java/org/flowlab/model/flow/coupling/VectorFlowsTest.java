package org.flowlab.model.flow.coupling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.testing.Numerics;
import org.flowlab.testing.TestTensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plane flows (coupling2d, affine2d) against the bijection contract, in float64. */
class VectorFlowsTest {

    private static FlowModel build(String kind) {
        FlowModel f = kind.equals("coupling2d")
                ? Coupling2d.model(4, 16, 2, Device.cpu(), DataType.FLOAT64, 3)
                : Affine2d.model(Device.cpu(), DataType.FLOAT64, 3);
        // random, sizeable parameters so the map is far from the identity
        SplittableRandom r = new SplittableRandom(5);
        try (NDManager m = Compute.newManager(Device.cpu())) {
            for (NDArray p : f.parameters().parameters().values()) {
                double[] noise = new double[(int) p.size()];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = 0.8 * r.nextGaussian();
                }
                p.addi(m.create(noise, p.getShape()));
            }
        }
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"coupling2d", "affine2d"})
    void logDetMatchesFiniteDifferencesAndInverseRoundTrips(String kind) {
        try (FlowModel flow = build(kind);
                NDManager m = Compute.newManager(Device.cpu())) {
            SplittableRandom r = new SplittableRandom(8);
            for (int trial = 0; trial < 4; trial++) {
                // given
                double[] z = {r.nextGaussian() * 2, r.nextGaussian() * 2};
                // when
                Transformed fwd = flow.transform().forward(m.create(z, new Shape(1, 2)));
                double logDet = Tensors.toDoubles(fwd.logDet())[0];
                double[][] jac =
                        TestTensors.jacobian(m, TestTensors.forwardValue(flow.transform()), z, new Shape(2), 1e-6);
                Transformed inv = flow.transform().inverse(fwd.value());
                // then
                double expected = Numerics.logAbsDet(jac);
                assertTrue(
                        Math.abs(logDet - expected) <= 1e-4 * Math.max(1, Math.abs(expected)),
                        kind + ": log J " + logDet + " vs " + expected);
                assertArrayEquals(z, Tensors.toDoubles(inv.value()), 1e-9);
                assertArrayEquals(
                        new double[] {0}, Tensors.toDoubles(fwd.logDet().add(inv.logDet())), 1e-9);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"coupling2d", "affine2d"})
    void everyParameterGetsAGradient(String kind) {
        try (FlowModel flow = build(kind);
                NDManager step = Compute.newManager(Device.cpu());
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            FlowSample s = flow.sample(step, 8, new SplittableRandom(1));
            gc.backward(s.logQ().add(s.x().square().sum(new int[] {1})).mean());
            for (Map.Entry<String, NDArray> e : flow.parameters().parameters().entrySet()) {
                try (NDArray g = e.getValue().getGradient()) {
                    assertTrue(g.abs().sum().getDouble() > 0, kind + ": no gradient for " + e.getKey());
                }
            }
        }
    }
}
