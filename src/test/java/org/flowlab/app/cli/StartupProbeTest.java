package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code bench --startup-probe}: the window, started as a child process (headless Monocle, from
 * this test's JVM options), reports its first frame and then the engine loaded behind it.
 */
class StartupProbeTest {

    @Test
    void oneLaunchReportsTheFirstFrameBeforeTheEngine() throws Exception {
        // given
        CommandLine cl = FlowLabCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        // when
        int code = cl.execute("bench", "--startup-probe", "--runs", "1", "--json");
        // then
        assertEquals(0, code, err.toString());
        JsonNode probe = Json.MAPPER.readTree(out.toString()).get("startup_probe");
        assertEquals(1, probe.get("runs").asInt());
        JsonNode launch = probe.get("launches").get(0);
        double frame = launch.get("first_frame_s").asDouble();
        double engine = launch.get("engine_s").asDouble();
        assertEquals("ready", launch.get("engine").asText(), probe.toString());
        assertTrue(frame > 0 && engine > frame, probe.toString());
        assertEquals(frame, probe.get("first_frame_median_s").asDouble(), 1e-12);
        assertTrue(launch.get("first_frame_cpu_s").asDouble() > 0, probe.toString());
    }

    @Test
    void runsMustBePositive() {
        CommandLine cl = FlowLabCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("bench", "--startup-probe", "--runs", "0"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("--runs must be at least 1"), err.toString());
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2.0, StartupProbeRunner.median(new double[] {3, 1, 2}), 0);
        assertEquals(2.5, StartupProbeRunner.median(new double[] {4, 1, 3, 2}), 0);
        assertTrue(Double.isNaN(StartupProbeRunner.median(new double[] {Double.NaN})));
    }
}
