package org.flowlab.model.observe;

/**
 * A Monte Carlo estimate: mean, standard error and the integrated autocorrelation time used
 * for the error (0.5 for uncorrelated data, NaN where it does not apply).
 *
 * @param mean the estimate
 * @param err its one-sigma statistical error
 * @param tauInt the integrated autocorrelation time
 */
public record Estimate(double mean, double err, double tauInt) {

    /**
     * Scales mean and error by a constant (for chi_2 = V <M^2>, say).
     *
     * @param factor the constant
     * @return the scaled estimate
     */
    public Estimate scale(double factor) {
        return new Estimate(mean * factor, err * Math.abs(factor), tauInt);
    }

    /**
     * How many standard errors the estimate lies from a value.
     *
     * @param value the reference value
     * @return |mean - value| / err
     */
    public double pull(double value) {
        return Math.abs(mean - value) / err;
    }
}
