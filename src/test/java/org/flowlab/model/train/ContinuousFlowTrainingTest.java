package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.junit.jupiter.api.Test;

class ContinuousFlowTrainingTest {

    @Test
    void equivariantVelocityLearnsSymmetricPhi4() {
        // given: L = 4 phi^4 in the symmetric phase (m^2 = -0.5, lambda = 4.5) and the
        // equivariant velocity (4 features, 3 x 3 kernels), RK4 with 8 steps, seeded. Fewer ODE
        // steps let reverse KL exploit the integration error (the loss drops below -log Z
        // while the true ESS collapses), which is why 8 and not 4
        RunSpec spec = RunSpec.create(
                "phi4",
                Map.of("L", "4", "m2", "-0.5", "lambda", "4.5"),
                "cnf",
                Map.of("velocity", "equivariant", "features", "4", "odeSteps", "8"),
                "rkl",
                Map.of(),
                new TrainingConfig(150, 64, 3e-3, 1),
                DeviceChoice.CPU,
                Precision.FLOAT32);
        try (Experiment e = spec.open()) {
            double firstEss = Ess.fraction(e.trainer().freshLogWeights(2048));
            // when
            while (e.trainer().stepsDone() < spec.training().steps()) {
                e.trainer().step();
            }
            // then: measured on 2048 fresh model samples
            double ess = Ess.fraction(e.trainer().freshLogWeights(2048));
            System.out.printf(
                    "cnf equivariant, L = 4 symmetric phi^4: ESS %.3f -> %.3f after %d steps%n",
                    firstEss, ess, spec.training().steps());
            assertTrue(
                    ess > 0.5,
                    "ESS after " + spec.training().steps() + " steps: " + ess + " (before " + firstEss + ")");
            assertTrue(ess > firstEss + 0.2, "training should raise the ESS from " + firstEss);
        }
    }
}
