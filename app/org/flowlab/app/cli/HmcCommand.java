package org.flowlab.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.mcmc.ChainResult;
import org.flowlab.model.mcmc.ChainTrace;
import org.flowlab.model.mcmc.Hmc;
import org.flowlab.model.mcmc.MarkovChain;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.ChainAnalysis;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.FreeFieldExact;
import org.flowlab.model.observe.Phi4Observables;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.observe.U1Observables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
            "Example: hmc --theory phi4 --L 8 --m2 1 --lam 0 --n 20000 --therm 500 --dt 0.1 --nleap 10 --seed 1 --json",
            "Example: hmc --theory u1 --L 8 --beta 2 --n 20000 --therm 500 --json --autocorr"
        })
final class HmcCommand implements Callable<Integer> {

    private ChainAnalysis.Verdict verdict;

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

    @Option(names = "--nleap", defaultValue = "10", description = "leapfrog steps per trajectory; drawn per trajectory "
            + "uniformly from nleap - nleap/2 to nleap + nleap/2 (mean nleap) unless --fixed-length. Default: ${DEFAULT-VALUE}")
    int nLeap;

    @Option(names = "--fixed-length", description = "always nleap leapfrog steps (a fixed trajectory length can resonate "
            + "with a mode of the field and hide its autocorrelation; see the Markov chains lecture)")
    boolean fixedLength;

    @Option(names = "--trace", paramLabel = "FILE.csv", description = "write the chain to a CSV file: trajectory, accepted, "
            + "delta_h, leapfrog_steps and every observable, one line per measured trajectory")
    Path trace;

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

    /** What one theory contributes: the system, its observables and how to report them. */
    private record Setup(
            String name,
            String description,
            HmcSystem system,
            double[] start,
            List<Observable> observables,
            Map<String, Double> exact) {}

    @Override
    public Integer call() throws IOException {
        if (n < 2) {
            throw new IllegalArgumentException("--n must be at least 2, got " + n);
        }
        if (therm < 0) {
            throw new IllegalArgumentException("--therm must be 0 or more, got " + therm);
        }
        boolean hot = parseStart();
        Setup setup = setup(hot);
        Hmc hmc = new Hmc(setup.system(), dt, nLeap, !fixedLength, new SplittableRandom(seed));
        ChainTrace recorder = trace == null ? null : new ChainTrace(hmc);
        long begin = System.nanoTime();
        ChainResult chain = MarkovChain.run(recorder == null ? hmc::update : recorder, setup.start(), therm, n,
                setup.observables(), null, null);
        double wall = (System.nanoTime() - begin) / 1e9;
        if (recorder != null) {
            recorder.write(trace, chain);
        }
        ChainAnalysis.Result joint = chain.analyseJointly();
        Map<String, Autocorrelation.Analysis> analyses = joint.analyses();
        verdict = joint.verdict();
        Map<String, Estimate> results = results(setup, joint.estimates());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!verdict.reliable()) {
            err.println(verdict.warning());
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

    private Map<String, Estimate> results(Setup setup, Map<String, Estimate> analyses) {
        Map<String, Estimate> results = new LinkedHashMap<>();
        if ("phi4".equals(setup.name())) {
            double volume = phi4.size * phi4.size;
            results.put("absM", analyses.get(Phi4Observables.ABS_M));
            results.put("M", analyses.get(Phi4Observables.M));
            results.put("chi2", analyses.get(Phi4Observables.M2).scale(volume));
            results.put("phi2", analyses.get(Phi4Observables.PHI2));
            results.put("action_density", analyses.get(Phi4Observables.ACTION_DENSITY));
        } else {
            double volume = phi4.size * phi4.size;
            results.put("plaquette", analyses.get(U1Observables.PLAQUETTE));
            results.put("Q2", analyses.get(U1Observables.TOP_CHARGE_SQUARED));
            results.put("chi_t", analyses.get(U1Observables.TOP_CHARGE_SQUARED).scale(1.0 / volume));
            results.put("topCharge", analyses.get(U1Observables.TOP_CHARGE));
            results.put("action_density", analyses.get(U1Observables.ACTION_DENSITY));
            results.put("wilson_1x2", analyses.get(U1Observables.WILSON_1X2));
        }
        return results;
    }

    private static boolean isConstant(Autocorrelation.Analysis a) {
        return ChainAnalysis.isConstant(a);
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
        root.put("trajectory_length", fixedLength ? "fixed" : "random");
        root.put("start", start.trim().toLowerCase(Locale.ROOT));
        root.put("seed", seed);
        Json.put(root, "acceptance", chain.acceptRate());
        ObjectNode obs = root.putObject("observables");
        results.forEach((k, v) -> obs.set(k, Json.estimate(v).put("unreliable", !verdict.reliable())));
        ObjectNode reliability = root.putObject("reliability");
        reliability.put("reliable", verdict.reliable());
        reliability.put("slowest", verdict.slowest());
        Json.put(reliability, "tau_int_max", verdict.tauMax());
        Json.put(reliability, "tau_int_max_err", verdict.tauMaxErr());
        Json.put(reliability, "length_in_tau_int", verdict.lengthInTau());
        reliability.put("reason", verdict.reason());
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
        out.printf(Locale.ROOT, "HMC for %s: %d trajectories after %d thermalisation, dt=%s, %d leapfrog steps%s, %s start%n",
                setup.description(), chain.series().get(0).length, therm, dt, nLeap, fixedLength ? "" : " (mean)", start);
        out.printf(Locale.ROOT, "acceptance %.4f, %.2f s, %s trajectory length%s%n", chain.acceptRate(), wall,
                fixedLength ? "fixed" : "random", verdict.reliable() ? "" : "; ERRORS UNRELIABLE (see the warning)");
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
