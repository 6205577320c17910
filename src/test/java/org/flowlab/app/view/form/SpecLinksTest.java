package org.flowlab.app.view.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.flowlab.app.FlowLabLink;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** A run spec survives the trip to a link and back, every parameter and the seed included. */
class SpecLinksTest {

    @Test
    void everySpecComesBackFromItsLink() {
        RunSpec[] specs = {
            RunSpec.create(
                    "phi4",
                    Map.of("L", "6", "m2", "-0.25", "lambda", "2"),
                    "realnvp",
                    Map.of("layers", "3", "hidden", "5"),
                    "pathgrad",
                    Map.of(),
                    new TrainingConfig(123, 32, 0.0025, 987_654_321L),
                    DeviceChoice.CPU,
                    Precision.FLOAT64),
            RunSpec.create(
                    "u1",
                    Map.of("L", "4", "beta", "1.5"),
                    "gauge",
                    Map.of("layers", "4"),
                    "rkl",
                    Map.of(),
                    new TrainingConfig(50, 16, 0.01, 7),
                    DeviceChoice.AUTO,
                    Precision.FLOAT32),
            RunSpec.create(
                    "mixture2d",
                    Map.of("mixture", "three"),
                    "cnf",
                    Map.of("velocity", "mlp", "grad", "adjoint"),
                    "rkl",
                    Map.of(),
                    new TrainingConfig(10, 128, 0.003, 2),
                    DeviceChoice.AUTO,
                    Precision.FLOAT64),
        };
        for (RunSpec spec : specs) {
            String link = SpecLinks.link("lab", SpecLinks.parameters(spec));
            FlowLabLink parsed = FlowLabLink.parse(link);
            assertEquals("lab", parsed.page());
            assertTrue(link.contains("seed=" + spec.training().seed()), link);
            assertEquals(spec, SpecLinks.spec(parsed.parameters(), null), link);
        }
    }

    @Test
    void whatALinkLeavesOutTakesTheDefaults() {
        RunSpec spec = SpecLinks.spec(Map.of("theory", "vonmises", "beta", "3"), null);
        assertEquals("vonmises", spec.theory());
        assertEquals("3", spec.theorySettings().asMap().get("beta"));
        String firstFlow =
                org.flowlab.model.spec.Catalog.flowsFor("vonmises").get(0).id();
        assertEquals(
                RunSpec.create(
                        "vonmises",
                        Map.of("beta", "3"),
                        firstFlow,
                        Map.of(),
                        "rkl",
                        Map.of(),
                        new TrainingConfig(2000, 64, 1e-3, 1),
                        DeviceChoice.AUTO,
                        Precision.FLOAT32),
                spec);
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() {
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> SpecLinks.spec(Map.of("theory", "phi4", "colour", "red"), null))
                .getMessage()
                .contains("'colour'"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> SpecLinks.spec(Map.of("theory", "phi4", "L", "100000"), null))
                .getMessage()
                .contains("L"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpecLinks.spec(Map.of("theory", "nope"), null))
                .getMessage()
                .contains("nope"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> SpecLinks.spec(Map.of("theory", "phi4", "lr", "fast"), null))
                .getMessage()
                .contains("lr"));
    }
}
