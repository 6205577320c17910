package org.flowlab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flowlab.model.flow.RealNvp;
import org.flowlab.model.mcmc.IndependenceMetropolis;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.train.Phi4Experiment;
import org.flowlab.model.train.SampleSnapshot;
import org.flowlab.model.train.TrainingConfig;
import org.flowlab.model.train.TrainingListener;
import org.flowlab.model.train.TrainingRun;
import org.flowlab.model.train.TrainingStep;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
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
            "Train a normalizing flow on a lattice theory by reverse KL and print the metrics.",
            "Example: train --theory phi4 --L 8 --m2 -0.5 --lam 1.5 --layers 8 --hidden 8 "
                    + "--batch 64 --lr 1e-3 --steps 500 --seed 1 --every 50 --json"
        })
final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--theory", defaultValue = "phi4", description = "target theory: phi4. Default: ${DEFAULT-VALUE}")
    String theory;

    @Mixin Phi4Options phi4;

    @Option(names = "--flow", defaultValue = "realnvp", description = "flow family: realnvp. Default: ${DEFAULT-VALUE}")
    String flow;

    @Option(names = "--loss", defaultValue = "rkl", description = "loss: rkl (reverse KL). Default: ${DEFAULT-VALUE}")
    String loss;

    @Option(names = "--layers", defaultValue = "8", description = "coupling layers. Default: ${DEFAULT-VALUE}")
    int layers;

    @Option(names = "--hidden", defaultValue = "8", description = "hidden channels per convolution. Default: ${DEFAULT-VALUE}")
    int hidden;

    @Option(names = "--hidden-layers", defaultValue = "2", description = "hidden convolutions per coupling network. Default: ${DEFAULT-VALUE}")
    int hiddenLayers;

    @Option(names = "--kernel", defaultValue = "3", description = "odd convolution kernel size. Default: ${DEFAULT-VALUE}")
    int kernel;

    @Option(names = "--no-tanh", description = "do not bound s and t with tanh")
    boolean noTanh;

    @Option(names = "--batch", defaultValue = "64", description = "batch size. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate. Default: ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--steps", defaultValue = "500", description = "training steps. Default: ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--every", defaultValue = "50", description = "print metrics every N steps. Default: ${DEFAULT-VALUE}")
    int every;

    @Option(names = "--eval-batch", defaultValue = "1024", description = "samples for the final ESS. Default: ${DEFAULT-VALUE}")
    int evalBatch;

    @Option(names = "--json", description = "print one JSON object per line")
    boolean json;

    @Mixin ComputeOptions compute;

    @Override
    public Integer call() {
        if (!"phi4".equalsIgnoreCase(theory)) {
            throw new IllegalArgumentException("--theory must be phi4 (more theories are coming), not '" + theory + "'");
        }
        if (!"realnvp".equalsIgnoreCase(flow)) {
            throw new IllegalArgumentException("--flow must be realnvp, not '" + flow + "'");
        }
        if (!"rkl".equalsIgnoreCase(loss)) {
            throw new IllegalArgumentException("--loss must be rkl, not '" + loss + "'");
        }
        if (every < 1) {
            throw new IllegalArgumentException("--every must be at least 1, got " + every);
        }
        if (evalBatch < 2) {
            throw new IllegalArgumentException("--eval-batch must be at least 2, got " + evalBatch);
        }
        compute.applyThreads();
        Phi4Experiment experiment =
                new Phi4Experiment(
                        phi4.theory(),
                        new RealNvp.Config(layers, hidden, hiddenLayers, kernel, !noTanh),
                        new TrainingConfig(steps, batch, lr, seed),
                        compute.deviceChoice(),
                        compute.precisionChoice());
        PrintWriter out = spec.commandLine().getOut();
        try (Phi4Experiment.Opened opened = experiment.open()) {
            double[] ms = new double[steps];
            TrainingStep[] last = new TrainingStep[1];
            String[] failure = new String[1];
            TrainingRun run = new TrainingRun(opened.trainer(), experiment.describe(), opened.deviceName(), 0, 0);
            run.addListener(
                    new TrainingListener() {
                        @Override
                        public void started(String description, long parameterCount, String device) {
                            if (!json) {
                                out.printf(Locale.ROOT, "%s%n%d parameters on %s%n", description, parameterCount, device);
                                out.printf(Locale.ROOT, "%8s %12s %8s %8s %10s%n", "step", "loss", "ESS", "accept", "ms/step");
                                out.flush();
                            }
                        }

                        @Override
                        public void step(TrainingStep s) {
                            ms[s.step() - 1] = s.msPerStep();
                            last[0] = s;
                            if (s.step() % every == 0 || s.step() == steps) {
                                print(out, s);
                            }
                        }

                        @Override
                        public void failed(String message) {
                            failure[0] = message;
                        }
                    });
            long start = System.nanoTime();
            int done = run.run();
            double wall = (System.nanoTime() - start) / 1e9;
            if (failure[0] != null) {
                throw new IllegalStateException(failure[0]);
            }
            SampleSnapshot eval = opened.trainer().freshSnapshot(evalBatch);
            double ess = Ess.fraction(eval.logWeights());
            double accept = IndependenceMetropolis.acceptRate(eval.logWeights(), new SplittableRandom(seed));
            double median = median(Arrays.copyOf(ms, done));
            if (json) {
                ObjectNode summary = Json.object();
                summary.put("steps", done);
                Json.put(summary, "final_loss", last[0] == null ? Double.NaN : last[0].loss());
                Json.put(summary, "ess", ess);
                summary.put("ess_samples", evalBatch);
                Json.put(summary, "accept", accept);
                Json.put(summary, "ms_per_step", median);
                Json.put(summary, "wall_s", wall);
                summary.put("parameters", opened.flow().parameters().count());
                summary.put("device", opened.deviceName());
                summary.put("description", experiment.describe());
                ObjectNode line = Json.object();
                line.set("summary", summary);
                out.println(Json.line(line));
            } else {
                out.printf(
                        Locale.ROOT,
                        "done: %d steps in %.1f s (median %.2f ms/step); ESS %.4f and Metropolis acceptance %.3f on %d fresh samples%n",
                        done, wall, median, ess, accept, evalBatch);
            }
            out.flush();
        }
        return 0;
    }

    private void print(PrintWriter out, TrainingStep s) {
        if (json) {
            ObjectNode n = Json.object();
            n.put("step", s.step());
            Json.put(n, "loss", s.loss());
            Json.put(n, "ess", s.ess());
            Json.put(n, "accept", s.acceptRate());
            Json.put(n, "grad_norm", s.gradNorm());
            Json.put(n, "ms_per_step", s.msPerStep());
            out.println(Json.line(n));
        } else {
            out.printf(Locale.ROOT, "%8d %12.4f %8.4f %8.3f %10.2f%n", s.step(), s.loss(), s.ess(), s.acceptRate(), s.msPerStep());
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
}
