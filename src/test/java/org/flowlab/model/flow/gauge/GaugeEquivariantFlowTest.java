package org.flowlab.model.flow.gauge;

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
import org.flowlab.model.flow.core.Bijection;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.lattice.U1Links;
import org.flowlab.testing.Angles;
import org.flowlab.testing.Numerics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GaugeEquivariantFlowTest {

    private static final int L = 4;
    private static final int V = L * L;
    private static final double TWO_PI = 2 * Math.PI;

    private FlowModel flow;
    private GaugeEquivariantFlow gauge;
    private NDManager manager;
    private final U1GaugeTheory theory = new U1GaugeTheory(L, 1.5);

    @BeforeEach
    void setUp() {
        // given: eight layers (every direction and offset once) with random non-zero weights,
        // scaled up from the initialisation so that each plaquette map is far from the identity
        flow = GaugeEquivariantFlow.model(
                L, new GaugeEquivariantFlow.Config(8, 4, 1, 3, 4), Device.cpu(), DataType.FLOAT64, 5);
        gauge = (GaugeEquivariantFlow) flow.transform();
        for (NDArray p : flow.parameters().parameters().values()) {
            p.muli(2.0);
        }
        manager = Compute.newManager(Device.cpu());
    }

    @AfterEach
    void tearDown() {
        manager.close();
        flow.close();
    }

    private static double[] randomAngles(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = TWO_PI * r.nextDouble();
        }
        return x;
    }

    private NDArray links(double[] values) {
        return manager.create(values, new Shape(values.length / (2 * V), 2, L, L));
    }

    private double logDetByFiniteDifferences(Bijection b, double[] theta) {
        double[][] jac = Angles.jacobian(manager, x -> b.forward(x).value(), theta, new Shape(2, L, L), 1e-6);
        return Numerics.logAbsDet(jac);
    }

    @Test
    void eachCouplingLogDetMatchesFiniteDifferenceJacobian() {
        for (int i = 0; i < gauge.layers().size(); i++) {
            Bijection layer = gauge.layers().get(i);
            double largest = 0;
            for (int k = 0; k < 2; k++) {
                // given
                double[] theta = randomAngles(100 + 10 * i + k, 2 * V);
                // when
                double logDet = Tensors.toDoubles(layer.forward(links(theta)).logDet())[0];
                double expected = logDetByFiniteDifferences(layer, theta);
                // then: relative 1e-4 (absolute 1e-6 where the sum over the few active plaquettes happens to be tiny)
                assertEquals(
                        expected,
                        logDet,
                        Math.max(1e-4 * Math.abs(expected), 1e-6),
                        "layer " + i + ": log J vs finite differences");
                largest = Math.max(largest, Math.abs(expected));
            }
            assertTrue(largest > 0.1, "layer " + i + " should have a sizeable log-det: " + largest);
        }
    }

    @Test
    void flowLogDetMatchesFiniteDifferenceJacobian() {
        // given
        double[] theta = randomAngles(1, 2 * V);
        // when
        double logDet = Tensors.toDoubles(gauge.forward(links(theta)).logDet())[0];
        double expected = logDetByFiniteDifferences(gauge, theta);
        // then
        assertTrue(Math.abs(expected) > 0.5, "the flow should have a sizeable log-det: " + expected);
        assertEquals(expected, logDet, 1e-4 * Math.abs(expected), "log J vs finite differences");
    }

    @Test
    void inverseUndoesForwardAndLogDetsCancel() {
        // given
        NDArray theta = links(randomAngles(21, 8 * 2 * V));
        for (int i = 0; i <= gauge.layers().size(); i++) {
            Bijection b = i < gauge.layers().size() ? gauge.layers().get(i) : gauge;
            // when
            Transformed fwd = b.forward(theta);
            Transformed inv = b.inverse(fwd.value());
            // then
            assertTrue(
                    Angles.maxDistance(Tensors.toDoubles(theta), Tensors.toDoubles(inv.value())) < 1e-9, "layer " + i);
            for (double s : Tensors.toDoubles(fwd.logDet().add(inv.logDet()))) {
                assertEquals(0, s, 1e-9, "layer " + i);
            }
            assertTrue(
                    Angles.maxDistance(Tensors.toDoubles(theta), Tensors.toDoubles(fwd.value())) > 0.3,
                    "layer " + i + " is nearly the identity");
        }
    }

    @Test
    void couplingChangesOnlyActiveLinksAndMapsOnlyActivePlaquettes() {
        for (int i = 0; i < 8; i++) {
            // given: layer i updates direction mu on the stripe x_nu = o (mod 4), nu = 1 - mu
            int mu = i % 2;
            int offset = i / 2;
            double[] theta = randomAngles(40 + i, 2 * V);
            // when
            double[] out = Tensors.toDoubles(
                    gauge.layers().get(i).forward(links(theta)).value());
            double[] before = theory.plaquetteAngles(theta);
            double[] after = theory.plaquetteAngles(out);
            // then
            for (int t = 0; t < L; t++) {
                for (int x = 0; x < L; x++) {
                    int site = t * L + x;
                    int stripe = Math.floorMod((mu == 0 ? x : t) - offset, 4);
                    for (int m = 0; m < 2; m++) {
                        double moved = Math.abs(Angles.difference(out[m * V + site], theta[m * V + site]));
                        if (m == mu && stripe == 0) {
                            assertTrue(
                                    moved > 1e-6, "active link " + m + "," + site + " of layer " + i + " did not move");
                        } else {
                            assertEquals(
                                    0, moved, 1e-12, "link " + m + "," + site + " of layer " + i + " is not active");
                        }
                    }
                    double plaquetteChange = Math.abs(Angles.difference(after[site], before[site]));
                    if (stripe == 1 || stripe == 2) {
                        assertEquals(
                                0, plaquetteChange, 1e-12, "frozen plaquette " + site + " of layer " + i + " changed");
                    } else {
                        assertTrue(plaquetteChange > 1e-6, "plaquette " + site + " of layer " + i + " should change");
                    }
                }
            }
        }
    }

    @Test
    void flowCommutesWithGaugeTransformations() {
        // given: random links and a random gauge transformation alpha(x)
        int batch = 4;
        NDArray theta = links(randomAngles(31, batch * 2 * V));
        NDArray alpha = manager.create(randomAngles(32, batch * V), new Shape(batch, L, L));
        NDArray transformed = org.flowlab.model.lattice.Angles.wrap(U1Links.gaugeTransform(theta, alpha));
        // when
        Transformed ofGauge = gauge.forward(transformed);
        Transformed plain = gauge.forward(theta);
        NDArray gaugeOfFlow = U1Links.gaugeTransform(plain.value(), alpha);
        // then: f(g theta) = g f(theta) mod 2 pi, with the same log-det
        assertTrue(Angles.maxDistance(Tensors.toDoubles(ofGauge.value()), Tensors.toDoubles(gaugeOfFlow)) < 1e-9);
        assertArrayEquals(Tensors.toDoubles(plain.logDet()), Tensors.toDoubles(ofGauge.logDet()), 1e-9);
        // and the action and Q of the outputs agree, so do log q of the outputs and of their transforms
        assertArrayEquals(
                Tensors.toDoubles(theory.action(plain.value())),
                Tensors.toDoubles(theory.action(ofGauge.value())),
                1e-9);
        assertArrayEquals(
                Tensors.toDoubles(U1Links.topCharge(plain.value())),
                Tensors.toDoubles(U1Links.topCharge(ofGauge.value())),
                0);
        assertArrayEquals(
                Tensors.toDoubles(flow.logQ(plain.value())), Tensors.toDoubles(flow.logQ(ofGauge.value())), 1e-9);
        assertArrayEquals(Tensors.toDoubles(flow.logQ(theta)), Tensors.toDoubles(flow.logQ(transformed)), 1e-9);
    }

    @Test
    void samplesAreLinksInTheCircleWithConsistentLogQ() {
        // given
        FlowSample s = flow.sample(manager, 32, new SplittableRandom(3));
        // when
        NDArray logQ = flow.logQ(s.x());
        // then
        for (double v : Tensors.toDoubles(s.x())) {
            assertTrue(v >= 0 && v < TWO_PI, "link out of [0, 2pi): " + v);
        }
        assertArrayEquals(Tensors.toDoubles(s.logQ()), Tensors.toDoubles(logQ), 1e-9);
    }

    @Test
    void everyParameterReceivesAGradientThroughForwardAndInverse() {
        for (boolean throughInverse : new boolean[] {false, true}) {
            try (NDManager step = manager.newSubManager();
                    GradientCollector gc = Compute.engine().newGradientCollector()) {
                // given
                NDArray loss;
                if (throughInverse) {
                    // forward KL: -log q of given configurations
                    NDArray data = step.create(randomAngles(61, 8 * 2 * V), new Shape(8, 2, L, L));
                    loss = flow.logQ(data).mean().neg();
                } else {
                    // reverse KL: log q + S of model samples
                    FlowSample s = flow.sample(step, 8, new SplittableRandom(5));
                    loss = s.logQ().add(theory.action(s.x())).mean();
                }
                // when
                gc.backward(loss);
                // then
                for (Map.Entry<String, NDArray> e :
                        flow.parameters().parameters().entrySet()) {
                    try (NDArray g = e.getValue().getGradient()) {
                        double norm = g.abs().sum().getDouble();
                        assertTrue(
                                norm > 0,
                                "no gradient reached " + e.getKey() + (throughInverse ? " through the inverse" : ""));
                    }
                }
            }
        }
    }

    @Test
    void latticeSizeMustBeAMultipleOfFour() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> GaugeEquivariantFlow.model(
                        6, GaugeEquivariantFlow.Config.tutorial(), Device.cpu(), DataType.FLOAT32, 1));
        assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());
    }

    @Test
    void parameterCountMatchesTheArchitecture() {
        // 8 layers of convs 2 -> 4 -> 13 (3 x 4 bins + 1) with 3 x 3 kernels and biases
        long perLayer = (2 * 4 * 9 + 4) + (4 * 13 * 9 + 13);
        assertEquals(8 * perLayer, flow.parameters().count());
    }
}
