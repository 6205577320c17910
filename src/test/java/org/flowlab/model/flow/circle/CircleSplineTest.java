package org.flowlab.model.flow.circle;

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
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.testing.Angles;
import org.flowlab.testing.Numerics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CircleSplineTest {

    private static final double TWO_PI = 2 * Math.PI;
    private static final int BINS = 5;
    private static final int N = 6;

    private NDManager manager;
    private ParameterSet params;
    private CircleSplineLayer layer;

    @BeforeEach
    void setUp() {
        manager = Compute.newManager(Device.cpu());
        params = new ParameterSet(Device.cpu(), DataType.FLOAT64);
        // given: six angles, each with its own spline; raw parameters scaled up from the
        // initialisation so that every map is far from the identity
        layer = new CircleSplineLayer(params, "spline", new Shape(N), BINS, new SplittableRandom(3));
        for (NDArray p : params.parameters().values()) {
            p.muli(6.0);
        }
    }

    @AfterEach
    void tearDown() {
        manager.close();
        params.close();
    }

    private static double[] randomAngles(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = TWO_PI * r.nextDouble();
        }
        return x;
    }

    private NDArray randomParams(long seed, Shape shape, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * r.nextGaussian();
        }
        return manager.create(v, shape);
    }

    @Test
    void logDetMatchesFiniteDifferenceJacobian() {
        for (long seed = 1; seed <= 3; seed++) {
            // given
            double[] x = randomAngles(seed, N);
            // when
            double logDet = Tensors.toDoubles(
                    layer.forward(manager.create(x, new Shape(1, N))).logDet())[0];
            double[][] jac = Angles.jacobian(manager, z -> layer.forward(z).value(), x, new Shape(N), 1e-6);
            double expected = Numerics.logAbsDet(jac);
            // then
            assertTrue(Math.abs(expected) > 0.1, "the test map should have a sizeable log-det: " + expected);
            assertEquals(expected, logDet, 1e-4 * Math.abs(expected), "log J vs finite differences");
        }
    }

    @Test
    void parametersAlongAnAxisBeforeTheLatticeAxesGiveTheSameMapAsParametersLast() {
        // given: a batch of 3 x 4 x 4 angles and their parameters, channels first as a
        // convolution gives them, [3, 3K + 1, 4, 4], and the same numbers parameters-last
        NDArray theta = manager.create(randomAngles(11, 3 * 16), new Shape(3, 4, 4));
        NDArray first = randomParams(12, new Shape(3, CircleSpline.parameterCount(BINS), 4, 4), 2.0);
        NDArray last = first.transpose(0, 2, 3, 1);
        // when
        CircleSpline.Output viaFirst = CircleSpline.forward(theta, first, BINS, true, 2);
        CircleSpline.Output viaLast = CircleSpline.forward(theta, last, BINS, true);
        CircleSpline.Output backFirst = CircleSpline.inverse(viaFirst.value(), first, BINS, true, 2);
        CircleSpline.Output backLast = CircleSpline.inverse(viaLast.value(), last, BINS, true);
        // then: the same values and log-derivatives, forward and inverse
        assertArrayEquals(Tensors.toDoubles(viaLast.value()), Tensors.toDoubles(viaFirst.value()), 1e-12);
        assertArrayEquals(
                Tensors.toDoubles(viaLast.logDerivative()), Tensors.toDoubles(viaFirst.logDerivative()), 1e-12);
        assertArrayEquals(Tensors.toDoubles(backLast.value()), Tensors.toDoubles(backFirst.value()), 1e-12);
        assertArrayEquals(
                Tensors.toDoubles(backLast.logDerivative()), Tensors.toDoubles(backFirst.logDerivative()), 1e-12);
        assertEquals(new Shape(3, 4, 4), viaFirst.value().getShape());
        // and the map is far from the identity, and the inverse undoes it
        assertTrue(Angles.maxDistance(Tensors.toDoubles(theta), Tensors.toDoubles(viaFirst.value())) > 0.5);
        assertTrue(Angles.maxDistance(Tensors.toDoubles(theta), Tensors.toDoubles(backFirst.value())) < 1e-9);
    }

    @Test
    void inverseUndoesForwardAndLogDetsCancel() {
        // given
        NDArray x = manager.create(randomAngles(7, 64 * N), new Shape(64, N));
        // when
        Transformed fwd = layer.forward(x);
        Transformed inv = layer.inverse(fwd.value());
        // then
        assertTrue(Angles.maxDistance(Tensors.toDoubles(x), Tensors.toDoubles(inv.value())) < 1e-9);
        for (double s : Tensors.toDoubles(fwd.logDet().add(inv.logDet()))) {
            assertEquals(0, s, 1e-9);
        }
        // and the map is far from the identity
        assertTrue(Angles.maxDistance(Tensors.toDoubles(x), Tensors.toDoubles(fwd.value())) > 0.5);
    }

    @Test
    void outputsLieInTheCircleAndBoundaryAnglesAreHandled() {
        // given: angles on and just around the ends of [0, 2 pi), and at every knot
        double tiny = 1e-16;
        double[] edge = {0, tiny, TWO_PI - 4e-16, TWO_PI, -tiny, TWO_PI + 1e-15};
        NDArray x = manager.create(edge, new Shape(1, N));
        // when
        Transformed fwd = layer.forward(x);
        Transformed inv = layer.inverse(fwd.value());
        Transformed invOfEdges = layer.inverse(x);
        // then: finite, in range, consistent modulo 2 pi
        for (Transformed t : new Transformed[] {fwd, inv, invOfEdges}) {
            for (double v : Tensors.toDoubles(t.value())) {
                assertTrue(v >= 0 && v < TWO_PI, "out of [0, 2pi): " + v);
            }
            assertTrue(Double.isFinite(Tensors.toDoubles(t.logDet())[0]));
        }
        assertTrue(Angles.maxDistance(edge, Tensors.toDoubles(inv.value())) < 1e-9);
    }

    @Test
    void circularSplineIsContinuousWithItsDerivativeAcrossTheWrap() {
        // given: one spline, per-element parameters far from the identity
        NDArray p = randomParams(5, new Shape(CircleSpline.parameterCount(BINS)), 2.0);
        NDArray x = manager.create(new double[] {1e-12, TWO_PI - 1e-12});
        // when
        CircleSpline.Output out = CircleSpline.forward(x, p, BINS);
        double[] y = Tensors.toDoubles(out.value());
        double[] logD = Tensors.toDoubles(out.logDerivative());
        // then: h(0+) and h(2 pi-) agree modulo 2 pi, and so do h'(0+) and h'(2 pi-)
        assertEquals(0, Angles.difference(y[0], y[1]), 1e-9);
        assertEquals(logD[0], logD[1], 1e-9);
    }

    @Test
    void zeroParametersGiveTheIdentity() {
        // given
        NDArray p = manager.zeros(new Shape(CircleSpline.parameterCount(BINS)), DataType.FLOAT64);
        double[] angles = randomAngles(9, 20);
        NDArray x = manager.create(angles);
        // when
        CircleSpline.Output out = CircleSpline.forward(x, p, BINS);
        // then
        assertArrayEquals(angles, Tensors.toDoubles(out.value()), 1e-12);
        assertArrayEquals(new double[20], Tensors.toDoubles(out.logDerivative()), 1e-12);
    }

    @Test
    void perElementParametersAreDifferentiableThroughForwardAndInverse() {
        // given: a conditional use, every element of a [4, 3] batch with its own spline
        Shape shape = new Shape(4, 3, CircleSpline.parameterCount(BINS));
        try (NDManager step = manager.newSubManager();
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            NDArray p = randomParams(11, shape, 1.5);
            p.setRequiresGradient(true);
            NDArray x = manager.create(randomAngles(12, 12), new Shape(4, 3));
            x.setRequiresGradient(true);
            NDArray xs = step.zeros(new Shape(1), DataType.FLOAT64).add(x);
            // when
            CircleSpline.Output fwd = CircleSpline.forward(xs, p, BINS);
            CircleSpline.Output inv = CircleSpline.inverse(xs, p, BINS);
            NDArray loss = fwd.value()
                    .sin()
                    .add(fwd.logDerivative())
                    .add(inv.value().cos())
                    .add(inv.logDerivative())
                    .sum();
            gc.backward(loss);
            // then: every raw parameter and every input angle gets a gradient
            double[] g = Tensors.toDoubles(p.getGradient());
            int count = CircleSpline.parameterCount(BINS);
            for (int e = 0; e < 12; e++) {
                double norm = 0;
                for (int k = 0; k < count; k++) {
                    norm += Math.abs(g[e * count + k]);
                }
                assertTrue(norm > 0, "element " + e + " got no parameter gradient");
            }
            for (double v : Tensors.toDoubles(x.getGradient())) {
                assertTrue(v != 0 && Double.isFinite(v));
            }
        }
    }

    @Test
    void inputGradientIsTheAnalyticDerivative() {
        // given
        NDArray p = randomParams(13, new Shape(3, CircleSpline.parameterCount(BINS)), 2.0);
        try (NDManager step = manager.newSubManager();
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            NDArray x = step.create(randomAngles(14, 3), new Shape(1, 3));
            x.setRequiresGradient(true);
            // when
            CircleSpline.Output out = CircleSpline.forward(x, p, BINS);
            gc.backward(out.value().sum());
            // then: d h / d theta = exp(log h')
            assertArrayEquals(Tensors.toDoubles(out.logDerivative().exp()), Tensors.toDoubles(x.getGradient()), 1e-10);
        }
    }

    @Test
    void everyLayerParameterReceivesAGradientThroughTheInverse() {
        try (NDManager step = manager.newSubManager();
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            // given
            NDArray x = step.create(randomAngles(15, 256 * N), new Shape(256, N));
            // when: a forward-KL-like loss that only uses the inverse
            Transformed inv = layer.inverse(x);
            gc.backward(inv.logDet().add(inv.value().cos().sum(new int[] {1})).mean());
            // then
            double[] g =
                    Tensors.toDoubles(params.parameters().get("spline.spline").getGradient());
            int count = CircleSpline.parameterCount(BINS);
            for (int e = 0; e < N; e++) {
                for (int k = 0; k < count; k++) {
                    assertTrue(g[e * count + k] != 0, "no gradient on parameter " + k + " of angle " + e);
                }
            }
        }
    }

    @Test
    void wrongParameterCountIsRejected() {
        NDArray p = manager.zeros(new Shape(7), DataType.FLOAT64);
        NDArray x = manager.zeros(new Shape(2), DataType.FLOAT64);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CircleSpline.forward(x, p, BINS));
        assertTrue(e.getMessage().contains("16 parameters"), e.getMessage());
    }
}
