package org.flowlab.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.train.StepContext;
import org.flowlab.model.train.TrainingConfig;
import org.flowlab.testing.BackpropOnlyLossKind;
import org.junit.jupiter.api.Test;

/**
 * A loss registered in one line from the test tree ({@link BackpropOnlyLossKind}) trains by
 * back-propagation, and a continuous flow trained by the adjoint method is refused with it:
 * when the spec is built, and again (if built around the check) when a step would run.
 */
class PluggableLossTest {

    private static final TrainingConfig TRAINING = new TrainingConfig(2, 8, 1e-2, 1);

    private static RunSpec spec(String grad) {
        return RunSpec.create(
                "mixture2d",
                Map.of(),
                "cnf",
                Map.of("grad", grad, "hidden", "4", "hiddenLayers", "1", "odeSteps", "2"),
                BackpropOnlyLossKind.ID,
                Map.of(),
                TRAINING,
                DeviceChoice.CPU,
                Precision.FLOAT64);
    }

    @Test
    void theCatalogueKnowsWhichLossesHaveAdjointGradients() {
        assertFalse(Catalog.loss(BackpropOnlyLossKind.ID).supportsAdjoint());
        for (String id : new String[] {"rkl", "fkl", "pathgrad", "fkl-pathgrad"}) {
            assertTrue(Catalog.loss(id).supportsAdjoint(), id);
        }
    }

    @Test
    void itTrainsByBackPropagation() {
        try (Experiment e = spec("backprop").open()) {
            double first = e.trainer().step().loss();
            double second = e.trainer().step().loss();
            assertTrue(Double.isFinite(first) && Double.isFinite(second));
            assertEquals(2, e.trainer().stepsDone());
        }
    }

    @Test
    void anAdjointFlowIsRefusedWhenTheSpecIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec("adjoint"));
        assertTrue(
                e.getMessage().contains("no adjoint-state gradients")
                        && e.getMessage().contains(BackpropOnlyLossKind.ID),
                e.getMessage());
    }

    @Test
    void anAdjointStepWithoutAdjointGradientsFailsInsteadOfTrainingWithZeroGradients() {
        // given: the adjoint flow of a valid spec, and the back-propagation-only objective
        RunSpec adjoint = RunSpec.create(
                "mixture2d",
                Map.of(),
                "cnf",
                Map.of("grad", "adjoint", "hidden", "4", "hiddenLayers", "1", "odeSteps", "2"),
                "rkl",
                Map.of(),
                TRAINING,
                DeviceChoice.CPU,
                Precision.FLOAT64);
        try (Experiment e = adjoint.open();
                NDManager m = Compute.newManager(Device.cpu());
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            StepContext context = new StepContext(m, new SplittableRandom(1), 8, gc);
            // when / then
            IllegalStateException thrown = assertThrows(
                    IllegalStateException.class,
                    () -> new BackpropOnlyLossKind.BackpropOnly().evaluate(e.flow(), e.target(), context));
            assertTrue(thrown.getMessage().contains("no adjoint-state gradients"), thrown.getMessage());
        }
    }
}
