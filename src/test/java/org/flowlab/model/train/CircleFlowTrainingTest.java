package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.flowlab.model.flow.circle.CircleFlow;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.VonMises;
import org.flowlab.model.observe.Ess;
import org.junit.jupiter.api.Test;

/** Short seeded trainings of the circle flow on the von Mises density (beta = 2). */
class CircleFlowTrainingTest {

    private static final VonMises TARGET = new VonMises(2.0, 1.0);

    private static double train(Objective objective, int steps) {
        TrainingConfig config = new TrainingConfig(steps, 128, 2e-2, 1);
        try (FlowModel flow =
                        CircleFlow.model(new Shape(1), new CircleFlow.Config(2, 8), Device.cpu(), DataType.FLOAT64, 1);
                Trainer trainer = new Trainer(flow, TARGET, objective, config)) {
            double first = Ess.fraction(trainer.freshSnapshot(4096).logWeights());
            TrainingStep last = null;
            while (trainer.stepsDone() < config.steps()) {
                last = trainer.step();
            }
            assertEquals(steps, last.step());
            double ess = Ess.fraction(trainer.freshSnapshot(4096).logWeights());
            assertTrue(ess > first + 0.2, "training should raise the ESS from " + first + " (now " + ess + ")");
            return ess;
        }
    }

    @Test
    void reverseKlReachesHighEss() {
        // when: reverse KL from the flow's own samples
        double ess = train(new ReverseKl(), 60);
        // then: measured on 4096 fresh samples
        assertTrue(ess > 0.9, "ESS after reverse KL: " + ess);
    }

    @Test
    void forwardKlFromExactSamplesReachesHighEss() {
        // given: 20 000 exact von Mises samples (Best-Fisher), as the fkl loss would generate them
        double[] data = TARGET.sample(20_000, new SplittableRandom(7));
        ForwardKl objective = new ForwardKl((listener, cancelled) -> new Dataset(new int[] {1}, data));
        // when: forward KL trains through the spline's inverse
        double ess = train(objective, 60);
        // then
        assertTrue(ess > 0.9, "ESS after forward KL: " + ess);
    }
}
