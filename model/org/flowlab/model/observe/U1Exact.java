package org.flowlab.model.observe;

import org.flowlab.model.lattice.VonMises;
import org.flowlab.model.math.Bessel;
import org.flowlab.model.math.GaussLegendre;

/**
 * Exact results of two-dimensional U(1) gauge theory with the Wilson action
 * S = -beta sum_x cos theta_P(x) on a periodic lattice of V plaquettes; the theta-dependent
 * partition function on the torus is worked out in C. Bonati and P. Rossi, "The topological
 * susceptibility of two-dimensional U(N) gauge theories", arXiv:1901.09830
 * (https://arxiv.org/abs/1901.09830).
 *
 * <p>On the torus the plaquette angles are independent apart from one constraint (the product
 * of all plaquettes is 1), so, with a Fourier variable n for the constraint,
 *
 * <pre>
 * Z = sum_n I_n(beta)^V
 * &lt;cos theta_P&gt; = sum_n I_n^{V-1} I_n' / Z,            I_n' = (I_{n-1} + I_{n+1}) / 2
 * &lt;W(A)&gt; = sum_n I_n^{V-A} I_{n+1}^A / Z                 (Wilson loop enclosing A plaquettes)
 * Z(theta) = sum_n F_n(theta)^V,   F_n(theta) = int_{-pi}^{pi} dphi/2pi e^{beta cos phi + i (n + theta/2pi) phi}
 * &lt;Q^2&gt; = -Z''(0) / Z(0)
 *        = sum_n [ V I_n^{V-1} B_n - V (V-1) I_n^{V-2} A_n^2 ] / (4 pi^2 Z)
 * A_n = int dphi/2pi phi sin(n phi) e^{beta cos phi},   B_n = int dphi/2pi phi^2 cos(n phi) e^{beta cos phi}
 * </pre>
 *
 * with Q = (1/2pi) sum_x arg e^{i theta_P(x)}, arg in (-pi, pi]. As V grows the n = 0 term
 * dominates: &lt;cos theta_P&gt; tends to I_1/I_0 and chi_t = &lt;Q^2&gt;/V to
 * &lt;phi^2&gt;/(4 pi^2) of a single von Mises plaquette angle.
 *
 * <p>Two independent evaluations are available. {@link Method#BESSEL_SERIES} takes I_n from
 * {@link Bessel#scaledI(int, double)} and A_n, B_n from the Fourier series
 * phi = sum_k 2 (-1)^{k+1} sin(k phi)/k and phi^2 = pi^2/3 + sum_k 4 (-1)^k cos(k phi)/k^2:
 *
 * <pre>
 * A_n = sum_{k&gt;=1} (-1)^{k+1} (I_{k-n} - I_{k+n}) / k
 * B_n = (pi^2/3) I_n + sum_{k&gt;=1} 2 (-1)^k (I_{k-n} + I_{k+n}) / k^2
 * </pre>
 *
 * {@link Method#QUADRATURE} integrates every I_n and I_n' by the trapezoidal rule (periodic
 * integrands) and A_n, B_n by Gauss-Legendre (non-periodic). Everything is computed as ratios
 * to I_0 of scaled Bessel values, so V up to 64^2 and beta up to several hundred neither
 * overflow nor underflow harmfully.
 */
public final class U1Exact {

    /** How the Bessel-function ingredients are computed. */
    public enum Method {
        /** Miller recurrence for I_n, Fourier-Bessel series for A_n and B_n. */
        BESSEL_SERIES,
        /** Direct numerical quadrature of every integral. */
        QUADRATURE
    }

    private final int volume;
    private final double beta;
    private final int nMax;
    /** I_n / I_0 for n = 0 .. 2 nMax + 1. */
    private final double[] ratio;
    /** I_n' / I_0 for n = 0 .. nMax. */
    private final double[] derivative;
    /** A_n / I_0 for n = 0 .. nMax. */
    private final double[] aTerm;
    /** B_n / I_0 for n = 0 .. nMax. */
    private final double[] bTerm;
    /** sum_n (I_n / I_0)^V over all integers n. */
    private final double partition;

    /**
     * Exact values for V plaquettes at coupling beta, by the Bessel-series method.
     *
     * @param volume the number of plaquettes V = L^2 (at least 1)
     * @param beta the coupling (finite, at least 0)
     */
    public U1Exact(int volume, double beta) {
        this(volume, beta, Method.BESSEL_SERIES);
    }

    /**
     * Exact values for V plaquettes at coupling beta.
     *
     * @param volume the number of plaquettes V = L^2 (at least 1)
     * @param beta the coupling (finite, at least 0)
     * @param method how to evaluate the Bessel-function ingredients
     */
    public U1Exact(int volume, double beta, Method method) {
        if (volume < 1) {
            throw new IllegalArgumentException("volume must be at least 1, got " + volume);
        }
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
        }
        this.volume = volume;
        this.beta = beta;
        // I_n(beta)/I_0(beta) falls like exp(-n^2 / (2 beta)) and then factorially: beyond this
        // order every term is below 1e-20 of the leading one
        this.nMax = (int) Math.ceil(3 * beta + 10 * Math.sqrt(beta) + 60);
        this.ratio = new double[2 * nMax + 2];
        this.derivative = new double[nMax + 1];
        this.aTerm = new double[nMax + 1];
        this.bTerm = new double[nMax + 1];
        if (method == Method.BESSEL_SERIES) {
            fromBesselSeries();
        } else {
            fromQuadrature();
        }
        double z = 1;
        for (int n = 1; n <= nMax; n++) {
            z += 2 * power(ratio[n], volume);
        }
        this.partition = z;
    }

    /**
     * Exact values on an L x L torus.
     *
     * @param size L
     * @param beta the coupling
     * @return the exact values for V = L^2
     */
    public static U1Exact onLattice(int size, double beta) {
        return new U1Exact(size * size, beta);
    }

    private void fromBesselSeries() {
        double[] scaled = Bessel.scaledI(ratio.length - 1, beta);
        for (int n = 0; n < ratio.length; n++) {
            ratio[n] = scaled[n] / scaled[0];
        }
        for (int n = 0; n <= nMax; n++) {
            derivative[n] = 0.5 * (ratio(n - 1) + ratio(n + 1));
            double a = 0;
            double b = 0;
            for (int k = nMax; k >= 1; k--) {
                double sign = k % 2 == 0 ? 1 : -1;
                a -= sign * (ratio(k - n) - ratio(k + n)) / k;
                b += 2 * sign * (ratio(k - n) + ratio(k + n)) / ((double) k * k);
            }
            aTerm[n] = a;
            bTerm[n] = Math.PI * Math.PI / 3 * ratio[n] + b;
        }
    }

    private void fromQuadrature() {
        int last = ratio.length - 1;
        int intervals = Bessel.quadratureIntervals(last, beta);
        double i0 = Bessel.scaledIQuadrature(0, beta, intervals);
        for (int n = 0; n <= last; n++) {
            ratio[n] = Bessel.scaledIQuadrature(n, beta, intervals) / i0;
        }
        GaussLegendre rule = new GaussLegendre(2 * nMax + 2 * (int) Math.ceil(beta) + 64);
        double h = Math.PI / intervals;
        for (int n = 0; n <= nMax; n++) {
            final int order = n;
            // I_n' = (1/pi) int_0^pi cos t cos(n t) e^{beta cos t} dt, periodic: trapezoid
            double d = 0.5 * (1 + Math.exp(-2 * beta) * (n % 2 == 0 ? -1 : 1));
            for (int j = 1; j < intervals; j++) {
                double t = j * h;
                d += Math.cos(t) * Math.cos(n * t) * Math.exp(beta * (Math.cos(t) - 1));
            }
            derivative[n] = d * h / Math.PI / i0;
            // A_n and B_n: even integrands over (-pi, pi], not periodic-smooth: Gauss-Legendre
            aTerm[n] = rule.integrate(t -> t * Math.sin(order * t) * Math.exp(beta * (Math.cos(t) - 1)), 0, Math.PI)
                    / Math.PI
                    / i0;
            bTerm[n] = rule.integrate(t -> t * t * Math.cos(order * t) * Math.exp(beta * (Math.cos(t) - 1)), 0, Math.PI)
                    / Math.PI
                    / i0;
        }
    }

    /** I_|n| / I_0, zero beyond the computed orders. */
    private double ratio(int n) {
        int m = Math.abs(n);
        return m < ratio.length ? ratio[m] : 0;
    }

    /** x^p for x in [0, 1] and p &gt;= 0, with 0^0 = 1. */
    private static double power(double x, int p) {
        if (p == 0) {
            return 1;
        }
        return x <= 0 ? 0 : Math.exp(p * Math.log(x));
    }

    /**
     * The number of plaquettes V.
     *
     * @return V
     */
    public int volume() {
        return volume;
    }

    /**
     * The coupling beta.
     *
     * @return beta
     */
    public double beta() {
        return beta;
    }

    /**
     * The logarithm of the partition function in the Haar measure (every link angle with
     * measure d theta / 2 pi), Z = sum_n I_n(beta)^V, computed as
     * V log I_0(beta) + log sum_n (I_n / I_0)^V so that it neither overflows nor underflows.
     * The partition function over the plain angles, int d^{2V} theta e^{-S}, is larger by
     * (2 pi)^{2V}.
     *
     * @return log Z in the Haar measure
     */
    public double logPartition() {
        return volume * Bessel.logI(0, beta) + Math.log(partition);
    }

    /**
     * The mean plaquette &lt;cos theta_P&gt; = sum_n I_n^{V-1} I_n' / sum_n I_n^V.
     *
     * @return the mean plaquette on the torus
     */
    public double plaquette() {
        double s = derivative[0];
        for (int n = 1; n <= nMax; n++) {
            s += 2 * power(ratio[n], volume - 1) * derivative[n];
        }
        return s / partition;
    }

    /**
     * The action density &lt;S&gt;/V = -beta &lt;cos theta_P&gt;.
     *
     * @return the mean action per plaquette
     */
    public double actionDensity() {
        return -beta * plaquette();
    }

    /**
     * The mean squared topological charge &lt;Q^2&gt; = -Z''(0)/Z(0).
     *
     * @return &lt;Q^2&gt;
     */
    public double topChargeSquared() {
        double s = volume * bTerm[0];
        for (int n = 1; n <= nMax; n++) {
            double t = volume * power(ratio[n], volume - 1) * bTerm[n];
            if (volume >= 2) {
                t -= (double) volume * (volume - 1) * power(ratio[n], volume - 2) * aTerm[n] * aTerm[n];
            }
            s += 2 * t;
        }
        return s / (4 * Math.PI * Math.PI * partition);
    }

    /**
     * The topological susceptibility chi_t = &lt;Q^2&gt; / V.
     *
     * @return chi_t
     */
    public double topSusceptibility() {
        return topChargeSquared() / volume;
    }

    /**
     * The Wilson loop &lt;W&gt; = &lt;cos(sum of the link angles around it)&gt; of a loop that
     * encloses {@code area} plaquettes (R x T = area), sum_n I_n^{V-A} I_{n+1}^A / Z.
     *
     * @param area the enclosed area A, from 0 to V
     * @return &lt;W(A)&gt;
     */
    public double wilsonLoop(int area) {
        if (area < 0 || area > volume) {
            throw new IllegalArgumentException(
                    "a Wilson loop encloses 0 to V = " + volume + " plaquettes, not " + area);
        }
        double s = 0;
        for (int n = -nMax - 1; n <= nMax; n++) {
            s += power(ratio(n), volume - area) * power(ratio(n + 1), area);
        }
        return s / partition;
    }

    /**
     * The infinite-volume plaquette I_1(beta)/I_0(beta).
     *
     * @param beta the coupling
     * @return lim_{V to infinity} &lt;cos theta_P&gt;
     */
    public static double infiniteVolumePlaquette(double beta) {
        double[] scaled = Bessel.scaledI(1, beta);
        return scaled[1] / scaled[0];
    }

    /**
     * The infinite-volume topological susceptibility chi_t = &lt;phi^2&gt;/(4 pi^2), where phi
     * in (-pi, pi] has the von Mises density e^{beta cos phi}/(2 pi I_0):
     * &lt;phi^2&gt; = pi^2/3 + 4 sum_{k&gt;=1} (-1)^k I_k / (k^2 I_0).
     *
     * @param beta the coupling
     * @return lim_{V to infinity} &lt;Q^2&gt;/V
     */
    public static double infiniteVolumeTopSusceptibility(double beta) {
        return VonMises.centred(beta).centredAngleSquared() / (4 * Math.PI * Math.PI);
    }
}
