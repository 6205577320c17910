package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.coupling.RealNvp;
import org.flowlab.model.lattice.Phi4Theory;
import org.junit.jupiter.api.Test;

/** A cheap native-memory leak check: training steps leave nothing in the long-lived manager. */
class TrainerResourcesTest {

    @Test
    void trainingStepsDoNotAddArraysToTheParameterManager() {
        Phi4Theory theory = Phi4Theory.symmetric(4);
        try (FlowModel flow =
                        RealNvp.model(4, new RealNvp.Config(2, 4, 2, 3, true), Device.cpu(), DataType.FLOAT32, 1);
                Trainer trainer = new Trainer(flow, theory, new ReverseKl(), new TrainingConfig(100, 16, 1e-3, 1))) {
            // given: a trainer past its first step (gradient buffers exist from then on)
            trainer.step();
            int before = flow.parameters().manager().getManagedArrays().size();
            // when
            for (int i = 0; i < 5; i++) {
                trainer.requestSnapshot(4);
                trainer.step();
                trainer.takeSnapshot();
            }
            // then
            assertEquals(before, flow.parameters().manager().getManagedArrays().size());
        }
    }
}
