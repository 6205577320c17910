package org.flowlab.app.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flowlab.model.compute.Compute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsTest {

    @TempDir
    Path home;

    private String previousHome;

    @BeforeEach
    void useATemporaryHome() {
        previousHome = System.getProperty("flowlab.home");
        System.setProperty("flowlab.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty("flowlab.home");
        } else {
            System.setProperty("flowlab.home", previousHome);
        }
    }

    @Test
    void theReportNamesVersionsDeviceThreadsAndEndsWithTheLog() throws IOException {
        // given: a started engine and a log file
        Compute.engine();
        Files.createDirectories(home.resolve("logs"));
        Files.writeString(home.resolve("logs/flowlab.0.log"), "first\nSEVERE something broke\n");
        // when
        Map<String, String> items = Diagnostics.collect(null).stream()
                .collect(Collectors.toMap(Diagnostics.Item::name, Diagnostics.Item::value));
        String report = Diagnostics.report(null, 10);
        // then
        assertEquals(Compute.djlVersion(), items.get("DJL"));
        assertTrue(items.get("DJL").matches("\\d+\\.\\d+\\.\\d+"), items.get("DJL"));
        assertTrue(items.get("libtorch").startsWith("2.7.1 from "), items.get("libtorch"));
        assertTrue(
                items.get("Device").startsWith("CPU (") || items.get("Device").startsWith("GPU"), items.get("Device"));
        assertTrue(items.get("Threads").startsWith(Compute.threadCount() + " for tensor work"), items.get("Threads"));
        assertTrue(items.get("Java").startsWith(System.getProperty("java.runtime.version")), items.get("Java"));
        for (String key : List.of("FlowLab", "JavaFX", "System", "FlowLab home", "Log file", "Engine variables")) {
            assertTrue(items.containsKey(key), key);
        }
        assertEquals(home.resolve("logs/flowlab.0.log").toAbsolutePath().toString(), items.get("Log file"));
        assertTrue(report.startsWith("FlowLab diagnostics"), report);
        assertTrue(
                report.stripTrailing().endsWith("first" + System.lineSeparator() + "SEVERE something broke"), report);
    }
}
