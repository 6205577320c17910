package org.flowlab.app.diag;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;

/**
 * The window's side of {@code flowlab bench --startup-probe}: when the environment variable
 * {@value #ENV} is set, the window prints one line on standard output once its first frame has
 * been drawn, another once the PyTorch engine has loaded in the background, and then exits. The
 * bench command starts the window as a child process and times those lines from the launch.
 *
 * <p>"First frame drawn" is the second animation pulse after the window is shown: a pulse runs
 * the animation timers first and then renders the scene, so the second pulse's timers run once
 * the first rendering has been handed to the screen.
 */
public final class StartupProbe {

    /** The environment variable that turns the probe on in the window. */
    public static final String ENV = "FLOWLAB_STARTUP_PROBE";

    /** The start of every line the probe prints. */
    public static final String PREFIX = "flowlab-startup ";

    private StartupProbe() {}

    /**
     * Runs an action on the FX thread once the first frame after this call has been drawn.
     *
     * @param action the action
     */
    public static void afterFirstFrame(Runnable action) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }

    /**
     * Whether this process was started by the probe.
     *
     * @return true when {@value #ENV} is set
     */
    public static boolean requested() {
        String v = System.getenv(ENV);
        return v != null && !v.isBlank() && !"0".equals(v);
    }

    /**
     * When {@link #requested()}, reports the first frame and the engine's readiness on standard
     * output and exits once the engine is ready or failed; otherwise does nothing. Call on the FX
     * thread right after the window is shown.
     *
     * @param engine the window's engine loader
     */
    public static void attach(EngineLoader engine) {
        if (!requested()) {
            return;
        }
        PrintStream out = System.out;
        afterFirstFrame(() -> {
            out.println(PREFIX + "first-frame cpu_ms=" + cpuMillis());
            out.flush();
        });
        engine.stateProperty().addListener((obs, was, now) -> {
            if (now == EngineLoader.State.READY || now == EngineLoader.State.FAILED) {
                out.println(PREFIX + "engine " + now.name().toLowerCase(Locale.ROOT) + " load_s="
                        + String.format(Locale.ROOT, "%.3f", engine.seconds()) + " cpu_ms=" + cpuMillis());
                out.flush();
                Process archive = engine.archiveJob();
                Thread exit = new Thread(
                        () -> {
                            // a class-data archive being built for the next launch finishes first
                            if (archive != null) {
                                try {
                                    archive.waitFor(5, TimeUnit.MINUTES);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            System.exit(now == EngineLoader.State.READY ? 0 : 1);
                        },
                        "probe-exit");
                exit.start();
            }
        });
    }

    private static long cpuMillis() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toMillis)
                .orElse(-1L);
    }
}
