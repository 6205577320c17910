package org.flowlab.app.cli;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.flowlab.model.mcmc.ChainHealth;
import org.flowlab.model.mcmc.ChainResult;
import org.flowlab.model.mcmc.ChainTrace;
import org.flowlab.model.mcmc.Hmc;
import org.flowlab.model.mcmc.MarkovChain;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.ChainAnalysis;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.ObservableNames;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.HmcSetup;
import org.flowlab.model.spec.Kind;
import org.flowlab.model.spec.Limits;
import org.flowlab.model.spec.MemoryEstimate;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flowlab hmc}: runs HMC on any theory whose target is an HMC system and prints its
 * observables with autocorrelation-aware errors; theory, observables and exact values come from
 * the theory's kind ({@link TheoryKind#hmc}).
 */
@Command(
        name = "hmc",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sample a lattice theory with Hybrid Monte Carlo and print observables with errors",
            "(Gamma method: the errors include the integrated autocorrelation time).",
            "Theory parameters not given take their defaults; an option of another theory is an error.",
            "Example: hmc --theory phi4 --L 8 --m2 1 --lam 0 --n 20000 --therm 500 --dt 0.1 --nleap 10 --seed 1 --json",
            "Example: hmc --theory u1 --L 8 --beta 2 --n 20000 --therm 500 --json --autocorr"
        })
final class HmcCommand implements Callable<Integer> {

    /** Values of rho(tau) printed per observable in the text output. */
    private static final int TEXT_RHO_LAGS = 20;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--theory",
            defaultValue = "phi4",
            description = "a theory with an HMC sampler (phi4, u1, ...). Default: ${DEFAULT-VALUE}")
    String theory;

    @Mixin
    KindOptions kinds = new KindOptions(KindOptions.Part.THEORY);

    @Option(names = "--n", defaultValue = "20000", description = "measured trajectories. Default: ${DEFAULT-VALUE}")
    int n;

    @Option(
            names = "--therm",
            defaultValue = "500",
            description = "thermalisation trajectories. Default: ${DEFAULT-VALUE}")
    int therm;

    @Option(
            names = "--dt",
            defaultValue = "0.1",
            description =
                    "leapfrog step size (acceptance about 0.98 to 0.86 for U(1) at beta 1 to 6, L 8). Default: ${DEFAULT-VALUE}")
    double dt;

    @Option(
            names = "--nleap",
            defaultValue = "10",
            description =
                    "leapfrog steps per trajectory; drawn per trajectory "
                            + "uniformly from nleap - nleap/2 to nleap + nleap/2 (mean nleap) unless --fixed-length. Default: ${DEFAULT-VALUE}")
    int nLeap;

    @Option(
            names = "--fixed-length",
            description = "always nleap leapfrog steps (a fixed trajectory length can resonate "
                    + "with a mode of the field and hide its autocorrelation; see the Markov chains lecture)")
    boolean fixedLength;

    @Option(
            names = "--trace",
            paramLabel = "FILE.csv",
            description = "write the chain to a CSV file: trajectory, accepted, "
                    + "delta_h, leapfrog_steps and every observable, one line per measured trajectory")
    Path trace;

    @Option(
            names = "--start",
            defaultValue = "cold",
            description =
                    "initial configuration: cold (all zero; Q = 0 for u1) or hot (random; Haar for u1). Default: ${DEFAULT-VALUE}")
    String start;

    @Option(names = "--seed", defaultValue = "1", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--autocorr", description = "also print rho(tau), tau_int, its error and the window per observable")
    boolean autocorr;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    /**
     * The JSON report: the theory and its settings, the chain's settings, the acceptance, each
     * observable (renamed keys also under their old names, see {@link ObservableNames}), the
     * exact values where known and, with {@code --autocorr}, the autocorrelation analyses.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Report(
            String theory,
            @JsonAnyGetter Map<String, Object> settings,
            int n,
            int therm,
            double dt,
            int nleap,
            String start,
            long seed,
            double acceptance,
            @JsonProperty("trajectory_length") String trajectoryLength,
            Map<String, Observed> observables,
            Reliability reliability,
            Map<String, Double> exact,
            Map<String, AutocorrJson> autocorr,
            @JsonProperty("wall_s") double wallSeconds) {}

    /**
     * One observable in JSON.
     *
     * @param mean the mean
     * @param err its error (with the slowest mode's tail)
     * @param tauInt its integrated autocorrelation time
     * @param unreliable whether the chain is too short (or frozen) to trust the error
     */
    record Observed(
            double mean,
            double err,
            @JsonProperty("tau_int") double tauInt,
            boolean unreliable) {}

    /**
     * The joint verdict on the chain in JSON.
     *
     * @param reliable whether the chain is long enough against its slowest mode
     * @param slowest the slowest observable
     * @param tauMax its tau_int
     * @param tauMaxErr the error of that
     * @param lengthInTau the chain length in units of tau_int_max
     * @param reason why (not) reliable
     */
    record Reliability(
            boolean reliable,
            String slowest,
            @JsonProperty("tau_int_max") double tauMax,
            @JsonProperty("tau_int_max_err") double tauMaxErr,
            @JsonProperty("length_in_tau_int") double lengthInTau,
            String reason) {

        static Reliability of(ChainAnalysis.Verdict v) {
            return new Reliability(v.reliable(), v.slowest(), v.tauMax(), v.tauMaxErr(), v.lengthInTau(), v.reason());
        }
    }

    /**
     * One autocorrelation analysis in JSON.
     *
     * @param tauInt tau_int (null for a constant series)
     * @param tauIntErr its error
     * @param window the summation window
     * @param windowFound whether the automatic window was found
     * @param constant whether the series never changed
     * @param rho the normalised autocorrelation function
     */
    record AutocorrJson(
            @JsonProperty("tau_int") double tauInt,
            @JsonProperty("tau_int_err") double tauIntErr,
            int window,
            @JsonProperty("window_found") boolean windowFound,
            boolean constant,
            double[] rho) {

        static AutocorrJson of(Autocorrelation.Analysis a) {
            boolean constant = isConstant(a);
            return new AutocorrJson(
                    constant ? Double.NaN : a.tauInt(),
                    constant ? Double.NaN : a.tauIntErr(),
                    a.window(),
                    a.windowFound() && !constant,
                    constant,
                    a.rho());
        }
    }

    @Override
    public Integer call() throws IOException {
        CliChecks.setting(Limits.hmc(), "n", "--n", n);
        CliChecks.setting(Limits.hmc(), "therm", "--therm", therm);
        CliChecks.setting(Limits.hmc(), "dt", "--dt", dt);
        CliChecks.setting(Limits.hmc(), "nleap", "--nleap", nLeap);
        boolean hot = parseStart();
        TheoryKind kind = Catalog.theory(theory);
        Settings settings = kinds.named(() -> kind.settings(kinds.values(KindOptions.Part.THEORY, kind)));
        kinds.rejectUnused();
        HmcSetup setup = kind.hmc(settings)
                .orElseThrow(() ->
                        new IllegalArgumentException("theory " + kind.id() + " has no HMC sampler; hmc samples "
                                + Catalog.theories().stream()
                                        .filter(t -> t.hmc(t.defaults()).isPresent())
                                        .map(Kind::id)
                                        .collect(Collectors.joining(", "))));
        // the planned work and the measurement series must fit before anything runs
        Limits.checkHmcWork(
                (long) therm + n, nLeap, setup.system().degreesOfFreedom(), MemoryEstimate.hmcCost(kind.id()), "hmc");
        MemoryEstimate.checkHeap(
                16.0 * n * setup.observables().size(),
                "the measurement series of " + n + " trajectories",
                "measure fewer trajectories (--n)");
        double[] x = setup.start(hot, new SplittableRandom(seed ^ 0x5DEECE66DL));
        Hmc hmc = new Hmc(setup.system(), dt, nLeap, !fixedLength, new SplittableRandom(seed));
        ChainTrace recorder = trace == null ? null : new ChainTrace(hmc);
        long begin = System.nanoTime();
        ChainResult chain = MarkovChain.run(
                recorder == null ? hmc::update : recorder, x, therm, n, setup.observables(), null, null);
        double wall = (System.nanoTime() - begin) / 1e9;
        if (recorder != null) {
            recorder.write(trace, chain);
        }
        ChainHealth health = ChainHealth.of(chain);
        if (health.frozen()) {
            throw new IllegalStateException(
                    health.frozenMessage("a smaller --dt, a --start hot, or other theory parameters"));
        }
        // one joint analysis: the slowest observable's tail bounds every error, and one verdict
        ChainAnalysis.Result joint = chain.analyseJointly();
        Map<String, Autocorrelation.Analysis> analyses = joint.analyses();
        ChainAnalysis.Verdict verdict = joint.verdict();
        Map<String, Estimate> results = new LinkedHashMap<>(joint.estimates());
        PrintWriter out = spec.commandLine().getOut();
        warn(spec.commandLine().getErr(), analyses, chain.series().get(0).length, verdict);
        if (json) {
            out.println(Json.line(report(kind, settings, chain, analyses, results, setup.exact(), verdict, wall)));
        } else {
            printText(out, setup, chain, analyses, results, verdict, wall);
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

    private static void warn(
            PrintWriter err,
            Map<String, Autocorrelation.Analysis> analyses,
            int length,
            ChainAnalysis.Verdict verdict) {
        // one line: the chain's verdict, naming the observables that never changed
        List<String> constant = analyses.entrySet().stream()
                .filter(e -> isConstant(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        String frozen = constant.isEmpty()
                ? ""
                : String.join(", ", constant) + " did not change in " + length
                        + " trajectories (frozen): no error or tau_int can be estimated for them";
        if (!verdict.reliable()) {
            err.println(verdict.warning() + (frozen.isEmpty() ? "" : "; " + frozen));
        } else if (!frozen.isEmpty()) {
            err.println("warning: " + frozen);
        }
        err.flush();
    }

    private static boolean isConstant(Autocorrelation.Analysis a) {
        return ChainAnalysis.isConstant(a);
    }

    private Report report(
            TheoryKind kind,
            Settings settings,
            ChainResult chain,
            Map<String, Autocorrelation.Analysis> analyses,
            Map<String, Estimate> results,
            Map<String, Double> exact,
            ChainAnalysis.Verdict verdict,
            double wall) {
        Map<String, Observed> observables = new LinkedHashMap<>();
        // an observable whose chain never changed carries no error: its mean is no result
        results.forEach((k, v) -> observables.put(
                k, new Observed(v.mean(), v.err(), v.tauInt(), !verdict.reliable() || !Double.isFinite(v.err()))));
        Map<String, AutocorrJson> rho = null;
        if (autocorr) {
            rho = new LinkedHashMap<>();
            for (Map.Entry<String, Autocorrelation.Analysis> e : analyses.entrySet()) {
                rho.put(e.getKey(), AutocorrJson.of(e.getValue()));
            }
            rho = ObservableNames.withLegacyAliases(rho);
        }
        return new Report(
                kind.id(),
                Json.typed(kind.params(), settings),
                chain.series().get(0).length,
                therm,
                dt,
                nLeap,
                start.trim().toLowerCase(Locale.ROOT),
                seed,
                chain.acceptRate(),
                fixedLength ? "fixed" : "random",
                ObservableNames.withLegacyAliases(observables),
                Reliability.of(verdict),
                exact.isEmpty() ? null : ObservableNames.withLegacyAliases(exact),
                rho,
                wall);
    }

    private void printText(
            PrintWriter out,
            HmcSetup setup,
            ChainResult chain,
            Map<String, Autocorrelation.Analysis> analyses,
            Map<String, Estimate> results,
            ChainAnalysis.Verdict verdict,
            double wall) {
        Map<String, Double> exact = setup.exact();
        out.printf(
                Locale.ROOT,
                "HMC for %s: %d trajectories after %d thermalisation, dt=%s, %d leapfrog steps%s, %s start%n",
                setup.description(),
                chain.series().get(0).length,
                therm,
                dt,
                nLeap,
                fixedLength ? "" : " (mean)",
                start);
        out.printf(
                Locale.ROOT,
                "acceptance %.4f, %.2f s, %s trajectory length%s%n",
                chain.acceptRate(),
                wall,
                fixedLength ? "fixed" : "random",
                verdict.reliable() ? "" : "; ERRORS UNRELIABLE (see the warning)");
        out.printf(Locale.ROOT, "%-22s %14s %12s %9s %14s%n", "observable", "mean", "error", "tau_int", "exact");
        results.forEach((k, v) -> out.printf(
                Locale.ROOT,
                "%-22s %14.6f %12s %9s %14s%n",
                k,
                v.mean(),
                Double.isFinite(v.err()) ? String.format(Locale.ROOT, "%.6f", v.err()) : "-",
                Double.isFinite(v.tauInt()) ? String.format(Locale.ROOT, "%.2f", v.tauInt()) : "-",
                exact.containsKey(k) ? String.format(Locale.ROOT, "%.6f", exact.get(k)) : "-"));
        if (autocorr) {
            out.println();
            out.printf(
                    Locale.ROOT,
                    "%-22s %9s %9s %7s %6s  rho(0..)%n",
                    "autocorrelation",
                    "tau_int",
                    "error",
                    "window",
                    "found");
            analyses.forEach((k, a) -> {
                StringBuilder rho = new StringBuilder();
                int shown = Math.min(a.rho().length, Math.min(TEXT_RHO_LAGS, 2 * a.window() + 1));
                for (int t = 0; t < Math.max(1, shown); t++) {
                    rho.append(String.format(Locale.ROOT, " %.3f", a.rho()[t]));
                }
                if (isConstant(a)) {
                    out.printf(Locale.ROOT, "%-22s %9s %9s %7s %6s  (constant series)%n", k, "-", "-", "-", "-");
                } else {
                    out.printf(
                            Locale.ROOT,
                            "%-22s %9.2f %9.2f %7d %6s %s%n",
                            k,
                            a.tauInt(),
                            a.tauIntErr(),
                            a.window(),
                            a.windowFound() ? "yes" : "no",
                            rho);
                }
            });
        }
    }
}
