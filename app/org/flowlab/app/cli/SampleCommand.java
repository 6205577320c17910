package org.flowlab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.djl.ndarray.NDManager;

import org.flowlab.model.compute.Compute;
import org.flowlab.model.anneal.RunTransfer;
import org.flowlab.model.store.RunStore;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.train.FlowEvaluation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code flowlab sample}: draws samples from a saved run and prints reweighted estimates. */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Draw samples from a saved flow and print the ESS, the independence-Metropolis acceptance",
            "and each observable reweighted to the target ({mean, err}), as raw model averages, and",
            "as flow-MCMC averages (with tau_int). Exact values are printed where known.",
            "Example: sample --run runs/u1 --n 10000 --json"
        })
final class SampleCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--run", required = true, description = "a run directory written by train --out")
    Path run;

    @Option(names = "--n", defaultValue = "10000", description = "number of samples. Default: ${DEFAULT-VALUE}")
    int n;

    @Option(names = "--batch", defaultValue = "1000", description = "samples per forward pass. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = {"--L", "-L"}, description = "sample the saved flow unchanged on an L x L lattice (convolutional and"
            + " gauge-equivariant flows work on any L their masks allow); default: the run's own L")
    Integer size;

    @Mixin ComputeOptions compute;

    @Override
    public Integer call() throws IOException {
        if (n < 2) {
            throw new IllegalArgumentException("--n must be at least 2, got " + n);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        compute.applyThreads();
        RunStore.SavedRun saved = RunStore.read(run);
        FlowEvaluation ev;
        Map<String, Double> exact = size == null ? saved.spec().theoryKind().exact(saved.spec().theorySettings())
                : saved.spec().theoryKind().exact(RunTransfer.withTheory(saved.spec(), Map.of("L", Integer.toString(size))).theorySettings());
        String description;
        try (Experiment e = size == null ? RunStore.open(saved, saved.spec().withDevice(compute.deviceChoice()))
                        : RunTransfer.open(saved, RunTransfer.withTheory(saved.spec(), Map.of("L", Integer.toString(size)))
                                .withDevice(compute.deviceChoice()));
                NDManager manager = Compute.newManager(e.flow().parameters().device())) {
            description = e.spec().describe();
            ev = FlowEvaluation.evaluate(e.flow(), e.target(), e.spec().theoryKind().observables(e.target()), n, batch, manager, seed);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.object();
            root.put("run", run.toString());
            root.put("description", description);
            root.put("steps_trained", saved.stepsDone());
            root.put("n", ev.samples());
            Json.put(root, "ess", ev.ess());
            Json.put(root, "accept", ev.acceptRate());
            ObjectNode rw = root.putObject("reweighted");
            ev.reweighted().forEach((k, v) -> rw.set(k, estimate(v)));
            ObjectNode raw = root.putObject("raw");
            ev.raw().forEach((k, v) -> raw.set(k, estimate(v)));
            ObjectNode mh = root.putObject("metropolis");
            ev.metropolis().forEach((k, v) -> mh.set(k, Json.estimate(v)));
            if (!exact.isEmpty()) {
                ObjectNode ex = root.putObject("exact");
                exact.forEach((k, v) -> Json.put(ex, k, v));
            }
            out.println(Json.line(root));
        } else {
            out.printf(Locale.ROOT, "%s%ntrained %d steps; %d samples: ESS %.4f, Metropolis acceptance %.4f%n",
                    description, saved.stepsDone(), ev.samples(), ev.ess(), ev.acceptRate());
            out.printf(Locale.ROOT, "%-16s %22s %22s %22s %12s%n", "observable", "reweighted", "flow MCMC", "raw model", "exact");
            for (String k : ev.reweighted().keySet()) {
                out.printf(Locale.ROOT, "%-16s %22s %22s %22s %12s%n", k, text(ev.reweighted().get(k)), text(ev.metropolis().get(k)),
                        text(ev.raw().get(k)), exact.containsKey(k) ? String.format(Locale.ROOT, "%.6f", exact.get(k)) : "-");
            }
        }
        out.flush();
        return 0;
    }

    private static ObjectNode estimate(Estimate e) {
        ObjectNode n = Json.object();
        Json.put(n, "mean", e.mean());
        Json.put(n, "err", e.err());
        return n;
    }

    private static String text(Estimate e) {
        return String.format(Locale.ROOT, "%.6f ± %.6f", e.mean(), e.err());
    }
}
