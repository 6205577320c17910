package org.flowlab.model.math;

/**
 * Modified Bessel functions of the first kind of integer order, I_n(x) for x &gt;= 0, in the
 * scaled form e^{-x} I_n(x) so that nothing overflows (I_0(700) is about 1e302, and the U(1)
 * partition function needs I_n(beta)^V for V up to 64^2).
 *
 * <pre>
 * I_n(x) = sum_{k&gt;=0} (x/2)^{2k+n} / (k! (k+n)!)                     (power series)
 * I_n(x) = (1/pi) int_0^pi e^{x cos t} cos(n t) dt                      (integral)
 * I_{k-1}(x) = I_{k+1}(x) + (2k/x) I_k(x),  e^x = I_0 + 2 sum_{k&gt;=1} I_k   (recurrence, sum rule)
 * </pre>
 *
 * <p>Three independent algorithms are offered and cross-checked in the tests: Miller's backward
 * recurrence normalised by the sum rule ({@link #scaledI(int, double)}, the production one),
 * the power series summed in log space ({@link #scaledISeries}), and the trapezoidal rule for
 * the integral ({@link #scaledIQuadrature}), which is spectrally accurate because the integrand
 * is smooth and periodic: with m intervals on [0, pi] its error is sum_{j != 0} I_{n + 2mj}.
 * See NIST DLMF 10.25.2, 10.32.3, 10.29.1 (https://dlmf.nist.gov/10.25,
 * https://dlmf.nist.gov/10.32) and Numerical Recipes section 6.6 for Miller's algorithm.
 * No Java library we trust offers these, hence this class.
 */
public final class Bessel {

    private static final double BIG = 1e250;

    private Bessel() {}

    /**
     * The scaled values e^{-x} I_n(x) for n = 0 .. nMax by Miller's backward recurrence,
     * normalised with the sum rule I_0 + 2 sum_{k&gt;=1} I_k = e^x. Accurate to a few units in
     * the last place relative to e^{-x} I_0(x); orders whose value underflows come out as 0.
     *
     * @param nMax the largest order (at least 0)
     * @param x the argument (finite, at least 0)
     * @return e^{-x} I_n(x) for n = 0 .. nMax
     */
    public static double[] scaledI(int nMax, double x) {
        checkArguments(nMax, x);
        double[] out = new double[nMax + 1];
        if (x == 0) {
            out[0] = 1;
            return out;
        }
        // start far enough above both nMax and x that the recurrence has converged to the
        // minimal (decaying) solution long before it reaches the orders we keep
        double scale = Math.max(nMax, x);
        int start = (int) Math.ceil(scale + 12 * Math.sqrt(scale + 1) + 40);
        double next = 0;
        double current = 1e-300;
        double sum = 0;
        for (int k = start; k >= 1; k--) {
            double previous = next + (2.0 * k / x) * current;
            next = current;
            current = previous;
            // current now holds the (unnormalised) I_{k-1}, next holds I_k
            if (k <= nMax) {
                out[k] = next;
            }
            sum += 2 * next;
            if (Math.abs(current) > BIG) {
                current /= BIG;
                next /= BIG;
                sum /= BIG;
                for (int j = k; j <= nMax; j++) {
                    out[j] /= BIG;
                }
            }
        }
        out[0] = current;
        sum += current;
        for (int n = 0; n <= nMax; n++) {
            out[n] /= sum;
        }
        return out;
    }

    /**
     * The scaled value e^{-x} I_n(x) from the power series, each term formed in log space.
     * All terms are positive, so there is no cancellation; the cost grows like x.
     *
     * @param n the order (at least 0)
     * @param x the argument (finite, at least 0)
     * @return e^{-x} I_n(x)
     */
    public static double scaledISeries(int n, double x) {
        checkArguments(n, x);
        if (x == 0) {
            return n == 0 ? 1 : 0;
        }
        double halfX = 0.5 * x;
        double logTerm = n * Math.log(halfX) - logFactorial(n) - x;
        double quarterX2 = halfX * halfX;
        double term = Math.exp(logTerm);
        double sum = term;
        // the terms rise until k ~ x/2 and then fall factorially
        for (int k = 0; k < 100_000; k++) {
            double ratio = quarterX2 / ((k + 1.0) * (k + 1.0 + n));
            logTerm += Math.log(ratio);
            term = Math.exp(logTerm);
            sum += term;
            if (ratio < 0.5 && term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    /**
     * The scaled value e^{-x} I_n(x) by the trapezoidal rule with {@code intervals} intervals
     * for (1/pi) int_0^pi e^{x (cos t - 1)} cos(n t) dt. The error is about 2 e^{-x}
     * I_{2 intervals - n}(x), negligible once 2 intervals - n exceeds x by a few tens, but it is
     * an absolute error of order 1e-16, so orders with tiny values lose relative accuracy.
     *
     * @param n the order (at least 0)
     * @param x the argument (finite, at least 0)
     * @param intervals the number of intervals (at least 1)
     * @return e^{-x} I_n(x)
     */
    public static double scaledIQuadrature(int n, double x, int intervals) {
        checkArguments(n, x);
        if (intervals < 1) {
            throw new IllegalArgumentException("need at least 1 interval, got " + intervals);
        }
        double h = Math.PI / intervals;
        double sum = 0.5 * (Math.exp(0) + Math.exp(-2 * x) * (n % 2 == 0 ? 1 : -1));
        for (int j = 1; j < intervals; j++) {
            double t = j * h;
            sum += Math.exp(x * (Math.cos(t) - 1)) * Math.cos(n * t);
        }
        return sum * h / Math.PI;
    }

    /**
     * A number of trapezoidal intervals that makes {@link #scaledIQuadrature} accurate to
     * rounding for orders up to {@code nMax} at argument x.
     *
     * @param nMax the largest order needed
     * @param x the argument
     * @return the number of intervals
     */
    public static int quadratureIntervals(int nMax, double x) {
        return (int) Math.ceil(nMax + x + 10 * Math.sqrt(x + 1) + 64);
    }

    /**
     * log I_n(x) = x + log(e^{-x} I_n(x)), finite for any x where I_n(x) does not underflow.
     *
     * @param n the order (at least 0)
     * @param x the argument (at least 0)
     * @return log I_n(x)
     */
    public static double logI(int n, double x) {
        return x + Math.log(scaledI(n, x)[n]);
    }

    /**
     * log n! by summation (exact enough for the orders used here).
     *
     * @param n at least 0
     * @return log n!
     */
    public static double logFactorial(int n) {
        double s = 0;
        for (int j = 2; j <= n; j++) {
            s += Math.log(j);
        }
        return s;
    }

    private static void checkArguments(int n, double x) {
        if (n < 0) {
            throw new IllegalArgumentException("Bessel order must be at least 0, got " + n);
        }
        if (!(x >= 0) || !Double.isFinite(x)) {
            throw new IllegalArgumentException("Bessel argument must be finite and >= 0, got " + x);
        }
    }
}
