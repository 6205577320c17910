package org.flowlab.model.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.circle.CircleFlow;
import org.flowlab.model.flow.gauge.GaugeEquivariantFlow;
import org.flowlab.model.store.RunStore;
import org.flowlab.model.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The circle and gauge flow kinds in the catalogue: lookup, checks, descriptions, runs. */
class CompactFlowKindsTest {

    @TempDir
    Path dir;

    private static RunSpec spec(
            String theory, Map<String, String> theoryValues, String flow, Map<String, String> flowValues) {
        return RunSpec.create(
                theory,
                theoryValues,
                flow,
                flowValues,
                "rkl",
                Map.of(),
                new TrainingConfig(3, 8, 1e-3, 2),
                DeviceChoice.CPU,
                Precision.FLOAT64);
    }

    @Test
    void bothKindsAreRegisteredAndMatchTheirTheories() {
        // when
        List<String> ids = Catalog.flows().stream().map(Kind::id).collect(Collectors.toList());
        // then
        assertEquals(List.of("realnvp", "gauge", "coupling2d", "affine2d", "circle", "cnf"), ids);
        assertEquals(
                List.of("circle", "cnf"),
                Catalog.flowsFor("vonmises").stream().map(Kind::id).collect(Collectors.toList()));
        assertEquals(
                List.of("gauge"), Catalog.flowsFor("u1").stream().map(Kind::id).collect(Collectors.toList()));
        assertFalse(Catalog.flow("gauge").supports("phi4"));
        assertFalse(Catalog.flow("circle").supports("u1"));
    }

    @Test
    void gaugeDefaultsFollowTheTutorialAndDescribeInOneLine() {
        // given
        Settings gauge = Catalog.flow("gauge").defaults();
        Settings circle = Catalog.flow("circle").defaults();
        // when
        String line = Catalog.flow("gauge").describe(gauge);
        // then
        assertEquals(GaugeEquivariantFlow.Config.tutorial(), GaugeFlowKind.config(gauge));
        assertEquals("gauge-equivariant 16 layers, splines 8 bins, 2 × 8 hidden channels, kernel 3", line);
        assertEquals(new CircleFlow.Config(2, 8), CircleFlowKind.config(circle));
        assertEquals(
                "circular splines 2 layers, 8 bins, with rotations",
                Catalog.flow("circle").describe(circle));
    }

    @Test
    void latticesTheStripesOrKernelDoNotFitAreRejectedWithAClearMessage() {
        // when
        IllegalArgumentException size =
                assertThrows(IllegalArgumentException.class, () -> spec("u1", Map.of("L", "6"), "gauge", Map.of()));
        IllegalArgumentException kernel = assertThrows(
                IllegalArgumentException.class, () -> spec("u1", Map.of("L", "4"), "gauge", Map.of("kernel", "5")));
        IllegalArgumentException even = assertThrows(
                IllegalArgumentException.class, () -> spec("u1", Map.of("L", "8"), "gauge", Map.of("kernel", "4")));
        IllegalArgumentException theory =
                assertThrows(IllegalArgumentException.class, () -> spec("phi4", Map.of("L", "8"), "gauge", Map.of()));
        // then
        assertTrue(
                size.getMessage().contains("multiple of 4") && size.getMessage().contains("got 6"), size.getMessage());
        assertTrue(kernel.getMessage().contains("larger than the lattice size 4"), kernel.getMessage());
        assertTrue(even.getMessage().contains("odd"), even.getMessage());
        assertTrue(theory.getMessage().contains("choose realnvp"), theory.getMessage());
    }

    @Test
    void gaugeRunSavesAndReloadsWithIdenticalLogQ() throws Exception {
        // given: a small gauge run trained three steps and saved
        RunSpec spec = spec(
                "u1",
                Map.of("L", "4", "beta", "1"),
                "gauge",
                Map.of("layers", "4", "hidden", "4", "hiddenLayers", "1", "bins", "4"));
        double[] links = new double[3 * 32];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < links.length; i++) {
            links[i] = 2 * Math.PI * r.nextDouble();
        }
        double[] before;
        try (Experiment e = spec.open()) {
            for (int i = 0; i < 3; i++) {
                assertTrue(Double.isFinite(e.trainer().step().loss()));
            }
            before = logQ(e, links);
            RunStore.save(dir, e);
        }
        // when
        RunStore.SavedRun saved = RunStore.read(dir);
        // then
        assertEquals(spec, saved.spec());
        try (Experiment e = RunStore.open(saved, saved.spec())) {
            assertArrayEquals(before, logQ(e, links), 0.0);
        }
    }

    @Test
    void circleRunOnVonMisesTrainsThroughTheCatalogue() {
        // given
        RunSpec spec = spec("vonmises", Map.of("beta", "2"), "circle", Map.of("layers", "1", "bins", "4"));
        try (Experiment e = spec.open()) {
            // when
            double loss = e.trainer().step().loss();
            // then: one spline of 4 bins: 3 x 4 + 1 raw numbers
            assertTrue(Double.isFinite(loss));
            assertEquals(13, e.flow().parameters().count());
        }
    }

    private static double[] logQ(Experiment e, double[] links) {
        try (NDManager m = Compute.newManager(Device.cpu())) {
            NDArray in = m.create(links, new Shape(3, 2, 4, 4));
            return Tensors.toDoubles(e.flow().logQ(in));
        }
    }
}
