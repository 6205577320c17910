package org.flowlab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.mcmc.ChainResult;
import org.flowlab.model.mcmc.Hmc;
import org.flowlab.model.mcmc.MarkovChain;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.FreeFieldExact;
import org.flowlab.model.observe.Phi4Observables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code flowlab hmc}: runs HMC and prints observables with autocorrelation-aware errors. */
@Command(
        name = "hmc",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sample a lattice theory with Hybrid Monte Carlo and print observables with errors",
            "(Gamma method: the errors include the integrated autocorrelation time).",
            "Example: hmc --theory phi4 --L 8 --m2 1 --lam 0 --n 20000 --therm 500 --dt 0.1 --nleap 10 --seed 1 --json"
        })
final class HmcCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--theory", defaultValue = "phi4", description = "target theory: phi4. Default: ${DEFAULT-VALUE}")
    String theory;

    @Mixin Phi4Options phi4;

    @Option(names = "--n", defaultValue = "20000", description = "measured trajectories. Default: ${DEFAULT-VALUE}")
    int n;

    @Option(names = "--therm", defaultValue = "500", description = "thermalisation trajectories. Default: ${DEFAULT-VALUE}")
    int therm;

    @Option(names = "--dt", defaultValue = "0.1", description = "leapfrog step size. Default: ${DEFAULT-VALUE}")
    double dt;

    @Option(names = "--nleap", defaultValue = "10", description = "leapfrog steps per trajectory. Default: ${DEFAULT-VALUE}")
    int nLeap;

    @Option(names = "--seed", defaultValue = "1", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        if (!"phi4".equalsIgnoreCase(theory)) {
            throw new IllegalArgumentException("--theory must be phi4, not '" + theory + "'");
        }
        if (n < 2) {
            throw new IllegalArgumentException("--n must be at least 2, got " + n);
        }
        if (therm < 0) {
            throw new IllegalArgumentException("--therm must be 0 or more, got " + therm);
        }
        Phi4Theory th = phi4.theory();
        Hmc hmc = new Hmc(th, dt, nLeap, new SplittableRandom(seed));
        long start = System.nanoTime();
        ChainResult chain =
                MarkovChain.run(hmc::update, new double[th.volume()], therm, n, Phi4Observables.of(th), null, null);
        double wall = (System.nanoTime() - start) / 1e9;
        Map<String, Estimate> results = new LinkedHashMap<>();
        Map<String, Autocorrelation.Analysis> analyses = chain.analyse();
        results.put("absM", analyses.get(Phi4Observables.ABS_M).estimate());
        results.put("M", analyses.get(Phi4Observables.M).estimate());
        results.put("chi2", analyses.get(Phi4Observables.M2).estimate().scale(th.volume()));
        results.put("phi2", analyses.get(Phi4Observables.PHI2).estimate());
        results.put("action_density", analyses.get(Phi4Observables.ACTION_DENSITY).estimate());
        Map<String, Double> exact = new LinkedHashMap<>();
        if (th.lambda() == 0) {
            FreeFieldExact ff = new FreeFieldExact(th.size(), th.m2());
            exact.put("phi2", ff.phiSquared());
            exact.put("chi2", ff.chi2());
            exact.put("absM", ff.absMagnetisation());
            exact.put("M", 0.0);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.object();
            root.put("theory", "phi4");
            root.put("L", th.size());
            root.put("m2", th.m2());
            root.put("lambda", th.lambda());
            root.put("n", chain.series().get(0).length);
            root.put("therm", therm);
            root.put("dt", dt);
            root.put("nleap", nLeap);
            root.put("seed", seed);
            Json.put(root, "acceptance", chain.acceptRate());
            ObjectNode obs = root.putObject("observables");
            results.forEach((k, v) -> obs.set(k, Json.estimate(v)));
            if (!exact.isEmpty()) {
                ObjectNode ex = root.putObject("exact");
                exact.forEach((k, v) -> Json.put(ex, k, v));
            }
            Json.put(root, "wall_s", wall);
            out.println(Json.line(root));
        } else {
            out.printf(Locale.ROOT, "HMC for %s: %d trajectories after %d thermalisation, dt=%s, %d leapfrog steps%n",
                    th.describe(), n, therm, dt, nLeap);
            out.printf(Locale.ROOT, "acceptance %.4f, %.2f s%n", chain.acceptRate(), wall);
            out.printf(Locale.ROOT, "%-16s %14s %12s %9s %14s%n", "observable", "mean", "error", "tau_int", "exact");
            results.forEach(
                    (k, v) ->
                            out.printf(
                                    Locale.ROOT,
                                    "%-16s %14.6f %12.6f %9.2f %14s%n",
                                    k, v.mean(), v.err(), v.tauInt(),
                                    exact.containsKey(k) ? String.format(Locale.ROOT, "%.6f", exact.get(k)) : "-"));
        }
        out.flush();
        return 0;
    }
}
