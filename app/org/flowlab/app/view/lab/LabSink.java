package org.flowlab.app.view.lab;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.ProgressBar;
import org.flowlab.app.task.RunSink;
import org.flowlab.app.view.dashboard.TheoryDashboard;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.train.SampleSnapshot;
import org.flowlab.model.train.TrainingStep;

/**
 * Where the Lab's run reports arrive on the FX thread: the curves, the theory's dashboard, the
 * flow in time, and the status bar (progress, step, speed, device; a failure with its reason).
 *
 * @param <P> the dashboard probe's result type
 */
final class LabSink<P> implements RunSink<LabProbe<P>> {

    private final LabView lab;
    private final TheoryDashboard<P> dashboard;
    private final int plannedSteps;

    LabSink(LabView lab, TheoryDashboard<P> dashboard, int plannedSteps) {
        this.lab = lab;
        this.dashboard = dashboard;
        this.plannedSteps = plannedSteps;
    }

    @Override
    public void preparing(String task, long done, long total) {
        double fraction = total > 0 ? (double) done / total : ProgressBar.INDETERMINATE_PROGRESS;
        lab.status(String.format(Locale.ROOT, "Preparing: %s %,d / %,d", task, done, total), fraction);
        lab.editor()
                .showData(
                        String.format(
                                Locale.ROOT,
                                "Training set: %s, %,d / %,d%s",
                                task,
                                done,
                                total,
                                done >= total ? " (ready)" : ""),
                        fraction);
    }

    @Override
    public void started(String description, long parameters, String device) {
        lab.status(String.format(Locale.ROOT, "Training %,d parameters: %s", parameters, description));
        lab.deviceLabel().setText("device: " + device);
    }

    @Override
    public void steps(List<TrainingStep> steps) {
        lab.curves().steps(0, steps);
        TrainingStep last = steps.get(steps.size() - 1);
        double[] sm = lab.curves().smoothed(0);
        lab.stepLabel().setText(String.format(Locale.ROOT, "step %d / %d", last.step(), plannedSteps));
        lab.speedLabel().setText(String.format(Locale.ROOT, "%.1f steps/s", last.stepsPerSecond()));
        if (!lab.service().pausedProperty().get()) {
            lab.status(
                    String.format(
                            Locale.ROOT,
                            "Training: loss %.4g, ESS %.3f, acceptance %.3f (smoothed)",
                            sm[0],
                            sm[1],
                            sm[2]),
                    plannedSteps > 0 ? (double) last.step() / plannedSteps : 0);
        }
    }

    @Override
    public void modelSamples(SampleSnapshot snapshot) {
        lab.curves().samples(0, snapshot);
        dashboard.modelSamples(snapshot);
    }

    @Override
    public void referenceSamples(ReferenceChain.Snapshot snapshot) {
        dashboard.referenceSamples(snapshot);
    }

    @Override
    public void probe(LabProbe<P> result) {
        if (result.dashboard() != null) {
            dashboard.probeResult(result.dashboard());
        }
        if (result.frames() != null) {
            lab.flowTime().show(result.frames(), result.step());
        }
    }

    @Override
    public void ended(String message, boolean failed) {
        lab.runEnded(message, failed);
    }
}
