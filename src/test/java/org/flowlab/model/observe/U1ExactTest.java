package org.flowlab.model.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.flowlab.model.lattice.Angles;
import org.flowlab.model.lattice.VonMises;
import org.flowlab.model.math.Bessel;
import org.junit.jupiter.api.Test;

class U1ExactTest {

    @Test
    void besselSeriesAndQuadratureAgree() {
        for (double beta : new double[] {0.3, 1, 2, 6, 10}) {
            for (int size : new int[] {2, 4, 6, 8, 16}) {
                // given
                U1Exact series = new U1Exact(size * size, beta, U1Exact.Method.BESSEL_SERIES);
                U1Exact quadrature = new U1Exact(size * size, beta, U1Exact.Method.QUADRATURE);
                String at = "beta=" + beta + " L=" + size;
                // then
                assertEquals(quadrature.plaquette(), series.plaquette(), 1e-13, at);
                double q2 = quadrature.topChargeSquared();
                // at L = 2 and large beta Q^2 is ~1e-9, left after cancelling terms of order 1
                assertEquals(q2, series.topChargeSquared(), 1e-10 * q2 + 1e-13, at);
                for (int area : new int[] {0, 1, 2, 4, size * size / 2}) {
                    assertEquals(quadrature.wilsonLoop(area), series.wilsonLoop(area), 1e-13, at + " A=" + area);
                }
            }
        }
    }

    @Test
    void largeVolumeApproachesTheInfiniteVolumeValues() {
        // V = 64^2: the n != 0 terms are (I_n/I_0)^V, utterly negligible, and nothing overflows
        for (double beta : new double[] {0.5, 1, 2, 6, 10}) {
            U1Exact exact = U1Exact.onLattice(64, beta);
            double[] bessel = Bessel.scaledI(1, beta);
            String at = "beta=" + beta;
            assertEquals(bessel[1] / bessel[0], exact.plaquette(), 1e-13, at);
            assertEquals(U1Exact.infiniteVolumeTopSusceptibility(beta), exact.topSusceptibility(), 1e-12, at);
            assertEquals(Math.pow(bessel[1] / bessel[0], 6), exact.wilsonLoop(6), 1e-12, at);
        }
        // a still larger product beta V stays finite
        U1Exact huge = new U1Exact(256 * 256, 40);
        assertTrue(Double.isFinite(huge.plaquette()) && Double.isFinite(huge.topChargeSquared()));
        assertEquals(U1Exact.infiniteVolumePlaquette(40), huge.plaquette(), 1e-13);
    }

    @Test
    void infiniteVolumeTopSusceptibilityIsTheVonMisesAngleVariance() {
        // <phi^2>/(4 pi^2) with phi von Mises on (-pi, pi], by direct quadrature of the density
        for (double beta : new double[] {0.5, 2, 6}) {
            int m = 200_000;
            double num = 0;
            double den = 0;
            for (int i = 0; i < m; i++) {
                double phi = -Math.PI + (i + 0.5) * 2 * Math.PI / m;
                double w = Math.exp(beta * (Math.cos(phi) - 1));
                num += phi * phi * w;
                den += w;
            }
            double direct = num / den / (4 * Math.PI * Math.PI);
            assertEquals(direct, U1Exact.infiniteVolumeTopSusceptibility(beta), 1e-9, "beta=" + beta);
        }
    }

    @Test
    void wilsonLoopOfAreaOneIsThePlaquette() {
        for (double beta : new double[] {0.7, 3}) {
            U1Exact exact = U1Exact.onLattice(3, beta);
            assertEquals(exact.plaquette(), exact.wilsonLoop(1), 1e-14);
            assertEquals(1.0, exact.wilsonLoop(0), 1e-14);
        }
    }

    @Test
    void smallVolumeAgreesWithIndependentPlaquetteSampling() {
        // given: on the torus the V plaquette angles are von Mises distributed and independent
        // except for sum_x theta_P = 0 mod 2 pi. Draw V - 1 of them exactly, fix the last by the
        // constraint and reweight with its Boltzmann factor: w = e^{beta (cos phi_V - 1)}.
        int size = 3;
        int volume = size * size;
        double beta = 1.5;
        VonMises single = VonMises.centred(beta);
        SplittableRandom rng = new SplittableRandom(11);
        int samples = 100_000;
        double[] logW = new double[samples];
        double[] plaquette = new double[samples];
        double[] q2 = new double[samples];
        for (int s = 0; s < samples; s++) {
            double[] phi = single.sample(volume - 1, rng);
            double sum = 0;
            double cos = 0;
            double wrappedSum = 0;
            for (double p : phi) {
                sum += p;
                cos += Math.cos(p);
                wrappedSum += Angles.principal(p);
            }
            double last = -sum;
            logW[s] = beta * (Math.cos(last) - 1);
            plaquette[s] = (cos + Math.cos(last)) / volume;
            double q = Math.rint((wrappedSum + Angles.principal(last)) / (2 * Math.PI));
            q2[s] = q * q;
        }
        // when: the samples are independent, so the delta-method error of the ratio applies
        Estimate plaquetteEstimate = Reweighting.estimate(plaquette, logW);
        Estimate q2Estimate = Reweighting.estimate(q2, logW);
        // then
        U1Exact exact = U1Exact.onLattice(size, beta);
        assertTrue(plaquetteEstimate.pull(exact.plaquette()) < 3, plaquetteEstimate + " vs " + exact.plaquette());
        assertTrue(q2Estimate.pull(exact.topChargeSquared()) < 3, q2Estimate + " vs " + exact.topChargeSquared());
        // and the check is sharp: the errors are a few per mille of the values
        assertTrue(plaquetteEstimate.err() < 0.005 * exact.plaquette());
        assertTrue(q2Estimate.err() < 0.02 * exact.topChargeSquared());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new U1Exact(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new U1Exact(4, -1));
        assertThrows(IllegalArgumentException.class, () -> new U1Exact(4, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new U1Exact(4, 1).wilsonLoop(5));
    }
}
