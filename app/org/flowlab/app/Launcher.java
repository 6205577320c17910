package org.flowlab.app;

import java.util.Arrays;
import javafx.application.Application;
import org.flowlab.app.cli.FlowLabCli;
import org.flowlab.app.diag.JvmTuning;
import org.flowlab.app.diag.Logs;
import org.flowlab.app.diag.WindowCompiler;

/**
 * Plain main class for {@code java -jar flowlab.jar}: without arguments (or with {@code gui})
 * it opens the window; otherwise it runs the command line. Being no {@code Application}
 * subclass, it lets JavaFX start from the class path.
 */
public final class Launcher {

    private Launcher() {}

    /**
     * Starts FlowLab.
     *
     * @param args none for the window, or a command such as {@code train --help}
     */
    public static void main(String[] args) {
        boolean window = opensWindow(args);
        // before anything else: a command-line command continues in a Java with FlowLab's
        // collector; the window, and the bench probes that open it, keep this one
        JvmTuning.relaunch(Launcher.class.getName(), args, window || probesWindow(args));
        if (window || probesWindow(args)) {
            // the window's code stays with the quick compiler, so that training keeps the cores
            WindowCompiler.applyInBackground();
        }
        quietLibraryLogging();
        Logs.install();
        if (window) {
            quietWindowLogging();
            // the charts draw through JavaFX: AWT needs no display of its own (opening one beside
            // GTK's makes GDK print warnings on the terminal)
            setIfAbsent("java.awt.headless", "true");
            String[] rest =
                    args.length == 0 || !"gui".equals(args[0]) ? args : Arrays.copyOfRange(args, 1, args.length);
            Application.launch(FlowLabApp.class, rest);
        } else {
            System.exit(FlowLabCli.execute(args));
        }
    }

    /**
     * Whether these arguments open the window.
     *
     * @param args the arguments
     * @return true for none, {@code gui} or a {@code flowlab:} link
     */
    static boolean opensWindow(String[] args) {
        return args.length == 0 || "gui".equals(args[0]) || args[0].startsWith("flowlab:");
    }

    /**
     * Whether these arguments run a bench probe that opens the window (and so must time it with
     * the window's collector).
     *
     * @param args the arguments
     * @return true for {@code bench --gui-probe} and {@code bench --startup-probe}
     */
    static boolean probesWindow(String[] args) {
        return args.length > 0
                && "bench".equals(args[0])
                && Arrays.stream(args).anyMatch(a -> a.startsWith("--gui-probe") || a.startsWith("--startup-probe"));
    }

    /** Keeps DJL's start-up chatter (and its CUDA probe on CPU machines) off the terminal. */
    static void quietLibraryLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        setIfAbsent("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        // FlowLab never downloads: no libtorch fetched at run time, no DJL telemetry probe
        setIfAbsent("ai.djl.offline", "true");
    }

    /** Loggers kept strongly reachable, so that their levels stay set. */
    private static final java.util.List<java.util.logging.Logger> QUIETED = new java.util.ArrayList<>();

    /**
     * In the window, keeps the terminal for real problems: JavaFX's note that it runs from the
     * class path and the models' information messages (the window shows the device itself).
     */
    static void quietWindowLogging() {
        for (String name : new String[] {"javafx", "org.flowlab.model"}) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.WARNING);
            QUIETED.add(logger);
        }
        java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
        // information (the engine is ready, the device chosen) goes to the log file only; the
        // window shows it itself, and the terminal keeps warnings and errors
        for (java.util.logging.Handler h :
                java.util.logging.Logger.getLogger("").getHandlers()) {
            if (h instanceof java.util.logging.ConsoleHandler) {
                h.setLevel(java.util.logging.Level.WARNING);
            }
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
