package org.flowlab.app.diag;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Java collector FlowLab's command line runs with, and the second start that gives it to a
 * plain {@code java -jar flowlab.jar train ...}.
 *
 * <p>Why: a training step allocates many short-lived Java objects around the native tensors, and
 * with Java's default collector on this kind of machine, G1, a step at one thread costs 15 to
 * 20 % more than with the serial collector (measured side by side, see
 * lectures/reference/performance.md, "The Java collector"). G1's concurrent threads and its write
 * barriers compete with the training thread for the core; the serial collector runs only when
 * the young generation is full.
 *
 * <p>The window keeps G1: the serial collector stops every thread while it copies, and in the
 * first seconds of a run in the window, when the lab's long-lived objects are promoted, that took
 * 50 to 120 ms, more than the 50 ms the FX thread may be kept from drawing. G1 copies in
 * parallel and in smaller pieces.
 *
 * <p>A jar names no JVM options. So when a command-line command (not the window, not a probe of
 * the window) finds this Java on the default G1 and the user chose no collector,
 * {@link #relaunch(String, String[], boolean)} starts the same command once more in a child Java
 * with {@link #OPTIONS} added, passes on its input, output and exit code, and forwards a
 * termination to it. It does nothing when the user chose a collector, debugs, profiles or
 * attaches an agent (they meant this process), when {@code JAVA_TOOL_OPTIONS} is set, or with
 * {@code -Dflowlab.relaunch=false}.
 */
public final class JvmTuning {

    /** The options the command line's child Java gets. */
    public static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-XX:MetaspaceSize=160m");

    /** System property that switches the second start off ({@code false}). */
    public static final String SWITCH = "flowlab.relaunch";

    /** System property set in the child, so that it never starts another. */
    static final String CHILD = "flowlab.relaunched";

    private JvmTuning() {}

    /**
     * What a second start would run, or nothing when this Java should carry on itself.
     *
     * @param inputArguments this Java's options
     * @param g1 whether this Java runs G1
     * @param properties the system properties that matter ({@link #SWITCH}, {@link #CHILD},
     *     {@code java.class.path})
     * @param environment the environment
     * @param java the Java executable
     * @param mainClass the class the child starts
     * @param args the command's arguments
     * @param window whether the command opens the window (which keeps this Java)
     * @return the child's command line, if one is due
     */
    static Optional<List<String>> childCommand(
            List<String> inputArguments,
            boolean g1,
            Map<String, String> properties,
            Map<String, String> environment,
            String java,
            String mainClass,
            String[] args,
            boolean window) {
        if (window
                || !g1
                || "false".equalsIgnoreCase(properties.get(SWITCH))
                || properties.containsKey(CHILD)
                || environment.containsKey("JAVA_TOOL_OPTIONS")
                || java == null) {
            return Optional.empty();
        }
        String classPath = properties.get("java.class.path");
        if (classPath == null || classPath.isBlank()) {
            return Optional.empty();
        }
        for (String a : inputArguments) {
            if (userMeantThisProcess(a)) {
                return Optional.empty();
            }
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(inputArguments);
        command.addAll(OPTIONS);
        command.add("-D" + CHILD + "=true");
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** A collector of the user's choice, a debugger, an agent or a recording. */
    private static boolean userMeantThisProcess(String option) {
        return (option.startsWith("-XX:+Use") && option.endsWith("GC"))
                || option.startsWith("-agentlib")
                || option.startsWith("-agentpath")
                || option.startsWith("-javaagent")
                || option.startsWith("-Xdebug")
                || option.startsWith("-Xrunjdwp")
                || option.startsWith("-XX:StartFlightRecording")
                || option.startsWith("-XX:FlightRecorderOptions");
    }

    /**
     * Runs the command in a tuned child Java when one is due and exits with its exit code;
     * returns (doing nothing) otherwise, or when the child cannot be started.
     *
     * @param mainClass the class the child starts (the caller's own main class)
     * @param args the command's arguments
     * @param window whether the command opens the window (then nothing happens)
     */
    public static void relaunch(String mainClass, String[] args, boolean window) {
        if (window) {
            // nothing to decide: spare the window's start the management beans
            return;
        }
        Optional<List<String>> command;
        try {
            command = childCommand(
                    ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    runsG1(),
                    properties(),
                    System.getenv(),
                    javaExecutable(),
                    mainClass,
                    args,
                    window);
        } catch (RuntimeException | LinkageError e) {
            return;
        }
        if (command.isEmpty()) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(command.get()).inheritIO();
        // this Java's options already hold them: the child's launcher must not add them twice
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Process child;
        try {
            child = pb.start();
        } catch (java.io.IOException | RuntimeException e) {
            return;
        }
        // a termination of this process (kill, Ctrl-C, the terminal closing) reaches the child,
        // and this process waits for it to finish its own shutdown
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        int code;
        try {
            code = child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 1;
        }
        System.exit(code);
    }

    /**
     * The collector this Java runs, by the names of its memory managers.
     *
     * @return such as "G1" or "Serial"
     */
    public static String collector() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName();
            if (name.startsWith("G1")) {
                return "G1";
            }
            if (name.equals("Copy") || name.equals("MarkSweepCompact")) {
                return "Serial";
            }
            if (name.startsWith("PS ")) {
                return "Parallel";
            }
            if (name.startsWith("ZGC")) {
                return "Z";
            }
            if (name.startsWith("Shenandoah")) {
                return "Shenandoah";
            }
        }
        return "unknown";
    }

    /**
     * A line for the About box and the bench.
     *
     * @return such as "Serial (FlowLab's setting)" or "G1"
     */
    public static String describe() {
        String c = collector();
        List<String> input;
        try {
            input = ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (RuntimeException | LinkageError e) {
            return c;
        }
        return input.containsAll(OPTIONS) ? c + " (FlowLab's setting)" : c;
    }

    private static boolean runsG1() {
        return "G1".equals(collector());
    }

    private static Map<String, String> properties() {
        Map<String, String> p = new java.util.HashMap<>();
        for (String key : List.of(SWITCH, CHILD, "java.class.path")) {
            String v = System.getProperty(key);
            if (v != null) {
                p.put(key, v);
            }
        }
        return p;
    }

    /** This Java's own executable (not a native launcher that embeds it), or null. */
    private static String javaExecutable() {
        boolean windows = System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .contains("win");
        Path java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        return Files.isExecutable(java) ? java.toString() : null;
    }
}
