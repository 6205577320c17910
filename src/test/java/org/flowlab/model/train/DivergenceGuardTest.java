package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.coupling.RealNvp;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.lattice.Target;
import org.junit.jupiter.api.Test;

/**
 * The NaN guard: the first non-finite loss or parameter stops training and returns to the last
 * good state; a non-finite gradient with a finite loss skips its update until it repeats too
 * often; Adam's update count cannot overflow.
 */
class DivergenceGuardTest {

    private static final Phi4Theory THEORY = new Phi4Theory(4, 1.0, 0.5);

    private static FlowModel flow() {
        return RealNvp.model(4, new RealNvp.Config(1, 2, 1, 3, true), Device.cpu(), DataType.FLOAT64, 3);
    }

    private static double[] flat(FlowModel flow) {
        List<double[]> all = flow.parameters().snapshot();
        return all.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    /** Reverse KL whose loss turns NaN once {@code poison} is set. */
    private static final class Poisoned implements Objective {
        private final ReverseKl inner = new ReverseKl();
        private volatile boolean poison;

        @Override
        public String name() {
            return "poisoned";
        }

        @Override
        public StepOutput evaluateBackprop(FlowModel flow, Target target, StepContext context) {
            StepOutput out = inner.evaluate(flow, target, context);
            if (poison) {
                NDArray nan = Tensors.scale(out.loss(), Double.NaN);
                return new StepOutput(nan, out.logWeights(), out.samples());
            }
            return out;
        }
    }

    /** Reverse KL plus a term that is 0 but has an infinite gradient: sqrt|p - p_0| at p = p_0. */
    private static final class InfiniteGradient implements Objective {
        private final ReverseKl inner = new ReverseKl();

        @Override
        public String name() {
            return "infinite-gradient";
        }

        @Override
        public StepOutput evaluateBackprop(FlowModel flow, Target target, StepContext context) {
            StepOutput out = inner.evaluate(flow, target, context);
            NDArray p = flow.parameters().parameters().values().iterator().next();
            NDArray kink = p.sub(p.stopGradient()).abs().sqrt().sum();
            return new StepOutput(out.loss(), out.loss().add(kink), out.logWeights(), out.samples());
        }
    }

    @Test
    void aNonFiniteLossRollsBackToTheLastCheckpoint() {
        Poisoned objective = new Poisoned();
        try (FlowModel flow = flow();
                Trainer trainer = new Trainer(flow, THEORY, objective, new TrainingConfig(100, 8, 1e-2, 1))) {
            // given: 13 good steps; the state after step 10 is the last checkpoint
            double[] atTen = null;
            for (int i = 0; i < 13; i++) {
                if (trainer.stepsDone() == Trainer.CHECKPOINT_EVERY) {
                    atTen = flat(flow);
                }
                trainer.step();
            }
            // when: step 14's loss is NaN
            objective.poison = true;
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, trainer::step);
            // then: a clear message, and the run is back at step 10 with its parameters
            assertTrue(e.getMessage().startsWith("training diverged at step 14: the loss is NaN"), e.getMessage());
            assertTrue(e.getMessage().contains("rolled back to the parameters after step 10"), e.getMessage());
            assertTrue(e.getMessage().contains("smaller learning rate"), e.getMessage());
            assertEquals(10, trainer.stepsDone());
            assertEquals(10, trainer.history().size());
            assertEquals(10, trainer.optimizer().updates());
            assertArrayEquals(atTen, flat(flow), 0.0);
            // and it trains on from there
            objective.poison = false;
            assertEquals(11, trainer.step().step());
        }
    }

    @Test
    void anUpdateThatMakesParametersNonFiniteIsUndone() {
        try (FlowModel flow = flow();
                Trainer trainer = new Trainer(flow, THEORY, new ReverseKl(), new TrainingConfig(100, 8, 1e300, 1))) {
            double[] before = flat(flow);
            // an absurd step size turns the parameters into infinities at the first update
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, trainer::step);
            assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
            assertEquals(0, trainer.stepsDone());
            assertArrayEquals(before, flat(flow), 0.0);
            for (double v : flat(flow)) {
                assertTrue(Double.isFinite(v));
            }
        }
    }

    @Test
    void nonFiniteGradientsWithAFiniteLossAreSkippedThenStopTraining() {
        try (FlowModel flow = flow();
                Trainer trainer =
                        new Trainer(flow, THEORY, new InfiniteGradient(), new TrainingConfig(100, 8, 1e-2, 1))) {
            double[] before = flat(flow);
            for (int i = 1; i < Trainer.MAX_GRADIENT_GLITCHES; i++) {
                TrainingStep s = trainer.step();
                assertTrue(s.skipped());
                assertTrue(Double.isFinite(s.loss()));
            }
            assertArrayEquals(before, flat(flow), 0.0);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, trainer::step);
            assertTrue(
                    e.getMessage().contains("in " + Trainer.MAX_GRADIENT_GLITCHES + " steps in a row"), e.getMessage());
            assertEquals(Trainer.MAX_GRADIENT_GLITCHES - 1, trainer.skippedSteps());
        }
    }

    @Test
    void adamsUpdateCountDoesNotOverflow() {
        try (FlowModel flow = flow();
                Trainer trainer = new Trainer(flow, THEORY, new ReverseKl(), new TrainingConfig(100, 8, 1e-2, 1))) {
            // given: a count at the int limit (an int count would wrap to a negative power of beta)
            trainer.optimizer().setUpdates(Integer.MAX_VALUE);
            // when
            trainer.step();
            // then
            assertEquals(Integer.MAX_VALUE + 1L, trainer.optimizer().updates());
            for (double v : flat(flow)) {
                assertTrue(Double.isFinite(v));
            }
        }
    }

    @Test
    void restoreRefusesAnInconsistentState() {
        try (FlowModel flow = flow();
                Trainer trainer = new Trainer(flow, THEORY, new ReverseKl(), new TrainingConfig(100, 8, 1e-2, 1))) {
            assertThrows(IllegalArgumentException.class, () -> trainer.restore(List.of(), 3, 4));
            assertThrows(IllegalArgumentException.class, () -> trainer.restore(List.of(), -1, 0));
        }
    }
}
