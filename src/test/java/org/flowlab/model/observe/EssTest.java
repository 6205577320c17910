package org.flowlab.model.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EssTest {

    @Test
    void perfectModelHasEssOne() {
        assertEquals(1.0, Ess.fraction(new double[] {-3.2, -3.2, -3.2, -3.2}), 1e-15);
    }

    @Test
    void oneDominantWeightGivesOneOverN() {
        assertEquals(0.25, Ess.fraction(new double[] {0, -800, -900, -1000}), 1e-12);
    }

    @Test
    void matchesMeanSquaredOverSecondMomentWithoutOverflow() {
        SplittableRandom r = new SplittableRandom(2);
        double[] logW = new double[1000];
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < logW.length; i++) {
            logW[i] = r.nextGaussian();
            double w = Math.exp(logW[i]);
            s1 += w;
            s2 += w * w;
        }
        double expected = (s1 / 1000) * (s1 / 1000) / (s2 / 1000);
        assertEquals(expected, Ess.fraction(logW), 1e-12);
        // a huge common offset (an unknown log Z) changes nothing
        double[] shifted = logW.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 5000;
        }
        assertEquals(expected, Ess.fraction(shifted), 1e-12);
    }

    @Test
    void nanWeightsGiveNan() {
        assertEquals(Double.NaN, Ess.fraction(new double[] {0, Double.NaN}));
    }
}
