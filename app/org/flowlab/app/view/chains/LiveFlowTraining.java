package org.flowlab.app.view.chains;

import java.util.Locale;
import java.util.function.Consumer;
import org.flowlab.model.scan.FreezingPoint;
import org.flowlab.model.scan.FreezingScan;
import org.flowlab.model.scan.GaugeFlows;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.train.TrainingListener;
import org.flowlab.model.train.TrainingRun;
import org.flowlab.model.train.TrainingStep;

/**
 * Trains one U(1) gauge flow with the shipped recipe ({@link GaugeFlows#recipe}) and then
 * measures its flow-MCMC point. Runs on the application's trainer thread; progress goes out as
 * one line of text at a time, the point when it is measured.
 */
final class LiveFlowTraining implements Runnable {

    private final int size;
    private final double beta;
    private final int steps;
    private final int samples;
    private final long seed;
    private final Consumer<String> progress;
    private final Consumer<FreezingPoint> result;
    private volatile TrainingRun run;
    private volatile boolean stopped;
    private volatile String failure;

    LiveFlowTraining(
            int size,
            double beta,
            int steps,
            int samples,
            long seed,
            Consumer<String> progress,
            Consumer<FreezingPoint> result) {
        this.size = size;
        this.beta = beta;
        this.steps = steps;
        this.samples = samples;
        this.seed = seed;
        this.progress = progress;
        this.result = result;
    }

    /** Stops training after the current step; the flow is then measured as it is. */
    void stop() {
        stopped = true;
        TrainingRun r = run;
        if (r != null) {
            r.stop();
        }
    }

    /**
     * Why the job failed, or null.
     *
     * @return the message
     */
    String failure() {
        return failure;
    }

    @Override
    public void run() {
        try (Experiment e = GaugeFlows.recipe(size, beta, steps, seed).open()) {
            TrainingRun r = new TrainingRun(e.trainer(), e.spec().describe(), e.deviceName(), 0, 0);
            r.addListener(new TrainingListener() {
                private double accept = Double.NaN;

                @Override
                public void step(TrainingStep s) {
                    if (Double.isFinite(s.acceptRate())) {
                        accept = s.acceptRate();
                    }
                    progress.accept(String.format(
                            Locale.ROOT,
                            "step %d of %d: loss %.2f, ESS %.3f, acceptance %s",
                            s.step(),
                            steps,
                            s.loss(),
                            s.ess(),
                            Double.isFinite(accept) ? String.format(Locale.ROOT, "%.2f", accept) : "…"));
                }

                @Override
                public void failed(String message) {
                    failure = message;
                    progress.accept("training failed: " + message);
                }
            });
            run = r;
            if (!stopped) {
                r.run();
            }
            if (failure == null) {
                progress.accept("measuring flow MCMC on " + samples + " proposals …");
                result.accept(FreezingScan.flow(e, samples, seed, null));
            }
        } catch (RuntimeException ex) {
            failure = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            progress.accept("training failed: " + failure);
        }
    }
}
