package org.flowlab.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowlab.model.anneal.AnnealedChain;
import org.flowlab.model.anneal.ChainResult;
import org.flowlab.model.anneal.ChainSpec;
import org.flowlab.model.anneal.ChainStore;
import org.flowlab.model.anneal.Schedule;
import org.flowlab.model.anneal.StageResult;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.observe.Estimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flowlab anneal}: trains a chain of flows along one coupling, optionally with HMC between
 * the flows, and prints per stage the ESS, the reweighted observables and log Z with errors.
 */
@Command(
        name = "anneal",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a chain of flows along one coupling (annealing): stage k maps samples of target k-1 to",
            "target k; weights accumulate so that the reweighted estimates and log Z are unbiased at",
            "every stage. --hmc-between K adds K HMC (or Metropolis) updates per sample at each",
            "intermediate target (a stochastic normalizing flow); --flow none is annealed importance",
            "sampling with the updates alone. Exact values are printed where known. Flows run in float64",
            "unless --precision says otherwise.",
            "Example: anneal --theory phi4 --L 4 --lam 1.5 --m2 0:-0.5:6 --flow realnvp --hmc-between 2"
                    + " --steps-per-stage 200 --json"
        })
final class AnnealCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AnnealOptions parts;

    @Option(names = "--loss", defaultValue = "rkl", description = "rkl | pathgrad. Default: ${DEFAULT-VALUE}")
    String loss;

    @Option(
            names = "--base",
            defaultValue = "hmc",
            description =
                    "hmc: start from HMC samples of the first target; prior: from the flow's prior (absolute log Z)."
                            + " Default: ${DEFAULT-VALUE}")
    String base;

    @Option(
            names = "--hmc-between",
            defaultValue = "0",
            description = "Monte Carlo updates per sample at each intermediate" + " target. Default: ${DEFAULT-VALUE}")
    int hmcBetween;

    @Option(
            names = "--steps-per-stage",
            defaultValue = "200",
            description = "training steps of each stage. Default: ${DEFAULT-VALUE}")
    int stepsPerStage;

    @Option(names = "--batch", defaultValue = "64", description = "batch size. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate. Default: ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--seed", defaultValue = "1", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(
            names = "--samples",
            defaultValue = "2048",
            description = "evaluation samples pushed along the chain. Default: ${DEFAULT-VALUE}")
    int samples;

    @Option(
            names = "--pool",
            defaultValue = "2048",
            description = "training samples pushed along the chain. Default: ${DEFAULT-VALUE}")
    int pool;

    @Option(
            names = "--no-warm-start",
            description = "start every stage's flow from fresh weights, not from the previous stage's")
    boolean noWarmStart;

    @Option(
            names = "--out",
            description = "save the whole chain to this directory (chain.json, stage-NN.npz), atomically")
    Path out;

    @Option(names = "--json", description = "print one JSON object per stage, then a summary line")
    boolean json;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() throws IOException {
        compute.applyThreads();
        Schedule schedule = parts.schedule();
        String flowId = parts.flowId();
        // float64 unless asked otherwise: the log-determinants add up along the chain in the weights
        Precision precision = spec.commandLine().getParseResult().hasMatchedOption("--precision")
                ? compute.precisionChoice()
                : Precision.FLOAT64;
        ChainSpec chain = ChainSpec.create(
                parts.theoryKind().id(),
                parts.theoryValues(schedule.key()),
                schedule,
                flowId,
                parts.flowValues(flowId),
                loss,
                ChainSpec.Base.parse(base),
                stepsPerStage,
                batch,
                lr,
                seed,
                hmcBetween,
                !noWarmStart,
                samples,
                pool,
                compute.deviceChoice(),
                precision);
        PrintWriter output = spec.commandLine().getOut();
        if (!json) {
            output.println(chain.describe());
            output.flush();
        }
        ChainResult result = AnnealedChain.run(
                chain,
                new AnnealedChain.Listener() {
                    @Override
                    public void stageFinished(StageResult s) {
                        if (json) {
                            output.println(line(AnnealJson.Stage.of(s)));
                        } else {
                            printStage(output, s);
                        }
                        output.flush();
                    }
                },
                () -> false);
        if (out != null) {
            ChainStore.save(out, result);
        }
        if (json) {
            output.println(line(
                    new AnnealJson.SummaryLine(AnnealJson.Summary.of(result, out == null ? null : out.toString()))));
        } else {
            output.printf(
                    Locale.ROOT,
                    "done: %d stages, %d training steps in %.1f s on %s%n",
                    result.stages().size(),
                    chain.trainingSteps(),
                    result.seconds(),
                    result.device());
            if (out != null) {
                output.println("saved to " + out);
            }
        }
        output.flush();
        return 0;
    }

    private static String line(Object record) {
        try {
            return Json.MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void printStage(PrintWriter out, StageResult s) {
        out.printf(
                Locale.ROOT,
                "stage %d  %s = %-8s ESS %.4f (stage %.4f)  log Z %s%s  ΔF %s%s%n",
                s.stage(),
                s.key(),
                Schedule.format(s.value()),
                s.ess(),
                s.stageEss(),
                text(s.logZ()),
                exact(s.logZExact()),
                text(s.deltaF()),
                exact(s.deltaFExact()));
        if (Double.isNaN(s.logZ().mean()) && s.moved()) {
            out.printf(Locale.ROOT, "          log(Z/Z_first) %s%n", text(s.logRatio()));
        }
        StringBuilder b = new StringBuilder("          reweighted:");
        for (Map.Entry<String, Estimate> e : s.reweighted().entrySet()) {
            b.append(' ').append(e.getKey()).append(' ').append(text(e.getValue()));
            Double x = s.exact().get(e.getKey());
            if (x != null) {
                b.append(String.format(Locale.ROOT, " (exact %.5f)", x));
            }
        }
        out.println(b);
    }

    private static String text(Estimate e) {
        if (Double.isNaN(e.mean())) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.5f ± %.5f", e.mean(), e.err());
    }

    private static String exact(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, " (exact %.5f)", v) : "";
    }
}
