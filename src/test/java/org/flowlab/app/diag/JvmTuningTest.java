package org.flowlab.app.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JvmTuningTest {

    private static final Map<String, String> PROPS = Map.of("java.class.path", "/opt/flowlab.jar");
    private static final String MAIN = "org.flowlab.app.Launcher";

    private static Optional<List<String>> child(
            List<String> input, boolean g1, Map<String, String> props, Map<String, String> env) {
        return JvmTuning.childCommand(
                input, g1, props, env, "/usr/bin/java", MAIN, new String[] {"bench", "--json"}, false);
    }

    @Test
    void aPlainJavaJarWithG1ContinuesInAChildWithTheOptionsAndEverythingElseKept() {
        // given: java -Xmx2g -Dx=y -jar flowlab.jar bench --json, on Java's default collector
        List<String> input = List.of("-Xmx2g", "-Dx=y");
        // when
        List<String> cmd = child(input, true, PROPS, Map.of()).orElseThrow();
        // then: the same Java, the user's options in order, FlowLab's after them, the same class
        // path, main class and arguments
        List<String> expected = new ArrayList<>(List.of("/usr/bin/java", "-Xmx2g", "-Dx=y"));
        expected.addAll(JvmTuning.OPTIONS);
        expected.addAll(List.of("-Dflowlab.relaunched=true", "-cp", "/opt/flowlab.jar", MAIN, "bench", "--json"));
        assertEquals(expected, cmd);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-XX:+UseG1GC",
                "-XX:+UseParallelGC",
                "-XX:+UseZGC",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                "-agentpath:/opt/profiler.so",
                "-javaagent:/opt/agent.jar",
                "-Xrunjdwp:transport=dt_socket",
                "-XX:StartFlightRecording=filename=rec.jfr"
            })
    void aCollectorDebuggerAgentOrRecordingOfTheUsersKeepsThisProcess(String option) {
        assertTrue(child(List.of("-Xmx1g", option), true, PROPS, Map.of()).isEmpty(), option);
    }

    @Test
    void otherCollectorsTheSwitchTheChildItselfAndToolOptionsKeepThisProcess() {
        assertTrue(child(List.of(), false, PROPS, Map.of()).isEmpty(), "serial already (one core, little memory)");
        assertTrue(
                child(List.of(), true, Map.of("java.class.path", "a.jar", JvmTuning.SWITCH, "false"), Map.of())
                        .isEmpty(),
                "-Dflowlab.relaunch=false");
        assertTrue(
                child(List.of(), true, Map.of("java.class.path", "a.jar", JvmTuning.CHILD, "true"), Map.of())
                        .isEmpty(),
                "the child never starts another");
        assertTrue(
                child(List.of(), true, PROPS, Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g"))
                        .isEmpty(),
                "JAVA_TOOL_OPTIONS would be read twice");
        assertTrue(child(List.of(), true, Map.of(), Map.of()).isEmpty(), "no class path to pass on");
        assertTrue(
                JvmTuning.childCommand(List.of(), true, PROPS, Map.of(), null, MAIN, new String[0], false)
                        .isEmpty(),
                "no java executable beside this Java");
        assertTrue(
                child(List.of(), true, Map.of("java.class.path", "a.jar", JvmTuning.SWITCH, "true"), Map.of())
                        .isPresent(),
                "-Dflowlab.relaunch=true is the default");
    }

    @Test
    void theWindowKeepsThisJava() {
        // G1's short, parallel pauses keep the FX thread drawing; see JvmTuning
        assertTrue(JvmTuning.childCommand(List.of(), true, PROPS, Map.of(), "/usr/bin/java", MAIN, new String[0], true)
                .isEmpty());
    }

    @Test
    void aPlainStartRunsTheSerialCollectorAndPassesOnTheExitCode(@TempDir Path home) throws Exception {
        // given: the launcher as java -cp ... Launcher, no collector chosen (what java -jar does)
        // when: a command that fails on its arguments
        Result bad = launch(home, "train", "--steps", "zero");
        // then: its exit code and its one line come through the first Java
        assertEquals(2, bad.code(), bad.err());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("train: "), bad.err());
        // and the diagnostics report FlowLab's collector
        Result about = launch(home, "about");
        assertEquals(0, about.code(), about.err());
        assertTrue(about.out().contains("Java collector: Serial (FlowLab's setting)"), about.out());
    }

    @Test
    void stoppingTheFirstJavaStopsTheChildToo(@TempDir Path home) throws Exception {
        // given: a long training started as java -jar would start it
        Process p = builder(home, "train", "--theory", "phi4", "--L", "4", "--steps", "10000000")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        ProcessHandle child = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child == null && System.nanoTime() < deadline) {
            child = p.toHandle().children().findFirst().orElse(null);
            Thread.sleep(50);
        }
        assertTrue(child != null, "the first Java started a child");
        // when: the first Java is terminated (kill, a closing terminal)
        p.destroy();
        // then: both end, and no child is left behind
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the first Java ended");
        assertTrue(child.onExit().get(60, TimeUnit.SECONDS) != null && !child.isAlive(), "the child ended too");
    }

    private record Result(int code, String out, String err) {}

    private static ProcessBuilder builder(Path home, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dflowlab.home=" + home,
                "-Dflowlab.threads=1",
                "-cp",
                System.getProperty("java.class.path"),
                "org.flowlab.app.Launcher"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        return pb;
    }

    private static Result launch(Path home, String... args) throws Exception {
        Process p = builder(home, args).start();
        byte[][] streams = new byte[2][];
        Thread out = new Thread(() -> {
            try {
                streams[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                streams[0] = new byte[0];
            }
        });
        out.start();
        streams[1] = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ended");
        out.join(60_000);
        return new Result(
                p.exitValue(),
                new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
    }
}
