package org.flowlab.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.scan.CriticalSlowingDown;
import org.flowlab.model.scan.FreezingPoint;
import org.flowlab.model.scan.FreezingScan;
import org.flowlab.model.scan.GaugeFlows;
import org.flowlab.model.scan.U1Chains;
import org.flowlab.model.spec.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowlab scan}: autocorrelation times along a ladder of couplings (critical slowing down, freezing). */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure how Markov chains slow down. U(1): per beta, tau_int of the topological charge Q (and of the",
            "plaquette), the rate of charge changes, the acceptance and <Q^2> against its exact value, by HMC or by",
            "flow MCMC (independence Metropolis with the shipped pre-trained flows, or the runs in --runs).",
            "phi4: HMC on the free field towards m^2 = 0, tau_int(M) against the exact correlation length.",
            "Example: scan --theory u1 --L 8 --beta 1,2,3,4,5,6 --sampler hmc --n 5000 --json",
            "Example: scan --theory u1 --L 8 --beta 1,2,3,4,5,6 --sampler flow --n 5000 --json",
            "Example: scan --theory phi4 --L 16 --m2 1,0.5,0.25,0.125,0.0625 --n 5000"
        })
final class ScanCommand implements Callable<Integer> {

    /** Record components become snake_case keys, like the other commands' JSON. */
    private static final ObjectMapper SNAKE_CASE =
            Json.MAPPER.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--theory",
            defaultValue = "u1",
            description = "u1 (freezing of Q against beta) or phi4 (free field "
                    + "towards criticality). Default: ${DEFAULT-VALUE}")
    String theory;

    @Option(
            names = {"--L", "-L"},
            description = "lattice size. Default: 8 for u1, 16 for phi4")
    Integer size;

    @Option(names = "--beta", split = ",", description = "u1: the couplings. Default: 1,2,3,4,5,6")
    List<Double> betas;

    @Option(
            names = "--m2",
            split = ",",
            description = "phi4: the masses squared (> 0, lambda = 0). Default: 1,0.5,0.25,0.125,0.0625")
    List<Double> masses;

    @Option(names = "--sampler", defaultValue = "hmc", description = "u1: hmc or flow. Default: ${DEFAULT-VALUE}")
    String sampler;

    @Option(
            names = "--runs",
            paramLabel = "DIR",
            description = "flow: a folder of run directories (train --out), "
                    + "one per beta; default: the pre-trained flows shipped with FlowLab (U(1) 8 x 8, beta 1 to 6)")
    Path runs;

    @Option(
            names = "--n",
            defaultValue = "5000",
            description = "measured trajectories or flow proposals per point. Default: ${DEFAULT-VALUE}")
    int n;

    @Option(
            names = "--therm",
            defaultValue = "500",
            description = "HMC thermalisation trajectories. Default: ${DEFAULT-VALUE}")
    int therm;

    @Option(
            names = "--batch",
            defaultValue = "500",
            description = "flow: proposals per forward pass. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Mixin
    ComputeOptions compute;

    /**
     * The U(1) scan as printed with --json.
     *
     * @param theory "u1"
     * @param size L
     * @param sampler hmc or flow
     * @param flows where the flows came from ("shipped" or the --runs folder; empty for hmc)
     * @param n points' chain length
     * @param seed the seed
     * @param points one per beta
     */
    record U1Scan(
            String theory, int size, String sampler, String flows, int n, long seed, List<FreezingPoint> points) {}

    /**
     * The phi^4 scan as printed with --json.
     *
     * @param theory "phi4"
     * @param size L
     * @param n chain length per point
     * @param seed the seed
     * @param dynamicExponent the log-log slope of tau_int(M) against xi
     * @param points one per mass
     */
    record Phi4Scan(
            String theory,
            int size,
            int n,
            long seed,
            double dynamicExponent,
            List<CriticalSlowingDown.Point> points) {}

    @Override
    public Integer call() throws IOException {
        if (n < 2) {
            throw new IllegalArgumentException("--n must be at least 2, got " + n);
        }
        if (therm < 0) {
            throw new IllegalArgumentException("--therm must be 0 or more, got " + therm);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        switch (theory.trim().toLowerCase(Locale.ROOT)) {
            case "u1":
                return u1();
            case "phi4":
                return phi4();
            default:
                throw new IllegalArgumentException("--theory must be u1 or phi4, not '" + theory + "'");
        }
    }

    private int u1() throws IOException {
        if (masses != null) {
            throw new IllegalArgumentException("--m2 applies to --theory phi4");
        }
        int l = size == null ? 8 : size;
        List<Double> ladder = betas == null ? List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0) : betas;
        for (double b : ladder) {
            new U1GaugeTheory(l, b);
        }
        String kind = sampler.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("hmc") && !kind.equals("flow")) {
            throw new IllegalArgumentException("--sampler must be hmc or flow, not '" + sampler + "'");
        }
        if (runs != null && kind.equals("hmc")) {
            throw new IllegalArgumentException("--runs applies to --sampler flow");
        }
        if (kind.equals("flow")) {
            compute.applyThreads();
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!json) {
            out.printf(
                    Locale.ROOT,
                    "U(1) L=%d, %s, %d %s per beta, seed %d%n",
                    l,
                    kind,
                    n,
                    kind.equals("hmc") ? "trajectories" : "proposals",
                    seed);
            out.printf(
                    Locale.ROOT,
                    "%5s %7s %20s %12s %10s %18s %9s  %s%n",
                    "beta",
                    "accept",
                    "tau_int(Q)",
                    "tau_int(P)",
                    "dQ/update",
                    "<Q^2>",
                    "exact",
                    "errors");
            out.flush();
        }
        List<FreezingPoint> points = new ArrayList<>();
        for (double b : ladder) {
            FreezingPoint p = kind.equals("hmc") ? FreezingScan.hmc(l, b, n, therm, seed, null) : flowPoint(l, b);
            points.add(p);
            if (!p.reliable()) {
                err.printf(Locale.ROOT, "warning: beta %s: %s; its error bars are unreliable%n", number(b), p.reason());
                err.flush();
            }
            if (!json) {
                printRow(out, p);
            }
        }
        if (json) {
            String flows = kind.equals("hmc") ? "" : runs == null ? "shipped" : runs.toString();
            out.println(Json.line(
                    (ObjectNode) finite(SNAKE_CASE.valueToTree(new U1Scan("u1", l, kind, flows, n, seed, points)))));
        }
        out.flush();
        return 0;
    }

    private FreezingPoint flowPoint(int l, double b) throws IOException {
        Experiment e = runs == null
                ? GaugeFlows.open(GaugeFlows.shipped(l, b), compute.deviceChoice())
                : GaugeFlows.open(GaugeFlows.find(runs, l, b), compute.deviceChoice());
        try (e) {
            return FreezingScan.flow(e, n, seed, null);
        }
    }

    private int phi4() {
        if (betas != null || !sampler.trim().equalsIgnoreCase("hmc") || runs != null) {
            throw new IllegalArgumentException(
                    "--theory phi4 scans HMC over --m2 (no --beta, --sampler flow or --runs)");
        }
        int l = size == null ? 16 : size;
        List<Double> ladder = masses == null ? List.of(1.0, 0.5, 0.25, 0.125, 0.0625) : masses;
        for (double m2 : ladder) {
            CriticalSlowingDown.correlationLength(m2);
        }
        if (l < 2) {
            throw new IllegalArgumentException("--L must be at least 2, got " + l);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<CriticalSlowingDown.Point> points = new ArrayList<>();
        for (double m2 : ladder) {
            points.add(CriticalSlowingDown.run(l, m2, n, therm, U1Chains.STEP_SIZE, U1Chains.LEAPFROG, seed, null));
        }
        double z = CriticalSlowingDown.logLogSlope(
                points.stream().mapToDouble(CriticalSlowingDown.Point::xi).toArray(),
                points.stream().mapToDouble(CriticalSlowingDown.Point::tauIntM).toArray());
        if (json) {
            out.println(Json.line(
                    (ObjectNode) finite(SNAKE_CASE.valueToTree(new Phi4Scan("phi4", l, n, seed, z, points)))));
        } else {
            out.printf(
                    Locale.ROOT,
                    "free field (lambda = 0), L=%d, HMC dt %.2f x %d (random lengths), %d trajectories per point%n",
                    l,
                    U1Chains.STEP_SIZE,
                    U1Chains.LEAPFROG,
                    n);
            out.printf(
                    Locale.ROOT,
                    "%9s %8s %7s %18s %18s  %s%n",
                    "m^2",
                    "xi",
                    "accept",
                    "tau_int(M)",
                    "tau_int(S/V)",
                    "errors");
            for (CriticalSlowingDown.Point p : points) {
                out.printf(
                        Locale.ROOT,
                        "%9.4f %8.3f %7.3f %18s %18s  %s%n",
                        p.m2(),
                        p.xi(),
                        p.acceptance(),
                        pm(p.tauIntM(), p.tauIntMErr()),
                        pm(p.tauIntAction(), p.tauIntActionErr()),
                        p.reliable() ? "ok" : "unreliable");
            }
            out.printf(Locale.ROOT, "tau_int(M) ~ xi^z with z = %.2f (HMC at fixed trajectory length: z = 2)%n", z);
        }
        out.flush();
        return 0;
    }

    private static void printRow(PrintWriter out, FreezingPoint p) {
        String tauQ = p.tauIntChargeFromTunnelling()
                ? String.format(Locale.ROOT, "~%.0f (tunnelling)", p.tauIntCharge())
                : pm(p.tauIntCharge(), p.tauIntChargeErr());
        out.printf(
                Locale.ROOT,
                "%5s %7.3f %20s %12s %10.4f %18s %9.4f  %s%n",
                number(p.beta()),
                p.acceptance(),
                tauQ,
                pm(p.tauIntPlaquette(), p.tauIntPlaquetteErr()),
                p.tunnellingRate(),
                pm(p.q2()),
                p.q2Exact(),
                p.reliable() ? "ok" : "unreliable");
        out.flush();
    }

    private static String pm(Estimate e) {
        return Double.isFinite(e.err())
                ? String.format(Locale.ROOT, "%.4f ± %.4f", e.mean(), e.err())
                : String.format(Locale.ROOT, "%.4f", e.mean());
    }

    private static String pm(double v, double e) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return Double.isFinite(e)
                ? String.format(Locale.ROOT, "%.2f ± %.2f", v, e)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Non-finite numbers never pass as results: they become null. */
    private static JsonNode finite(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            List<String> nulls = new ArrayList<>();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber() && !Double.isFinite(e.getValue().doubleValue())) {
                    nulls.add(e.getKey());
                } else {
                    finite(e.getValue());
                }
            }
            nulls.forEach(o::putNull);
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isNumber() && !Double.isFinite(a.get(i).doubleValue())) {
                    a.set(i, a.nullNode());
                } else {
                    finite(a.get(i));
                }
            }
        }
        return node;
    }
}
