package org.flowlab.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.lattice.Target;
import org.flowlab.testing.Angles;
import org.flowlab.testing.Numerics;
import org.flowlab.testing.TestTensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every flow family in the catalogue keeps, checked in float64 on a small target of
 * the first theory it fits, with random non-zero weights (the initial weights plus noise, so no
 * layer starts as the identity): the inverse undoes the forward map and their log-determinants
 * cancel; the log-determinant is log |det J| of a finite-difference Jacobian; and the density
 * of a sample equals the density evaluated through the inverse. Angles are compared modulo 2π.
 * Continuous flows agree with themselves only up to the integration error of RK4 with 64 steps.
 */
class FlowContractTest {

    private static final int BATCH = 6;

    /** Small sizes for whichever of these parameters a flow family has. */
    private static final Map<String, String> SMALL =
            Map.of("layers", "2", "hidden", "4", "hiddenLayers", "1", "bins", "4", "features", "2", "odeSteps", "64");

    static List<String> flows() {
        return Catalog.flows().stream().map(Kind::id).toList();
    }

    /** A flow of a family with noisy weights, and the target of the first theory it fits. */
    private record Built(FlowModel flow, Target target) {}

    private static Built build(FlowKind kind, long seed) {
        TheoryKind theory =
                Catalog.theories().stream().filter(kind::supports).findFirst().orElseThrow();
        Map<String, String> size =
                theory.params().stream().anyMatch(p -> p.key().equals("L")) ? Map.of("L", "4") : Map.of();
        Target target = theory.create(theory.settings(size));
        Map<String, String> raw = new HashMap<>();
        kind.params().forEach(p -> {
            if (SMALL.containsKey(p.key())) {
                raw.put(p.key(), SMALL.get(p.key()));
            }
        });
        Settings settings = kind.resolve(target, kind.settings(raw));
        kind.check(target, settings);
        FlowModel flow = kind.create(target, settings, Device.cpu(), DataType.FLOAT64, seed);
        SplittableRandom rng = new SplittableRandom(seed + 1);
        for (NDArray p : flow.parameters().parameters().values()) {
            double[] noise = new double[(int) p.size()];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = 0.1 * rng.nextGaussian();
            }
            try (NDManager scratch = Compute.newManager(Device.cpu())) {
                NDArray sum = p.add(scratch.create(noise, p.getShape()));
                p.set(new NDIndex("..."), sum);
            }
        }
        return new Built(flow, target);
    }

    /** Coupling flows invert exactly; a continuous flow only up to its integration error. */
    private static double tolerance(double exact, double continuous, FlowKind kind) {
        return "cnf".equals(kind.id()) ? continuous : exact;
    }

    private static double distance(Target target, double a, double b) {
        return target.periodic() ? Math.abs(Angles.difference(a, b)) : Math.abs(a - b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void inverseUndoesForwardAndTheLogDeterminantsCancel(String id) {
        FlowKind kind = Catalog.flow(id);
        Built b = build(kind, 11);
        try (FlowModel flow = b.flow();
                NDManager m = Compute.newManager(Device.cpu())) {
            // given
            NDArray z = flow.prior().sample(m, BATCH, new SplittableRandom(3), DataType.FLOAT64);
            // when
            Transformed forth = flow.transform().forward(z);
            Transformed back = flow.transform().inverse(forth.value());
            // then
            double[] zs = Tensors.toDoubles(z);
            double[] zBack = Tensors.toDoubles(back.value());
            double tol = tolerance(1e-9, 1e-5, kind);
            for (int i = 0; i < zs.length; i++) {
                assertTrue(
                        distance(b.target(), zs[i], zBack[i]) < tol,
                        id + ": z[" + i + "] " + zs[i] + " came back as " + zBack[i]);
            }
            double[] sum = Tensors.toDoubles(forth.logDet().add(back.logDet()));
            for (double s : sum) {
                assertEquals(0, s, tol, id + ": log det of forward plus inverse");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void logDeterminantIsThatOfTheFiniteDifferenceJacobian(String id) {
        FlowKind kind = Catalog.flow(id);
        Built b = build(kind, 12);
        try (FlowModel flow = b.flow();
                NDManager m = Compute.newManager(Device.cpu())) {
            // given: one point, away from the ends of [0, 2π) for angles
            Shape event = b.target().eventShape();
            NDArray z = flow.prior().sample(m, 1, new SplittableRandom(4), DataType.FLOAT64);
            double[] x0 = Tensors.toDoubles(z);
            if (b.target().periodic()) {
                for (int i = 0; i < x0.length; i++) {
                    x0[i] = 0.5 + 0.8 * x0[i] * (2 * Math.PI - 1) / (2 * Math.PI);
                }
            }
            NDArray point = m.create(x0, new Shape(1).addAll(event));
            // when
            double logDet = Tensors.toDoubles(flow.transform().forward(point).logDet())[0];
            Function<NDArray, NDArray> map = TestTensors.forwardValue(flow.transform());
            double[][] jacobian = b.target().periodic()
                    ? Angles.jacobian(m, map, x0, event, 1e-5)
                    : TestTensors.jacobian(m, map, x0, event, 1e-5);
            // then
            double expected = Numerics.logAbsDet(jacobian);
            assertEquals(expected, logDet, tolerance(1e-6, 1e-4, kind) * Math.max(1, Math.abs(expected)), id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void densityOfASampleEqualsTheDensityThroughTheInverse(String id) {
        FlowKind kind = Catalog.flow(id);
        Built b = build(kind, 13);
        try (FlowModel flow = b.flow();
                NDManager m = Compute.newManager(Device.cpu())) {
            // when
            FlowSample s = flow.sample(m, BATCH, new SplittableRandom(5));
            double[] sampled = Tensors.toDoubles(s.logQ());
            double[] evaluated = Tensors.toDoubles(flow.logQ(s.x()));
            // then
            for (int i = 0; i < BATCH; i++) {
                assertTrue(Double.isFinite(sampled[i]), id + ": log q " + sampled[i]);
                assertEquals(
                        sampled[i], evaluated[i], tolerance(1e-9, 1e-5, kind) * Math.max(1, Math.abs(sampled[i])), id);
            }
        }
    }
}
