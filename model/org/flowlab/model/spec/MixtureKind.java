package org.flowlab.model.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.observe.Observable;

/**
 * Two-dimensional Gaussian mixtures as a catalogue entry: the lecture's three-mode example
 * (means (5, 0), (0, 5), (−5, −3), weights softmax(0.5, 0, 0.8)) and the symmetric pair ±(μ, 0).
 */
public final class MixtureKind implements TheoryKind {

    /** Prefix of the mode-fraction observables {@code mode0}, {@code mode1}, ... */
    public static final String MODE = "mode";

    @Override
    public String id() {
        return "mixture2d";
    }

    @Override
    public String title() {
        return "2D Gaussian mixture";
    }

    @Override
    public String description() {
        return "A normalised mixture p(x) = Σ_k w_k N(x; μ_k, σ² I) in the plane: the toy for mode-seeking"
                + " (reverse KL) against mode-covering (forward KL).";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(
                ParamDef.choice(
                        "mixture",
                        "mixture",
                        "pair",
                        List.of("pair", "three"),
                        "pair: two equal modes at ±(μ, 0); three: the lecture's three modes"),
                ParamDef.real(
                        "mu",
                        "μ",
                        GaussianMixture2D.DEFAULT_PAIR_OFFSET,
                        0,
                        50,
                        false,
                        "",
                        "pair: the modes sit at ±(μ, 0)"),
                ParamDef.real("sigma", "σ", 1, 0, 20, true, "> 0", "width of every mode"));
    }

    @Override
    public Target create(Settings s) {
        double sigma = s.real("sigma");
        if (s.text("mixture").equals("three")) {
            GaussianMixture2D base = GaussianMixture2D.threeModes();
            double[][] means = new double[3][];
            double[] weights = new double[3];
            for (int k = 0; k < 3; k++) {
                means[k] = base.mean(k);
                weights[k] = base.weight(k);
            }
            return new GaussianMixture2D(means, weights, new double[] {sigma, sigma, sigma});
        }
        double mu = s.real("mu");
        return new GaussianMixture2D(
                new double[][] {{mu, 0}, {-mu, 0}}, new double[] {1, 1}, new double[] {sigma, sigma});
    }

    @Override
    public Map<String, Map<String, String>> presets() {
        Map<String, Map<String, String>> p = new LinkedHashMap<>();
        p.put("Symmetric pair ±(4, 0)", Map.of("mixture", "pair", "mu", "4", "sigma", "1"));
        p.put("Three modes (lecture)", Map.of("mixture", "three", "sigma", "1"));
        return p;
    }

    /**
     * The index of the mode a point belongs to: the component with the largest weighted density.
     *
     * @param m the mixture
     * @param x the point (x, y)
     * @return the mode index
     */
    public static int mode(GaussianMixture2D m, double[] x) {
        int best = 0;
        double bestLog = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < m.components(); k++) {
            double[] mu = m.mean(k);
            double s = m.width(k);
            double dx = x[0] - mu[0];
            double dy = x[1] - mu[1];
            double log = Math.log(m.weight(k)) - 2 * Math.log(s) - 0.5 * (dx * dx + dy * dy) / (s * s);
            if (log > bestLog) {
                bestLog = log;
                best = k;
            }
        }
        return best;
    }

    @Override
    public List<Observable> observables(Target target) {
        GaussianMixture2D m = (GaussianMixture2D) target;
        List<Observable> out = new ArrayList<>();
        out.add(new Observable("x", x -> x[0]));
        out.add(new Observable("y", x -> x[1]));
        out.add(new Observable("r2", x -> x[0] * x[0] + x[1] * x[1]));
        for (int k = 0; k < m.components(); k++) {
            final int mode = k;
            out.add(new Observable(MODE + k, x -> mode(m, x) == mode ? 1.0 : 0.0));
        }
        return out;
    }

    @Override
    public Map<String, Double> exact(Settings s) {
        GaussianMixture2D m = (GaussianMixture2D) create(s);
        Map<String, Double> out = new LinkedHashMap<>();
        double[] mean = m.exactMean();
        out.put("x", mean[0]);
        out.put("y", mean[1]);
        out.put("r2", m.exactMeanSquaredNorm());
        double[] fractions = exactModeFractions(m);
        for (int k = 0; k < fractions.length; k++) {
            out.put(MODE + k, fractions[k]);
        }
        return out;
    }

    /**
     * The exact expectation of each mode-fraction observable: the probability under p that a
     * point belongs to mode k by {@link #mode}, sum_j w_j int_{R_k} N(x; mu_j, sigma_j^2 I) dx.
     * Each component is integrated by the midpoint rule on its own grid (cells of sigma_j / 20,
     * out to 8 sigma_j, centred so that no point lies on a symmetric boundary), so the result is
     * accurate to about 1e-4 whatever the scales; for well separated modes it is close to the
     * weights w_k.
     *
     * @param m the mixture
     * @return P(mode = k) for each k, summing to 1
     */
    public static double[] exactModeFractions(GaussianMixture2D m) {
        final int perSigma = 20;
        final int reach = 8 * perSigma;
        double[] out = new double[m.components()];
        double[] point = new double[2];
        for (int j = 0; j < m.components(); j++) {
            double s = m.width(j);
            double h = s / perSigma;
            double[] mu = m.mean(j);
            double[] mass = new double[m.components()];
            double total = 0;
            for (int a = -reach; a < reach; a++) {
                double dx = (a + 0.5) * h;
                for (int b = -reach; b < reach; b++) {
                    double dy = (b + 0.5) * h;
                    double density = Math.exp(-0.5 * (dx * dx + dy * dy) / (s * s));
                    point[0] = mu[0] + dx;
                    point[1] = mu[1] + dy;
                    mass[mode(m, point)] += density;
                    total += density;
                }
            }
            for (int k = 0; k < out.length; k++) {
                out[k] += m.weight(j) * mass[k] / total;
            }
        }
        return out;
    }

    /**
     * The components, the normalisation, the mean, the covariance and the mean squared norm.
     */
    @Override
    public Map<String, Object> exactTable(Settings s, Settings options) {
        GaussianMixture2D m = (GaussianMixture2D) create(s);
        Map<String, Object> out = new LinkedHashMap<>(exact(s));
        List<GaussianMixture2D.Component> components = new ArrayList<>();
        for (int k = 0; k < m.components(); k++) {
            components.add(m.component(k));
        }
        out.put("components", components);
        out.put("log_z", 0.0);
        out.put("mean", m.exactMean());
        out.put("covariance", m.exactCovariance());
        out.put("mean_squared_norm", m.exactMeanSquaredNorm());
        return out;
    }

    @Override
    public String describe(Settings s) {
        return s.text("mixture").equals("three")
                ? String.format(Locale.ROOT, "three-mode mixture, σ=%s", s.text("sigma"))
                : String.format(Locale.ROOT, "symmetric pair ±(%s, 0), σ=%s", s.text("mu"), s.text("sigma"));
    }
}
