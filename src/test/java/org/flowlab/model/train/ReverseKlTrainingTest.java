package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.coupling.RealNvp;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.observe.Ess;
import org.junit.jupiter.api.Test;

class ReverseKlTrainingTest {

    @Test
    void shortRunOnFreeTheoryReachesHighEss() {
        // given: the L = 4 free theory (m^2 = 1) and a small RealNVP, seeded
        Phi4Theory theory = new Phi4Theory(4, 1.0, 0.0);
        TrainingConfig config = new TrainingConfig(300, 64, 5e-3, 1);
        try (FlowModel flow =
                        RealNvp.model(4, new RealNvp.Config(4, 8, 2, 3, true), Device.cpu(), DataType.FLOAT32, 1);
                Trainer trainer = new Trainer(flow, theory, new ReverseKl(), config)) {
            double firstEss = trainer.step().ess();
            // when
            TrainingStep last = null;
            while (trainer.stepsDone() < config.steps()) {
                last = trainer.step();
            }
            // then: measured on a fresh batch of 2048 model samples
            SampleSnapshot s = trainer.freshSnapshot(2048);
            double ess = Ess.fraction(s.logWeights());
            assertEquals(300, last.step());
            // the ESS of this flow is about 0.5, but its estimate is heavy-tailed: four estimates
            // from 16,384 fresh samples each gave 0.33, 0.58, 0.50 and 0.61 (30 November 2026), so
            // 0.5 was a coin toss on the measurement draw; untrained it is 0.02
            assertTrue(ess > 0.3, "ESS after 300 steps: " + ess + " (first step " + firstEss + ")");
            assertTrue(ess > firstEss + 0.2, "training should raise the ESS from " + firstEss);
        }
    }
}
