package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    private static JsonNode run(String... args) throws Exception {
        CommandLine cl = FlowLabCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute(args), out.toString());
        return Json.MAPPER.readTree(out.toString());
    }

    /** Runs a command that must be refused: exit 2, nothing on stdout; returns stderr. */
    private static String usageError(String... args) {
        CommandLine cl = FlowLabCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute(args), err.toString());
        assertEquals("", out.toString());
        return err.toString();
    }

    @Test
    void jsonReportsAWorkloadAndResidentMemory() throws Exception {
        // when: the HMC workload with a tiny number of blocks
        JsonNode report = run("bench", "--json", "--only", "phi4_hmc", "--steps", "2", "--warmup", "1");
        // then
        JsonNode hmc = report.get("workloads").get(0);
        assertEquals("phi4_hmc", hmc.get("id").asText());
        assertTrue(hmc.get("available").asBoolean());
        assertTrue(hmc.get("median_ms").asDouble() > 0);
        assertEquals(2, hmc.get("samples").asInt());
        assertTrue(report.get("threads").asInt() >= 1);
        JsonNode memory = report.get("resident_memory");
        assertTrue(memory.get("peak_mb").isNumber()
                || "unavailable".equals(memory.get("peak_mb").asText()));
    }

    @Test
    void gaugeAndContinuousFlowStepsAreTimedWithTheirTrainingMetrics() throws Exception {
        for (String id : new String[] {"u1_gauge_flow", "continuous_flow"}) {
            // when: one warm-up and two timed steps
            JsonNode w = run("bench", "--json", "--only", id, "--steps", "2", "--warmup", "1")
                    .get("workloads")
                    .get(0);
            // then
            assertEquals(id, w.get("id").asText());
            assertTrue(w.get("available").asBoolean(), w.toString());
            assertEquals(2, w.get("samples").asInt());
            assertTrue(w.get("median_ms").asDouble() > 0, w.toString());
            JsonNode metrics = w.get("metrics");
            assertTrue(Double.isFinite(metrics.get("final_loss").asDouble()), w.toString());
            double ess = metrics.get("ess_1024").asDouble();
            assertTrue(ess > 0 && ess <= 1, w.toString());
            // the rate over every timed step: with two steps their mean is their median
            assertEquals(
                    1000 / w.get("median_ms").asDouble(),
                    metrics.get("all_steps_per_s").asDouble(),
                    1e-9 * metrics.get("all_steps_per_s").asDouble(),
                    w.toString());
        }
    }

    @Test
    void unknownWorkloadIsAUsageError() {
        String err = usageError("bench", "--only", "nope");
        assertTrue(err.contains("no workload"), err);
    }

    @Test
    void latticeOptionTrainsEveryWorkloadOnTheGivenLattice() throws Exception {
        // given: the standard workloads and the same at --L 4 (smaller, so that the test is quick)
        String[][] cases = {{"phi4_realnvp_rkl", "64", "16"}, {"u1_gauge_flow", "128", "32"}};
        for (String[] c : cases) {
            JsonNode standard = run("bench", "--json", "--only", c[0], "--steps", "1", "--warmup", "0")
                    .get("workloads")
                    .get(0);
            JsonNode other = run("bench", "--json", "--only", c[0], "--steps", "1", "--warmup", "0", "--L", "4")
                    .get("workloads")
                    .get(0);
            // then: the trained field has L^2 (phi^4) or 2 L^2 (U(1)) degrees of freedom, the
            // description says so, and the networks (parameter counts) are the same
            assertEquals(
                    Double.parseDouble(c[1]),
                    standard.get("metrics").get("degrees_of_freedom").asDouble());
            assertEquals(
                    Double.parseDouble(c[2]),
                    other.get("metrics").get("degrees_of_freedom").asDouble());
            assertTrue(other.get("description").asText().contains("L=4 "), other.toString());
            assertEquals(
                    standard.get("metrics").get("parameters").asDouble(),
                    other.get("metrics").get("parameters").asDouble());
        }
        // and: HMC runs on the given lattice too
        JsonNode hmc = run("bench", "--json", "--only", "phi4_hmc", "--steps", "1", "--warmup", "0", "--L", "16")
                .get("workloads")
                .get(0);
        assertTrue(hmc.get("description").asText().contains("L=16"), hmc.toString());
    }

    @Test
    void latticeThatAWorkloadCannotUseIsRefusedBeforeAnythingRuns() {
        // when: L = 6 (the gauge flow's stripes need a multiple of 4) and L = 3 (below the range)
        for (String[] c : new String[][] {{"6", "u1_gauge_flow"}, {"3", "between 4 and 64"}}) {
            // then: a usage error naming the problem, and no workload timed
            String err = usageError("bench", "--L", c[0], "--steps", "1", "--warmup", "0");
            assertTrue(err.contains("--L") && err.contains(c[1]), err);
        }
        // and: the window probes train the standard model, so --L with them is refused too
        String probeErr = usageError("bench", "--gui-probe", "--L", "16");
        assertTrue(probeErr.contains("--L"), probeErr);
        // but: L = 6 is fine for a workload that can use it
        CommandLine cl = FlowLabCli.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("bench", "--L", "6", "--only", "phi4_hmc", "--steps", "1", "--warmup", "0"));
    }

    @Test
    void memoryCheckOfAWorkloadThatDoesNotTrainIsAUsageError() {
        String err = usageError("bench", "--memory", "--only", "phi4_hmc");
        assertTrue(err.contains("not a training workload"), err);
        assertTrue(err.contains("u1_gauge_flow"), err);
    }

    @Test
    void windowProbeOfAWorkloadThatDoesNotTrainIsAUsageErrorBeforeTheWindowOpens() {
        // given: no display is needed, because the refusal comes before the window would open
        String err = usageError("bench", "--gui-probe", "--only", "phi4_hmc", "--probe-seconds", "1");
        // then: it names the option and the workloads the probe can train
        assertTrue(err.contains("--only") && err.contains("not a training workload"), err);
        assertTrue(err.contains("u1_gauge_flow") && err.contains("phi4_realnvp_rkl"), err);
    }
}
