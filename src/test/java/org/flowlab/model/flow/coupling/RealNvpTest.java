package org.flowlab.model.flow.coupling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RealNvpTest {

    private static final int L = 4;
    private FlowModel flow;
    private NDManager manager;

    @BeforeEach
    void setUp() {
        // given: a float64 RealNVP with random non-zero weights, made larger than the default
        // initialisation so that the map is far from the identity
        flow = RealNvp.model(L, new RealNvp.Config(4, 6, 2, 3, true), Device.cpu(), DataType.FLOAT64, 7);
        for (NDArray p : flow.parameters().parameters().values()) {
            p.muli(4.0);
        }
        manager = Compute.newManager(Device.cpu());
    }

    @AfterEach
    void tearDown() {
        manager.close();
        flow.close();
    }

    private double[] randomField(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] z = new double[L * L];
        for (int i = 0; i < z.length; i++) {
            z[i] = r.nextGaussian();
        }
        return z;
    }

    @Test
    void logDetMatchesFiniteDifferenceJacobian() {
        for (long seed = 1; seed <= 3; seed++) {
            // given
            double[] z = randomField(seed);
            NDArray zArr = manager.create(z, new Shape(1, L, L));
            // when
            double logDet = Tensors.toDoubles(flow.transform().forward(zArr).logDet())[0];
            double[][] jac =
                    TestTensors.jacobian(manager, TestTensors.forwardValue(flow.transform()), z, new Shape(L, L), 1e-5);
            double expected = Numerics.logAbsDet(jac);
            // then
            assertTrue(Math.abs(expected) > 0.1, "the test map should have a sizeable log-det");
            double rel = Math.abs(logDet - expected) / Math.abs(expected);
            assertTrue(rel < 1e-4, "log J " + logDet + " vs finite differences " + expected);
        }
    }

    @Test
    void inverseUndoesForwardAndLogDetsCancel() {
        // given
        NDArray z = manager.create(randomField(11), new Shape(1, L, L))
                .concat(manager.create(randomField(12), new Shape(1, L, L)), 0);
        // when
        Transformed fwd = flow.transform().forward(z);
        Transformed inv = flow.transform().inverse(fwd.value());
        // then
        assertArrayEquals(Tensors.toDoubles(z), Tensors.toDoubles(inv.value()), 1e-10);
        double[] sum = Tensors.toDoubles(fwd.logDet().add(inv.logDet()));
        assertArrayEquals(new double[] {0, 0}, sum, 1e-10);
        // and the map is not the identity
        double[] x = Tensors.toDoubles(fwd.value());
        double[] zz = Tensors.toDoubles(z);
        double diff = 0;
        for (int i = 0; i < x.length; i++) {
            diff += Math.abs(x[i] - zz[i]);
        }
        assertTrue(diff > 1.0);
    }

    @Test
    void logQThroughInverseEqualsLogQOfSampling() {
        // given
        FlowSample s = flow.sample(manager, 8, new SplittableRandom(3));
        // when
        NDArray logQ = flow.logQ(s.x());
        // then
        assertArrayEquals(Tensors.toDoubles(s.logQ()), Tensors.toDoubles(logQ), 1e-9);
    }

    @Test
    void everyParameterReceivesAGradient() {
        try (NDManager step = manager.newSubManager();
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            // given
            FlowSample s = flow.sample(step, 4, new SplittableRandom(5));
            // when
            NDArray loss = s.logQ().add(s.x().square().sum(new int[] {1, 2})).mean();
            gc.backward(loss);
            // then
            for (Map.Entry<String, NDArray> e : flow.parameters().parameters().entrySet()) {
                try (NDArray g = e.getValue().getGradient()) {
                    double norm = g.abs().sum().getDouble();
                    assertTrue(norm > 0, "no gradient reached " + e.getKey());
                }
            }
        }
    }

    @Test
    void oddLatticeIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> RealNvp.model(5, RealNvp.Config.tutorial(), Device.cpu(), DataType.FLOAT32, 1));
        assertTrue(e.getMessage().contains("even"), e.getMessage());
    }

    @Test
    void parameterCountMatchesTheArchitecture() {
        // 4 layers of convs 1->6->6->2 with 3x3 kernels and biases
        long perLayer = (1 * 6 * 9 + 6) + (6 * 6 * 9 + 6) + (6 * 2 * 9 + 2);
        assertEquals(4 * perLayer, flow.parameters().count());
    }
}
