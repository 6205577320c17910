package org.flowlab.model.anneal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.store.RunStore;
import org.flowlab.model.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTransferTest {

    @Test
    void aSavedFlowOpensAtAnotherSizeWithTheSameParameters(@TempDir Path dir) throws Exception {
        // given: a RealNVP run trained a few steps at L = 4 and saved
        RunSpec spec = RunSpec.create(
                "phi4",
                Map.of("L", "4"),
                "realnvp",
                Map.of("layers", "2", "hidden", "4"),
                "rkl",
                Map.of(),
                new TrainingConfig(3, 16, 1e-3, 1),
                DeviceChoice.CPU,
                Precision.FLOAT64);
        List<double[]> trained;
        try (Experiment e = spec.open()) {
            for (int i = 0; i < 3; i++) {
                e.trainer().step();
            }
            trained = e.flow().parameters().snapshot();
            RunStore.save(dir, e);
        }
        RunStore.SavedRun saved = RunStore.read(dir);
        // when
        try (Experiment at8 =
                RunTransfer.open(saved, RunTransfer.withTheory(saved.spec(), Map.of("L", "8", "m2", "-0.2")))) {
            // then
            assertEquals(8, ((Phi4Theory) at8.target()).size());
            assertEquals(-0.2, ((Phi4Theory) at8.target()).m2());
            List<double[]> moved = at8.flow().parameters().snapshot();
            assertEquals(trained.size(), moved.size());
            for (int i = 0; i < trained.size(); i++) {
                assertArrayEquals(trained.get(i), moved.get(i));
            }
        }
    }

    @Test
    void anotherArchitectureOrASizeTheMasksForbidIsRefused(@TempDir Path dir) throws Exception {
        RunSpec spec = RunSpec.create(
                "phi4",
                Map.of("L", "4"),
                "realnvp",
                Map.of("layers", "2", "hidden", "4"),
                "rkl",
                Map.of(),
                new TrainingConfig(1, 16, 1e-3, 1),
                DeviceChoice.CPU,
                Precision.FLOAT64);
        try (Experiment e = spec.open()) {
            RunStore.save(dir, e);
        }
        RunStore.SavedRun saved = RunStore.read(dir);
        RunSpec wider = RunSpec.create(
                "phi4",
                Map.of("L", "8"),
                "realnvp",
                Map.of("layers", "2", "hidden", "8"),
                "rkl",
                Map.of(),
                new TrainingConfig(1, 16, 1e-3, 1),
                DeviceChoice.CPU,
                Precision.FLOAT64);
        assertThrows(IllegalArgumentException.class, () -> RunTransfer.open(saved, wider));
        assertThrows(IllegalArgumentException.class, () -> RunTransfer.withTheory(saved.spec(), Map.of("L", "7")));
    }
}
