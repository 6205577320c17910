package org.flowlab.model.observe;

import java.util.function.ToDoubleFunction;

/**
 * Binned jackknife errors for derived quantities f(&lt;a_1&gt;, ..., &lt;a_m&gt;) of Monte Carlo
 * chains, such as the reweighted estimate &lt;w O&gt;/&lt;w&gt; or a susceptibility
 * V (&lt;Q^2&gt; - &lt;Q&gt;^2). The chains are cut into B = N / b bins of b consecutive
 * measurements; with b well above the integrated autocorrelation time the bin means are nearly
 * independent and the jackknife over bins gives an autocorrelation-aware error:
 *
 * <pre>
 * f_i = f(means without bin i),   fbar = (1/B) sum_i f_i
 * err^2 = (B - 1)/B sum_i (f_i - fbar)^2,   bias = (B - 1) (fbar - f(all means))
 * </pre>
 *
 * <p>The default bin size is b = ceil(8 tau_int) with tau_int the largest Gamma-method value
 * among the inputs ({@link Autocorrelation}); for an exponential autocorrelation this
 * underestimates the error by about tau_int/(2 b), some 6%. See B. Efron, "The Jackknife, the
 * Bootstrap and Other Resampling Plans" (SIAM 1982) and U. Wolff, hep-lat/0306017, section 3.
 */
public final class Jackknife {

    /** Bin size in units of tau_int used by the automatic choice. */
    public static final double BIN_TAU_FACTOR = 8.0;

    /** Fewest bins the automatic choice allows (it shrinks the bin size to keep them). */
    public static final int MIN_BINS = 20;

    /**
     * A jackknife estimate.
     *
     * @param mean f of the full-sample means
     * @param err the jackknife standard error
     * @param bias the jackknife estimate of the bias of {@code mean} (subtract to correct)
     * @param binSize measurements per bin
     * @param bins number of bins
     * @param tauInt the largest tau_int among the inputs (NaN when the bin size was given)
     */
    public record Result(double mean, double err, double bias, int binSize, int bins, double tauInt) {

        /**
         * As an {@link Estimate} (mean, err, tau_int).
         *
         * @return the estimate
         */
        public Estimate estimate() {
            return new Estimate(mean, err, tauInt);
        }
    }

    private Jackknife() {}

    /**
     * The automatic bin size for a given tau_int: ceil(8 tau_int), at least 1, reduced if
     * needed so that a chain of n measurements still has {@link #MIN_BINS} bins.
     *
     * @param tauInt the integrated autocorrelation time
     * @param n the chain length
     * @return the bin size
     */
    public static int binSize(double tauInt, int n) {
        int b = Double.isFinite(tauInt) ? (int) Math.ceil(BIN_TAU_FACTOR * tauInt) : 1;
        b = Math.max(1, Math.min(b, n / MIN_BINS));
        return b;
    }

    /**
     * Means of consecutive bins; a remainder shorter than a bin at the end is dropped.
     *
     * @param series the measurements
     * @param binSize measurements per bin (at least 1)
     * @return the bin means
     */
    public static double[] bin(double[] series, int binSize) {
        if (binSize < 1) {
            throw new IllegalArgumentException("bin size must be at least 1, got " + binSize);
        }
        int bins = series.length / binSize;
        double[] out = new double[bins];
        for (int i = 0; i < bins; i++) {
            double s = 0;
            for (int j = 0; j < binSize; j++) {
                s += series[i * binSize + j];
            }
            out[i] = s / binSize;
        }
        return out;
    }

    /**
     * Jackknife estimate of f(means of the series) with the automatic bin size.
     *
     * @param series the primary series, all of the same length (at least 2 measurements)
     * @param f the derived quantity as a function of the means, in the order of {@code series}
     * @return the estimate
     */
    public static Result estimate(double[][] series, ToDoubleFunction<double[]> f) {
        double tau = 0.5;
        for (double[] s : series) {
            tau = Math.max(tau, Autocorrelation.tauInt(s));
        }
        return estimate(series, f, binSize(tau, series[0].length), tau);
    }

    /**
     * Jackknife estimate of f(means of the series) with a given bin size.
     *
     * @param series the primary series, all of the same length
     * @param f the derived quantity as a function of the means
     * @param binSize measurements per bin; at least two bins must result
     * @return the estimate
     */
    public static Result estimate(double[][] series, ToDoubleFunction<double[]> f, int binSize) {
        return estimate(series, f, binSize, Double.NaN);
    }

    private static Result estimate(double[][] series, ToDoubleFunction<double[]> f, int binSize, double tau) {
        int m = series.length;
        if (m == 0) {
            throw new IllegalArgumentException("the jackknife needs at least one series");
        }
        int n = series[0].length;
        for (double[] s : series) {
            if (s.length != n) {
                throw new IllegalArgumentException("all series must have the same length");
            }
        }
        int bins = n / Math.max(1, binSize);
        if (bins < 2) {
            throw new IllegalArgumentException(
                    "the jackknife needs at least 2 bins, got " + bins + " (n=" + n + ", bin size " + binSize + ")");
        }
        double[][] binned = new double[m][];
        double[] totals = new double[m];
        for (int k = 0; k < m; k++) {
            binned[k] = bin(series[k], binSize);
            for (double v : binned[k]) {
                totals[k] += v;
            }
        }
        double[] means = new double[m];
        for (int k = 0; k < m; k++) {
            means[k] = totals[k] / bins;
        }
        double full = f.applyAsDouble(means.clone());
        double[] leaveOut = new double[bins];
        double average = 0;
        double[] reduced = new double[m];
        for (int i = 0; i < bins; i++) {
            for (int k = 0; k < m; k++) {
                reduced[k] = (totals[k] - binned[k][i]) / (bins - 1);
            }
            leaveOut[i] = f.applyAsDouble(reduced.clone());
            average += leaveOut[i];
        }
        average /= bins;
        double var = 0;
        for (double v : leaveOut) {
            var += (v - average) * (v - average);
        }
        double err = Math.sqrt(var * (bins - 1) / bins);
        return new Result(full, err, (bins - 1) * (average - full), binSize, bins, tau);
    }

    /**
     * The ratio &lt;a&gt;/&lt;b&gt; with a jackknife error (automatic bin size).
     *
     * @param numerator the series a
     * @param denominator the series b
     * @return the estimate of &lt;a&gt;/&lt;b&gt;
     */
    public static Result ratio(double[] numerator, double[] denominator) {
        return estimate(new double[][] {numerator, denominator}, means -> means[0] / means[1]);
    }

    /**
     * The reweighted expectation &lt;w O&gt;_q / &lt;w&gt;_q of an observable from samples of q
     * with log weights log w = log p - log q (any additive constant), computed with weights
     * scaled by their maximum so that none overflows. For independent samples (flow proposals)
     * tau_int is about 1/2 and the bins hold only a few samples.
     *
     * @param observable O at each sample
     * @param logWeights log w at each sample
     * @return the estimate of &lt;O&gt;_p
     */
    public static Result reweighted(double[] observable, double[] logWeights) {
        if (observable.length != logWeights.length) {
            throw new IllegalArgumentException("observable and weights must have the same length");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double lw : logWeights) {
            max = Math.max(max, lw);
        }
        double[] w = new double[logWeights.length];
        double[] wo = new double[logWeights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(logWeights[i] - max);
            wo[i] = w[i] * observable[i];
        }
        return ratio(wo, w);
    }
}
