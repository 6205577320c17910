package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code flow-snapshots} and {@code train --flow cnf}, end to end. */
class ContinuousFlowCommandsTest {

    /** Exit code, standard output and standard error of one command line. */
    private record Run(int code, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    nodes.add(Json.MAPPER.readTree(line));
                }
            }
            return nodes;
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
    void toySnapshotsShowOneGaussianBecomingTwoPeaks() throws Exception {
        // when
        Run r = run(
                "flow-snapshots",
                "--velocity",
                "toy-split",
                "--times",
                "0,0.33,0.66,1",
                "--n",
                "4000",
                "--bins",
                "40",
                "--json");
        // then: one line per time; one density peak at the start, two symmetric ones at the end
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = r.lines();
        assertEquals(4, lines.size());
        assertEquals(0.66, lines.get(2).get("t").asDouble(), 1e-12);
        JsonNode start = lines.get(0);
        JsonNode end = lines.get(3);
        assertEquals(1, start.get("peaks").size(), start.toString());
        assertEquals(2, end.get("peaks").size(), end.toString());
        double left = end.get("peaks").get(0).asDouble();
        double right = end.get("peaks").get(1).asDouble();
        assertEquals(-left, right, 1e-9);
        assertTrue(right > 0.5, "peaks at +-" + right);
        // x1 contracts as e^{-t}: its spread at t = 1 is about e^{-1}
        assertEquals(Math.exp(-1), end.get("std").get(1).asDouble(), 0.03);
        assertEquals(4000, sum(end.get("histogram").get("counts")), 40);
    }

    private static long sum(JsonNode counts) {
        long s = 0;
        for (JsonNode c : counts) {
            s += c.asLong();
        }
        return s;
    }

    @Test
    void textSnapshotsPrintOneLinePerTimeAndAHistogram() {
        Run r = run("flow-snapshots", "--times", "0,1", "--n", "2000");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("t = 0.000"), r.out());
        assertTrue(r.out().contains("t = 1.000"), r.out());
        assertTrue(r.out().contains("peaks of q along x0 at x1 = 0"), r.out());
    }

    @Test
    void badRequestsExitWithTwoAndOneLine() {
        Run untrained = run("flow-snapshots", "--velocity", "mlp");
        assertEquals(2, untrained.code());
        assertTrue(untrained.err().contains("must be trained first"), untrained.err());
        Run times = run("flow-snapshots", "--times", "0.5,0.2");
        assertEquals(2, times.code());
        assertTrue(times.err().contains("--times must increase"), times.err());
        Run mismatch =
                run("train", "--theory", "phi4", "--L", "4", "--flow", "cnf", "--velocity", "circle", "--steps", "1");
        assertEquals(2, mismatch.code());
        assertEquals(
                "train: velocity circle does not fit phi4; choose equivariant",
                mismatch.err().trim());
        Run toy = run("train", "--theory", "mixture2d", "--flow", "cnf", "--velocity", "toy-split", "--steps", "1");
        assertEquals(2, toy.code());
        assertTrue(toy.err().trim().startsWith("train: velocity toy-split has no parameters to train"), toy.err());
        Run memory =
                run("train", "--theory", "phi4", "--L", "4", "--flow", "realnvp", "--solver-memory", "--steps", "1");
        assertEquals(2, memory.code());
        assertTrue(memory.err().contains("--solver-memory applies to continuous flows"), memory.err());
    }

    @Test
    void trainsAContinuousFlowWithAdjointGradientsAndReportsItsCost() throws Exception {
        // when
        Run r = run(
                "train",
                "--theory",
                "mixture2d",
                "--flow",
                "cnf",
                "--velocity",
                "mlp",
                "--hidden",
                "8",
                "--integrator",
                "rk4",
                "--ode-steps",
                "2",
                "--grad",
                "adjoint",
                "--steps",
                "2",
                "--batch",
                "8",
                "--every",
                "1",
                "--eval-batch",
                "16",
                "--solver-memory",
                "--json",
                "--device",
                "cpu");
        // then
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = r.lines();
        JsonNode summary = lines.get(lines.size() - 1).get("summary");
        assertEquals(2, summary.get("steps").asInt());
        assertTrue(summary.get("description").asText().contains("CNF mlp velocity"), summary.toString());
        JsonNode probe = summary.get("gradient_probe");
        assertTrue(probe.get("peak_arrays").asInt() > 0, probe.toString());
        assertTrue(probe.get("ms").asDouble() > 0, probe.toString());
        assertEquals(1, lines.get(0).get("step").asInt());
    }
}
