package org.flowlab.app.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsTest {

    @TempDir
    Path dir;

    @Test
    void tailReturnsTheLastLinesOldestFirst() throws IOException {
        // given
        Path log = dir.resolve("flowlab.0.log");
        Files.writeString(
                log,
                IntStream.rangeClosed(1, 500).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n")));
        // when
        List<String> tail = Logs.tail(log, 3);
        // then
        assertEquals(List.of("line 498", "line 499", "line 500"), tail);
        assertEquals(500, Logs.tail(log, 10_000).size());
        assertEquals(List.of(), Logs.tail(dir.resolve("absent.log"), 3));
    }

    @Test
    void tailOfALargeFileSkipsThePartialFirstLine() throws IOException {
        // given: 400 kB, more than the 256 kB read
        Path log = dir.resolve("big.log");
        String line = "x".repeat(99);
        Files.writeString(log, IntStream.range(0, 4000).mapToObj(i -> line).collect(Collectors.joining("\n")));
        // when
        List<String> tail = Logs.tail(log, 100_000);
        // then: whole lines only
        assertTrue(tail.size() < 4000 && tail.size() > 2000, "lines " + tail.size());
        assertTrue(tail.stream().allMatch(line::equals));
    }

    @Test
    void theFileFormatHasTimeLevelLoggerAndStackTrace() {
        // given
        LogRecord r = new LogRecord(Level.SEVERE, "training failed at step {0}");
        r.setParameters(new Object[] {12});
        r.setLoggerName("org.flowlab.app.task.TrainingService");
        r.setThrown(new IllegalStateException("NaN loss"));
        // when
        String text = new Logs.LineFormatter().format(r);
        // then
        assertTrue(
                text.matches(
                        "(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} SEVERE org\\.flowlab\\.app\\.task\\.TrainingService"
                                + " \\[[^]]+\\]: training failed at step 12\\R.*"),
                text);
        assertTrue(
                text.contains("java.lang.IllegalStateException: NaN loss")
                        && text.contains("\tat org.flowlab.app.diag.LogsTest"),
                text);
    }
}
