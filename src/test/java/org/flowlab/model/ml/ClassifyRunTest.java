package org.flowlab.model.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The classification experiment's claims, at fixed seeds. */
class ClassifyRunTest {

    @Test
    void twoMoonsAreSeparatedOnHeldOutPoints() {
        // given: two moons, 16 x 2 tanh, 2000 steps, seed 1
        ClassifyConfig config = ClassifyConfig.DEFAULT.with(
                Map.of("data", "moons", "hidden", "16", "layers", "2", "steps", "2000", "seed", "1"));
        ClassifyRun run = new ClassifyRun(config);
        double before = run.result().heldOutAccuracy();
        // when
        ClassifyResult r = run.train();
        // then
        assertTrue(r.heldOutAccuracy() > 0.95, "held-out accuracy " + r.heldOutAccuracy());
        assertTrue(before < 0.9, "an untrained network does not separate the moons: " + before);
        assertTrue(r.heldOutLoss() < 0.2, "held-out cross-entropy " + r.heldOutLoss());
    }

    @Test
    void dataSetsAreBalancedAndReproducible() {
        for (TwoClassData d : TwoClassData.values()) {
            TwoClassData.Sample a = d.generate(101, 0.1, new java.util.SplittableRandom(3));
            TwoClassData.Sample b = d.generate(101, 0.1, new java.util.SplittableRandom(3));
            double ones = java.util.Arrays.stream(a.labels()).sum();
            assertEquals(50, ones, 0, d.key());
            assertEquals(a.points()[77][1], b.points()[77][1], 0, d.key());
        }
    }

    @Test
    void theProbabilityGridRunsFromTopLeft() {
        ClassifyRun run = new ClassifyRun(ClassifyConfig.DEFAULT.with(Map.of("steps", "300")));
        run.train();
        double[] grid = run.probabilityGrid(4);
        double h = TwoClassData.HALF_WIDTH;
        assertEquals(run.probability(-h + h / 4, h - h / 4), grid[0], 1e-15);
        assertEquals(run.probability(h - h / 4, -h + h / 4), grid[15], 1e-15);
    }

    @Test
    void settingsAreCheckedAndNamed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ClassifyConfig.DEFAULT.with(Map.of("data", "blobs")));
        assertTrue(e.getMessage().startsWith("data "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClassifyConfig.DEFAULT.with(Map.of("noise", "-1")));
        assertTrue(e.getMessage().startsWith("noise "), e.getMessage());
        assertEquals(ClassifyConfig.DEFAULT, ClassifyConfig.DEFAULT.with(ClassifyConfig.DEFAULT.toMap()));
    }
}
