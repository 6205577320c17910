package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowlab.model.anneal.ChainStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code anneal}, {@code train --init-from} and {@code sample --L}, end to end. */
class AnnealCommandTest {

    private record Run(int code, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> out = new ArrayList<>();
            for (String line : this.out.split("\n")) {
                if (!line.isBlank()) {
                    out.add(Json.MAPPER.readTree(line));
                }
            }
            return out;
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

    @Test
    void annealingWithHmcOnlyPrintsLogZAgainstTheFreeFieldPerStage() throws Exception {
        // when
        Run r = run(
                "anneal",
                "--theory",
                "phi4",
                "--L",
                "4",
                "--lam",
                "0",
                "--m2",
                "1.5:1:3",
                "--flow",
                "none",
                "--hmc-between",
                "2",
                "--samples",
                "1024",
                "--seed",
                "2",
                "--json");
        // then: a line per stage and a summary
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = r.lines();
        assertEquals(4, lines.size(), r.out());
        for (JsonNode stage : lines.subList(1, 3)) {
            double logZ = stage.get("log_z").get("mean").asDouble();
            double err = stage.get("log_z").get("err").asDouble();
            double exact = stage.get("log_z_exact").asDouble();
            assertTrue(err > 0 && Math.abs(logZ - exact) < 4 * err, stage.toString());
            assertTrue(stage.get("reweighted").has("phi2"), stage.toString());
            assertTrue(stage.get("exact").has("phi2"), stage.toString());
            assertTrue(stage.get("ess").asDouble() > 0.1, stage.toString());
        }
        assertTrue(lines.get(0).get("delta_f").get("mean").isNull(), "the HMC start has no Delta F");
        JsonNode summary = lines.get(3).get("summary");
        assertEquals(3, summary.get("stages").asInt());
        assertEquals(0, summary.get("training_steps").asInt());
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        String[][] bad = {
            {"anneal", "--theory", "phi4", "--m2", "-0.5"},
            {"anneal", "--theory", "phi4", "--m2", "0:-0.5:3", "--lam", "1:2:3"},
            {"anneal", "--theory", "phi4", "--m2", "0:-0.5:x"},
            {"anneal", "--theory", "phi4", "--m2", "0:-0.5:3", "--flow", "gauge"},
            {"anneal", "--theory", "phi4", "--m2", "0:-0.5:3", "--base", "sideways"},
            {"anneal", "--theory", "phi4", "--m2", "0:-0.5:3", "--hmc-between", "-1"},
            {"anneal", "--theory", "phi4", "--m2", "0:-0.5:3", "--beta", "2"},
            {"anneal", "--theory", "phi4", "--lam", "0", "--m2", "1:-1:3"},
            {"anneal", "--theory", "u1", "--beta", "0:2:3", "--loss", "fkl"},
            {"anneal", "--theory", "phi4", "--m2", "0:-0.5:3", "--steps-per-stage", "many"},
        };
        for (String[] args : bad) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void outSavesTheWholeChain(@TempDir Path dir) throws Exception {
        // when
        Path out = dir.resolve("chain");
        Run r = run(
                "anneal",
                "--theory",
                "mixture2d",
                "--mu",
                "0:2:3",
                "--flow",
                "coupling2d",
                "--layers",
                "2",
                "--hidden",
                "4",
                "--hidden-layers",
                "1",
                "--steps-per-stage",
                "5",
                "--base",
                "prior",
                "--hmc-between",
                "1",
                "--samples",
                "128",
                "--pool",
                "64",
                "--out",
                out.toString(),
                "--json");
        // then
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = r.lines();
        assertEquals(
                out.toString(),
                lines.get(lines.size() - 1).get("summary").get("saved").asText());
        ChainStore.SavedChain saved = ChainStore.read(out);
        assertEquals(3, saved.parameters().size());
        assertEquals(0, lines.get(2).get("log_z_exact").asDouble());
    }

    @Test
    void aFlowTrainedAtLFourTrainsAndSamplesAtLEight(@TempDir Path dir) throws Exception {
        // given: a small RealNVP run at L = 4
        Run first = run(
                "train",
                "--theory",
                "phi4",
                "--L",
                "4",
                "--layers",
                "2",
                "--hidden",
                "4",
                "--batch",
                "16",
                "--steps",
                "3",
                "--out",
                dir.toString(),
                "--json");
        assertEquals(0, first.code(), first.err());
        // when
        Run more = run(
                "train",
                "--init-from",
                dir.toString(),
                "--L",
                "8",
                "--m2",
                "-0.3",
                "--batch",
                "16",
                "--steps",
                "2",
                "--eval-batch",
                "64",
                "--json");
        Run sample = run("sample", "--run", dir.toString(), "--L", "8", "--n", "64", "--batch", "32", "--json");
        Run wrongFlow = run("train", "--init-from", dir.toString(), "--hidden", "8");
        // then
        assertEquals(0, more.code(), more.err());
        List<JsonNode> lines = more.lines();
        String description =
                lines.get(lines.size() - 1).get("summary").get("description").asText();
        assertTrue(description.contains("L=8") && description.contains("m^2=-0.3"), description);
        assertEquals(0, sample.code(), sample.err());
        JsonNode s = sample.lines().get(0);
        assertTrue(s.get("description").asText().contains("L=8"), s.toString());
        assertTrue(s.get("ess").asDouble() > 0 && s.get("ess").asDouble() <= 1, s.toString());
        assertEquals(2, wrongFlow.code(), wrongFlow.err());
    }
}
