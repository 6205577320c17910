package org.flowlab.app.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowlab.model.anneal.RunTransfer;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.ObservableNames;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.Limits;
import org.flowlab.model.spec.MemoryEstimate;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.store.RunStore;
import org.flowlab.model.train.EvaluationChecks;
import org.flowlab.model.train.FlowEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowlab sample}: draws samples from a saved run and prints reweighted estimates. */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Draw samples from a saved flow and print the ESS, the independence-Metropolis acceptance",
            "and each observable reweighted to the target ({mean, err}), as raw model averages, and",
            "as flow-MCMC averages (with tau_int). Exact values are printed where known (for mixtures, the",
            "exact mode weights); estimates off them by more than 4 errors are flagged (! in the table),",
            "and too few effective samples (n ESS < 1000) or a short flow-MCMC chain mark errors unreliable.",
            "Example: sample --run runs/u1 --n 10000 --json"
        })
final class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, description = "a run directory written by train --out")
    Path run;

    @Option(names = "--n", defaultValue = "10000", description = "number of samples. Default: ${DEFAULT-VALUE}")
    int n;

    @Option(
            names = "--batch",
            defaultValue = "1000",
            description = "samples per forward pass. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(
            names = {"--L", "-L"},
            description = "sample the saved flow unchanged on an L x L lattice (convolutional and"
                    + " gauge-equivariant flows work on any L their masks allow); default: the run's own L")
    Integer size;

    @Mixin
    ComputeOptions compute;

    /**
     * The JSON report (renamed observable keys also under their old names, see
     * {@link ObservableNames}).
     *
     * @param run the run directory
     * @param description the run's spec in words
     * @param stepsTrained steps the run was trained for
     * @param precision the arithmetic the samples were drawn in
     * @param n samples drawn
     * @param ess their ESS fraction
     * @param accept the independence-Metropolis acceptance
     * @param effectiveSamples n times the ESS fraction
     * @param reweighted observables reweighted to the target
     * @param raw plain model averages
     * @param metropolis flow-MCMC averages with tau_int
     * @param exact exact values where known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Report(
            String run,
            String description,
            @JsonProperty("steps_trained") int stepsTrained,
            String precision,
            int n,
            double ess,
            double accept,
            @JsonProperty("effective_samples") double effectiveSamples,
            Map<String, Flagged> reweighted,
            Map<String, Json.MeanErr> raw,
            Map<String, Flagged> metropolis,
            Map<String, Double> exact) {}

    /**
     * An estimate with its checks, in JSON.
     *
     * @param mean the mean
     * @param err its error
     * @param tauInt its tau_int (NaN for independent samples)
     * @param unreliable whether too few effective samples (or a short chain) make the error untrustworthy
     * @param disagreesWithExact whether it is off the exact value by more than 4 errors
     */
    record Flagged(
            double mean,
            double err,

            @JsonProperty("tau_int") @JsonInclude(JsonInclude.Include.NON_NULL)
            Double tauInt,

            boolean unreliable,
            @JsonProperty("disagrees_with_exact") boolean disagreesWithExact) {}

    @Override
    public Integer call() throws IOException {
        CliChecks.setting(Limits.sampling(), "n", "--n", n);
        CliChecks.setting(Limits.sampling(), "batch", "--batch", batch);
        compute.check();
        RunStore.SavedRun saved = RunStore.read(run);
        RunSpec base = saved.spec();
        RunSpec kept = compute.over(base);
        // --L: the same flow on another volume (checked: the flow must fit the new lattice)
        RunSpec chosen = size == null ? kept : RunTransfer.withTheory(kept, Map.of("L", Integer.toString(size)));
        int observables = chosen.theoryKind()
                .observables(chosen.theoryKind().create(chosen.theorySettings()))
                .size();
        MemoryEstimate.checkSampling(
                chosen,
                n,
                Math.min(batch, n),
                observables,
                chosen.device() == DeviceChoice.GPU ? Device.gpu(0) : Device.cpu());
        compute.applyThreads();
        FlowEvaluation ev;
        Map<String, Double> exact = chosen.theoryKind().exact(chosen.theorySettings());
        String description;
        String precision;
        try (Experiment e = size == null ? RunStore.openParameters(saved, chosen) : RunTransfer.open(saved, chosen);
                NDManager manager = Compute.newManager(e.flow().parameters().device())) {
            description = e.spec().describe();
            precision = e.spec().precision().toString();
            ev = FlowEvaluation.evaluate(
                    e.flow(), e.target(), e.spec().theoryKind().observables(e.target()), n, batch, manager, seed);
        }
        if (!Double.isFinite(ev.ess())) {
            throw new IllegalStateException("the flow in " + run + " gives non-finite weights (ESS " + ev.ess()
                    + "): its samples are no result");
        }
        EvaluationChecks checks = EvaluationChecks.of(ev, exact);
        PrintWriter err = spec.commandLine().getErr();
        checks.warnings().forEach(err::println);
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(new Report(
                    run.toString(),
                    description,
                    saved.stepsDone(),
                    precision,
                    ev.samples(),
                    ev.ess(),
                    ev.acceptRate(),
                    checks.effectiveSamples(),
                    flagged(ev.reweighted(), EvaluationChecks.REWEIGHTED, !checks.reweightedReliable(), checks, false),
                    meanErr(ev.raw()),
                    flagged(ev.metropolis(), EvaluationChecks.METROPOLIS, !checks.metropolisReliable(), checks, true),
                    exact.isEmpty() ? null : ObservableNames.withLegacyAliases(exact))));
        } else {
            out.printf(
                    Locale.ROOT,
                    "%s%ntrained %d steps; %d samples in %s: ESS %.4f, Metropolis acceptance %.4f%n",
                    description,
                    saved.stepsDone(),
                    ev.samples(),
                    precision,
                    ev.ess(),
                    ev.acceptRate());
            out.printf(
                    Locale.ROOT,
                    "%-22s %22s %22s %22s %12s%n",
                    "observable",
                    "reweighted",
                    "flow MCMC",
                    "raw model",
                    "exact");
            for (String k : ev.reweighted().keySet()) {
                out.printf(
                        Locale.ROOT,
                        "%-22s %22s %22s %22s %12s%n",
                        k,
                        text(ev.reweighted().get(k)) + (checks.disagrees(EvaluationChecks.REWEIGHTED, k) ? "!" : ""),
                        text(ev.metropolis().get(k)) + (checks.disagrees(EvaluationChecks.METROPOLIS, k) ? "!" : ""),
                        text(ev.raw().get(k)),
                        exact.containsKey(k) ? String.format(Locale.ROOT, "%.6f", exact.get(k)) : "-");
            }
        }
        out.flush();
        return 0;
    }

    private static Map<String, Json.MeanErr> meanErr(Map<String, Estimate> estimates) {
        Map<String, Json.MeanErr> out = new LinkedHashMap<>();
        estimates.forEach((k, v) -> out.put(k, Json.MeanErr.of(v)));
        return ObservableNames.withLegacyAliases(out);
    }

    private static Map<String, Flagged> flagged(
            Map<String, Estimate> estimates,
            String method,
            boolean unreliable,
            EvaluationChecks checks,
            boolean withTau) {
        Map<String, Flagged> out = new LinkedHashMap<>();
        estimates.forEach((k, v) -> out.put(
                k,
                new Flagged(v.mean(), v.err(), withTau ? v.tauInt() : null, unreliable, checks.disagrees(method, k))));
        return ObservableNames.withLegacyAliases(out);
    }

    private static String text(Estimate e) {
        return String.format(Locale.ROOT, "%.6f ± %.6f", e.mean(), e.err());
    }
}
