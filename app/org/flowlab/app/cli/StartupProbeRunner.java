package org.flowlab.app.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
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
import org.flowlab.app.Launcher;
import org.flowlab.app.diag.StartupProbe;

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
     * @param out where to print text results, or null
     * @return the results (key {@code startup_probe} of the bench report)
     */
    static Result run(int runs, List<String> command, PrintWriter out) {
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
                out.printf(
                        Locale.ROOT,
                        "launch %d: first frame %.2f s (CPU %.2f s), engine %s after %.2f s%n",
                        i + 1,
                        r.firstFrameSeconds(),
                        r.firstFrameCpuMillis() / 1000.0,
                        r.engine(),
                        r.engineSeconds());
                out.flush();
            }
        }
        double[] frames = results.stream().mapToDouble(Run::firstFrameSeconds).toArray();
        double[] engines = results.stream().mapToDouble(Run::engineSeconds).toArray();
        double[] cpu = results.stream()
                .mapToDouble(r -> r.firstFrameCpuMillis() / 1000.0)
                .toArray();
        List<Launch> launches = new ArrayList<>();
        for (Run r : results) {
            launches.add(
                    new Launch(r.firstFrameSeconds(), r.firstFrameCpuMillis() / 1000.0, r.engineSeconds(), r.engine()));
        }
        if (out != null) {
            out.printf(
                    Locale.ROOT,
                    "median: first frame %.2f s (CPU %.2f s), engine ready %.2f s after launch%n",
                    median(frames),
                    median(cpu),
                    median(engines));
            out.flush();
        }
        return new Result(
                String.join(" ", command),
                runs,
                median(frames),
                Arrays.stream(frames).min().orElse(Double.NaN),
                Arrays.stream(frames).max().orElse(Double.NaN),
                median(cpu),
                median(engines),
                launches);
    }

    /**
     * The start-up probe's results in JSON.
     *
     * @param command what was launched
     * @param runs how many launches
     * @param firstFrameMedian median seconds to the first painted frame
     * @param firstFrameMin fastest
     * @param firstFrameMax slowest
     * @param firstFrameCpuMedian median CPU seconds to the first frame
     * @param engineReadyMedian median seconds until the engine was ready
     * @param launches each launch
     */
    record Result(
            String command,
            int runs,
            @JsonProperty("first_frame_median_s") double firstFrameMedian,
            @JsonProperty("first_frame_min_s") double firstFrameMin,
            @JsonProperty("first_frame_max_s") double firstFrameMax,
            @JsonProperty("first_frame_cpu_median_s") double firstFrameCpuMedian,
            @JsonProperty("engine_ready_median_s") double engineReadyMedian,
            List<Launch> launches) {}

    /**
     * One launch in JSON.
     *
     * @param firstFrame seconds to the first painted frame
     * @param firstFrameCpu CPU seconds to it
     * @param engineSeconds seconds until the engine was ready (or failed)
     * @param engine the engine's state
     */
    record Launch(
            @JsonProperty("first_frame_s") double firstFrame,
            @JsonProperty("first_frame_cpu_s") double firstFrameCpu,
            @JsonProperty("engine_s") double engineSeconds,
            String engine) {}

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
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
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
