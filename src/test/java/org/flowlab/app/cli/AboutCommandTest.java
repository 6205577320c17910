package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.flowlab.model.compute.Compute;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AboutCommandTest {

    private record Run(int code, String out, String err) {}

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
    void aboutPrintsTheVersionsAndTheCheckedDevice() throws Exception {
        // when
        Run text = run("about", "--device", "cpu");
        Run json = run("about", "--json");
        // then
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("FlowLab diagnostics"), text.out());
        assertTrue(text.out().contains("libtorch: 2.7.1 from "), text.out());
        assertTrue(
                text.out()
                        .stripTrailing()
                        .endsWith("Checked device (--device cpu): " + Compute.describe(ai.djl.Device.cpu())),
                text.out());
        JsonNode node = Json.MAPPER.readTree(json.out());
        assertEquals(Compute.djlVersion(), node.get("DJL").asText());
        assertTrue(node.get("Threads").asText().startsWith(Compute.threadCount() + " "), node.toString());
    }

    @Test
    void aboutDeviceGpuOnACpuMachineFailsWithOneLine() {
        assumeTrue(Compute.gpuCount() == 0, "this machine has a GPU");
        Run r = run("about", "--device", "gpu");
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("about: device gpu: this FlowLab runs the bundled CPU build"), r.err());
    }
}
