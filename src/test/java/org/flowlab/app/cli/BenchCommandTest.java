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
        }
    }

    @Test
    void unknownWorkloadIsAUsageError() {
        CommandLine cl = FlowLabCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("bench", "--only", "nope"));
        assertTrue(err.toString().contains("no workload"), err.toString());
    }
}
