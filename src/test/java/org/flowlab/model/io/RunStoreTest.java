package org.flowlab.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.store.RunStore;
import org.flowlab.model.train.LearningRateSchedule;
import org.flowlab.model.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    @TempDir
    Path dir;

    private static RunSpec spec(int steps) {
        return RunSpec.create(
                "phi4",
                Map.of("L", "4", "m2", "1", "lambda", "0.5"),
                "realnvp",
                Map.of("layers", "2", "hidden", "4"),
                "rkl",
                Map.of(),
                new TrainingConfig(steps, 16, 1e-2, 5),
                DeviceChoice.CPU,
                Precision.FLOAT64);
    }

    private static double[] logQ(Experiment e, double[] x) {
        try (NDManager m = Compute.newManager(Device.cpu())) {
            NDArray in = m.create(x, new Shape(2, 4, 4));
            return Tensors.toDoubles(e.flow().logQ(in));
        }
    }

    private static double[] input() {
        SplittableRandom r = new SplittableRandom(9);
        double[] x = new double[32];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    @Test
    void saveThenReloadGivesIdenticalLogQAndContinues() throws IOException {
        // given: a run trained a few steps and saved
        double[] before;
        try (Experiment e = spec(12).open()) {
            for (int i = 0; i < 12; i++) {
                e.trainer().step();
            }
            before = logQ(e, input());
            RunStore.save(dir, e);
        }
        // when
        RunStore.SavedRun saved = RunStore.read(dir);
        // then: the spec, state and metrics come back, and log q is identical
        assertEquals(12, saved.stepsDone());
        assertEquals(12, saved.adamUpdates());
        assertEquals(12, saved.history().size());
        assertEquals(spec(12), saved.spec());
        // steps without an acceptance measurement are stored as nan and read back as NaN
        assertTrue(Double.isNaN(saved.history().get(1).acceptRate()));
        assertTrue(Double.isFinite(saved.history().get(9).acceptRate()));
        try (Experiment e = RunStore.open(saved, saved.spec().withTraining(new TrainingConfig(15, 16, 1e-2, 5)))) {
            assertArrayEquals(before, logQ(e, input()), 0.0);
            // and training continues from step 7
            assertEquals(13, e.trainer().step().step());
        }
    }

    @Test
    void theLearningRateScheduleIsSavedAndARunFromBeforeSchedulesReadsAsConstant() throws IOException {
        // given: a run with the cosine schedule, trained a few steps and saved
        RunSpec cosine = spec(6).withTraining(new TrainingConfig(6, 16, 1e-2, 5, LearningRateSchedule.COSINE));
        try (Experiment e = cosine.open()) {
            for (int i = 0; i < 3; i++) {
                e.trainer().step();
            }
            RunStore.save(dir, e);
        }
        // then: it comes back with its schedule, recorded in the settings history too
        RunStore.SavedRun saved = RunStore.read(dir);
        assertEquals(cosine, saved.spec());
        assertEquals("cosine", saved.changes().get(0).settings().get("lr_schedule"));
        // when: the field is taken out, as in a run saved before schedules existed
        Path file = dir.resolve(RunStore.RUN_FILE);
        String json = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(
                file, json.replaceFirst(",\\s*\"lr_schedule\"\\s*:\\s*\"cosine\"", ""), StandardCharsets.UTF_8);
        // then: the run reads with a constant rate
        assertEquals(
                LearningRateSchedule.CONSTANT,
                RunStore.read(dir).spec().training().schedule());
    }

    @Test
    void damagedOrForeignFilesGiveOneLineErrorsAndKeepData() throws IOException {
        try (Experiment e = spec(2).open()) {
            e.trainer().step();
            RunStore.save(dir, e);
        }
        Path paramsFile = RunStore.read(dir).dataDirectory().resolve(RunStore.PARAMS_FILE);
        byte[] params = Files.readAllBytes(paramsFile);
        // a foreign JSON file
        Files.writeString(dir.resolve(RunStore.RUN_FILE), "{\"hello\": 1}", StandardCharsets.UTF_8);
        IOException foreign = assertThrows(IOException.class, () -> RunStore.read(dir));
        assertTrue(foreign.getMessage().contains("not a FlowLab run file"), foreign.getMessage());
        // a truncated JSON file
        Files.writeString(
                dir.resolve(RunStore.RUN_FILE), "{\"format\": \"flowlab-run\", \"vers", StandardCharsets.UTF_8);
        IOException damaged = assertThrows(IOException.class, () -> RunStore.read(dir));
        assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
        assertTrue(damaged.getMessage().contains(RunStore.RUN_FILE), damaged.getMessage());
        assertEquals(-1, damaged.getMessage().indexOf('\n'));
        // no run at all
        IOException missing = assertThrows(IOException.class, () -> RunStore.read(dir.resolve("nothing")));
        assertTrue(missing.getMessage().contains("not a FlowLab run directory"), missing.getMessage());
        // reading never touched the parameters
        assertArrayEquals(params, Files.readAllBytes(paramsFile));
    }

    @Test
    void damagedParameterArchiveIsReportedWithItsName() throws IOException {
        try (Experiment e = spec(2).open()) {
            e.trainer().step();
            RunStore.save(dir, e);
        }
        RunStore.SavedRun saved = RunStore.read(dir);
        Path params = saved.dataDirectory().resolve(RunStore.PARAMS_FILE);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(params, bytes);
        IOException e = assertThrows(IOException.class, () -> RunStore.open(saved, saved.spec()));
        assertTrue(e.getMessage().contains(params.toString()) && e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void failedAtomicWriteLeavesTheOldFile() throws IOException {
        Path file = dir.resolve("x.txt");
        AtomicFiles.writeString(file, "old");
        assertThrows(
                IOException.class,
                () -> AtomicFiles.write(file, out -> {
                    out.write("half".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }));
        assertEquals("old", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }
}
