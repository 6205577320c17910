package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.continuous.OdeIntegrator;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.lattice.VonMises;
import org.flowlab.testing.TestFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The adjoint-state gradients of continuous flows against back-propagation through the solver
 * (float64, RK4), for every objective, and the memory each route needs as the number of ODE
 * steps grows.
 */
class AdjointGradientTest {

    private static final int BATCH = 16;

    private static Target target(String velocity) {
        switch (velocity) {
            case "mlp":
                return new GaussianMixture2D(
                        new double[][] {{2, 0}, {-2, 0}}, new double[] {1, 1}, new double[] {1, 1});
            case "circle":
                return new VonMises(2, 0.5);
            case "equivariant":
                return Phi4Theory.symmetric(TestFlows.L);
            default:
                throw new IllegalArgumentException(velocity);
        }
    }

    /** Data for the forward objectives: any fixed configurations will do for comparing gradients. */
    private static Dataset data(String velocity) {
        SplittableRandom rng = new SplittableRandom(99);
        int[] event = velocity.equals("equivariant")
                ? new int[] {TestFlows.L, TestFlows.L}
                : velocity.equals("circle") ? new int[] {1} : new int[] {2};
        int size = 1;
        for (int d : event) {
            size *= d;
        }
        double[] values = new double[64 * size];
        for (int i = 0; i < values.length; i++) {
            values[i] = velocity.equals("circle") ? 2 * Math.PI * rng.nextDouble() : 1.5 * rng.nextGaussian();
        }
        return new Dataset(event, values);
    }

    private static Objective objective(String name, String velocity) {
        Dataset d = data(velocity);
        switch (name) {
            case "rkl":
                return new ReverseKl();
            case "pathgrad":
                return new PathGradient();
            case "fkl":
                return new ForwardKl((listener, cancelled) -> d);
            case "fkl-pathgrad":
                return new ForwardPathGradient((listener, cancelled) -> d);
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /** The loss and the parameter gradient of one evaluation, as the trainer would obtain it. */
    private record Gradient(double loss, double[] values, boolean selfAccumulated) {}

    private static Gradient gradient(FlowModel flow, Target target, Objective objective, long seed) {
        try (NDManager root = Compute.newManager(Device.cpu());
                NDManager step = root.newSubManager();
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            StepOutput out =
                    objective.evaluate(flow, target, new StepContext(step, new SplittableRandom(seed), BATCH, gc));
            if (out.gradientLoss() != null) {
                gc.backward(out.gradientLoss());
            }
            List<NDArray> grads = new ArrayList<>();
            List<Double> all = new ArrayList<>();
            for (NDArray p : flow.parameters().parameters().values()) {
                NDArray g = p.getGradient();
                g.attach(step);
                grads.add(g);
                for (double v : Tensors.toDoubles(g)) {
                    all.add(v);
                }
            }
            Adam.clear(grads);
            double loss = Tensors.toDoubles(out.loss())[0];
            return new Gradient(
                    loss, all.stream().mapToDouble(Double::doubleValue).toArray(), out.gradientLoss() == null);
        }
    }

    @ParameterizedTest(name = "{0} velocity, {1}")
    @CsvSource({
        "mlp, rkl",
        "mlp, pathgrad",
        "mlp, fkl",
        "mlp, fkl-pathgrad",
        "equivariant, rkl",
        "equivariant, pathgrad",
        "equivariant, fkl",
        "circle, rkl",
        "circle, pathgrad",
        "circle, fkl"
    })
    void adjointMatchesBackpropagationWithRk4(String velocity, String loss) {
        // given: two copies of the same float64 flow (same random weights, enlarged so the map
        // is far from the identity), RK4 with 16 steps
        Target target = target(velocity);
        int steps = 16;
        double scale = velocity.equals("equivariant") ? 1.0 : 1.5;
        try (FlowModel backprop = TestFlows.continuous(
                        velocity, OdeIntegrator.RK4, steps, ContinuousFlow.GradientMode.BACKPROP, scale, 4);
                FlowModel adjoint = TestFlows.continuous(
                        velocity, OdeIntegrator.RK4, steps, ContinuousFlow.GradientMode.ADJOINT, scale, 4)) {
            // when: the same batch through each route
            Gradient reference = gradient(backprop, target, objective(loss, velocity), 7);
            Gradient candidate = gradient(adjoint, target, objective(loss, velocity), 7);
            // then: the same loss, and gradients equal to relative 1e-3 (the routes differ by
            // the O(h^4) error of integrating the adjoint ODE and recomputing x(t) backwards)
            assertTrue(candidate.selfAccumulated(), "the adjoint route should accumulate its own gradients");
            assertEquals(reference.loss(), candidate.loss(), 1e-9 * Math.max(1, Math.abs(reference.loss())));
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < reference.values().length; i++) {
                double d = candidate.values()[i] - reference.values()[i];
                diff += d * d;
                norm += reference.values()[i] * reference.values()[i];
            }
            double relative = Math.sqrt(diff / norm);
            System.out.printf(
                    "adjoint vs backprop, %s %s, RK4 %d steps: |g| = %.4g, relative difference %.2e%n",
                    velocity, loss, steps, Math.sqrt(norm), relative);
            assertTrue(norm > 1e-6, "the reference gradient should not vanish");
            assertTrue(relative < 1e-3, velocity + " " + loss + ": relative difference " + relative);
        }
    }

    @Test
    void adjointMemoryDoesNotGrowWithStepsWhileBackpropagationDoes() {
        // given: the equivariant phi^4 flow with 4 and with 16 RK4 steps, each route
        Target target = target("equivariant");
        GradientProbe.Cost[][] cost = new GradientProbe.Cost[2][2];
        int[] steps = {4, 16};
        ContinuousFlow.GradientMode[] modes = {ContinuousFlow.GradientMode.BACKPROP, ContinuousFlow.GradientMode.ADJOINT
        };
        for (int m = 0; m < 2; m++) {
            for (int s = 0; s < 2; s++) {
                try (FlowModel flow =
                        TestFlows.continuous("equivariant", OdeIntegrator.RK4, steps[s], modes[m], 1.0, 4)) {
                    int parameterArrays =
                            flow.parameters().manager().getManagedArrays().size();
                    // when
                    cost[m][s] = GradientProbe.measure(flow, target, new ReverseKl(), BATCH, 3, 1);
                    // then: nothing leaked into the parameter manager
                    assertEquals(
                            parameterArrays,
                            flow.parameters().manager().getManagedArrays().size(),
                            modes[m] + ": temporaries leaked into the parameter manager");
                }
            }
        }
        // then: back-propagation keeps every stage alive, about 4 times as much for 4 times
        // the steps; the adjoint's peak is the same for both step counts (and below both)
        GradientProbe.Cost bp4 = cost[0][0];
        GradientProbe.Cost bp16 = cost[0][1];
        GradientProbe.Cost adj4 = cost[1][0];
        GradientProbe.Cost adj16 = cost[1][1];
        String table = "backprop " + bp4 + " -> " + bp16 + "; adjoint " + adj4 + " -> " + adj16;
        System.out.println("peak live tensors, 4 -> 16 RK4 steps: " + table);
        assertTrue(bp16.peakArrays() > 3 * bp4.peakArrays(), table);
        assertTrue(bp16.peakBytes() > 3 * bp4.peakBytes(), table);
        assertTrue(adj16.peakArrays() <= adj4.peakArrays(), table);
        assertTrue(adj16.peakBytes() <= adj4.peakBytes(), table);
        assertTrue(adj16.peakBytes() < bp4.peakBytes(), table);
    }
}
