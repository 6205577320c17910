package org.flowlab.model.lattice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.Estimate;
import org.junit.jupiter.api.Test;

class GaussianMixture2DTest {

    /** log p written out directly as log(sum of densities), fine where nothing underflows. */
    private static double naiveLogDensity(GaussianMixture2D g, double x, double y) {
        double p = 0;
        for (int k = 0; k < g.components(); k++) {
            double s2 = g.width(k) * g.width(k);
            double[] m = g.mean(k);
            double d2 = (x - m[0]) * (x - m[0]) + (y - m[1]) * (y - m[1]);
            p += g.weight(k) * Math.exp(-d2 / (2 * s2)) / (2 * Math.PI * s2);
        }
        return Math.log(p);
    }

    @Test
    void threeModesPresetHasTheLectureParameters() {
        GaussianMixture2D g = GaussianMixture2D.threeModes();
        double z = Math.exp(0.5) + 1 + Math.exp(0.8);
        assertEquals(Math.exp(0.5) / z, g.weight(0), 1e-15);
        assertEquals(1 / z, g.weight(1), 1e-15);
        assertEquals(Math.exp(0.8) / z, g.weight(2), 1e-15);
        assertArrayEquals(new double[] {-5, -3}, g.mean(2), 0);
        assertEquals(1.0, g.width(1));
        GaussianMixture2D pair = GaussianMixture2D.symmetricPair();
        assertArrayEquals(new double[] {4, 0}, pair.mean(0), 0);
        assertArrayEquals(new double[] {-4, 0}, pair.mean(1), 0);
    }

    @Test
    void batchedActionMatchesJavaActionIncludingFarTails() {
        GaussianMixture2D g = new GaussianMixture2D(
                new double[][] {{5, 0}, {0, 5}, {-5, -3}}, new double[] {1, 2, 3}, new double[] {1, 0.5, 2});
        double[] points = {0, 0, 5.2, -0.3, -4, -2, 1, 4.5, 300, -400, -1e3, 2e3};
        try (NDManager m = Compute.newManager(Device.cpu())) {
            // when
            double[] s = Tensors.toDoubles(g.action(m.create(points, new Shape(6, 2))));
            // then
            for (int i = 0; i < 6; i++) {
                double[] x = {points[2 * i], points[2 * i + 1]};
                assertEquals(g.action(x), s[i], 1e-10 * Math.max(1, Math.abs(s[i])), "point " + i);
                assertTrue(Double.isFinite(s[i]));
                if (i < 4) {
                    assertEquals(-naiveLogDensity(g, x[0], x[1]), g.action(x), 1e-12);
                }
            }
        }
    }

    @Test
    void batchedActionIsDifferentiable() {
        // the gradient of S = -log p is sum_k r_k (x - mu_k) / sigma_k^2, r_k the responsibilities
        GaussianMixture2D g = GaussianMixture2D.threeModes();
        double[] x = {1.0, 2.0};
        double[] expected = new double[2];
        double logP = g.logDensity(x[0], x[1]);
        for (int k = 0; k < 3; k++) {
            double[] mu = g.mean(k);
            double d2 = Math.pow(x[0] - mu[0], 2) + Math.pow(x[1] - mu[1], 2);
            double r = g.weight(k) * Math.exp(-d2 / 2) / (2 * Math.PI) / Math.exp(logP);
            expected[0] += r * (x[0] - mu[0]);
            expected[1] += r * (x[1] - mu[1]);
        }
        try (NDManager m = Compute.newManager(Device.cpu());
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            NDArray in = m.create(x, new Shape(1, 2));
            in.setRequiresGradient(true);
            gc.backward(g.action(in).sum());
            assertArrayEquals(expected, Tensors.toDoubles(in.getGradient()), 1e-12);
        }
    }

    @Test
    void densityIsNormalised() {
        // midpoint rule on [-15, 15]^2: the Gaussian tails beyond are below 1e-20
        GaussianMixture2D g = GaussianMixture2D.threeModes();
        double h = 0.05;
        double sum = 0;
        for (double x = -15 + h / 2; x < 15; x += h) {
            for (double y = -15 + h / 2; y < 15; y += h) {
                sum += Math.exp(g.logDensity(x, y));
            }
        }
        assertEquals(1.0, sum * h * h, 1e-9);
    }

    @Test
    void exactSamplerReproducesTheExactMoments() {
        // given
        GaussianMixture2D g = GaussianMixture2D.threeModes();
        int n = 200_000;
        double[] s = g.sample(n, new SplittableRandom(1));
        double[] x = new double[n];
        double[] y = new double[n];
        double[] xy = new double[n];
        double[] norm2 = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = s[2 * i];
            y[i] = s[2 * i + 1];
            xy[i] = x[i] * y[i];
            norm2[i] = x[i] * x[i] + y[i] * y[i];
        }
        // when: independent samples, so the naive error applies
        Estimate ex = Autocorrelation.independent(x);
        Estimate ey = Autocorrelation.independent(y);
        Estimate exy = Autocorrelation.independent(xy);
        Estimate en = Autocorrelation.independent(norm2);
        // then
        double[] mean = g.exactMean();
        double[][] second = g.exactSecondMoments();
        assertTrue(ex.pull(mean[0]) < 4, ex + " vs " + mean[0]);
        assertTrue(ey.pull(mean[1]) < 4, ey + " vs " + mean[1]);
        assertTrue(exy.pull(second[0][1]) < 4, exy + " vs " + second[0][1]);
        assertTrue(en.pull(g.exactMeanSquaredNorm()) < 4, en + " vs " + g.exactMeanSquaredNorm());
        // and the error bars are the right size: sqrt(Var / n) with the exact variances (a
        // sample standard deviation of 200k points is good to a fraction of a per cent)
        double[][] cov = g.exactCovariance();
        assertEquals(Math.sqrt(cov[0][0] / n), ex.err(), 0.02 * Math.sqrt(cov[0][0] / n), ex.toString());
        assertEquals(Math.sqrt(cov[1][1] / n), ey.err(), 0.02 * Math.sqrt(cov[1][1] / n), ey.toString());
        // the covariance is the second moment minus the outer product of the mean
        assertEquals(second[0][1] - mean[0] * mean[1], cov[0][1], 1e-12);
    }

    @Test
    void symmetricPairSecondMomentIsTwoSigmaSquaredPlusMuSquared() {
        // the exercise of lecture 1: E|x|^2 = 2 sigma^2 + |mu|^2
        GaussianMixture2D pair = GaussianMixture2D.symmetricPair(3, 4);
        assertEquals(2 + 25, pair.exactMeanSquaredNorm(), 1e-12);
        assertArrayEquals(new double[] {0, 0}, pair.exactMean(), 1e-15);
    }

    @Test
    void invalidMixturesAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new GaussianMixture2D(new double[][] {{0, 0}}, new double[] {0}, new double[] {1}));
        assertThrows(
                IllegalArgumentException.class,
                () -> new GaussianMixture2D(new double[][] {{0, 0}}, new double[] {1}, new double[] {-1}));
        assertThrows(
                IllegalArgumentException.class,
                () -> new GaussianMixture2D(new double[][] {{0}}, new double[] {1}, new double[] {1}));
        assertThrows(
                IllegalArgumentException.class,
                () -> new GaussianMixture2D(new double[0][], new double[0], new double[0]));
    }
}
