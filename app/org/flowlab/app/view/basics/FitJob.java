package org.flowlab.app.view.basics;

import java.util.ArrayList;
import java.util.List;
import org.flowlab.model.ml.FitResult;
import org.flowlab.model.ml.FitRun;

/**
 * The "fit a function" work on the training thread: one run, or two (MSE and MAE on the same
 * data with the same seed) stepped alternately, and the snapshots the view draws.
 */
final class FitJob implements LiveTraining.Job<FitJob.Frame> {

    /**
     * One run's state.
     *
     * @param curve the network's values on the plot grid
     * @param result losses and errors against the clean function
     */
    record Lane(double[] curve, FitResult result) {}

    /**
     * What the view draws.
     *
     * @param step steps taken by each run
     * @param lanes one per run
     * @param units lane 0's hidden-unit contributions vⱼhⱼ(x) on the grid, [unit][point]
     * @param bias lane 0's output bias c
     */
    record Frame(int step, List<Lane> lanes, double[][] units, double bias) {}

    private final List<FitRun> runs;
    private final double[] grid;
    private final int steps;

    /**
     * Creates the job.
     *
     * @param runs the runs (created on the FX thread, then used only here)
     * @param grid the plot's abscissae
     * @param steps steps per run
     */
    FitJob(List<FitRun> runs, double[] grid, int steps) {
        this.runs = List.copyOf(runs);
        this.grid = grid.clone();
        this.steps = steps;
    }

    @Override
    public boolean advance() {
        if (runs.get(0).steps() >= steps) {
            return false;
        }
        for (FitRun r : runs) {
            r.step();
        }
        return true;
    }

    @Override
    public Frame snapshot() {
        List<Lane> lanes = new ArrayList<>();
        for (FitRun r : runs) {
            double[] curve = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                curve[i] = r.predict(grid[i]);
            }
            lanes.add(new Lane(curve, r.result()));
        }
        FitRun first = runs.get(0);
        return new Frame(first.steps(), List.copyOf(lanes), first.unitContributions(grid), first.outputBias());
    }

    /**
     * The units with the largest contributions, largest first, at most {@code max} of them.
     *
     * @param units contributions [unit][point]
     * @param max how many to keep
     * @return unit indices
     */
    static Integer[] largestFirst(double[][] units, int max) {
        double[] size = new double[units.length];
        Integer[] order = new Integer[units.length];
        for (int j = 0; j < units.length; j++) {
            order[j] = j;
            for (double v : units[j]) {
                size[j] = Math.max(size[j], Math.abs(v));
            }
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(size[b], size[a]));
        return java.util.Arrays.copyOf(order, Math.min(max, order.length));
    }
}
