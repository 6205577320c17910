package org.flowlab.model.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pane "A crude picture of machine learning": every numeric exercise answer is the value
 * the code computes, every Try-it link carries every setting of its experiment and the seed,
 * and the numbers the text quotes are what those runs give.
 */
class MachineLearningLectureTest {

    private static final String PANE = "/lectures/02a-machine-learning.md";

    private static String text() {
        try (InputStream in = MachineLearningLectureTest.class.getResourceAsStream(PANE)) {
            assertNotNull(in, PANE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id and the literal answer of each number exercise. */
    private static Map<String, Double> numberAnswers(String text) {
        Map<String, Double> answers = new LinkedHashMap<>();
        Matcher block =
                Pattern.compile("```exercise\\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (block.find()) {
            String body = block.group(1);
            String id = field(body, "id");
            if ("number".equals(field(body, "type"))) {
                answers.put(id, Double.parseDouble(field(body, "answer")));
            }
        }
        return answers;
    }

    private static String field(String yaml, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s*(\\S+)").matcher(yaml);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void everyNumericAnswerIsWhatTheCodeComputes() {
        // the value each exercise's answer must equal, computed by the code the app runs
        Map<String, DoubleSupplier> computed = Map.of(
                "ml-param-count",
                        () -> new Mlp(2, 16, 2, Activation.TANH, new java.util.SplittableRandom(1)).parameterCount(),
                "ml-mse-constant", () -> bestConstant(Loss.MSE, new double[] {0, 0, 0, 0, 10}),
                "ml-cross-entropy-half", () -> Loss.CROSS_ENTROPY.value(0, 1),
                "ml-dense-params", () -> Convolution.denseParameterCount(64, 64));
        Map<String, Double> answers = numberAnswers(text());
        assertEquals(computed.keySet(), answers.keySet(), "every number exercise is checked here");
        answers.forEach((id, answer) -> assertEquals(computed.get(id).getAsDouble(), answer, 1e-4, id));
        // the exercise's hint quotes the convolution's count, and its solution says MAE picks the median 0
        assertEquals(10, Convolution.convParameterCount(3, 1, 1));
        assertEquals(0, bestConstant(Loss.MAE, new double[] {0, 0, 0, 0, 10}), 1e-3);
    }

    /** The constant c minimising the mean loss over the targets, by a fine scan of [min y, max y]. */
    private static double bestConstant(Loss loss, double[] y) {
        double best = Double.NaN;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= 100_000; k++) {
            double c = 10.0 * k / 100_000;
            double total = 0;
            for (double v : y) {
                total += loss.value(c, v);
            }
            if (total < bestValue - 1e-12) {
                bestValue = total;
                best = c;
            }
        }
        return best;
    }

    @Test
    void exerciseIdsAreUniqueAndPrefixed() {
        Matcher m = Pattern.compile("(?m)^id:\\s*(\\S+)").matcher(text());
        Set<String> ids = new HashSet<>();
        while (m.find()) {
            assertTrue(m.group(1).startsWith("ml-"), m.group(1));
            assertTrue(ids.add(m.group(1)), "duplicate " + m.group(1));
        }
        assertTrue(ids.size() >= 3, ids.toString());
    }

    private static List<Map<String, String>> links(String text) {
        List<Map<String, String>> all = new ArrayList<>();
        Matcher m = Pattern.compile("\\(flowlab:basics\\?([^)]*)\\)").matcher(text);
        while (m.find()) {
            Map<String, String> p = new LinkedHashMap<>();
            for (String pair : m.group(1).split("&")) {
                int eq = pair.indexOf('=');
                p.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            all.add(p);
        }
        return all;
    }

    @Test
    void everyTryItLinkCarriesEverySettingAndTheSeed() {
        List<Map<String, String>> links = links(text());
        assertTrue(links.size() >= 10, "links: " + links.size());
        Set<String> experiments = new HashSet<>();
        for (Map<String, String> link : links) {
            Map<String, String> p = new LinkedHashMap<>(link);
            String experiment = p.remove("experiment");
            experiments.add(experiment);
            p.remove("compare");
            switch (experiment) {
                case "fit" -> {
                    assertEquals(Set.copyOf(FitConfig.KEYS), p.keySet(), link.toString());
                    FitConfig.DEFAULT.with(p);
                }
                case "classify" -> {
                    assertEquals(Set.copyOf(ClassifyConfig.KEYS), p.keySet(), link.toString());
                    ClassifyConfig.DEFAULT.with(p);
                }
                case "convolution" ->
                    assertEquals(Set.of("filter", "L", "dx", "dt", "seed"), p.keySet(), link.toString());
                default -> throw new AssertionError("unknown experiment in " + link);
            }
        }
        assertEquals(Set.of("fit", "classify", "convolution"), experiments);
    }

    private static FitResult fit(String... keysAndValues) {
        return new FitRun(FitConfig.DEFAULT.with(settings(keysAndValues))).train();
    }

    private static Map<String, String> settings(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void theQuotedSincNumbersAreWhatTheLinksGive() {
        // the defaults are the links' other settings (32 x 2 tanh, Adam 0.003, batch 32, n 256, 3000 steps, seed 1)
        String text = text();
        assertTrue(
                text.contains("RMS error of about 0.007")
                        && text.contains("RMS error about 0.35")
                        && text.contains("RMS error about 0.03)"),
                "the numbers checked here are the ones quoted");
        // the noise-free 0.007 is checked by FitRunTest, on the same run
        assertEquals(
                0.35, fit("function", "sinc", "loss", "mse", "outliers", "0.2").rmsError(), 0.015);
        assertEquals(
                0.03, fit("function", "sinc", "loss", "mae", "outliers", "0.2").rmsError(), 0.008);
    }

    @Test
    void theQuotedClassificationNumbersAreWhatTheLinksGive() {
        String text = text();
        assertTrue(text.contains("reaches 100%") && text.contains("near 62%"));
        ClassifyResult moons = new ClassifyRun(ClassifyConfig.DEFAULT.with(settings("data", "moons"))).train();
        assertEquals(1.0, moons.heldOutAccuracy(), 0);
        ClassifyResult small = new ClassifyRun(
                        ClassifyConfig.DEFAULT.with(settings("data", "spiral", "hidden", "8", "layers", "1")))
                .train();
        assertEquals(0.62, small.heldOutAccuracy(), 0.01);
        assertFalse(text.contains("TODO"));
    }
}
