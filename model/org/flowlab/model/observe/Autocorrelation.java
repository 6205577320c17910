package org.flowlab.model.observe;

import java.util.Arrays;

/**
 * Autocorrelation analysis of a Markov chain by Wolff's Gamma method with automatic windowing
 * (U. Wolff, "Monte Carlo errors with less errors", hep-lat/0306017).
 *
 * <pre>
 * Gamma(t) = 1/(N - t) sum_i (a_i - abar)(a_{i+t} - abar),   rho(t) = Gamma(t) / Gamma(0)
 * tau_int(W) = 1/2 + sum_{t=1}^{W} rho(t)
 * </pre>
 *
 * The window W is the first at which g(W) = exp(-W/tau(W)) - tau(W)/sqrt(W N) turns negative,
 * with tau(W) = S / ln((2 tau_int + 1)/(2 tau_int - 1)) and S = 1.5. The bias of Gamma from
 * the estimated mean is corrected, the error of the mean is sqrt(2 tau_int Gamma(0) / N), and
 * the error of tau_int is the Madras-Sokal estimate tau_int sqrt(2 (2W + 1) / N).
 */
public final class Autocorrelation {

    /** Wolff's default ratio S = tau / tau_int used to pick the window. */
    public static final double DEFAULT_S = 1.5;

    /**
     * Result of the analysis.
     *
     * @param mean the sample mean
     * @param err the error of the mean, accounting for autocorrelation
     * @param tauInt the integrated autocorrelation time (0.5 for independent data)
     * @param tauIntErr the statistical error of tauInt
     * @param window the summation window W
     * @param windowFound false if the chain was too short for the window criterion to fire
     * @param rho the normalised autocorrelation function rho(0..k) for plotting
     * @param n the chain length
     */
    public record Analysis(
            double mean,
            double err,
            double tauInt,
            double tauIntErr,
            int window,
            boolean windowFound,
            double[] rho,
            int n) {

        /**
         * The estimate of the mean with its error and tau_int.
         *
         * @return the estimate
         */
        public Estimate estimate() {
            return new Estimate(mean, err, tauInt);
        }
    }

    private Autocorrelation() {}

    /**
     * Analyses a chain with S = 1.5.
     *
     * @param chain the measurements in Monte Carlo order (at least 2)
     * @return the analysis
     */
    public static Analysis analyse(double[] chain) {
        return analyse(chain, DEFAULT_S);
    }

    /**
     * Analyses a chain.
     *
     * @param chain the measurements in Monte Carlo order (at least 2)
     * @param s Wolff's S parameter (typically 1 to 2)
     * @return the analysis
     */
    public static Analysis analyse(double[] chain, double s) {
        int n = chain.length;
        if (n < 2) {
            throw new IllegalArgumentException("a chain needs at least 2 measurements, got " + n);
        }
        double mean = 0;
        for (double a : chain) {
            mean += a;
        }
        mean /= n;
        double[] gamma = autocovariance(chain, mean);
        if (!(gamma[0] > 0)) {
            // a constant chain: no fluctuation, no error
            return new Analysis(mean, 0, 0.5, 0, 0, true, new double[] {1}, n);
        }
        int maxLag = gamma.length - 1;
        int window = maxLag;
        boolean found = false;
        double tauSum = 0.5;
        for (int w = 1; w <= maxLag; w++) {
            tauSum += gamma[w] / gamma[0];
            double tau;
            if (tauSum <= 0.5) {
                tau = 1e-16;
            } else {
                tau = s / Math.log((2 * tauSum + 1) / (2 * tauSum - 1));
            }
            double g = Math.exp(-w / tau) - tau / Math.sqrt((double) w * n);
            if (g < 0) {
                window = w;
                found = true;
                break;
            }
        }
        // bias correction of Gamma for the estimated mean (Wolff eq. 49)
        double cf = gamma[0];
        for (int t = 1; t <= window; t++) {
            cf += 2 * gamma[t];
        }
        double shift = cf / n;
        double gamma0 = gamma[0] + shift;
        cf += shift * (2 * window + 1);
        if (!(cf > 0)) {
            // strong anticorrelation within the window: fall back to the naive error
            cf = gamma0;
        }
        double tauInt = cf / (2 * gamma0);
        double err = Math.sqrt(cf / n);
        double tauErr = tauInt * Math.sqrt(2.0 * (2 * window + 1) / n);
        int shown = Math.min(maxLag, Math.max(2 * window, 50));
        double[] rho = new double[shown + 1];
        for (int t = 0; t <= shown; t++) {
            rho[t] = (gamma[t] + shift) / gamma0;
        }
        return new Analysis(mean, err, tauInt, tauErr, window, found, rho, n);
    }

    /**
     * The autocovariance Gamma(t) for t = 0 .. N/2, computed with an FFT.
     *
     * @param chain the data
     * @param mean the mean to subtract
     * @return Gamma(0..N/2)
     */
    static double[] autocovariance(double[] chain, double mean) {
        int n = chain.length;
        int maxLag = Math.max(1, n / 2);
        int size = Integer.highestOneBit(Math.max(1, 2 * n - 1));
        if (size < 2 * n) {
            size <<= 1;
        }
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < n; i++) {
            re[i] = chain[i] - mean;
        }
        Fft.transform(re, im, false);
        for (int i = 0; i < size; i++) {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0;
        }
        Fft.transform(re, im, true);
        double[] gamma = new double[maxLag + 1];
        for (int t = 0; t <= maxLag; t++) {
            gamma[t] = re[t] / (n - t);
        }
        return gamma;
    }

    /**
     * The integrated autocorrelation time of a chain (shortcut).
     *
     * @param chain the data
     * @return tau_int
     */
    public static double tauInt(double[] chain) {
        return analyse(chain).tauInt();
    }

    /**
     * Estimate of the mean of a chain (shortcut).
     *
     * @param chain the data
     * @return mean, error and tau_int
     */
    public static Estimate estimate(double[] chain) {
        return analyse(chain).estimate();
    }

    /**
     * Plain mean and naive error of independent data (tau_int = 0.5).
     *
     * @param data the data
     * @return the estimate
     */
    public static Estimate independent(double[] data) {
        int n = data.length;
        double mean = Arrays.stream(data).average().orElse(Double.NaN);
        double var = 0;
        for (double a : data) {
            var += (a - mean) * (a - mean);
        }
        var /= Math.max(1, n - 1);
        return new Estimate(mean, Math.sqrt(var / n), 0.5);
    }
}
