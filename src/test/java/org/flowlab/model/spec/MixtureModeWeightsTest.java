package org.flowlab.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.junit.jupiter.api.Test;

/** The exact mode fractions that {@code sample} compares the mixture's mode observables with. */
class MixtureModeWeightsTest {

    @Test
    void threeModeFractionsAreTheWeightsUpToTheTinyOverlap() {
        GaussianMixture2D m = GaussianMixture2D.threeModes();
        double[] f = MixtureKind.exactModeFractions(m);
        assertEquals(1, f[0] + f[1] + f[2], 1e-12);
        for (int k = 0; k < 3; k++) {
            assertEquals(m.weight(k), f[k], 2e-3, "mode " + k);
        }
        // the weight of the mode at (-5, -3) that reverse KL drops
        assertEquals(0.457, f[2], 5e-4);
    }

    @Test
    void fractionsAgreeWithExactSamples() {
        // an overlapping pair, where the fractions differ from the weights only by symmetry: 1/2 each,
        // and the three modes at sigma = 2, where they overlap strongly
        GaussianMixture2D m = GaussianMixture2D.threeModes();
        GaussianMixture2D wide = new GaussianMixture2D(
                new double[][] {{5, 0}, {0, 5}, {-5, -3}},
                new double[] {m.weight(0), m.weight(1), m.weight(2)},
                new double[] {2, 2, 2});
        double[] f = MixtureKind.exactModeFractions(wide);
        int n = 400_000;
        double[] xy = wide.sample(n, new SplittableRandom(3));
        int[] counts = new int[3];
        for (int i = 0; i < n; i++) {
            counts[MixtureKind.mode(wide, new double[] {xy[2 * i], xy[2 * i + 1]})]++;
        }
        for (int k = 0; k < 3; k++) {
            double sigma = Math.sqrt(f[k] * (1 - f[k]) / n);
            assertEquals(f[k], counts[k] / (double) n, 4 * sigma, "mode " + k);
        }
        double[] pair = MixtureKind.exactModeFractions(GaussianMixture2D.symmetricPair(1, 0));
        assertEquals(0.5, pair[0], 1e-9);
    }

    @Test
    void exactValuesOfTheKindIncludeTheModeFractions() {
        MixtureKind kind = new MixtureKind();
        Map<String, Double> exact = kind.exact(kind.settings(Map.of("mixture", "three", "sigma", "1")));
        assertEquals(0.457, exact.get(MixtureKind.MODE + 2), 5e-4);
    }
}
