package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.flowlab.model.ml.ClassifyConfig;
import org.flowlab.model.ml.ClassifyResult;
import org.flowlab.model.ml.ClassifyRun;
import org.flowlab.model.ml.FitConfig;
import org.flowlab.model.ml.FitResult;
import org.flowlab.model.ml.FitRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code fit} and {@code classify} end to end: same engine as the window, the project's error rules. */
class MlCommandsTest {

    private record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    private static Run run(String... args) {
        CommandLine cl = FlowLabCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Map<String, String> settings(String... keysAndValues) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void fitPrintsLossesAndErrorsAgainstTheCleanFunction() throws Exception {
        // when
        Run r = run(
                "fit",
                "--function",
                "abs",
                "--loss",
                "mae",
                "--hidden",
                "8",
                "--layers",
                "1",
                "--activation",
                "relu",
                "--optimizer",
                "adam",
                "--lr",
                "0.01",
                "--batch",
                "0",
                "--n",
                "64",
                "--noise",
                "0.05",
                "--outliers",
                "0.1",
                "--steps",
                "300",
                "--seed",
                "3",
                "--json");
        // then: the numbers are those of the model's own run with the same settings
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        FitResult expected = new FitRun(FitConfig.DEFAULT.with(settings(
                        "function",
                        "abs",
                        "loss",
                        "mae",
                        "hidden",
                        "8",
                        "layers",
                        "1",
                        "activation",
                        "relu",
                        "lr",
                        "0.01",
                        "batch",
                        "0",
                        "n",
                        "64",
                        "noise",
                        "0.05",
                        "outliers",
                        "0.1",
                        "steps",
                        "300",
                        "seed",
                        "3")))
                .train();
        assertEquals(expected.trainLoss(), j.get("train_loss").asDouble(), 0);
        assertEquals(expected.heldOutLoss(), j.get("held_out_loss").asDouble(), 0);
        assertEquals(expected.rmsError(), j.get("rms_error").asDouble(), 0);
        assertEquals(expected.maxError(), j.get("max_error").asDouble(), 0);
        assertEquals(64, j.get("batch").asInt(), "full batch reports the points used per step");
        assertEquals(8 + 8 + 8 + 1, j.get("parameters").asInt());
        assertEquals("relu", j.get("activation").asText());
        assertEquals(1001, j.get("grid_points").asInt());
    }

    @Test
    void classifyPrintsHeldOutAccuracyAndCrossEntropy() throws Exception {
        // when
        Run r = run(
                "classify",
                "--data",
                "circles",
                "--hidden",
                "8",
                "--layers",
                "2",
                "--steps",
                "400",
                "--seed",
                "2",
                "--json");
        // then
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        ClassifyResult expected = new ClassifyRun(ClassifyConfig.DEFAULT.with(
                        Map.of("data", "circles", "hidden", "8", "layers", "2", "steps", "400", "seed", "2")))
                .train();
        assertEquals(expected.heldOutAccuracy(), j.get("held_out_accuracy").asDouble(), 0);
        assertEquals(expected.heldOutLoss(), j.get("held_out_cross_entropy").asDouble(), 0);
        assertEquals(ClassifyConfig.DEFAULT.noise(), j.get("noise").asDouble(), 0, "the model's default");
    }

    @Test
    void textOutputHasOneLinePerQuantity() {
        Run r = run("fit", "--steps", "5", "--n", "16", "--batch", "8");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("rms_error ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("held_out_loss +[0-9.eE-]+")), r.out());
    }

    @Test
    void badInputExitsWithTwoAndOneLineNamingTheOption() {
        String[][] bad = {
            {"fit", "--hidden", "0"},
            {"fit", "--hidden", "many"},
            {"fit", "--loss", "bce"},
            {"fit", "--function", "cos"},
            {"fit", "--batch", "300"},
            {"fit", "--lr", "0"},
            {"fit", "--lr", "NaN"},
            {"fit", "--outliers", "0.95"},
            {"fit", "--noise", "-0.1"},
            {"fit", "--steps", "0"},
            {"fit", "--activation", "swish"},
            {"fit", "--seed", "1.5"},
            {"classify", "--data", "blobs"},
            {"classify", "--layers", "7"},
            {"classify", "--optimizer", "rmsprop"},
            {"classify", "--n", "4"},
        };
        for (String[] args : bad) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(args[1]), "names " + args[1] + ": " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertTrue(r.out().isEmpty(), r.out());
        }
    }

    @Test
    void divergedTrainingFailsWithOneLineInsteadOfPrintingNonFiniteNumbers() {
        // given: plain SGD with a step of 1 on outliers far from the data: the loss explodes within a few steps
        Run r = run(
                "fit",
                "--function",
                "sin",
                "--optimizer",
                "sgd",
                "--lr",
                "1",
                "--activation",
                "leakyrelu",
                "--outliers",
                "0.5",
                "--steps",
                "100",
                "--json");
        // then
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("diverged") && r.err().contains("lower the learning rate"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }
}
