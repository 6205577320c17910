package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Measurements (fresh batches for ESS and acceptance, picture snapshots, evaluations) draw from
 * the trainer's own measurement stream: training the same spec with and without frequent
 * measurements gives the very same losses and parameters.
 */
class MeasurementStreamTest {

    private static final int STEPS = 12;

    /** What training produced: the loss of every step and the final parameters. */
    private record Trajectory(double[] losses, List<double[]> parameters) {}

    static Stream<Arguments> specs() {
        TrainingConfig training = new TrainingConfig(STEPS, 16, 1e-2, 7);
        return Stream.of(
                Arguments.of(
                        "circle flow, reverse KL",
                        RunSpec.create(
                                "vonmises",
                                Map.of("beta", "2"),
                                "circle",
                                Map.of("layers", "1", "bins", "4"),
                                "rkl",
                                Map.of(),
                                training,
                                DeviceChoice.CPU,
                                Precision.FLOAT64)),
                Arguments.of(
                        "continuous flow, reverse KL",
                        RunSpec.create(
                                "mixture2d",
                                Map.of(),
                                "cnf",
                                Map.of("hidden", "8", "hiddenLayers", "1", "odeSteps", "2"),
                                "rkl",
                                Map.of(),
                                training,
                                DeviceChoice.CPU,
                                Precision.FLOAT64)),
                Arguments.of(
                        "continuous flow, forward KL",
                        RunSpec.create(
                                "vonmises",
                                Map.of("beta", "2"),
                                "cnf",
                                Map.of("hidden", "8", "hiddenLayers", "1", "odeSteps", "2"),
                                "fkl",
                                Map.of("samples", "200"),
                                training,
                                DeviceChoice.CPU,
                                Precision.FLOAT64)));
    }

    private static Trajectory train(RunSpec spec, boolean measureOften) {
        try (Experiment e = spec.open()) {
            Trainer trainer = e.trainer();
            double[] losses = new double[STEPS];
            for (int i = 0; i < STEPS; i++) {
                if (measureOften) {
                    trainer.requestSnapshot(4);
                }
                losses[i] = trainer.step().loss();
                if (measureOften) {
                    trainer.takeSnapshot();
                    trainer.freshLogWeights(8 + i);
                    trainer.freshSnapshot(3);
                    e.evaluate(16);
                }
            }
            return new Trajectory(losses, new ArrayList<>(e.flow().parameters().snapshot()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void trainingDoesNotDependOnHowOftenItIsMeasured(String name, RunSpec spec) {
        // when
        Trajectory quiet = train(spec, false);
        Trajectory watched = train(spec, true);
        // then
        assertTrue(quiet.losses()[0] != quiet.losses()[STEPS - 1], "the flow trained");
        assertArrayEquals(quiet.losses(), watched.losses(), 0.0, name + ": losses");
        assertEquals(quiet.parameters().size(), watched.parameters().size());
        for (int p = 0; p < quiet.parameters().size(); p++) {
            assertArrayEquals(quiet.parameters().get(p), watched.parameters().get(p), 0.0, name + ": parameter " + p);
        }
    }
}
