package org.flowlab.app.view.basics;

import org.flowlab.model.ml.ClassifyResult;
import org.flowlab.model.ml.ClassifyRun;

/** The classification work on the training thread and its snapshots. */
final class ClassifyJob implements LiveTraining.Job<ClassifyJob.Frame> {

    /**
     * What the view draws.
     *
     * @param result losses and accuracies
     * @param probabilities the heat map, row-major, row 0 at the top
     * @param cells cells per side of the heat map
     */
    record Frame(ClassifyResult result, double[] probabilities, int cells) {}

    private final ClassifyRun run;
    private final int cells;

    /**
     * Creates the job.
     *
     * @param run the run (created on the FX thread, then used only here)
     */
    ClassifyJob(ClassifyRun run) {
        this.run = run;
        // about 2e7 multiply-adds per heat map, 24 to 72 cells per side
        int side = (int) Math.sqrt(2e7 / run.parameterCount());
        this.cells = Math.max(24, Math.min(72, side));
    }

    @Override
    public boolean advance() {
        if (run.steps() >= run.config().steps()) {
            return false;
        }
        run.step();
        return true;
    }

    @Override
    public Frame snapshot() {
        return new Frame(run.result(), run.probabilityGrid(cells), cells);
    }
}
