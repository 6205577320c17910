package org.flowlab.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.mcmc.ChainHealth;
import org.flowlab.model.mcmc.ChainResult;
import org.flowlab.model.mcmc.Hmc;
import org.flowlab.model.mcmc.MarkovChain;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.FreeFieldExact;
import org.flowlab.model.observe.Phi4Observables;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.observe.U1Observables;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.Limits;
import org.flowlab.model.spec.MemoryEstimate;
import org.flowlab.model.spec.ParamException;
import org.flowlab.model.spec.TheoryKind;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
            "Example: hmc --theory phi4 --L 8 --m2 1 --lam 0 --n 20000 --therm 500 --dt 0.1 --nleap 10 --seed 1 --json",
            "Example: hmc --theory u1 --L 8 --beta 2 --n 20000 --therm 500 --json --autocorr"
        })
final class HmcCommand implements Callable<Integer> {

    /** Values of rho(tau) printed per observable in the text output. */
    private static final int TEXT_RHO_LAGS = 20;

    @Spec CommandSpec spec;

    @Option(names = "--theory", defaultValue = "phi4", description = "target theory: phi4 or u1. Default: ${DEFAULT-VALUE}")
    String theory;

    @Mixin Phi4Options phi4;

    @Option(names = "--beta", defaultValue = "2", description = "U(1) inverse coupling beta (u1 only). Default: ${DEFAULT-VALUE}")
    double beta;

    @Option(names = "--n", defaultValue = "20000", description = "measured trajectories. Default: ${DEFAULT-VALUE}")
    int n;

    @Option(names = "--therm", defaultValue = "500", description = "thermalisation trajectories. Default: ${DEFAULT-VALUE}")
    int therm;

    @Option(
            names = "--dt",
            defaultValue = "0.1",
            description = "leapfrog step size (acceptance about 0.98 to 0.86 for U(1) at beta 1 to 6, L 8). Default: ${DEFAULT-VALUE}")
    double dt;

    @Option(names = "--nleap", defaultValue = "10", description = "leapfrog steps per trajectory. Default: ${DEFAULT-VALUE}")
    int nLeap;

    @Option(
            names = "--start",
            defaultValue = "cold",
            description = "initial configuration: cold (all zero; Q = 0 for u1) or hot (random; Haar for u1). Default: ${DEFAULT-VALUE}")
    String start;

    @Option(names = "--seed", defaultValue = "1", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--autocorr", description = "also print rho(tau), tau_int, its error and the window per observable")
    boolean autocorr;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    private static final Set<String> COMMON = Set.of("--theory", "--n", "--therm", "--dt", "--nleap", "--start", "--seed",
            "--autocorr", "--json", "--help", "-h", "--version", "-V");
    private static final Map<String, String> OPTION = Map.of("L", "--L", "m2", "--m2", "lambda", "--lam", "beta", "--beta");

    /** What one theory contributes: the system, its observables and how to report them. */
    private record Setup(
            String name,
            String description,
            HmcSystem system,
            double[] start,
            List<Observable> observables,
            Map<String, Double> exact) {}

    @Override
    public Integer call() {
        boolean hot = parseStart();
        checkSettings();
        Setup setup = setup(hot);
        Hmc hmc = new Hmc(setup.system(), dt, nLeap, new SplittableRandom(seed));
        long begin = System.nanoTime();
        ChainResult chain = MarkovChain.run(hmc::update, setup.start(), therm, n, setup.observables(), null, null);
        double wall = (System.nanoTime() - begin) / 1e9;
        ChainHealth health = ChainHealth.of(chain);
        if (health.frozen()) {
            throw new IllegalStateException(health.frozenMessage("a smaller --dt, a --start hot, or other theory parameters"));
        }
        Map<String, Autocorrelation.Analysis> analyses = chain.analyse();
        Map<String, Estimate> results = results(setup, analyses);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Map.Entry<String, Autocorrelation.Analysis> e : analyses.entrySet()) {
            if (isConstant(e.getValue())) {
                err.printf(Locale.ROOT, "WARNING: %s never changed in %d trajectories (it did not change: frozen): "
                        + "it is unreliable, its error and tau_int cannot be estimated%n", e.getKey(), chain.series().get(0).length);
            } else if (!e.getValue().windowFound()) {
                err.printf(Locale.ROOT, "warning: the chain is too short for the automatic window of %s: "
                        + "its tau_int (%.1f) and error are lower bounds%n", e.getKey(), e.getValue().tauInt());
            }
        }
        err.flush();
        if (json) {
            printJson(out, setup, chain, analyses, results, wall);
        } else {
            printText(out, setup, chain, analyses, results, wall);
        }
        out.flush();
        return 0;
    }

    /** Checks every setting against the shared limits, options against the theory, and the planned work. */
    private void checkSettings() {
        CliChecks.setting(Limits.hmc(), "n", "--n", n);
        CliChecks.setting(Limits.hmc(), "therm", "--therm", therm);
        CliChecks.setting(Limits.hmc(), "dt", "--dt", dt);
        CliChecks.setting(Limits.hmc(), "nleap", "--nleap", nLeap);
        String id = theory.trim().toLowerCase(Locale.ROOT);
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("L", Integer.toString(phi4.size));
        if ("phi4".equals(id)) {
            raw.put("m2", Double.toString(phi4.m2));
            raw.put("lambda", Double.toString(phi4.lambda));
            CliChecks.onlyOptionsOf(spec, id, COMMON, Set.of("--L", "-L", "--m2", "--lam", "--lambda"));
        } else if ("u1".equals(id)) {
            raw.put("beta", Double.toString(beta));
            CliChecks.onlyOptionsOf(spec, id, COMMON, Set.of("--L", "-L", "--beta"));
        } else {
            throw new IllegalArgumentException("--theory must be phi4 or u1, not '" + theory + "'");
        }
        TheoryKind kind = Catalog.theory(id);
        try {
            kind.settings(raw);
        } catch (ParamException e) {
            throw new IllegalArgumentException(OPTION.getOrDefault(e.key(), e.key()) + ": " + e.getMessage());
        }
        Target target = kind.create(kind.settings(raw));
        long dof = ((HmcSystem) target).degreesOfFreedom();
        Limits.checkHmcWork((long) therm + n, nLeap, dof, MemoryEstimate.hmcCost(id), "hmc");
        MemoryEstimate.checkHeap(16.0 * n * kind.observables(target).size(), "the measurement series of " + n + " trajectories",
                "measure fewer trajectories (--n)");
    }

    private boolean parseStart() {
        switch (start.trim().toLowerCase(Locale.ROOT)) {
            case "cold":
                return false;
            case "hot":
                return true;
            default:
                throw new IllegalArgumentException("--start must be cold or hot, not '" + start + "'");
        }
    }

    private Setup setup(boolean hot) {
        SplittableRandom startRng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        switch (theory.trim().toLowerCase(Locale.ROOT)) {
            case "phi4": {
                Phi4Theory th = phi4.theory();
                double[] x = new double[th.volume()];
                if (hot) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = startRng.nextGaussian();
                    }
                }
                Map<String, Double> exact = new LinkedHashMap<>();
                if (th.lambda() == 0) {
                    FreeFieldExact ff = new FreeFieldExact(th.size(), th.m2());
                    exact.put("phi2", ff.phiSquared());
                    exact.put("chi2", ff.chi2());
                    exact.put("absM", ff.absMagnetisation());
                    exact.put("M", 0.0);
                    exact.put("action_density", 0.5);
                }
                return new Setup("phi4", th.describe(), th, x, Phi4Observables.of(th), exact);
            }
            case "u1": {
                U1GaugeTheory th = new U1GaugeTheory(phi4.size, beta);
                double[] x = hot ? th.haarRandom(startRng) : new double[th.degreesOfFreedom()];
                U1Exact ex = U1Exact.onLattice(th.size(), beta);
                Map<String, Double> exact = new LinkedHashMap<>();
                exact.put("plaquette", ex.plaquette());
                exact.put("Q2", ex.topChargeSquared());
                exact.put("chi_t", ex.topSusceptibility());
                exact.put("topCharge", 0.0);
                exact.put("action_density", ex.actionDensity());
                exact.put("wilson_1x2", ex.wilsonLoop(2));
                return new Setup("u1", th.describe(), th, x, U1Observables.of(th), exact);
            }
            default:
                throw new IllegalArgumentException("--theory must be phi4 or u1, not '" + theory + "'");
        }
    }

    private Map<String, Estimate> results(Setup setup, Map<String, Autocorrelation.Analysis> analyses) {
        Map<String, Estimate> results = new LinkedHashMap<>();
        if ("phi4".equals(setup.name())) {
            double volume = phi4.size * phi4.size;
            results.put("absM", estimate(analyses.get(Phi4Observables.ABS_M)));
            results.put("M", estimate(analyses.get(Phi4Observables.M)));
            results.put("chi2", estimate(analyses.get(Phi4Observables.M2)).scale(volume));
            results.put("phi2", estimate(analyses.get(Phi4Observables.PHI2)));
            results.put("action_density", estimate(analyses.get(Phi4Observables.ACTION_DENSITY)));
        } else {
            double volume = phi4.size * phi4.size;
            results.put("plaquette", estimate(analyses.get(U1Observables.PLAQUETTE)));
            results.put("Q2", estimate(analyses.get(U1Observables.TOP_CHARGE_SQUARED)));
            results.put("chi_t", estimate(analyses.get(U1Observables.TOP_CHARGE_SQUARED)).scale(1.0 / volume));
            results.put("topCharge", estimate(analyses.get(U1Observables.TOP_CHARGE)));
            results.put("action_density", estimate(analyses.get(U1Observables.ACTION_DENSITY)));
            results.put("wilson_1x2", estimate(analyses.get(U1Observables.WILSON_1X2)));
        }
        return results;
    }

    /** A constant series has no measurable fluctuation: report its mean with no error. */
    private static Estimate estimate(Autocorrelation.Analysis a) {
        return isConstant(a) ? new Estimate(a.mean(), Double.NaN, Double.NaN) : a.estimate();
    }

    private static boolean isConstant(Autocorrelation.Analysis a) {
        return a.err() == 0 && a.window() == 0;
    }

    private void printJson(
            PrintWriter out,
            Setup setup,
            ChainResult chain,
            Map<String, Autocorrelation.Analysis> analyses,
            Map<String, Estimate> results,
            double wall) {
        ObjectNode root = Json.object();
        root.put("theory", setup.name());
        root.put("L", phi4.size);
        if ("phi4".equals(setup.name())) {
            root.put("m2", phi4.m2);
            root.put("lambda", phi4.lambda);
        } else {
            root.put("beta", beta);
        }
        root.put("n", chain.series().get(0).length);
        root.put("therm", therm);
        root.put("dt", dt);
        root.put("nleap", nLeap);
        root.put("start", start.trim().toLowerCase(Locale.ROOT));
        root.put("seed", seed);
        Json.put(root, "acceptance", chain.acceptRate());
        ObjectNode obs = root.putObject("observables");
        results.forEach((k, v) -> obs.set(k, Json.estimate(v)));
        // observables that never changed carry no error: their means are no result
        ArrayNode unreliable = root.putArray("unreliable");
        results.forEach((k, v) -> {
            if (!Double.isFinite(v.err())) {
                unreliable.add(k);
            }
        });
        if (!setup.exact().isEmpty()) {
            ObjectNode ex = root.putObject("exact");
            setup.exact().forEach((k, v) -> Json.put(ex, k, v));
        }
        if (autocorr) {
            ObjectNode ac = root.putObject("autocorr");
            analyses.forEach((k, a) -> {
                ObjectNode node = ac.putObject(k);
                boolean constant = isConstant(a);
                Json.put(node, "tau_int", constant ? Double.NaN : a.tauInt());
                Json.put(node, "tau_int_err", constant ? Double.NaN : a.tauIntErr());
                node.put("window", a.window());
                node.put("window_found", a.windowFound() && !constant);
                node.put("constant", constant);
                ArrayNode rho = node.putArray("rho");
                for (double r : a.rho()) {
                    rho.add(r);
                }
            });
        }
        Json.put(root, "wall_s", wall);
        out.println(Json.line(root));
    }

    private void printText(
            PrintWriter out,
            Setup setup,
            ChainResult chain,
            Map<String, Autocorrelation.Analysis> analyses,
            Map<String, Estimate> results,
            double wall) {
        Map<String, Double> exact = setup.exact();
        out.printf(Locale.ROOT, "HMC for %s: %d trajectories after %d thermalisation, dt=%s, %d leapfrog steps, %s start%n",
                setup.description(), chain.series().get(0).length, therm, dt, nLeap, start);
        out.printf(Locale.ROOT, "acceptance %.4f, %.2f s%n", chain.acceptRate(), wall);
        out.printf(Locale.ROOT, "%-16s %14s %12s %9s %14s%n", "observable", "mean", "error", "tau_int", "exact");
        results.forEach(
                (k, v) ->
                        out.printf(
                                Locale.ROOT,
                                "%-16s %14.6f %12s %9s %14s%n",
                                k, v.mean(),
                                Double.isFinite(v.err()) ? String.format(Locale.ROOT, "%.6f", v.err()) : "-",
                                Double.isFinite(v.tauInt()) ? String.format(Locale.ROOT, "%.2f", v.tauInt()) : "-",
                                exact.containsKey(k) ? String.format(Locale.ROOT, "%.6f", exact.get(k)) : "-"));
        if (autocorr) {
            out.println();
            out.printf(Locale.ROOT, "%-16s %9s %9s %7s %6s  rho(0..)%n", "autocorrelation", "tau_int", "error", "window", "found");
            analyses.forEach((k, a) -> {
                StringBuilder rho = new StringBuilder();
                int shown = Math.min(a.rho().length, Math.min(TEXT_RHO_LAGS, 2 * a.window() + 1));
                for (int t = 0; t < Math.max(1, shown); t++) {
                    rho.append(String.format(Locale.ROOT, " %.3f", a.rho()[t]));
                }
                if (isConstant(a)) {
                    out.printf(Locale.ROOT, "%-16s %9s %9s %7s %6s  (constant series)%n", k, "-", "-", "-", "-");
                } else {
                    out.printf(Locale.ROOT, "%-16s %9.2f %9.2f %7d %6s %s%n",
                            k, a.tauInt(), a.tauIntErr(), a.window(), a.windowFound() ? "yes" : "no", rho);
                }
            });
        }
    }
}
