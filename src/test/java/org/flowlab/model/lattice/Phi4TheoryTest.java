package org.flowlab.model.lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.junit.jupiter.api.Test;

class Phi4TheoryTest {

    private static double[] randomField(int volume, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] phi = new double[volume];
        for (int i = 0; i < volume; i++) {
            phi[i] = 1.5 * r.nextGaussian();
        }
        return phi;
    }

    /** The action written out site by site with explicit modulus, as an independent check. */
    private static double naiveAction(Phi4Theory th, double[] phi) {
        int n = th.size();
        double s = 0;
        for (int t = 0; t < n; t++) {
            for (int x = 0; x < n; x++) {
                double p = phi[t * n + x];
                s += (2 + th.m2() / 2) * p * p + th.lambda() / 24 * Math.pow(p, 4);
                s -= p * phi[((t + 1) % n) * n + x];
                s -= p * phi[t * n + (x + 1) % n];
            }
        }
        return s;
    }

    @Test
    void batchedActionMatchesJavaAction() {
        Phi4Theory th = new Phi4Theory(6, -0.7, 2.3);
        try (NDManager m = Compute.newManager(Device.cpu())) {
            double[] a = randomField(36, 1);
            double[] b = randomField(36, 2);
            double[] both = new double[72];
            System.arraycopy(a, 0, both, 0, 36);
            System.arraycopy(b, 0, both, 36, 36);
            NDArray phi = m.create(both, new Shape(2, 6, 6));
            double[] s = Tensors.toDoubles(th.action(phi));
            assertEquals(naiveAction(th, a), s[0], 1e-10);
            assertEquals(naiveAction(th, b), s[1], 1e-10);
            assertEquals(naiveAction(th, a), th.action(a), 1e-10);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Phi4Theory th = new Phi4Theory(4, 0.3, 1.1);
        double[] phi = randomField(16, 3);
        double[] grad = new double[16];
        th.gradient(phi, grad);
        double h = 1e-6;
        for (int i = 0; i < 16; i++) {
            double[] up = phi.clone();
            double[] down = phi.clone();
            up[i] += h;
            down[i] -= h;
            double fd = (th.action(up) - th.action(down)) / (2 * h);
            assertEquals(fd, grad[i], 1e-6);
        }
    }

    @Test
    void freeActionIsHalfPhiKPhiWithTheLatticeLaplacian() {
        // at lambda = 0 and a constant field, S = V * (m^2 / 2) phi^2 (the hopping cancels 2*2)
        Phi4Theory th = new Phi4Theory(4, 0.8, 0);
        double[] phi = new double[16];
        java.util.Arrays.fill(phi, 0.5);
        assertEquals(16 * 0.4 * 0.25, th.action(phi), 1e-12);
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Phi4Theory(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Phi4Theory(4, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Phi4Theory(4, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new Phi4Theory(4, Double.NaN, 1));
    }
}
