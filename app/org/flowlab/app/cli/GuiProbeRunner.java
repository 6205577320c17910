package org.flowlab.app.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.flowlab.app.FlowLabApp;
import org.flowlab.app.view.form.SpecLinks;
import org.flowlab.app.view.lab.LabView;
import org.flowlab.model.bench.Benchmarks;
import org.flowlab.model.bench.Measurement;
import org.flowlab.model.bench.Phi4RealNvpTraining;
import org.flowlab.model.bench.TrainingWorkload;

/**
 * {@code bench --gui-probe}: opens the real FlowLab window, starts training the tutorial
 * workload (or the training workload {@code --only} names) in the lab, and measures how
 * regularly the FX thread runs its pulses: an {@link AnimationTimer} records the time of every
 * frame, and the gaps between consecutive frames show how long the FX thread was kept from
 * running (60 Hz gives 16.7 ms; a blocked FX thread shows as one long gap). The same is recorded
 * first with the window idle, for comparison.
 */
final class GuiProbeRunner {

    private static final double IDLE_SECONDS = 3;
    private static final double SETTLE_SECONDS = 2;
    private static final double TIMELINE_SECONDS = 5;

    /**
     * The workload probed unless {@code --only} names another: the bench's tutorial φ⁴ workload.
     * The window trains exactly what {@code bench} times.
     */
    static final TrainingWorkload TUTORIAL = Phi4RealNvpTraining.workload(Benchmarks.STANDARD_LATTICE);

    /**
     * The workload's run as the lab form's values; precision and device stay the lab's own
     * (float32 and automatic), as a student's run would have them.
     */
    private static Map<String, String> form(TrainingWorkload workload) {
        Map<String, String> form = SpecLinks.parameters(workload.spec(10_000_000));
        form.remove("precision");
        form.remove("device");
        return form;
    }

    /** Frame times of the FX thread, written only on the FX thread while recording. */
    private static final class FrameRecorder extends AnimationTimer {
        private long[] times = new long[4096];
        private int count;
        private volatile boolean recording;

        @Override
        public void handle(long now) {
            if (!recording) {
                return;
            }
            if (count == times.length) {
                times = Arrays.copyOf(times, 2 * count);
            }
            times[count++] = System.nanoTime();
        }

        /** Starts a new recording (call on the FX thread). */
        void begin() {
            count = 0;
            recording = true;
        }

        /** Ends the recording and returns the gaps in ms (call on the FX thread). */
        double[] end() {
            recording = false;
            double[] gaps = new double[Math.max(0, count - 1)];
            for (int i = 1; i < count; i++) {
                gaps[i - 1] = (times[i] - times[i - 1]) / 1e6;
            }
            return gaps;
        }
    }

    private GuiProbeRunner() {}

    /**
     * Runs the probe.
     *
     * @param seconds how long to observe training
     * @param workload what the window trains (and, for comparison, the same process without it)
     * @param out where to print text progress and results, or null
     * @return the measured gaps
     */
    static Result run(double seconds, TrainingWorkload workload, PrintWriter out) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--probe-seconds must be positive, got " + seconds);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")
                && System.getenv("DISPLAY") == null
                && System.getenv("WAYLAND_DISPLAY") == null
                && System.getProperty("glass.platform") == null) {
            throw new IllegalStateException(
                    "--gui-probe opens the window and needs a display; on a headless machine run it under"
                            + " Xvfb, e.g. Xvfb :99 & DISPLAY=:99 java -jar target/flowlab.jar bench --gui-probe");
        }
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        FlowLabApp app = new FlowLabApp();
        FrameRecorder recorder = new FrameRecorder();
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            try {
                app.start(new Stage());
                recorder.start();
            } catch (RuntimeException | Error e) {
                failure.set(e);
            } finally {
                started.countDown();
            }
        });
        try {
            await(started, 60, "the window did not open");
            if (failure.get() != null) {
                throw new IllegalStateException("the window did not open: " + failure.get(), failure.get());
            }
            sleep(SETTLE_SECONDS);
            onFx(recorder::begin);
            sleep(IDLE_SECONDS);
            double[] idle = callFx(recorder::end);
            print(out, "idle window", idle);

            LabView lab = app.lab();
            Boolean begun = callFx(() -> lab.applyAndTrain(form(workload)));
            if (!Boolean.TRUE.equals(begun)) {
                throw new IllegalStateException("the lab did not start training");
            }
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (callFx(() -> lab.service().stepsDoneProperty().get()) < 5) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("training did not start within 2 minutes");
                }
                sleep(0.1);
            }
            int stepsBefore = callFx(() -> lab.service().stepsDoneProperty().get());
            onFx(recorder::begin);
            long t0 = System.nanoTime();
            List<Integer> timeline = new ArrayList<>();
            for (double at = TIMELINE_SECONDS; at < seconds; at += TIMELINE_SECONDS) {
                sleepUntil(t0, at);
                timeline.add(callFx(() -> lab.service().stepsDoneProperty().get()));
            }
            sleepUntil(t0, seconds);
            double[] training = callFx(recorder::end);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            int stepsAfter = callFx(() -> lab.service().stepsDoneProperty().get());
            String device = callFx(() -> lab.service().deviceProperty().get());
            print(out, "training", training);
            double stepsPerSecond = (stepsAfter - stepsBefore) / elapsed;
            double[] rates = timeline(stepsBefore, timeline, stepsAfter, elapsed);
            if (out != null) {
                out.printf(
                        Locale.ROOT,
                        "training ran %.1f steps/s in the window (%s; Java collector %s; compiler: %s)%n",
                        stepsPerSecond,
                        device,
                        org.flowlab.app.diag.JvmTuning.describe(),
                        org.flowlab.app.diag.WindowCompiler.describe());
                StringBuilder line = new StringBuilder(
                        String.format(Locale.ROOT, "steps/s in each %.0f s of the window:", TIMELINE_SECONDS));
                for (double r : rates) {
                    line.append(String.format(Locale.ROOT, " %.1f", r));
                }
                out.println(line);
                out.flush();
            }
            onFx(() -> lab.service().stop());
            waitUntilIdle(lab);
            // the same model trained without the window, in this process, for comparison
            int benchSteps = Math.max(20, (int) Math.round(stepsPerSecond * seconds));
            Measurement bench = workload.run(10, benchSteps);
            double ratio = stepsPerSecond / bench.perSecond();
            double allSteps = bench.metrics().getOrDefault("all_steps_per_s", Double.NaN);
            if (out != null) {
                out.printf(
                        Locale.ROOT,
                        "the same model without the window: %.1f steps/s (median of %d steps; %.1f counting every"
                                + " step, as the window does; ending in %.0f shard(s) after %.0f change(s) of"
                                + " layout); the window reaches %.0f%% of the median, %.0f%% of the all-steps rate%n",
                        bench.perSecond(),
                        benchSteps,
                        allSteps,
                        bench.metrics().getOrDefault("shards_in_use", Double.NaN),
                        bench.metrics().getOrDefault("shard_layout_changes", Double.NaN),
                        100 * ratio,
                        100 * stepsPerSecond / allSteps);
                out.flush();
            }
            return new Result(
                    "lab window training " + workload.description(),
                    device,
                    org.flowlab.app.diag.WindowCompiler.describe(),
                    elapsed,
                    Gaps.of(idle),
                    Gaps.of(training),
                    stepsPerSecond,
                    bench.perSecond(),
                    ratio,
                    allSteps,
                    stepsPerSecond / allSteps,
                    rates);
        } finally {
            CountDownLatch closed = new CountDownLatch(1);
            Platform.runLater(() -> {
                try {
                    recorder.stop();
                    app.stop();
                } finally {
                    closed.countDown();
                }
            });
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits (at most 30 s) until the lab's training thread has let go of the trainer. */
    private static void waitUntilIdle(LabView lab) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (callFx(() -> lab.service().runningProperty().get()) && System.nanoTime() < deadline) {
            sleep(0.1);
        }
    }

    /**
     * What the probe measured, as JSON.
     *
     * @param workload what the window trained
     * @param device the device in words
     * @param compiler which code the JVM's optimising compiler may compile ({@link
     *     org.flowlab.app.diag.WindowCompiler})
     * @param seconds how long training was observed
     * @param idle pulse gaps of the idle window
     * @param training pulse gaps while training
     * @param trainingStepsPerSecond training throughput in the window
     * @param benchStepsPerSecond the same model's throughput without the window (median step)
     * @param windowOverBench the window's throughput as a fraction of the bench's
     * @param benchAllStepsPerSecond the same model without the window counting every step (with
     *     the acceptance measurements and checkpoints that the median leaves out)
     * @param windowOverBenchAllSteps the window's throughput as a fraction of that
     * @param timeline the window's steps per second in each 5 s of the observation
     */
    record Result(
            String workload,
            String device,
            String compiler,
            double seconds,
            Gaps idle,
            Gaps training,
            @JsonProperty("training_steps_per_s") double trainingStepsPerSecond,
            @JsonProperty("bench_steps_per_s") double benchStepsPerSecond,
            @JsonProperty("window_over_bench") double windowOverBench,
            @JsonProperty("bench_all_steps_per_s") double benchAllStepsPerSecond,
            @JsonProperty("window_over_bench_all_steps") double windowOverBenchAllSteps,
            @JsonProperty("timeline_steps_per_s") double[] timeline) {}

    /**
     * Gaps between FX pulses.
     *
     * @param frames pulses observed
     * @param maxGapMs the largest gap
     * @param p99GapMs the 99th percentile
     * @param medianGapMs the median
     * @param gapsOver50ms how many gaps exceeded 50 ms
     */
    record Gaps(
            int frames,
            @JsonProperty("max_gap_ms") double maxGapMs,
            @JsonProperty("p99_gap_ms") double p99GapMs,
            @JsonProperty("median_gap_ms") double medianGapMs,
            @JsonProperty("gaps_over_50ms") long gapsOver50ms) {

        static Gaps of(double[] gaps) {
            return new Gaps(
                    gaps.length + 1,
                    quantile(gaps, 1.0),
                    quantile(gaps, 0.99),
                    quantile(gaps, 0.5),
                    Arrays.stream(gaps).filter(g -> g > 50).count());
        }
    }

    /**
     * The window's rate in each interval of {@value #TIMELINE_SECONDS} s (the last one may be
     * shorter), which shows how much of the average is the process warming up.
     *
     * @param stepsBefore steps done when the observation began
     * @param marks steps done at the end of each full interval
     * @param stepsAfter steps done when it ended
     * @param seconds how long it lasted
     * @return steps per second in each interval
     */
    static double[] timeline(int stepsBefore, List<Integer> marks, int stepsAfter, double seconds) {
        List<Double> rates = new ArrayList<>();
        int previous = stepsBefore;
        for (int m : marks) {
            rates.add((m - previous) / TIMELINE_SECONDS);
            previous = m;
        }
        double rest = seconds - marks.size() * TIMELINE_SECONDS;
        if (rest > 0.5) {
            rates.add((stepsAfter - previous) / rest);
        }
        return rates.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void print(PrintWriter out, String what, double[] gaps) {
        if (out == null) {
            return;
        }
        out.printf(
                Locale.ROOT,
                "%-12s %5d frames: gap between FX pulses max %.1f ms, p99 %.1f ms, median %.1f ms, %d over 50 ms%n",
                what,
                gaps.length + 1,
                quantile(gaps, 1.0),
                quantile(gaps, 0.99),
                quantile(gaps, 0.5),
                Arrays.stream(gaps).filter(g -> g > 50).count());
        out.flush();
    }

    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int i = (int) Math.ceil(q * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    private static void onFx(Runnable r) {
        callFx(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T callFx(java.util.concurrent.Callable<T> c) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> error = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                result.set(c.call());
            } catch (Exception e) {
                error.set(e);
            } finally {
                done.countDown();
            }
        });
        await(done, 30, "the FX thread did not answer within 30 s");
        if (error.get() != null) {
            throw new IllegalStateException(error.get().getMessage(), error.get());
        }
        return result.get();
    }

    private static void await(CountDownLatch latch, int seconds, String message) {
        try {
            if (!latch.await(seconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleepUntil(long t0, double seconds) {
        double left = seconds - (System.nanoTime() - t0) / 1e9;
        if (left > 0) {
            sleep(left);
        }
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
