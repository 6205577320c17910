package org.flowlab.model.lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.Estimate;
import org.junit.jupiter.api.Test;

class VonMisesTest {

    @Test
    void batchedActionMatchesJavaAction() {
        VonMises vm = new VonMises(2.5, 0.7);
        double[] angles = {0, 0.7, 3.0, 6.2, -1.0, 12.0};
        try (NDManager m = Compute.newManager(Device.cpu())) {
            double[] s = Tensors.toDoubles(vm.action(m.create(angles, new Shape(6, 1))));
            for (int i = 0; i < angles.length; i++) {
                assertEquals(vm.action(new double[] {angles[i]}), s[i], 1e-12);
                assertEquals(-Math.log(vm.density(angles[i])), s[i], 1e-12);
            }
        }
        assertTrue(vm.periodic());
    }

    @Test
    void densityIsNormalised() {
        // the trapezoidal rule is spectrally accurate for a smooth periodic integrand
        for (double beta : new double[] {0, 0.5, 3, 30}) {
            VonMises vm = new VonMises(beta, 1.1);
            int m = 400;
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += vm.density(2 * Math.PI * i / m);
            }
            assertEquals(1.0, sum * 2 * Math.PI / m, 1e-12, "beta=" + beta);
        }
    }

    @Test
    void samplerHistogramFollowsTheDensity() {
        // given: 200k samples in 40 bins; Pearson's chi^2 with 39 degrees of freedom
        for (double beta : new double[] {0.0, 0.8, 4.0}) {
            VonMises vm = new VonMises(beta, 2.0);
            int n = 200_000;
            int bins = 40;
            double[] s = vm.sample(n, new SplittableRandom(17));
            int[] counts = new int[bins];
            for (double t : s) {
                assertTrue(t >= 0 && t < 2 * Math.PI, "sample " + t);
                counts[(int) (t / (2 * Math.PI) * bins)]++;
            }
            // when
            double chi2 = 0;
            for (int b = 0; b < bins; b++) {
                double lo = 2 * Math.PI * b / bins;
                double hi = 2 * Math.PI * (b + 1) / bins;
                double p = 0;
                int m = 64;
                for (int j = 0; j < m; j++) {
                    p += vm.density(lo + (j + 0.5) * (hi - lo) / m);
                }
                double expected = n * p * (hi - lo) / m;
                chi2 += Math.pow(counts[b] - expected, 2) / expected;
            }
            // then: mean 39, standard deviation sqrt(78) = 8.8; 39 + 4.5 sigma
            assertTrue(chi2 < 79, "beta=" + beta + " chi^2=" + chi2);
        }
    }

    @Test
    void samplerReproducesTheTrigonometricMoments() {
        for (double beta : new double[] {1e-6, 0.5, 2, 10}) {
            VonMises vm = new VonMises(beta, -0.4);
            int n = 100_000;
            double[] s = vm.sample(n, new SplittableRandom(3));
            double[] cos = new double[n];
            double[] sin = new double[n];
            double[] cos2 = new double[n];
            for (int i = 0; i < n; i++) {
                cos[i] = Math.cos(s[i]);
                sin[i] = Math.sin(s[i]);
                cos2[i] = Math.cos(2 * (s[i] - vm.mu()));
            }
            Estimate c = Autocorrelation.independent(cos);
            Estimate sn = Autocorrelation.independent(sin);
            Estimate c2 = Autocorrelation.independent(cos2);
            String at = "beta=" + beta;
            assertTrue(c.pull(vm.meanCos()) < 4, at + " " + c + " vs " + vm.meanCos());
            assertTrue(sn.pull(vm.meanSin()) < 4, at + " " + sn + " vs " + vm.meanSin());
            assertTrue(c2.pull(vm.trigMoment(2)) < 4, at + " " + c2 + " vs " + vm.trigMoment(2));
            // and the error bars are sqrt(Var / n) with the exact variances, from A_k = I_k / I_0:
            // E cos^2 = (1 + A_2 cos 2 mu) / 2, E sin^2 = (1 - A_2 cos 2 mu) / 2, E cos^2 2(t - mu) = (1 + A_4) / 2
            double a1 = vm.trigMoment(1);
            double a2 = vm.trigMoment(2);
            double mu = vm.mu();
            double varCos = (1 + a2 * Math.cos(2 * mu)) / 2 - Math.pow(a1 * Math.cos(mu), 2);
            double varSin = (1 - a2 * Math.cos(2 * mu)) / 2 - Math.pow(a1 * Math.sin(mu), 2);
            double varCos2 = (1 + vm.trigMoment(4)) / 2 - a2 * a2;
            assertEquals(Math.sqrt(varCos / n), c.err(), 0.03 * Math.sqrt(varCos / n), at + " " + c);
            assertEquals(Math.sqrt(varSin / n), sn.err(), 0.03 * Math.sqrt(varSin / n), at + " " + sn);
            assertEquals(Math.sqrt(varCos2 / n), c2.err(), 0.03 * Math.sqrt(varCos2 / n), at + " " + c2);
        }
    }

    @Test
    void centredAngleSquaredMatchesQuadrature() {
        for (double beta : new double[] {0, 1, 8}) {
            VonMises vm = VonMises.centred(beta);
            int m = 100_000;
            double sum = 0;
            for (int i = 0; i < m; i++) {
                double phi = -Math.PI + (i + 0.5) * 2 * Math.PI / m;
                sum += phi * phi * vm.density(phi);
            }
            assertEquals(sum * 2 * Math.PI / m, vm.centredAngleSquared(), 1e-8, "beta=" + beta);
        }
        assertEquals(Math.PI * Math.PI / 3, VonMises.centred(0).centredAngleSquared(), 1e-14);
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new VonMises(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new VonMises(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new VonMises(1, Double.POSITIVE_INFINITY));
    }
}
