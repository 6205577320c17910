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
import org.junit.jupiter.api.Test;

class U1GaugeTheoryTest {

    /** The action written out link by link with explicit modulus, as an independent check. */
    private static double naiveAction(U1GaugeTheory th, double[] theta) {
        int n = th.size();
        int v = n * n;
        double s = 0;
        for (int t = 0; t < n; t++) {
            for (int x = 0; x < n; x++) {
                double p = theta[t * n + x]
                        + theta[v + ((t + 1) % n) * n + x]
                        - theta[t * n + (x + 1) % n]
                        - theta[v + t * n + x];
                s += Math.cos(p);
            }
        }
        return -th.beta() * s;
    }

    private static double[] concat(double[]... parts) {
        int len = 0;
        for (double[] p : parts) {
            len += p.length;
        }
        double[] out = new double[len];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void batchedActionMatchesJavaAction() {
        // given: three Haar-random configurations on a 4 x 4 and a 5 x 5 lattice, float64
        for (int size : new int[] {4, 5}) {
            U1GaugeTheory th = new U1GaugeTheory(size, 1.7);
            SplittableRandom r = new SplittableRandom(size);
            double[][] configs = {th.haarRandom(r), th.haarRandom(r), th.haarRandom(r)};
            try (NDManager m = Compute.newManager(Device.cpu())) {
                NDArray theta = m.create(concat(configs), new Shape(3, 2, size, size));
                // when
                double[] s = Tensors.toDoubles(th.action(theta));
                double[] q = Tensors.toDoubles(U1Links.topCharge(theta));
                double[] angles = Tensors.toDoubles(U1Links.plaquetteAngles(theta));
                // then
                for (int b = 0; b < 3; b++) {
                    assertEquals(naiveAction(th, configs[b]), s[b], 1e-10);
                    assertEquals(naiveAction(th, configs[b]), th.action(configs[b]), 1e-10);
                    assertEquals(th.topCharge(configs[b]), q[b], 0.0);
                    double[] javaAngles = th.plaquetteAngles(configs[b]);
                    for (int i = 0; i < javaAngles.length; i++) {
                        assertEquals(javaAngles[i], angles[b * javaAngles.length + i], 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        U1GaugeTheory th = new U1GaugeTheory(4, 2.3);
        double[] theta = th.haarRandom(new SplittableRandom(3));
        double[] grad = new double[theta.length];
        th.gradient(theta, grad);
        double h = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[i] += h;
            down[i] -= h;
            double fd = (th.action(up) - th.action(down)) / (2 * h);
            assertEquals(fd, grad[i], 1e-7, "link " + i);
        }
    }

    @Test
    void batchedActionIsDifferentiableWithTheWilsonForce() {
        // given
        U1GaugeTheory th = new U1GaugeTheory(4, 1.3);
        double[] theta = th.haarRandom(new SplittableRandom(8));
        double[] force = new double[theta.length];
        th.gradient(theta, force);
        try (NDManager m = Compute.newManager(Device.cpu());
                GradientCollector gc = Compute.engine().newGradientCollector()) {
            NDArray x = m.create(theta, new Shape(1, 2, 4, 4));
            x.setRequiresGradient(true);
            // when
            gc.backward(th.action(x).sum());
            // then
            assertArrayEquals(force, Tensors.toDoubles(x.getGradient()), 1e-10);
        }
    }

    @Test
    void topChargeIsAnIntegerOnRandomConfigurations() {
        // given: Haar-random links, where |Q| of a few is common on 6 x 6
        U1GaugeTheory th = new U1GaugeTheory(6, 1.0);
        SplittableRandom r = new SplittableRandom(5);
        int nonZero = 0;
        for (int k = 0; k < 2000; k++) {
            double[] theta = th.haarRandom(r);
            // when: the defining formula (1/2pi) sum_x arg e^{i theta_P}, in floating point
            double sum = 0;
            for (double p : th.plaquetteAngles(theta)) {
                sum += Angles.principal(p);
            }
            double q = sum / (2 * Math.PI);
            // then
            assertEquals(th.topCharge(theta), q, 1e-10);
            if (th.topCharge(theta) != 0) {
                nonZero++;
            }
        }
        assertTrue(nonZero > 500, "non-zero charges: " + nonZero);
    }

    @Test
    void constantFieldStrengthHasTheRequestedCharge() {
        U1GaugeTheory th = new U1GaugeTheory(6, 1.0);
        for (int q = -5; q <= 5; q++) {
            double[] theta = th.constantFieldStrength(q);
            assertEquals(q, th.topCharge(theta));
            assertEquals(Math.cos(2 * Math.PI * q / 36), th.plaquette(theta), 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> th.constantFieldStrength(18));
    }

    @Test
    void actionChargeAndLoopsAreGaugeInvariant() {
        // given
        U1GaugeTheory th = new U1GaugeTheory(6, 2.0);
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 20; k++) {
            double[] theta = th.haarRandom(r);
            double[] alpha = new double[36];
            for (int i = 0; i < 36; i++) {
                alpha[i] = 2 * Math.PI * r.nextDouble();
            }
            // when
            double[] transformed = th.gaugeTransform(theta, alpha);
            // then
            assertTrue(!java.util.Arrays.equals(theta, transformed));
            assertEquals(th.action(theta), th.action(transformed), 1e-10);
            assertEquals(th.topCharge(theta), th.topCharge(transformed));
            assertEquals(th.wilsonLoop(theta, 2, 3), th.wilsonLoop(transformed, 2, 3), 1e-10);
        }
    }

    @Test
    void batchedGaugeTransformMatchesJava() {
        U1GaugeTheory th = new U1GaugeTheory(4, 2.0);
        SplittableRandom r = new SplittableRandom(9);
        double[] theta = th.haarRandom(r);
        double[] alpha = new double[16];
        for (int i = 0; i < 16; i++) {
            alpha[i] = 2 * Math.PI * r.nextDouble();
        }
        double[] java = th.gaugeTransform(theta, alpha);
        try (NDManager m = Compute.newManager(Device.cpu())) {
            NDArray x = m.create(theta, new Shape(1, 2, 4, 4));
            NDArray a = m.create(alpha, new Shape(1, 4, 4));
            NDArray y = U1Links.gaugeTransform(x, a);
            double[] batched = Tensors.toDoubles(y);
            for (int i = 0; i < java.length; i++) {
                assertEquals(java[i], Angles.wrap(batched[i]), 1e-12);
            }
            assertEquals(th.action(theta), Tensors.toDoubles(th.action(y))[0], 1e-10);
        }
    }

    @Test
    void wilsonLoopsAreProductsOfEnclosedPlaquettes() {
        U1GaugeTheory th = new U1GaugeTheory(5, 1.0);
        double[] theta = th.haarRandom(new SplittableRandom(12));
        assertEquals(th.plaquette(theta), th.wilsonLoop(theta, 1, 1), 1e-12);
        // W(R, T) = mean over corners of cos(sum of the R x T plaquette angles it encloses)
        double[] angles = th.plaquetteAngles(theta);
        Lattice lattice = th.lattice();
        int rr = 2;
        int tt = 3;
        double s = 0;
        for (int t0 = 0; t0 < 5; t0++) {
            for (int x0 = 0; x0 < 5; x0++) {
                double phase = 0;
                for (int t = 0; t < tt; t++) {
                    for (int x = 0; x < rr; x++) {
                        phase += angles[lattice.site(t0 + t, x0 + x)];
                    }
                }
                s += Math.cos(phase);
            }
        }
        assertEquals(s / 25, th.wilsonLoop(theta, rr, tt), 1e-12);
    }

    @Test
    void canonicaliseWrapsIntoZeroToTwoPi() {
        U1GaugeTheory th = new U1GaugeTheory(2, 1.0);
        double[] theta = {-1e-18, 2 * Math.PI, 7.0, -7.0, 0, 1, 2, 3};
        double before = th.action(theta);
        th.canonicalise(theta);
        for (double t : theta) {
            assertTrue(t >= 0 && t < 2 * Math.PI, "angle " + t);
        }
        assertEquals(before, th.action(theta), 1e-12);
        assertEquals(-Math.PI + 0.1, Angles.principal(Math.PI + 0.1), 1e-15);
        assertEquals(Math.PI, Angles.principal(-Math.PI), 1e-15);
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new U1GaugeTheory(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new U1GaugeTheory(4, -1));
        assertThrows(IllegalArgumentException.class, () -> new U1GaugeTheory(4, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new U1GaugeTheory(4, 1).action(new double[5]));
    }
}
