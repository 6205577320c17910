package org.flowlab.model.flow.circle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.flowlab.model.flow.core.UniformCirclePrior;
import org.flowlab.testing.Angles;
import org.flowlab.testing.Numerics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CircleFlowTest {

    private static final double TWO_PI = 2 * Math.PI;
    private static final Shape EVENT = new Shape(3);

    private FlowModel flow;
    private NDManager manager;

    @BeforeEach
    void setUp() {
        // given: three angles, three layers of 6-bin splines with rotations, raw parameters
        // scaled up so that the flow is far from the identity
        flow = CircleFlow.model(EVENT, new CircleFlow.Config(3, 6), Device.cpu(), DataType.FLOAT64, 4);
        for (NDArray p : flow.parameters().parameters().values()) {
            p.muli(5.0);
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

    @Test
    void logDetMatchesFiniteDifferenceJacobian() {
        for (long seed = 1; seed <= 3; seed++) {
            // given
            double[] z = randomAngles(seed, 3);
            // when
            double logDet = Tensors.toDoubles(
                    flow.transform().forward(manager.create(z, new Shape(1, 3))).logDet())[0];
            double[][] jac =
                    Angles.jacobian(manager, x -> flow.transform().forward(x).value(), z, EVENT, 1e-6);
            double expected = Numerics.logAbsDet(jac);
            // then
            assertTrue(Math.abs(expected) > 0.1, "the test map should have a sizeable log-det: " + expected);
            assertEquals(expected, logDet, 1e-4 * Math.abs(expected), "log J vs finite differences");
        }
    }

    @Test
    void inverseUndoesForwardAndLogDetsCancel() {
        // given
        NDArray z = manager.create(randomAngles(5, 3 * 100), new Shape(100, 3));
        // when
        Transformed fwd = flow.transform().forward(z);
        Transformed inv = flow.transform().inverse(fwd.value());
        // then
        assertTrue(Angles.maxDistance(Tensors.toDoubles(z), Tensors.toDoubles(inv.value())) < 1e-9);
        for (double s : Tensors.toDoubles(fwd.logDet().add(inv.logDet()))) {
            assertEquals(0, s, 1e-9);
        }
        assertTrue(Angles.maxDistance(Tensors.toDoubles(z), Tensors.toDoubles(fwd.value())) > 0.5);
    }

    @Test
    void modelDensityIsNormalisedOnTheCircle() {
        // given: one angle, so q can be integrated on a fine grid
        try (FlowModel one =
                CircleFlow.model(new Shape(1), new CircleFlow.Config(2, 8), Device.cpu(), DataType.FLOAT64, 8)) {
            for (NDArray p : one.parameters().parameters().values()) {
                p.muli(5.0);
            }
            int n = 20000;
            double[] grid = new double[n];
            for (int i = 0; i < n; i++) {
                grid[i] = TWO_PI * (i + 0.5) / n;
            }
            // when: the midpoint rule, spectrally accurate for a smooth periodic density
            double[] logQ = Tensors.toDoubles(one.logQ(manager.create(grid, new Shape(n, 1))));
            double integral = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (double l : logQ) {
                integral += Math.exp(l) * TWO_PI / n;
                max = Math.max(max, l);
            }
            // then: normalised, and far from the uniform density 1/2pi
            assertEquals(1.0, integral, 1e-6);
            assertTrue(max > -Math.log(TWO_PI) + 0.5, "the test density should be far from uniform");
        }
    }

    @Test
    void logQThroughInverseEqualsLogQOfSamplingAndSamplesLieInTheCircle() {
        // given
        FlowSample s = flow.sample(manager, 64, new SplittableRandom(3));
        // when
        NDArray logQ = flow.logQ(s.x());
        // then
        assertArrayEquals(Tensors.toDoubles(s.logQ()), Tensors.toDoubles(logQ), 1e-9);
        for (double v : Tensors.toDoubles(s.x())) {
            assertTrue(v >= 0 && v < TWO_PI, "angle out of [0, 2pi): " + v);
        }
    }

    @Test
    void uniformPriorIsTheHaarDensity() {
        // given
        UniformCirclePrior prior = new UniformCirclePrior(new Shape(2, 4, 4));
        NDArray z = prior.sample(manager, 5, new SplittableRandom(1), DataType.FLOAT64);
        // when
        double[] logR = Tensors.toDoubles(prior.logProb(z));
        // then
        assertEquals(new Shape(5, 2, 4, 4), z.getShape());
        assertArrayEquals(
                new double[] {
                    -32 * Math.log(TWO_PI),
                    -32 * Math.log(TWO_PI),
                    -32 * Math.log(TWO_PI),
                    -32 * Math.log(TWO_PI),
                    -32 * Math.log(TWO_PI)
                },
                logR,
                1e-12);
        assertEquals(-32 * Math.log(TWO_PI), prior.logDensity(), 1e-12);
        for (double v : Tensors.toDoubles(z)) {
            assertTrue(v >= 0 && v < TWO_PI);
        }
    }

    @Test
    void everyParameterReceivesAGradientThroughForwardAndInverse() {
        for (boolean throughInverse : new boolean[] {false, true}) {
            try (NDManager step = manager.newSubManager();
                    GradientCollector gc = Compute.engine().newGradientCollector()) {
                // given
                NDArray loss;
                if (throughInverse) {
                    loss = flow.logQ(step.create(randomAngles(9, 3 * 256), new Shape(256, 3)))
                            .mean()
                            .neg();
                } else {
                    FlowSample s = flow.sample(step, 256, new SplittableRandom(5));
                    loss = s.logQ().add(s.x().cos().sum(new int[] {1})).mean();
                }
                // when
                gc.backward(loss);
                // then: every raw number of every spline
                for (Map.Entry<String, NDArray> e :
                        flow.parameters().parameters().entrySet()) {
                    for (double g : Tensors.toDoubles(e.getValue().getGradient())) {
                        assertTrue(
                                g != 0,
                                "a parameter of " + e.getKey() + " got no gradient"
                                        + (throughInverse ? " through the inverse" : ""));
                    }
                }
            }
        }
    }
}
