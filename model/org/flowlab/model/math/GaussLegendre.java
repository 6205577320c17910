package org.flowlab.model.math;

import java.util.function.DoubleUnaryOperator;

/**
 * Gauss-Legendre quadrature on an interval: exact for polynomials of degree 2m - 1 and
 * exponentially convergent for analytic integrands that are not periodic (where the trapezoidal
 * rule is only second order). Nodes are the roots of P_m found by Newton's method from the
 * Tricomi estimate cos(pi (i - 1/4) / (m + 1/2)); DLMF 3.5(v), https://dlmf.nist.gov/3.5.
 */
public final class GaussLegendre {

    private final double[] nodes;
    private final double[] weights;

    /**
     * Computes the rule on [-1, 1].
     *
     * @param points the number of points m (at least 1)
     */
    public GaussLegendre(int points) {
        if (points < 1) {
            throw new IllegalArgumentException("need at least 1 quadrature point, got " + points);
        }
        nodes = new double[points];
        weights = new double[points];
        for (int i = 0; i < (points + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (points + 0.5));
            double derivative = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = 0;
                for (int j = 1; j <= points; j++) {
                    double p2 = p1;
                    p1 = p0;
                    p0 = ((2.0 * j - 1) * z * p1 - (j - 1.0) * p2) / j;
                }
                // p0 = P_m(z), p1 = P_{m-1}(z)
                derivative = points * (z * p0 - p1) / (z * z - 1);
                double dz = p0 / derivative;
                z -= dz;
                if (Math.abs(dz) < 1e-16) {
                    break;
                }
            }
            double w = 2 / ((1 - z * z) * derivative * derivative);
            nodes[i] = -z;
            nodes[points - 1 - i] = z;
            weights[i] = w;
            weights[points - 1 - i] = w;
        }
    }

    /**
     * Integrates f over [a, b].
     *
     * @param f the integrand
     * @param a lower limit
     * @param b upper limit
     * @return the integral
     */
    public double integrate(DoubleUnaryOperator f, double a, double b) {
        double half = 0.5 * (b - a);
        double mid = 0.5 * (b + a);
        double sum = 0;
        for (int i = 0; i < nodes.length; i++) {
            sum += weights[i] * f.applyAsDouble(mid + half * nodes[i]);
        }
        return sum * half;
    }
}
