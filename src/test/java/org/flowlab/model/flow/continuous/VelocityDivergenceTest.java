package org.flowlab.model.flow.continuous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.testing.TestTensors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every velocity's analytic divergence against the trace of a finite-difference Jacobian. */
class VelocityDivergenceTest {

    private static final int L = 4;

    private ParameterSet params;
    private NDManager manager;

    @BeforeEach
    void setUp() {
        params = new ParameterSet(Device.cpu(), DataType.FLOAT64);
        manager = Compute.newManager(Device.cpu());
    }

    @AfterEach
    void tearDown() {
        manager.close();
        params.close();
    }

    /** A velocity with random non-zero weights, and the event shape it acts on. */
    private record Case(Velocity velocity, Shape event, double scale) {}

    private Case build(String kind) {
        SplittableRandom rng = new SplittableRandom(17);
        switch (kind) {
            case "toy-split":
                return new Case(new ToySplitVelocity(), new Shape(2), 1.5);
            case "mlp":
                return new Case(new MlpVelocity(params, "v", 2, 12, 2, rng), new Shape(2), 1.0);
            case "circle":
                return new Case(new CircleVelocity(params, "v", 10, 2, rng), new Shape(1), Math.PI);
            case "equivariant":
                return new Case(new EquivariantLatticeVelocity(params, "v", L, 3, 3, rng), new Shape(L, L), 1.5);
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"toy-split", "mlp", "circle", "equivariant"})
    void divergenceIsTheTraceOfTheJacobian(String kind) {
        // given: a velocity with random weights, made larger so that it is far from linear
        Case c = build(kind);
        for (NDArray p : params.parameters().values()) {
            p.muli(2.0);
        }
        int n = (int) c.event().size();
        SplittableRandom rng = new SplittableRandom(5);
        for (double t : new double[] {0.0, 0.37, 1.0}) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = c.scale() * rng.nextGaussian();
            }
            // when
            NDArray xArr = manager.create(x, new Shape(1).addAll(c.event()));
            double divergence = Tensors.toDoubles(c.velocity().evaluate(xArr, t).divergence())[0];
            Function<NDArray, NDArray> field =
                    batch -> c.velocity().evaluate(batch, t).velocity();
            double[][] jac = TestTensors.jacobian(manager, field, x, c.event(), 1e-5);
            double trace = 0;
            double diagonal = 0;
            for (int i = 0; i < n; i++) {
                trace += jac[i][i];
                diagonal += Math.abs(jac[i][i]);
            }
            // then
            assertTrue(diagonal > 0.05, kind + ": the Jacobian diagonal should be sizeable, got " + diagonal);
            assertEquals(trace, divergence, 1e-7 * Math.max(1, Math.abs(trace)), kind + " at t = " + t);
        }
    }

    @Test
    void toyFieldIsTheLectureFormula() {
        // given
        double[] x = {0.7, -1.3, -2.0, 0.4};
        NDArray xArr = manager.create(x, new Shape(2, 2));
        // when
        Velocity.Evaluation e = new ToySplitVelocity().evaluate(xArr, 0.5);
        // then: b(x) = (2 x0 exp(-x0^2/2), -x1), div b = 2 (1 - x0^2) exp(-x0^2/2) - 1
        double[] v = Tensors.toDoubles(e.velocity());
        double[] div = Tensors.toDoubles(e.divergence());
        for (int b = 0; b < 2; b++) {
            double x0 = x[2 * b];
            double x1 = x[2 * b + 1];
            double bump = Math.exp(-x0 * x0 / 2);
            assertEquals(2 * x0 * bump, v[2 * b], 1e-14);
            assertEquals(-x1, v[2 * b + 1], 1e-14);
            assertEquals(2 * (1 - x0 * x0) * bump - 1, div[b], 1e-14);
        }
    }

    @Test
    void latticeVelocityIsTranslationEquivariantAndOdd() {
        // given
        EquivariantLatticeVelocity v = new EquivariantLatticeVelocity(params, "v", L, 3, 3, new SplittableRandom(2));
        SplittableRandom rng = new SplittableRandom(9);
        double[] phi = new double[L * L];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = rng.nextGaussian();
        }
        NDArray field = manager.create(phi, new Shape(1, L, L));
        // when
        NDArray velocity = v.evaluate(field, 0.3).velocity();
        NDArray shifted =
                v.evaluate(Tensors.roll(Tensors.roll(field, 1, 1), 2, 2), 0.3).velocity();
        NDArray flipped = v.evaluate(field.neg(), 0.3).velocity();
        // then
        double[] expectedShift = Tensors.toDoubles(Tensors.roll(Tensors.roll(velocity, 1, 1), 2, 2));
        double[] gotShift = Tensors.toDoubles(shifted);
        double[] plain = Tensors.toDoubles(velocity);
        double[] odd = Tensors.toDoubles(flipped);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(expectedShift[i], gotShift[i], 1e-12);
            assertEquals(-plain[i], odd[i], 1e-12);
        }
    }
}
