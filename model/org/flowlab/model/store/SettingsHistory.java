package org.flowlab.model.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.LearningRateSchedule;
import org.flowlab.model.train.Trainer;

/**
 * A run's history of training settings (batch, learning rate and schedule, seed, precision,
 * device) from step to step: carried from the run opened from disk to its next save, where a
 * change of settings becomes a new entry.
 */
final class SettingsHistory {

    /** The history of runs opened from disk, until their next save. */
    private static final Map<Trainer, Lineage> LINEAGE = Collections.synchronizedMap(new WeakHashMap<>());

    private record Lineage(List<RunStore.Change> history, int openedAt) {}

    private SettingsHistory() {}

    /**
     * Remembers the history of a run opened from disk.
     *
     * @param trainer the opened run's trainer
     * @param saved the history on disk
     * @param stepsDone the steps done when it was opened
     */
    static void opened(Trainer trainer, List<RunStore.Change> saved, int stepsDone) {
        LINEAGE.put(trainer, new Lineage(saved, stepsDone));
    }

    /**
     * The history to save with a run: the entries up to its current step, then its current
     * settings when they differ from the last entry's.
     *
     * @param e the run
     * @return the entries, oldest first
     */
    static List<RunStore.Change> of(Experiment e) {
        Lineage lineage = LINEAGE.get(e.trainer());
        List<RunStore.Change> out = new ArrayList<>();
        int done = e.trainer().stepsDone();
        if (lineage != null) {
            for (RunStore.Change c : lineage.history()) {
                if (c.fromStep() <= done || out.isEmpty()) {
                    out.add(c);
                }
            }
        }
        Map<String, String> now = settingsOf(e.spec());
        if (out.isEmpty() || !out.get(out.size() - 1).settings().equals(now)) {
            int from = lineage == null ? 0 : Math.min(lineage.openedAt(), done);
            out.add(new RunStore.Change(from, now, Instant.now().toString()));
        }
        return out;
    }

    private static Map<String, String> settingsOf(RunSpec spec) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("batch", Integer.toString(spec.training().batch()));
        m.put("learning_rate", Double.toString(spec.training().learningRate()));
        m.put("seed", Long.toString(spec.training().seed()));
        if (spec.training().schedule() != LearningRateSchedule.CONSTANT) {
            // absent for a constant rate, as in runs saved before schedules existed
            m.put("lr_schedule", spec.training().schedule().id());
        }
        m.put("precision", spec.precision().toString());
        m.put("device", spec.device().toString());
        return m;
    }
}
