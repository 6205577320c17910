package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowlab.app.Launcher;
import org.flowlab.model.compute.Compute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --device gpu} on a machine without a CUDA build of libtorch: one line that names what
 * is missing, exit code 1, the stack trace only in the log.
 */
class GpuErrorPathTest {

    @Test
    void deviceGpuWithTheBundledCpuLibraryNamesTheVariableToSet() {
        // given: a CPU machine (the bundled library reports no GPU)
        assumeTrue(Compute.gpuCount() == 0, "this machine has a GPU");
        CommandLine cl = FlowLabCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        // when
        int code = cl.execute(
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
                "8",
                "--steps",
                "2",
                "--device",
                "gpu");
        // then
        assertEquals(1, code, err.toString());
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(
                lines.get(0).contains("device gpu: this FlowLab runs the bundled CPU build of libtorch"), lines.get(0));
        assertTrue(
                lines.get(0).contains("PYTORCH_LIBRARY_PATH") && lines.get(0).contains("PYTORCH_FLAVOR=cu128"),
                lines.get(0));
    }

    @Test
    void aLibraryPathWithoutLibtorchFailsWithOneLineAndTheLogKeepsTheTrace(@TempDir Path home) throws Exception {
        // given: the launcher in a fresh process whose environment points at a folder without libtorch
        Path missing = home.resolve("libtorch-cu128/lib");
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dflowlab.home=" + home,
                "-cp",
                System.getProperty("java.class.path"),
                Launcher.class.getName(),
                "train",
                "--theory",
                "phi4",
                "--L",
                "4",
                "--steps",
                "2",
                "--device",
                "gpu");
        pb.environment().put("PYTORCH_LIBRARY_PATH", missing.toString());
        pb.environment().put("PYTORCH_FLAVOR", "cu128");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // when
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        // then
        assertEquals(1, p.exitValue(), err);
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), err);
        assertEquals(
                "train: PYTORCH_LIBRARY_PATH=" + missing + " contains no " + System.mapLibraryName("torch")
                        + "; point it at the lib folder of a libtorch 2.7.1 download (see lectures/reference/gpu.md)",
                lines.get(0));
        String log = Files.readString(home.resolve("logs/flowlab.0.log"), StandardCharsets.UTF_8);
        assertTrue(
                log.contains("SEVERE org.flowlab.failures") && log.contains("at org.flowlab.model.compute.Compute"),
                log);
    }
}
