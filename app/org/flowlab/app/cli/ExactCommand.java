package org.flowlab.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.lattice.VonMises;
import org.flowlab.model.observe.FreeFieldExact;
import org.flowlab.model.observe.U1Exact;

import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.ParamException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code flowlab exact}: prints the exactly known expectation values of a target. */
@Command(
        name = "exact",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print exact expectation values: the free phi^4 field (lambda = 0), U(1) gauge theory on",
            "the L x L torus (Bessel-function sums), and the moments of the toy targets.",
            "Example: exact --theory u1 --L 8 --beta 2 --json",
            "Example: exact --theory phi4 --L 8 --m2 1 --lam 0 --json"
        })
final class ExactCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--theory",
            defaultValue = "u1",
            description = "phi4, u1, mixture2d or vonmises. Default: ${DEFAULT-VALUE}")
    String theory;

    @Mixin Phi4Options phi4;

    @Option(names = "--beta", defaultValue = "2", description = "beta of u1 and vonmises. Default: ${DEFAULT-VALUE}")
    double beta;

    @Option(
            names = "--method",
            defaultValue = "bessel",
            description = "u1 only: bessel (Miller recurrence + Fourier-Bessel series) or quadrature "
                    + "(direct numerical integrals), an independent cross-check. Default: ${DEFAULT-VALUE}")
    String method;

    @Option(names = "--mu", defaultValue = "0", description = "vonmises: location of the mode. Default: ${DEFAULT-VALUE}")
    double mu;

    @Option(
            names = "--mixture",
            defaultValue = "three",
            description = "mixture2d: three (means (5,0), (0,5), (-5,-3), weights softmax(0.5, 0, 0.8)) "
                    + "or pair (means +-(pair-mu, 0)). Default: ${DEFAULT-VALUE}")
    String mixture;

    @Option(names = "--pair-mu", defaultValue = "4", description = "mixture2d pair: half-separation. Default: ${DEFAULT-VALUE}")
    double pairMu;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    private static final Set<String> COMMON = Set.of("--theory", "--json", "--help", "-h", "--version", "-V");
    private static final Map<String, String> OPTION =
            Map.of("L", "--L", "m2", "--m2", "lambda", "--lam", "beta", "--beta", "mixture", "--mixture", "mu", "--mu");

    /** Checks the chosen theory's options against its definitions (the same ranges as train) and refuses foreign ones. */
    private void checkSettings(String id) {
        Map<String, String> raw = new LinkedHashMap<>();
        Set<String> own;
        switch (id) {
            case "phi4":
                raw.put("L", Integer.toString(phi4.size));
                raw.put("m2", Double.toString(phi4.m2));
                raw.put("lambda", Double.toString(phi4.lambda));
                own = Set.of("--L", "-L", "--m2", "--lam", "--lambda");
                break;
            case "u1":
                raw.put("L", Integer.toString(phi4.size));
                raw.put("beta", Double.toString(beta));
                own = Set.of("--L", "-L", "--beta", "--method");
                break;
            case "mixture2d":
                raw.put("mixture", mixture);
                raw.put("mu", Double.toString(pairMu));
                own = Set.of("--mixture", "--pair-mu");
                break;
            case "vonmises":
                raw.put("beta", Double.toString(beta));
                raw.put("mu", Double.toString(mu));
                own = Set.of("--beta", "--mu");
                break;
            default:
                throw new IllegalArgumentException(
                        "--theory must be phi4, u1, mixture2d or vonmises, not '" + theory + "'");
        }
        CliChecks.onlyOptionsOf(spec, id, COMMON, own);
        try {
            Catalog.theory(id).settings(raw);
        } catch (ParamException e) {
            String option = "mixture2d".equals(id) && "mu".equals(e.key()) ? "--pair-mu" : OPTION.getOrDefault(e.key(), e.key());
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        ObjectNode root = Json.object();
        checkSettings(theory.trim().toLowerCase(Locale.ROOT));
        switch (theory.trim().toLowerCase(Locale.ROOT)) {
            case "phi4":
                phi4(root);
                break;
            case "u1":
                u1(root);
                break;
            case "mixture2d":
                mixture(root);
                break;
            case "vonmises":
                vonMises(root);
                break;
            default:
                throw new IllegalArgumentException(
                        "--theory must be phi4, u1, mixture2d or vonmises, not '" + theory + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(root));
        } else {
            root.fields().forEachRemaining(e -> out.printf(Locale.ROOT, "%-28s %s%n", e.getKey(), text(e.getValue())));
        }
        out.flush();
        return 0;
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }

    private void phi4(ObjectNode root) {
        if (phi4.lambda != 0) {
            throw new IllegalArgumentException(
                    "no exact result exists for phi^4 at lambda = " + phi4.lambda
                            + "; only the free field (--lam 0, --m2 > 0) is solvable (use hmc)");
        }
        Phi4Theory th = phi4.theory();
        FreeFieldExact ff = new FreeFieldExact(th.size(), th.m2());
        root.put("theory", "phi4");
        root.put("L", th.size());
        root.put("m2", th.m2());
        root.put("lambda", 0.0);
        Json.put(root, "phi2", ff.phiSquared());
        Json.put(root, "chi2", ff.chi2());
        Json.put(root, "absM", ff.absMagnetisation());
        Json.put(root, "M", 0.0);
        // S = (1/2) phi K phi is quadratic in V Gaussian variables: <S> = V/2
        Json.put(root, "action_density", 0.5);
        ArrayNode g = root.putArray("G0");
        for (int t = 0; t < th.size(); t++) {
            g.add(ff.zeroMomentum(t));
        }
    }

    private void u1(ObjectNode root) {
        U1Exact.Method m;
        switch (method.trim().toLowerCase(Locale.ROOT)) {
            case "bessel":
                m = U1Exact.Method.BESSEL_SERIES;
                break;
            case "quadrature":
                m = U1Exact.Method.QUADRATURE;
                break;
            default:
                throw new IllegalArgumentException("--method must be bessel or quadrature, not '" + method + "'");
        }
        if (phi4.size < 2) {
            throw new IllegalArgumentException("L must be at least 2, got " + phi4.size);
        }
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be a finite number >= 0, got " + beta);
        }
        int volume = phi4.size * phi4.size;
        U1Exact ex = new U1Exact(volume, beta, m);
        root.put("theory", "u1");
        root.put("L", phi4.size);
        root.put("beta", beta);
        root.put("method", method.trim().toLowerCase(Locale.ROOT));
        Json.put(root, "plaquette", ex.plaquette());
        Json.put(root, "Q2", ex.topChargeSquared());
        Json.put(root, "chi_t", ex.topSusceptibility());
        Json.put(root, "topCharge", 0.0);
        Json.put(root, "action_density", ex.actionDensity());
        Json.put(root, "wilson_1x2", ex.wilsonLoop(2));
        Json.put(root, "wilson_2x2", ex.wilsonLoop(Math.min(4, volume)));
        Json.put(root, "plaquette_infinite_volume", U1Exact.infiniteVolumePlaquette(beta));
        Json.put(root, "chi_t_infinite_volume", U1Exact.infiniteVolumeTopSusceptibility(beta));
    }

    private void mixture(ObjectNode root) {
        GaussianMixture2D g;
        switch (mixture.trim().toLowerCase(Locale.ROOT)) {
            case "three":
                g = GaussianMixture2D.threeModes();
                break;
            case "pair":
                g = GaussianMixture2D.symmetricPair(pairMu, 0);
                break;
            default:
                throw new IllegalArgumentException("--mixture must be three or pair, not '" + mixture + "'");
        }
        root.put("theory", "mixture2d");
        root.put("mixture", mixture.trim().toLowerCase(Locale.ROOT));
        ArrayNode comps = root.putArray("components");
        for (int k = 0; k < g.components(); k++) {
            ObjectNode c = comps.addObject();
            Json.put(c, "weight", g.weight(k));
            ArrayNode mean = c.putArray("mean");
            mean.add(g.mean(k)[0]);
            mean.add(g.mean(k)[1]);
            Json.put(c, "sigma", g.width(k));
        }
        root.put("log_z", 0.0);
        ArrayNode mean = root.putArray("mean");
        for (double v : g.exactMean()) {
            mean.add(v);
        }
        ArrayNode cov = root.putArray("covariance");
        for (double[] row : g.exactCovariance()) {
            ArrayNode r = cov.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        Json.put(root, "mean_squared_norm", g.exactMeanSquaredNorm());
    }

    private void vonMises(ObjectNode root) {
        VonMises vm = new VonMises(beta, mu);
        root.put("theory", "vonmises");
        root.put("beta", beta);
        root.put("mu", mu);
        root.put("log_z", 0.0);
        Json.put(root, "log_normaliser", vm.logNormaliser());
        Json.put(root, "mean_cos", vm.meanCos());
        Json.put(root, "mean_sin", vm.meanSin());
        // E[cos n(theta - mu)] = I_n / I_0 for n = 1, 2, 3
        ArrayNode trig = root.putArray("trig_moments");
        for (int n = 1; n <= 3; n++) {
            trig.add(vm.trigMoment(n));
        }
        Json.put(root, "centred_angle_squared", vm.centredAngleSquared());
    }
}
