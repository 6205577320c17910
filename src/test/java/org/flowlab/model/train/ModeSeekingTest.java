package org.flowlab.model.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.MixtureKind;
import org.flowlab.model.spec.RunSpec;
import org.junit.jupiter.api.Test;

/**
 * Mode-seeking against mode-covering on the symmetric pair at ±(4, 0), fitted with the affine
 * (Gaussian) flow: reverse KL ends in one mode, forward KL covers both.
 */
class ModeSeekingTest {

    private static double fractionInFirstMode(String loss, long seed) {
        RunSpec spec = RunSpec.create(
                "mixture2d",
                Map.of("mixture", "pair", "mu", "4"),
                "affine2d",
                Map.of(),
                loss,
                loss.equals("fkl") ? Map.of("samples", "4000") : Map.of(),
                new TrainingConfig(400, 128, 0.03, seed),
                DeviceChoice.CPU,
                Precision.FLOAT32);
        try (Experiment e = spec.open()) {
            e.trainer().objective().prepare(PreparationListener.NONE, () -> false);
            for (int i = 0; i < 400; i++) {
                e.trainer().step();
            }
            SampleSnapshot s = e.trainer().freshSnapshot(4000);
            GaussianMixture2D m = (GaussianMixture2D) e.target();
            int first = 0;
            for (int i = 0; i < s.count(); i++) {
                if (MixtureKind.mode(m, s.configuration(i)) == 0) {
                    first++;
                }
            }
            return first / (double) s.count();
        }
    }

    @Test
    void reverseKlSeeksOneModeAndForwardKlCoversBoth() {
        for (long seed : new long[] {1, 2}) {
            double reverse = fractionInFirstMode("rkl", seed);
            assertTrue(reverse > 0.9 || reverse < 0.1, "reverse KL, seed " + seed + ": first-mode fraction " + reverse);
            double forward = fractionInFirstMode("fkl", seed);
            assertTrue(forward > 0.3 && forward < 0.7, "forward KL, seed " + seed + ": first-mode fraction " + forward);
        }
    }
}
