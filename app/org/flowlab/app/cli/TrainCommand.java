package org.flowlab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flowlab.model.anneal.RunTransfer;
import org.flowlab.model.store.RunStore;
import org.flowlab.model.mcmc.IndependenceMetropolis;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
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
import java.util.Map;
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

    @Option(names = "--resume", description = "continue the run saved in this directory (and save it there)")
    Path resume;

    @Option(names = "--init-from", description = "start from the trained parameters of the run saved in this directory: same"
            + " flow, any L or coupling of its theory (e.g. --init-from runs/l4 --L 8)")
    Path initFrom;

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
        compute.applyThreads();
        Experiment experiment;
        if (solverMemory && resume == null && !"cnf".equals(parts.flowKind().id())) {
            throw new IllegalArgumentException("--solver-memory applies to continuous flows (--flow cnf)");
        }
        Path saveTo = out;
        if (initFrom != null && resume != null) {
            throw new IllegalArgumentException("--init-from and --resume exclude each other");
        }
        if (initFrom != null) {
            experiment = initFrom();
        } else if (resume != null) {
            if (parts.anyModelOption()) {
                throw new IllegalArgumentException("--resume continues the saved theory and flow; drop their options");
            }
            RunStore.SavedRun saved = RunStore.read(resume);
            RunSpec base = saved.spec();
            TrainingConfig more = new TrainingConfig(saved.stepsDone() + steps, base.training().batch(),
                    base.training().learningRate(), base.training().seed());
            experiment = RunStore.open(saved, base.withTraining(more).withDevice(compute.deviceChoice()));
            saveTo = out != null ? out : resume;
        } else {
            RunSpec runSpec = RunSpec.create(
                    parts.theoryKind().id(), parts.theoryValues(),
                    parts.flowKind().id(), parts.flowValues(),
                    parts.lossKind().id(), parts.lossValues(),
                    new TrainingConfig(steps, batch, lr, seed),
                    compute.deviceChoice(), compute.precisionChoice());
            experiment = runSpec.open();
        }
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Experiment e = experiment) {
            return train(e, saveTo, outWriter, err);
        }
    }

    /** A new run whose flow starts from a saved run's parameters, at the theory values given now. */
    private Experiment initFrom() throws IOException {
        RunStore.SavedRun saved = RunStore.read(initFrom);
        String theoryId = saved.spec().theory();
        boolean theoryGiven = spec.commandLine().getParseResult().hasMatchedOption("--theory");
        if (theoryGiven && !parts.theoryKind().id().equals(theoryId)) {
            throw new IllegalArgumentException("--init-from: the saved run models " + theoryId + ", not " + parts.theoryKind().id());
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--flow") || !parts.flowValues().isEmpty()) {
            throw new IllegalArgumentException("--init-from takes the flow from the saved run; drop the flow options");
        }
        if (!parts.theoryKind().id().equals(theoryId) && !parts.theoryValues().isEmpty()) {
            throw new IllegalArgumentException("--init-from: the saved run models " + theoryId + "; add --theory " + theoryId
                    + " to change its parameters");
        }
        Map<String, String> theoryValues = parts.theoryKind().id().equals(theoryId) ? parts.theoryValues() : Map.of();
        RunSpec base = RunTransfer.withTheory(saved.spec(), theoryValues);
        RunSpec runSpec = RunSpec.create(base.theory(), base.theorySettings().asMap(), base.flow(), base.flowSettings().asMap(),
                parts.lossKind().id(), parts.lossValues(), new TrainingConfig(steps, batch, lr, seed),
                compute.deviceChoice(), compute.precisionChoice());
        return RunTransfer.open(saved, runSpec);
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
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0] + (saveTo != null ? " (the run was saved to " + saveTo + ")" : ""));
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
