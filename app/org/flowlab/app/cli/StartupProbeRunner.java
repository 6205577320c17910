package org.flowlab.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flowlab.app.Launcher;
import org.flowlab.app.diag.StartupProbe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench --startup-probe}: starts the window several times as a child process and times,
 * from the launch, the first painted frame and the moment the PyTorch engine (loaded in the
 * background) is ready. The child is this Java with this class path and JVM options, or any
 * launcher given with {@code --launcher} (the zip's {@code bin/flowlab}, the app image's
 * {@code bin/FlowLab}); it reports through {@link StartupProbe}.
 */
final class StartupProbeRunner {

    private static final long TIMEOUT_SECONDS = 180;

    /** One launch: seconds to the first frame and to the engine, and CPU time at the first frame. */
    record Run(double firstFrameSeconds, double engineSeconds, long firstFrameCpuMillis, String engine) {}

    private StartupProbeRunner() {}

    /**
     * The command that starts this FlowLab's window: this Java, its JVM options and class path.
     *
     * @return the command
     */
    static List<String> thisWindow() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Launcher.class.getName());
        return cmd;
    }

    /**
     * Runs the probe.
     *
     * @param runs how many launches
     * @param command the command that opens the window
     * @param report where the results go (key {@code startup_probe})
     * @param out where to print text results, or null
     */
    static void run(int runs, List<String> command, ObjectNode report, PrintWriter out) {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        if (out != null) {
            out.printf(Locale.ROOT, "start-up probe: %d launches of %s%n", runs, String.join(" ", command));
            out.flush();
        }
        List<Run> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Run r = launch(command);
            results.add(r);
            if (out != null) {
                out.printf(Locale.ROOT, "launch %d: first frame %.2f s (CPU %.2f s), engine %s after %.2f s%n", i + 1,
                        r.firstFrameSeconds(), r.firstFrameCpuMillis() / 1000.0, r.engine(), r.engineSeconds());
                out.flush();
            }
        }
        double[] frames = results.stream().mapToDouble(Run::firstFrameSeconds).toArray();
        double[] engines = results.stream().mapToDouble(Run::engineSeconds).toArray();
        double[] cpu = results.stream().mapToDouble(r -> r.firstFrameCpuMillis() / 1000.0).toArray();
        ObjectNode node = report.putObject("startup_probe");
        node.put("command", String.join(" ", command));
        node.put("runs", runs);
        Json.put(node, "first_frame_median_s", median(frames));
        Json.put(node, "first_frame_min_s", Arrays.stream(frames).min().orElse(Double.NaN));
        Json.put(node, "first_frame_max_s", Arrays.stream(frames).max().orElse(Double.NaN));
        Json.put(node, "first_frame_cpu_median_s", median(cpu));
        Json.put(node, "engine_ready_median_s", median(engines));
        ArrayNode rows = node.putArray("launches");
        for (Run r : results) {
            ObjectNode row = rows.addObject();
            Json.put(row, "first_frame_s", r.firstFrameSeconds());
            Json.put(row, "first_frame_cpu_s", r.firstFrameCpuMillis() / 1000.0);
            Json.put(row, "engine_s", r.engineSeconds());
            row.put("engine", r.engine());
        }
        if (out != null) {
            out.printf(Locale.ROOT, "median: first frame %.2f s (CPU %.2f s), engine ready %.2f s after launch%n",
                    median(frames), median(cpu), median(engines));
            out.flush();
        }
    }

    private static Run launch(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put(StartupProbe.ENV, "1");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot start " + command.get(0) + ": " + e.getMessage());
        }
        double frame = Double.NaN;
        double engine = Double.NaN;
        long cpu = -1;
        String engineState = "not reported";
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith(StartupProbe.PREFIX)) {
                    continue;
                }
                double now = (System.nanoTime() - t0) / 1e9;
                String[] words = line.substring(StartupProbe.PREFIX.length()).split(" ");
                if ("first-frame".equals(words[0])) {
                    frame = now;
                    cpu = Long.parseLong(value(words, "cpu_ms", "-1"));
                } else if ("engine".equals(words[0])) {
                    engine = now;
                    engineState = words.length > 1 ? words[1] : "?";
                }
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new IllegalStateException("reading the window's output failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (Double.isNaN(frame)) {
            throw new IllegalStateException("the window reported no first frame (exit code " + p.exitValue()
                    + "); it needs a display (DISPLAY, or Monocle) and a FlowLab with the start-up probe");
        }
        return new Run(frame, engine, cpu, engineState);
    }

    private static String value(String[] words, String key, String fallback) {
        for (String w : words) {
            if (w.startsWith(key + "=")) {
                return w.substring(key.length() + 1);
            }
        }
        return fallback;
    }

    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
