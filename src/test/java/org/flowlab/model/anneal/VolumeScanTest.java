package org.flowlab.model.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.junit.jupiter.api.Test;

class VolumeScanTest {

    @Test
    void theHeuristicAndTheCoursesExercise() {
        assertEquals(0.9 * 0.9 * 0.9 * 0.9, VolumeScan.heuristic(0.9, 16, 64), 1e-15);
        // ESS >= 0.5 at L = 64 from L = 4 needs 0.5^(16/4096)
        assertEquals(0.997296, VolumeScan.requiredEss(0.5, 16, 4096), 1e-6);
        assertEquals(0.5, VolumeScan.heuristic(VolumeScan.requiredEss(0.5, 16, 4096), 16, 4096), 1e-12);
    }

    @Test
    void aFlowTrainedAtLFourHasAHigherEssAtLEightThanAnUntrainedOne() {
        // given: one RealNVP flow trained from the prior at L = 4
        ChainSpec single = ChainSpec.create(
                "phi4",
                Map.of("L", "4", "lambda", "0.5"),
                Schedule.parse("m2", "0.5"),
                "realnvp",
                Map.of("layers", "4", "hidden", "4", "hiddenLayers", "1"),
                "rkl",
                ChainSpec.Base.PRIOR,
                150,
                64,
                5e-3,
                5,
                0,
                false,
                256,
                64,
                DeviceChoice.CPU,
                Precision.FLOAT64);
        ChainResult trained = AnnealedChain.run(single, new AnnealedChain.Listener() {}, () -> false);
        // when: the same parameters on L = 4 and L = 8
        List<VolumeScan.Point> points = VolumeScan.scan(
                single.theoryKind(),
                single.targetSettings(0),
                single.flowKind(),
                single.flowSettings(),
                trained.parameters().get(0),
                new int[] {4, 8},
                1024,
                7,
                DeviceChoice.CPU,
                Precision.FLOAT64,
                () -> false);
        // then
        VolumeScan.Point l4 = points.get(0);
        VolumeScan.Point l8 = points.get(1);
        assertEquals(8, l8.size());
        assertTrue(l4.ess() > l4.untrainedEss(), l4.toString());
        assertTrue(l8.ess() > l8.untrainedEss(), l8.toString());
        assertTrue(l8.ess() < l4.ess(), "a larger volume lowers the ESS: " + points);
        assertEquals(Math.pow(l4.ess(), 4), l8.heuristic(), 1e-12);
    }
}
