package org.flowlab.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.flow.continuous.CircleVelocity;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.continuous.EquivariantLatticeVelocity;
import org.flowlab.model.flow.continuous.MlpVelocity;
import org.flowlab.model.flow.continuous.OdeIntegrator;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The continuous-flow catalogue entry: velocities per theory and one-line refusals. */
class CnfKindTest {

    private static final TrainingConfig TRAINING = new TrainingConfig(10, 16, 1e-3, 1);

    private static RunSpec spec(String theory, Map<String, String> theoryValues, Map<String, String> flowValues) {
        return RunSpec.create(
                theory,
                theoryValues,
                "cnf",
                flowValues,
                "rkl",
                Map.of(),
                TRAINING,
                DeviceChoice.CPU,
                Precision.FLOAT32);
    }

    @Test
    void autoPicksTheVelocityThatFitsEachTheory() {
        CnfKind kind = new CnfKind();
        Object[][] cases = {
            {"phi4", Map.of("L", "4"), EquivariantLatticeVelocity.class},
            {"mixture2d", Map.of(), MlpVelocity.class},
            {"vonmises", Map.of(), CircleVelocity.class},
        };
        for (Object[] c : cases) {
            // given
            @SuppressWarnings("unchecked")
            RunSpec s = spec(
                    (String) c[0],
                    (Map<String, String>) c[1],
                    Map.of("grad", "adjoint", "integrator", "euler", "odeSteps", "7"));
            // when
            try (FlowModel flow = kind.create(
                    s.theoryKind().create(s.theorySettings()), s.flowSettings(), Device.cpu(), DataType.FLOAT32, 1)) {
                // then
                ContinuousFlow cnf = assertInstanceOf(ContinuousFlow.class, flow.transform());
                assertInstanceOf((Class<?>) c[2], cnf.velocity());
                assertEquals(ContinuousFlow.GradientMode.ADJOINT, cnf.gradientMode());
                assertEquals(OdeIntegrator.EULER, cnf.integrator());
                assertEquals(7, cnf.steps());
                assertTrue(flow.parameters().count() > 0);
            }
            // and the run spec records the velocity that was chosen
            assertTrue(
                    !s.flowSettings().text("velocity").equals("auto"),
                    s.flowSettings().toString());
        }
    }

    @Test
    void mismatchedVelocitiesAreRefusedWithOneLine() {
        IllegalArgumentException circleOnPhi4 = assertThrows(
                IllegalArgumentException.class, () -> spec("phi4", Map.of("L", "4"), Map.of("velocity", "circle")));
        assertEquals("velocity circle does not fit phi4; choose equivariant", circleOnPhi4.getMessage());
        IllegalArgumentException toy = assertThrows(
                IllegalArgumentException.class, () -> spec("mixture2d", Map.of(), Map.of("velocity", "toy-split")));
        assertTrue(toy.getMessage().startsWith("velocity toy-split has no parameters to train"), toy.getMessage());
        IllegalArgumentException kernel = assertThrows(
                IllegalArgumentException.class, () -> spec("phi4", Map.of("L", "4"), Map.of("kernel", "5")));
        assertEquals("kernel size 5 is larger than the lattice size 4", kernel.getMessage());
        IllegalArgumentException grad = assertThrows(
                IllegalArgumentException.class, () -> spec("phi4", Map.of("L", "4"), Map.of("grad", "magic")));
        assertEquals("gradients must be one of backprop, adjoint, not 'magic'", grad.getMessage());
        IllegalArgumentException u1 =
                assertThrows(IllegalArgumentException.class, () -> spec("u1", Map.of(), Map.of()));
        assertTrue(u1.getMessage().startsWith("flow cnf cannot model theory u1"), u1.getMessage());
        for (IllegalArgumentException e : new IllegalArgumentException[] {circleOnPhi4, toy, kernel, grad, u1}) {
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void describesTheArchitecture() {
        RunSpec s = spec("phi4", Map.of("L", "4"), Map.of("velocity", "equivariant", "grad", "adjoint"));
        assertEquals(
                "CNF equivariant velocity (4 features, kernel 3), RK4 10 steps, adjoint gradients",
                s.flowKind().describe(s.flowSettings()));
    }
}
