package org.flowlab.app.view.compare;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.ProgressBar;
import org.flowlab.app.task.RunSink;
import org.flowlab.app.view.dashboard.TheoryDashboard;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.train.SampleSnapshot;
import org.flowlab.model.train.TrainingStep;

/**
 * Where one compared run's reports arrive on the FX thread: its curves, its dashboard, and
 * (for run A) the progress in the status bar.
 *
 * @param <P> the dashboard probe's result type
 */
final class CompareSink<P> implements RunSink<P> {

    private final CompareView view;
    private final int lane;
    private final TheoryDashboard<P> dashboard;
    private final int plannedSteps;

    CompareSink(CompareView view, int lane, TheoryDashboard<P> dashboard, int plannedSteps) {
        this.view = view;
        this.lane = lane;
        this.dashboard = dashboard;
        this.plannedSteps = plannedSteps;
    }

    @Override
    public void preparing(String task, long done, long total) {
        view.statusBar()
                .setText(String.format(
                        Locale.ROOT, "Preparing run %s: %s %,d / %,d", lane == 0 ? "A" : "B", task, done, total));
        view.statusBar().progress(total > 0 ? (double) done / total : ProgressBar.INDETERMINATE_PROGRESS);
    }

    @Override
    public void started(String description, long parameters, String device) {
        view.statusBar().setText("Training both runs on " + device);
    }

    @Override
    public void steps(List<TrainingStep> steps) {
        view.curves().steps(lane, steps);
        if (lane == 0 && !view.service().pausedProperty().get()) {
            TrainingStep last = steps.get(steps.size() - 1);
            view.statusBar().progress(plannedSteps > 0 ? (double) last.step() / plannedSteps : 0);
            double[] a = view.curves().smoothed(0);
            double[] b = view.curves().smoothed(1);
            view.statusBar()
                    .setText(String.format(
                            Locale.ROOT, "step %d / %d · ESS A %.3f, B %.3f", last.step(), plannedSteps, a[1], b[1]));
        }
    }

    @Override
    public void modelSamples(SampleSnapshot snapshot) {
        view.curves().samples(lane, snapshot);
        dashboard.modelSamples(snapshot);
    }

    @Override
    public void referenceSamples(ReferenceChain.Snapshot snapshot) {
        dashboard.referenceSamples(snapshot);
    }

    @Override
    public void probe(P result) {
        dashboard.probeResult(result);
    }

    @Override
    public void ended(String message, boolean failed) {
        view.laneEnded(lane, message, failed);
    }
}
