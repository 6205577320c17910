package org.flowlab.model.observe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Joint Gamma-method analysis of the observables measured on one Markov chain, with two
 * safeguards that the analysis of each observable on its own lacks.
 *
 * <p><b>The slow-mode tail.</b> Every observable of a chain couples, however weakly, to its
 * slowest mode (the topological charge Q of U(1) at large beta, the magnetisation of phi^4 in
 * the broken phase). A fast observable such as the plaquette then has a small but very long
 * tail in rho(t) that its automatic window cuts off. Following Schaefer, Sommer and Virotta
 * (Nucl. Phys. B 845 (2011) 93, arXiv:1009.5228, section 4) the tail beyond the window W is
 * added with the exponential autocorrelation time tau_exp of the slowest mode, estimated by the
 * largest tau_int among the observables, and rho at W + 1 bounded from below by its own
 * statistical error (Bartlett's formula), so that a tail hidden in the noise still counts:
 *
 * <pre>
 * tau_int,u(O) = tau_int(O; W) + tau_exp max(rho_O(W + 1), drho_O(W + 1))   (when tau_exp &gt; tau_int(O))
 * drho(t)^2 = (1 + 2 sum_{k=1}^{W} rho(k)^2) / N,      err_u(O) = err(O) sqrt(tau_int,u / tau_int)
 * </pre>
 *
 * This upper estimate costs little when the chain is long (drho falls like 1/sqrt(N)) and
 * inflates the errors of short chains, whose verdict is "unreliable" anyway.
 *
 * <p><b>Rare changes.</b> An observable with discrete values (the charge Q) that changed only k
 * times in n updates cannot have an autocorrelation time much below the mean dwell time: for a
 * telegraph signal rho(t) = exp(-2t/D) with D = n/(k + 1), so tau_int is at least about
 * {@code n / (2 (k + 1))}. A chain in which Q jumped once near its end looks uncorrelated to the
 * Gamma method; this dwell-time bound is what shows that it is not. For observables that change
 * at nearly every update the bound is about 1/(2 acceptance) and does not matter. The largest
 * of the Gamma-method value and this bound is the observable's effective tau_int.
 *
 * <p><b>The verdict.</b> Errors from a chain are trustworthy only when the chain is long against
 * its slowest autocorrelation time: every estimate of the chain is marked unreliable when an
 * observable never changed, when the automatic window of any observable was not found, or when
 * the run holds fewer than {@link #MIN_LENGTH_PER_TAU} times the largest effective tau_int (the
 * relative error of tau_int is then above about 45%, and slow tails are hidden in the noise).
 */
public final class ChainAnalysis {

    /** The fewest measurements per unit of the largest tau_int for a reliable verdict. */
    public static final double MIN_LENGTH_PER_TAU = 100;

    /**
     * Whether the chain's error bars can be trusted.
     *
     * @param reliable true when every check passed
     * @param slowest the observable with the largest tau_int (or the frozen one)
     * @param tauMax its tau_int (NaN when it never changed)
     * @param tauMaxErr the error of tauMax
     * @param n the chain length
     * @param reason why it is unreliable, in words (empty when reliable)
     */
    public record Verdict(boolean reliable, String slowest, double tauMax, double tauMaxErr, int n, String reason) {

        /**
         * A one-line warning for the user, or an empty string when the chain is reliable.
         *
         * @return the warning
         */
        public String warning() {
            if (reliable) {
                return "";
            }
            return "warning: " + reason + ": every error bar of this chain is unreliable; run for at least "
                    + MIN_LENGTH_PER_TAU_TEXT + " tau_int, or use a sampler that does not freeze";
        }

        /**
         * The run length in units of the largest tau_int.
         *
         * @return n / tauMax (NaN when tauMax is not finite)
         */
        public double lengthInTau() {
            return Double.isFinite(tauMax) && tauMax > 0 ? n / tauMax : Double.NaN;
        }
    }

    private static final String MIN_LENGTH_PER_TAU_TEXT = String.format(Locale.ROOT, "%.0f", MIN_LENGTH_PER_TAU);

    /**
     * The analysis of a chain.
     *
     * @param analyses the Gamma-method analysis of each observable on its own
     * @param estimates mean, error and tau_int of each observable with the slow-mode tail
     *     (error and tau_int NaN for a series that never changed)
     * @param verdict whether the errors can be trusted
     */
    public record Result(
            Map<String, Autocorrelation.Analysis> analyses, Map<String, Estimate> estimates, Verdict verdict) {}

    private ChainAnalysis() {}

    /**
     * Analyses the observables of one chain.
     *
     * @param names observable names
     * @param series one series per name, all from the same chain (at least 2 measurements)
     * @return the analysis
     */
    public static Result analyse(List<String> names, List<double[]> series) {
        if (names.size() != series.size() || names.isEmpty()) {
            throw new IllegalArgumentException("need one series per observable, and at least one");
        }
        Map<String, Autocorrelation.Analysis> analyses = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            analyses.put(names.get(i), Autocorrelation.analyse(series.get(i)));
        }
        int n = series.get(0).length;
        String slowest = null;
        double tauMax = Double.NaN;
        double tauMaxErr = Double.NaN;
        boolean fromDwell = false;
        String frozen = null;
        String noWindow = null;
        for (int i = 0; i < names.size(); i++) {
            Autocorrelation.Analysis a = analyses.get(names.get(i));
            if (isConstant(a)) {
                frozen = frozen == null ? names.get(i) : frozen;
                continue;
            }
            if (!a.windowFound() && noWindow == null) {
                noWindow = names.get(i);
            }
            double dwell = dwellTime(series.get(i));
            double tau = Math.max(a.tauInt(), dwell);
            if (slowest == null || tau > tauMax) {
                slowest = names.get(i);
                tauMax = tau;
                fromDwell = dwell > a.tauInt();
                tauMaxErr = fromDwell ? Double.NaN : a.tauIntErr();
            }
        }
        Map<String, Estimate> estimates = new LinkedHashMap<>();
        for (Map.Entry<String, Autocorrelation.Analysis> e : analyses.entrySet()) {
            estimates.put(e.getKey(), withTail(e.getValue(), tauMax));
        }
        Verdict verdict;
        if (slowest == null) {
            verdict = new Verdict(
                    false,
                    frozen,
                    Double.NaN,
                    Double.NaN,
                    n,
                    "none of the observables changed in " + n + " updates (a frozen chain)");
        } else if (frozen != null) {
            verdict = new Verdict(
                    false,
                    frozen,
                    Double.NaN,
                    Double.NaN,
                    n,
                    frozen + " did not change in " + n
                            + " updates (a frozen chain), so its autocorrelation time is unknown");
        } else if (noWindow != null) {
            Autocorrelation.Analysis a = analyses.get(noWindow);
            verdict = new Verdict(
                    false,
                    noWindow,
                    a.tauInt(),
                    a.tauIntErr(),
                    n,
                    String.format(
                            Locale.ROOT,
                            "the chain of %d updates is too short for the automatic window of %s (its tau_int %.1f is a lower bound)",
                            n,
                            noWindow,
                            a.tauInt()));
        } else if (n < MIN_LENGTH_PER_TAU * tauMax) {
            String tau = fromDwell
                    ? String.format(Locale.ROOT, "changed so rarely that its tau_int is at least about %.0f", tauMax)
                    : String.format(Locale.ROOT, "has tau_int = %.1f ± %.1f", tauMax, tauMaxErr);
            verdict = new Verdict(
                    false,
                    slowest,
                    tauMax,
                    tauMaxErr,
                    n,
                    String.format(
                            Locale.ROOT,
                            "the slowest observable, %s, %s, not small against the %d updates (%.0f tau_int, fewer than %s)",
                            slowest,
                            tau,
                            n,
                            n / tauMax,
                            MIN_LENGTH_PER_TAU_TEXT));
        } else {
            verdict = new Verdict(true, slowest, tauMax, tauMaxErr, n, "");
        }
        return new Result(analyses, estimates, verdict);
    }

    /**
     * The estimate of one observable with the tail of the slowest mode added.
     *
     * @param a the observable's own analysis
     * @param tauExp the exponential autocorrelation time of the slowest mode (NaN for none)
     * @return mean, error and tau_int (error and tau_int NaN for a constant series)
     */
    public static Estimate withTail(Autocorrelation.Analysis a, double tauExp) {
        if (isConstant(a)) {
            return new Estimate(a.mean(), Double.NaN, Double.NaN);
        }
        double tau = a.tauInt();
        int lag = a.window() + 1;
        if (!(tauExp > tau) || lag >= a.rho().length || !(tau > 0)) {
            return a.estimate();
        }
        double sumSq = 0;
        for (int k = 1; k <= a.window(); k++) {
            sumSq += a.rho()[k] * a.rho()[k];
        }
        double rhoErr = Math.sqrt((1 + 2 * sumSq) / a.n());
        double tail = tauExp * Math.max(a.rho()[lag], rhoErr);
        double corrected = tau + tail;
        return new Estimate(a.mean(), a.err() * Math.sqrt(corrected / tau), corrected);
    }

    /**
     * The dwell-time bound on tau_int of a series that changed k times: n / (2 (k + 1)).
     *
     * @param series the series
     * @return the bound
     */
    public static double dwellTime(double[] series) {
        int changes = 0;
        for (int i = 1; i < series.length; i++) {
            if (series[i] != series[i - 1]) {
                changes++;
            }
        }
        return series.length / (2.0 * (changes + 1));
    }

    /**
     * Whether an analysed series never changed (no fluctuation to measure).
     *
     * @param a the analysis
     * @return true for a constant series
     */
    public static boolean isConstant(Autocorrelation.Analysis a) {
        return a.err() == 0 && a.window() == 0;
    }
}
