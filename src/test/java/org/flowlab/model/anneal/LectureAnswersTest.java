package org.flowlab.model.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.observe.FreeFieldExact;
import org.junit.jupiter.api.Test;

/**
 * The numeric answers of the exercises in the panes on chains of flows and on free energies,
 * each recomputed with the code that the app itself uses.
 */
class LectureAnswersTest {

    private static final String[] PANES = {"/lectures/05a-chains-of-flows.md", "/lectures/05b-free-energy.md"};

    private static final Pattern BLOCK = Pattern.compile("```exercise\\n(.*?)```", Pattern.DOTALL);

    /** An exercise's id, type, and for numbers its answer and tolerance. */
    private record Exercise(String id, String type, double answer, double tolerance) {}

    private static Map<String, Exercise> exercises(String pane) throws IOException {
        String text;
        try (InputStream in = LectureAnswersTest.class.getResourceAsStream(pane)) {
            assertNotNull(in, pane);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Exercise> out = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(1);
            String id = field(body, "id");
            String type = field(body, "type");
            double answer = "number".equals(type) ? Double.parseDouble(field(body, "answer")) : Double.NaN;
            double tolerance = "number".equals(type) ? Double.parseDouble(field(body, "tolerance")) : Double.NaN;
            out.put(id, new Exercise(id, type, answer, tolerance));
        }
        return out;
    }

    private static String field(String body, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\s*(\\S+)").matcher(body);
        assertTrue(m.find(), "no " + key + " in " + body);
        return m.group(1);
    }

    /** The value the code computes for each numeric exercise. */
    private static Map<String, DoubleSupplier> computed() {
        Map<String, DoubleSupplier> c = new LinkedHashMap<>();
        c.put(
                "chains-flow-count",
                () -> ChainSpec.create(
                                "phi4",
                                Map.of("L", "4", "lambda", "1.5"),
                                Schedule.parse("m2", "0:-0.5:6"),
                                "realnvp",
                                Map.of(),
                                "rkl",
                                ChainSpec.Base.HMC,
                                200,
                                64,
                                1e-3,
                                1,
                                0,
                                true,
                                2048,
                                2048,
                                DeviceChoice.CPU,
                                Precision.FLOAT64)
                        .moves());
        c.put("chains-stage-m2", () -> Schedule.parse("m2", "0:-0.5:6").value(3));
        c.put("chains-ais-increment", () -> {
            // any configuration with sum phi^2 = 20: the identity map's log-weight increment S_0 - S_1
            SplittableRandom rng = new SplittableRandom(1);
            double[] phi = new double[16];
            double sum = 0;
            for (int i = 0; i < phi.length; i++) {
                phi[i] = rng.nextGaussian();
                sum += phi[i] * phi[i];
            }
            for (int i = 0; i < phi.length; i++) {
                phi[i] *= Math.sqrt(20 / sum);
            }
            return new Phi4Theory(4, 0, 1.5).action(phi) - new Phi4Theory(4, -0.1, 1.5).action(phi);
        });
        c.put("free-energy-relative-error", () -> FreeEnergy.relativeError(0.25, 1000));
        c.put("free-energy-free-field-l2", () -> new FreeFieldExact(2, 1).logPartition());
        c.put("free-energy-ess-l8", () -> VolumeScan.heuristic(0.9, 16, 64));
        c.put("free-energy-ess-l64", () -> VolumeScan.requiredEss(0.5, 16, 4096));
        return c;
    }

    @Test
    void everyNumericAnswerIsWhatTheCodeComputes() throws IOException {
        Map<String, DoubleSupplier> computed = computed();
        int numbers = 0;
        for (String pane : PANES) {
            Map<String, Exercise> list = exercises(pane);
            assertTrue(list.size() >= 3, pane + " has " + list.size() + " exercises");
            for (Exercise e : list.values()) {
                assertTrue(e.id().startsWith(pane.contains("chains") ? "chains-" : "free-energy-"), e.id());
                if (!"number".equals(e.type())) {
                    assertEquals("choice", e.type(), e.id());
                    continue;
                }
                numbers++;
                DoubleSupplier value = computed.get(e.id());
                assertNotNull(value, "no check for " + e.id());
                double v = value.getAsDouble();
                assertTrue(
                        Math.abs(v - e.answer()) <= e.tolerance() + 1e-12,
                        e.id() + ": the code computes " + v + ", the pane says " + e.answer() + " ± " + e.tolerance());
            }
        }
        assertEquals(computed.size(), numbers, "every check belongs to an exercise");
    }
}
