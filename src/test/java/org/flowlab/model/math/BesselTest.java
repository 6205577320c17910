package org.flowlab.model.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BesselTest {

    /** e^{-x} I_n(x) to 20 digits from mpmath 1.3 ({@code besseli(n, x) * exp(-x)}, 30 digits). */
    private static final double[][] REFERENCE = {
        {0, 1, 0.46575960759364043654},
        {1, 1, 0.20791041534970844887},
        {0, 10, 0.12783333716342860732},
        {5, 2, 0.0013297610941881578142},
        {20, 10, 5.6786220145215239128e-9},
        {3, 0.01, 2.0626167116168720784e-8},
        {0, 700, 0.015081295651531357587},
        {50, 100, 1.7938050431597961324e-7},
    };

    @Test
    void allThreeMethodsMatchReferenceValues() {
        for (double[] r : REFERENCE) {
            // given
            int n = (int) r[0];
            double x = r[1];
            // when
            double miller = Bessel.scaledI(n, x)[n];
            double series = Bessel.scaledISeries(n, x);
            double quadrature = Bessel.scaledIQuadrature(n, x, Bessel.quadratureIntervals(n, x));
            // then
            String at = "n=" + n + " x=" + x;
            assertEquals(r[2], miller, 1e-13 * r[2], "Miller " + at);
            assertEquals(r[2], series, 1e-12 * r[2], "series " + at);
            // the trapezoid has an absolute error of order 1e-16 relative to I_0
            assertEquals(r[2], quadrature, 1e-12 * r[2] + 1e-16, "quadrature " + at);
        }
    }

    @Test
    void recurrenceSeriesAndQuadratureAgreeOnAGrid() {
        // three independent algorithms, orders 0..40, arguments from 0.01 to 60
        int nMax = 40;
        for (double x : new double[] {0.01, 0.3, 1, 2, 3.7, 6, 10, 25, 60}) {
            double[] miller = Bessel.scaledI(nMax, x);
            int intervals = Bessel.quadratureIntervals(nMax, x);
            for (int n = 0; n <= nMax; n++) {
                double series = Bessel.scaledISeries(n, x);
                double quadrature = Bessel.scaledIQuadrature(n, x, intervals);
                String at = "n=" + n + " x=" + x;
                assertEquals(series, miller[n], 1e-12 * series + 1e-300, at);
                assertEquals(series, quadrature, 1e-12 * series + 1e-15, at);
            }
        }
    }

    @Test
    void largeArgumentsDoNotOverflowAndFollowTheAsymptoticSeries() {
        // DLMF 10.40.1: e^{-x} I_n(x) ~ sum_k (-1)^k a_k(n) / x^k / sqrt(2 pi x), three terms
        for (double x : new double[] {500, 2000, 1e4}) {
            double[] scaled = Bessel.scaledI(2, x);
            for (int n = 0; n <= 2; n++) {
                double mu = 4.0 * n * n;
                double asymptotic = (1
                                - (mu - 1) / (8 * x)
                                + (mu - 1) * (mu - 9) / (2 * Math.pow(8 * x, 2))
                                - (mu - 1) * (mu - 9) * (mu - 25) / (6 * Math.pow(8 * x, 3)))
                        / Math.sqrt(2 * Math.PI * x);
                assertEquals(asymptotic, scaled[n], 1e-11 * asymptotic, "n=" + n + " x=" + x);
            }
            assertTrue(Double.isFinite(Bessel.logI(0, x)));
        }
    }

    @Test
    void sumRuleAndRecurrenceHold() {
        // e^x = I_0 + 2 sum I_k and I_{k-1} - I_{k+1} = (2k/x) I_k
        double x = 7.5;
        double[] s = Bessel.scaledI(80, x);
        double sum = s[0];
        for (int k = 1; k <= 80; k++) {
            sum += 2 * s[k];
        }
        assertEquals(1.0, sum, 1e-14);
        for (int k = 1; k < 30; k++) {
            assertEquals(2 * k / x * s[k], s[k - 1] - s[k + 1], 1e-15);
        }
    }

    @Test
    void zeroArgumentAndBadInput() {
        double[] s = Bessel.scaledI(3, 0);
        assertEquals(1, s[0]);
        assertEquals(0, s[3]);
        assertEquals(1, Bessel.scaledISeries(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Bessel.scaledI(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> Bessel.scaledI(1, -1));
        assertThrows(IllegalArgumentException.class, () -> Bessel.scaledISeries(1, Double.NaN));
    }

    @Test
    void gaussLegendreIntegratesPolynomialsExactly() {
        GaussLegendre rule = new GaussLegendre(10);
        // degree 19 is the highest integrated exactly by 10 points
        assertEquals(Math.pow(2, 20) / 20, rule.integrate(t -> Math.pow(t, 19), 0, 2), 1e-9);
        assertEquals(2.0 / 3, rule.integrate(t -> t * t, -1, 1), 1e-15);
        assertEquals(2.0, new GaussLegendre(40).integrate(Math::sin, 0, Math.PI), 1e-14);
    }
}
