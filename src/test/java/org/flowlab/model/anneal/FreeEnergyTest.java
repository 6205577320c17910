package org.flowlab.model.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.FreeFieldExact;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.TheoryKind;
import org.junit.jupiter.api.Test;

class FreeEnergyTest {

    @Test
    void freeFieldLogZIsTheGaussianIntegralOverTheModes() {
        // L = 2: p-hat^2 takes the values 0, 4, 4, 8, so log Z = 2 log(2 pi) - (1/2) log(m2 (4 + m2)^2 (8 + m2))
        double m2 = 1;
        double expected = 2 * Math.log(2 * Math.PI) - 0.5 * Math.log(m2 * (4 + m2) * (4 + m2) * (8 + m2));
        assertEquals(expected, new FreeFieldExact(2, m2).logPartition(), 1e-12);
    }

    @Test
    void u1LogZMatchesTheBesselSumAtSmallVolume() {
        // V = 1: Z = sum_n I_n(beta), which is e^beta by the generating function
        assertEquals(2.5, new U1Exact(1, 2.5).logPartition(), 1e-10);
        // beta = 0: Haar measure, Z = 1; over the plain angles of L = 4 that is (2 pi)^(2 V)
        TheoryKind u1 = Catalog.theory("u1");
        assertEquals(
                32 * Math.log(2 * Math.PI),
                FreeEnergy.exactLogZ(u1, u1.settings(Map.of("L", "4", "beta", "0"))),
                1e-12);
    }

    @Test
    void mixturesAreNormalisedAndInteractingPhi4IsUnknown() {
        TheoryKind mixture = Catalog.theory("mixture2d");
        assertEquals(0, FreeEnergy.exactLogZ(mixture, mixture.defaults()));
        TheoryKind phi4 = Catalog.theory("phi4");
        assertTrue(Double.isNaN(FreeEnergy.exactLogZ(phi4, phi4.settings(Map.of("lambda", "1.5")))));
    }

    @Test
    void logMeanWeightErrorCoversTheTruthAndFollowsTheEss() {
        // given: log-normal weights log w ~ N(0, s^2), so E[w] = e^{s^2/2} and ESS = e^{-s^2}
        double s = 0.8;
        int n = 4000;
        int covered = 0;
        int trials = 40;
        for (int t = 0; t < trials; t++) {
            SplittableRandom rng = new SplittableRandom(100 + t);
            double[] logW = new double[n];
            for (int i = 0; i < n; i++) {
                logW[i] = s * rng.nextGaussian();
            }
            // when
            Estimate e = FreeEnergy.logMeanWeight(logW);
            // then: the error is the one ESS predicts, and one sigma covers the truth about 68% of the time
            assertEquals(FreeEnergy.relativeError(Math.exp(-s * s), n), e.err(), 0.25 * e.err());
            if (Math.abs(e.mean() - s * s / 2) < e.err()) {
                covered++;
            }
        }
        assertTrue(covered >= 20 && covered <= 36, "covered " + covered + " of " + trials);
    }

    @Test
    void deltaFOfIdenticalWeightsVanishes() {
        double[] logW = {
            0.1, -0.3, 0.7, 0.2, -1.0, 0.4, 0.0, 0.3, -0.2, 0.5, 0.1, -0.4, 0.6, 0.2, -0.1, 0.0, 0.3, -0.5, 0.2, 0.1,
            0.4, -0.2
        };
        double[] shifted = new double[logW.length];
        for (int i = 0; i < logW.length; i++) {
            shifted[i] = logW[i] + 2;
        }
        assertEquals(-2, FreeEnergy.deltaF(shifted, logW).mean(), 1e-12);
        assertEquals(0, FreeEnergy.deltaF(shifted, logW).err(), 1e-12);
    }
}
