package org.flowlab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flowlab.model.store.RunStore;
import org.flowlab.model.mcmc.IndependenceMetropolis;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.Limits;
import org.flowlab.model.spec.MemoryEstimate;
import org.flowlab.model.spec.ParamException;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.spec.TrainingParams;
import org.flowlab.model.train.GradientProbe;
import org.flowlab.model.train.TrainingConfig;
import org.flowlab.model.train.TrainingListener;
import org.flowlab.model.train.TrainingRun;
import org.flowlab.model.train.TrainingStep;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code flowlab train}: trains a flow and prints metrics as text or JSON lines. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a normalizing flow on a target and print the metrics; --out saves the run.",
            "Theory, flow and loss parameters not given take their defaults.",
            "Example: train --theory phi4 --L 8 --m2 -0.5 --lam 1.5 --layers 8 --hidden 8 "
                    + "--batch 64 --lr 1e-3 --steps 500 --seed 1 --every 50 --json"
        })
final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin SpecOptions parts;

    @Option(names = "--batch", defaultValue = "64", description = "batch size. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate. Default: ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--steps", defaultValue = "500", description = "training steps (with --resume: further steps). Default: ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--every", defaultValue = "50", description = "print metrics every N steps. Default: ${DEFAULT-VALUE}")
    int every;

    @Option(names = "--eval-batch", defaultValue = "1024", description = "fresh samples for the final ESS. Default: ${DEFAULT-VALUE}")
    int evalBatch;

    @Option(names = "--out", description = "save the run to this directory (parameters, run.json, metrics.csv)")
    Path out;

    @Option(names = "--resume", description = "continue the run saved in this directory (and save it there);"
            + " --lr, --batch, --seed, --precision and --device then apply from the next step and are recorded in its"
            + " run.json history; theory, flow and loss options are refused")
    Path resume;

    @Option(names = "--json", description = "print one JSON object per line")
    boolean json;

    @Option(names = "--solver-memory", description = "continuous flows: after training, measure the time and the peak live "
            + "tensors of one gradient evaluation (back-propagation vs adjoint)")
    boolean solverMemory;

    @Mixin ComputeOptions compute;

    @Override
    public Integer call() throws IOException {
        if (every < 1) {
            throw new IllegalArgumentException("--every must be at least 1, got " + every);
        }
        if (evalBatch < 2) {
            throw new IllegalArgumentException("--eval-batch must be at least 2, got " + evalBatch);
        }
        CliChecks.setting(Limits.sampling(), "batch", "--eval-batch", evalBatch);
        compute.check();
        TrainingConfig requested = checkedTraining(steps);
        if (solverMemory && resume == null && !"cnf".equals(parts.flowKind().id())) {
            throw new IllegalArgumentException("--solver-memory applies to continuous flows (--flow cnf)");
        }
        if (out != null) {
            RunStore.checkTarget(out, "--out");
        }
        Path saveTo = out != null ? out : resume;
        RunSpec runSpec;
        RunStore.SavedRun saved = null;
        if (resume != null) {
            if (parts.anyModelOption()) {
                throw new IllegalArgumentException("--resume continues the saved theory and flow; drop their options");
            }
            saved = RunStore.read(resume);
            runSpec = resumed(saved);
        } else {
            runSpec = RunSpec.create(
                    parts.theoryKind().id(), parts.theoryValues(),
                    parts.flowKind().id(), parts.flowValues(),
                    parts.lossKind().id(), parts.lossValues(),
                    requested, compute.deviceChoice(), compute.precisionChoice());
        }
        MemoryEstimate.checkTraining(runSpec);
        compute.applyThreads();
        Experiment experiment = saved != null ? RunStore.open(saved, runSpec) : runSpec.open();
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Experiment e = experiment) {
            MemoryEstimate.checkTraining(e.spec(), e.flow().parameters().device());
            return train(e, saveTo, outWriter, err);
        }
    }

    /** --batch, --lr, --seed and the given number of steps, checked against the shared limits. */
    private TrainingConfig checkedTraining(long totalSteps) {
        try {
            return TrainingParams.checked(totalSteps, batch, lr, seed);
        } catch (ParamException e) {
            String option = "lr".equals(e.key()) ? "--lr" : "--" + e.key();
            throw new IllegalArgumentException(option + ": " + e.getMessage()
                    + (resume != null && "steps".equals(e.key()) ? " (steps done plus --steps)" : ""));
        }
    }

    /**
     * The spec that continues a saved run. Policy: --steps adds steps; --lr, --batch, --seed,
     * --precision and --device apply from the next step on and are recorded in the run's history
     * in run.json; theory, flow and loss options (--loss and its data options) cannot change a
     * saved run and are refused.
     */
    private RunSpec resumed(RunStore.SavedRun saved) {
        RunSpec base = saved.spec();
        boolean lossOptions;
        try {
            lossOptions = !parts.lossValues().isEmpty();
        } catch (IllegalArgumentException e) {
            lossOptions = true;
        }
        if (lossOptions || (CliChecks.given(spec, "--loss") && !parts.lossKind().id().equals(base.loss()))) {
            throw new IllegalArgumentException("--resume continues the saved loss " + base.loss()
                    + "; --loss and its options cannot change a saved run (train a new one with --out)");
        }
        TrainingConfig t = base.training();
        TrainingConfig more = checkedTraining((long) saved.stepsDone() + steps);
        TrainingConfig next = new TrainingConfig(more.steps(),
                CliChecks.given(spec, "--batch") ? more.batch() : t.batch(),
                CliChecks.given(spec, "--lr") ? more.learningRate() : t.learningRate(),
                CliChecks.given(spec, "--seed") ? more.seed() : t.seed());
        return new RunSpec(base.theory(), base.theorySettings(), base.flow(), base.flowSettings(), base.loss(),
                base.lossSettings(), next,
                compute.deviceGiven() ? compute.deviceChoice() : base.device(),
                compute.precisionGiven() ? compute.precisionChoice() : base.precision());
    }

    private int train(Experiment e, Path saveTo, PrintWriter out, PrintWriter err) throws IOException {
        int planned = e.spec().training().steps();
        int first = e.trainer().stepsDone();
        double[] ms = new double[Math.max(0, planned - first)];
        TrainingStep[] last = new TrainingStep[1];
        String[] failure = new String[1];
        TrainingRun run = new TrainingRun(e.trainer(), e.spec().describe(), e.deviceName(), 0, 0);
        run.addListener(new TrainingListener() {
            private long lastReport;

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
                    out.printf(Locale.ROOT, "%s%n%d parameters on %s%s%n", description, parameterCount, device,
                            first > 0 ? ", continuing after step " + first : "");
                    out.printf(Locale.ROOT, "%8s %12s %8s %8s %10s%n", "step", "loss", "ESS", "accept", "ms/step");
                    out.flush();
                }
            }

            private double accept = Double.NaN;

            @Override
            public void step(TrainingStep s) {
                ms[s.step() - first - 1] = s.msPerStep();
                last[0] = s;
                if (Double.isFinite(s.acceptRate())) {
                    accept = s.acceptRate();
                }
                if (s.step() % every == 0 || s.step() == planned) {
                    print(out, s, accept);
                }
            }

            @Override
            public void failed(String message) {
                failure[0] = message;
            }
        });
        long start = System.nanoTime();
        int done = run.run() - first;
        double wall = (System.nanoTime() - start) / 1e9;
        if (saveTo != null) {
            RunStore.save(saveTo, e);
        }
        int skipped = e.trainer().skippedSteps();
        if (failure[0] == null && done > 0 && 2 * skipped > done) {
            failure[0] = "training made no progress: " + skipped + " of " + done
                    + " steps had a non-finite gradient and were skipped; try a smaller learning rate";
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0] + (saveTo != null
                    ? " (the run, at step " + e.trainer().stepsDone() + ", was saved to " + saveTo + ")" : ""));
        }
        double[] logW = e.trainer().freshLogWeights(evalBatch);
        double ess = Ess.fraction(logW);
        double accept = IndependenceMetropolis.acceptRate(logW, new SplittableRandom(e.spec().training().seed()));
        double median = median(Arrays.copyOf(ms, Math.max(0, done)));
        GradientProbe.Cost cost = solverMemory
                ? GradientProbe.measure(e.flow(), e.target(), e.trainer().objective(), e.spec().training().batch(),
                        e.spec().training().seed(), 3)
                : null;
        if (json) {
            ObjectNode summary = Json.object();
            summary.put("steps", e.trainer().stepsDone());
            Json.put(summary, "final_loss", last[0] == null ? Double.NaN : last[0].loss());
            Json.put(summary, "ess", ess);
            summary.put("ess_samples", evalBatch);
            Json.put(summary, "accept", accept);
            Json.put(summary, "ms_per_step", median);
            Json.put(summary, "wall_s", wall);
            summary.put("parameters", e.flow().parameters().count());
            summary.put("device", e.deviceName());
            summary.put("description", e.spec().describe());
            if (saveTo != null) {
                summary.put("saved", saveTo.toString());
            }
            if (cost != null) {
                ObjectNode probe = summary.putObject("gradient_probe");
                probe.put("peak_arrays", cost.peakArrays());
                Json.put(probe, "peak_mib", cost.peakBytes() / 1048576.0);
                Json.put(probe, "ms", cost.millis());
                Json.put(probe, "process_peak_rss_mib", peakRssMib());
            }
            ObjectNode line = Json.object();
            line.set("summary", summary);
            out.println(Json.line(line));
        } else {
            out.printf(Locale.ROOT,
                    "done: %d steps in %.1f s (median %.2f ms/step); ESS %.4f and Metropolis acceptance %.3f on %d fresh samples%n",
                    done, wall, median, ess, accept, evalBatch);
            if (saveTo != null) {
                out.println("saved to " + saveTo);
            }
            if (cost != null) {
                out.printf(Locale.ROOT, "one gradient evaluation: %.1f ms, at most %d tensors (%.2f MiB) alive; process peak RSS %.0f MiB%n",
                        cost.millis(), cost.peakArrays(), cost.peakBytes() / 1048576.0, peakRssMib());
            }
        }
        out.flush();
        return 0;
    }

    /** The process's peak resident memory (VmHWM on Linux), or NaN where unavailable. */
    static double peakRssMib() {
        try {
            for (String l : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Double.parseDouble(l.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException ex) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private void print(PrintWriter out, TrainingStep s, double accept) {
        if (json) {
            ObjectNode n = Json.object();
            n.put("step", s.step());
            Json.put(n, "loss", s.loss());
            Json.put(n, "ess", s.ess());
            Json.put(n, "accept", accept);
            Json.put(n, "grad_norm", s.gradNorm());
            Json.put(n, "ms_per_step", s.msPerStep());
            out.println(Json.line(n));
        } else {
            out.printf(Locale.ROOT, "%8d %12.4f %8.4f %8.3f %10.2f%n", s.step(), s.loss(), s.ess(), accept, s.msPerStep());
        }
        out.flush();
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e.getMessage(), e);
    }
}
