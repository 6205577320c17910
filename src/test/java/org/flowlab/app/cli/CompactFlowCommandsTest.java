package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code train} and {@code sample} with the circle and gauge flows, end to end. */
class CompactFlowCommandsTest {

    @TempDir
    Path dir;

    /** Exit code, standard output and standard error of one command line. */
    private record Run(int code, String out, String err) {
        JsonNode lastJson() throws Exception {
            List<String> lines = out.strip().lines().toList();
            return Json.MAPPER.readTree(lines.get(lines.size() - 1));
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
    void circleFlowTrainsOnVonMisesAndSamplesWithExactValues() throws Exception {
        // given
        Path runDir = dir.resolve("vm");
        // when
        Run train = run(
                "train",
                "--theory",
                "vonmises",
                "--beta",
                "2",
                "--flow",
                "circle",
                "--layers",
                "1",
                "--bins",
                "6",
                "--batch",
                "64",
                "--lr",
                "2e-2",
                "--steps",
                "20",
                "--every",
                "10",
                "--eval-batch",
                "512",
                "--precision",
                "float64",
                "--out",
                runDir.toString(),
                "--json");
        Run sample = run("sample", "--run", runDir.toString(), "--n", "2000", "--json");
        // then
        assertEquals(0, train.code(), train.err());
        JsonNode summary = train.lastJson().get("summary");
        assertEquals(20, summary.get("steps").asInt());
        assertTrue(
                summary.get("description").asText().contains("circular splines 1 layers, 6 bins"), summary.toString());
        assertEquals(0, sample.code(), sample.err());
        JsonNode s = sample.lastJson();
        double exact = s.get("exact").get("cos").asDouble();
        JsonNode cos = s.get("reweighted").get("cos");
        assertEquals(exact, cos.get("mean").asDouble(), 5 * cos.get("err").asDouble() + 1e-3, s.toString());
    }

    @Test
    void gaugeFlowTrainsOnU1() throws Exception {
        // when: a tiny gauge-equivariant flow on the 4 x 4 torus
        Run train = run(
                "train",
                "--theory",
                "u1",
                "--L",
                "4",
                "--beta",
                "1",
                "--flow",
                "gauge",
                "--layers",
                "2",
                "--hidden",
                "4",
                "--hidden-layers",
                "1",
                "--bins",
                "4",
                "--batch",
                "16",
                "--steps",
                "3",
                "--every",
                "1",
                "--eval-batch",
                "64",
                "--json");
        // then
        assertEquals(0, train.code(), train.err());
        JsonNode summary = train.lastJson().get("summary");
        assertTrue(Double.isFinite(summary.get("final_loss").asDouble()));
        assertTrue(
                summary.get("description").asText().contains("gauge-equivariant 2 layers, splines 4 bins"),
                summary.toString());
    }

    @Test
    void badCompactFlowOptionsExitWithTwoAndOneLine() {
        for (String[] args : new String[][] {
            {"train", "--theory", "u1", "--L", "6", "--flow", "gauge", "--steps", "1"},
            {"train", "--theory", "phi4", "--flow", "realnvp", "--bins", "4", "--steps", "1"},
            {"train", "--theory", "vonmises", "--flow", "circle", "--bins", "0", "--steps", "1"},
            {"train", "--theory", "vonmises", "--flow", "gauge", "--steps", "1"},
        }) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertTrue(run("train", "--theory", "u1", "--L", "6", "--flow", "gauge")
                .err()
                .contains("multiple of 4"));
        assertTrue(run("train", "--theory", "phi4", "--bins", "4")
                .err()
                .contains("--bins does not apply to flow realnvp"));
    }
}
