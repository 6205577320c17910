package org.flowlab.app.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import org.flowlab.model.train.TrainingListener;
import org.flowlab.model.train.TrainingStep;

/**
 * What {@code train} prints while it trains: progress of data preparation, the header, and a
 * line of metrics every few steps (text or JSON); it also keeps the step times and the failure
 * message, if any.
 */
final class TrainProgress implements TrainingListener {

    /**
     * One JSON line of metrics.
     *
     * @param step the step number
     * @param loss its loss
     * @param ess the ESS fraction of its samples
     * @param accept the latest independence-Metropolis acceptance
     * @param gradNorm the gradient norm
     * @param msPerStep its wall time
     */
    record StepLine(
            int step,
            double loss,
            double ess,
            double accept,
            @JsonProperty("grad_norm") double gradNorm,
            @JsonProperty("ms_per_step") double msPerStep) {}

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final int every;
    private final int planned;
    private final int first;
    private final double[] ms;
    private int recorded;
    private double accept = Double.NaN;
    private long lastReport;
    private String failure;

    /**
     * Creates the printer.
     *
     * @param out standard output
     * @param err standard error (preparation progress)
     * @param json JSON lines rather than a table
     * @param every print every this many steps (and the last)
     * @param first steps done before this run (a resumed run)
     * @param planned the step count at which training ends
     */
    TrainProgress(PrintWriter out, PrintWriter err, boolean json, int every, int first, int planned) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.every = every;
        this.first = first;
        this.planned = planned;
        this.ms = new double[Math.max(0, planned - first)];
    }

    @Override
    public void preparing(String task, long done, long total) {
        long now = System.nanoTime();
        if (!json && (done == total || now - lastReport > 1_000_000_000L)) {
            lastReport = now;
            err.printf(Locale.ROOT, "%s: %d / %d%n", task, done, total);
            err.flush();
        }
    }

    @Override
    public void started(String description, long parameterCount, String device) {
        if (!json) {
            out.printf(
                    Locale.ROOT,
                    "%s%n%d parameters on %s%s%n",
                    description,
                    parameterCount,
                    device,
                    first > 0 ? ", continuing after step " + first : "");
            out.printf(Locale.ROOT, "%8s %12s %8s %8s %10s%n", "step", "loss", "ESS", "accept", "ms/step");
            out.flush();
        }
    }

    @Override
    public void step(TrainingStep s) {
        ms[s.step() - first - 1] = s.msPerStep();
        recorded = s.step() - first;
        if (Double.isFinite(s.acceptRate())) {
            accept = s.acceptRate();
        }
        if (s.step() % every == 0 || s.step() == planned) {
            if (json) {
                out.println(Json.line(new StepLine(s.step(), s.loss(), s.ess(), accept, s.gradNorm(), s.msPerStep())));
            } else {
                out.printf(
                        Locale.ROOT,
                        "%8d %12.4f %8.4f %8.3f %10.2f%n",
                        s.step(),
                        s.loss(),
                        s.ess(),
                        accept,
                        s.msPerStep());
            }
            out.flush();
        }
    }

    @Override
    public void failed(String message) {
        failure = message;
    }

    /**
     * The failure reported by the run.
     *
     * @return the message, or null when training did not fail
     */
    String failure() {
        return failure;
    }

    /**
     * The median wall time of the steps taken.
     *
     * @return milliseconds, or NaN when no step was taken
     */
    double medianMillis() {
        if (recorded == 0) {
            return Double.NaN;
        }
        double[] v = Arrays.copyOf(ms, recorded);
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
