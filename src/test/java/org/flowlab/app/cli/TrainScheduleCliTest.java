package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.flowlab.model.store.RunStore;
import org.flowlab.model.train.LearningRateSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainScheduleCliTest {

    @TempDir
    Path dir;

    private static void run(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aResumedRunCanSwitchToTheCosineScheduleAndTheHistorySaysFromWhen() throws Exception {
        Path out = dir.resolve("run");
        // given: three steps at a constant rate, saved
        run(
                "train",
                "--theory",
                "phi4",
                "--L",
                "4",
                "--layers",
                "2",
                "--hidden",
                "4",
                "--batch",
                "8",
                "--steps",
                "3",
                "--out",
                out.toString());
        assertEquals(
                LearningRateSchedule.CONSTANT,
                RunStore.read(out).spec().training().schedule());
        // when: three more with the cosine schedule
        run("train", "--resume", out.toString(), "--steps", "3", "--lr-schedule", "cosine");
        // then: the run now has the cosine schedule over its six steps, and the history records the switch at step 3
        RunStore.SavedRun saved = RunStore.read(out);
        assertEquals(LearningRateSchedule.COSINE, saved.spec().training().schedule());
        assertEquals(6, saved.spec().training().steps());
        List<RunStore.Change> changes = saved.changes();
        assertEquals(2, changes.size(), changes.toString());
        assertFalse(changes.get(0).settings().containsKey("lr_schedule"));
        assertEquals(3, changes.get(1).fromStep());
        assertEquals("cosine", changes.get(1).settings().get("lr_schedule"));
    }
}
