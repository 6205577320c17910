package org.flowlab.app.diag;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Keeps the window's Java from spending a core on compiling while a flow trains.
 *
 * <p>Why: on a two-core machine, in the first half minute of training in the window, the JVM's
 * optimising compiler (C2) took 30 to 65 % of a core (per-thread CPU from {@code /proc}),
 * compiling JavaFX's rendering, Marlin, JFreeChart and the tensor glue. The training threads had
 * the rest. Nearly all the work of a training step is native (libtorch), and the window's own
 * code runs well enough compiled by the quick compiler (C1): with only C1, the same model trained
 * 30 % faster in the window over {@code bench --gui-probe}'s ten seconds, and just as fast
 * without the window after it (see lectures/reference/performance.md, "The window's compiler").
 *
 * <p>What: {@link #apply()} adds compiler directives (HotSpot's {@code Compiler.directives_add},
 * through the platform's diagnostic-command bean) that let C2 compile only FlowLab's plain-Java
 * numerics, the lattices, Markov chains, observables, exact results and the small networks of
 * the machine-learning basics, whose loops run twice as fast under C2. Everything else stays
 * with C1. The command line (bench, train) keeps the full compiler: there the compiler's work is
 * over within the warm-up.
 *
 * <p>On a Java without the bean or the command nothing happens. {@code -Dflowlab.compiler=full}
 * leaves the compiler as the JVM has it.
 */
public final class WindowCompiler {

    /** System property: {@code full} keeps the JVM's own compiler settings. */
    public static final String SWITCH = "flowlab.compiler";

    /**
     * The directives: the first whose pattern matches a method decides. FlowLab's tensor code
     * (flows, compute, training) is glue around native calls and goes with the rest to C1.
     */
    static final String DIRECTIVES = String.join(
            "\n",
            "[",
            "  { match: [\"org/flowlab/model/flow/*.*\", \"org/flowlab/model/compute/*.*\","
                    + " \"org/flowlab/model/train/*.*\"], c2: { Exclude: true } },",
            "  { match: [\"org/flowlab/model/*.*\"], c2: { Exclude: false } },",
            "  { match: [\"*.*\"], c2: { Exclude: true } }",
            "]",
            "");

    /** What {@link #describe()} says while the JVM compiles as it would by itself. */
    static final String DEFAULT = "C2 for all code (the JVM's default)";

    /** What {@link #describe()} says once the directives are in place. */
    static final String APPLIED = "C2 for FlowLab's plain-Java numerics only, C1 for the rest";

    private static final Logger LOG = Logger.getLogger(WindowCompiler.class.getName());

    private static volatile String state = DEFAULT;

    private WindowCompiler() {}

    /**
     * Applies the directives on a daemon thread, so that the window's start does not wait for
     * the management beans.
     */
    public static void applyInBackground() {
        Thread t = new Thread(WindowCompiler::apply, "compiler-directives");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Adds the directives to this JVM, unless {@value #SWITCH} is {@code full}.
     *
     * @return whether they were added
     */
    public static boolean apply() {
        if ("full".equalsIgnoreCase(System.getProperty(SWITCH, ""))) {
            state = DEFAULT + ", " + SWITCH + "=full";
            return false;
        }
        Path file = null;
        try {
            file = Files.createTempFile("flowlab-compiler", ".json");
            Files.writeString(file, DIRECTIVES, StandardCharsets.UTF_8);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object reply = server.invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}},
                    new String[] {String[].class.getName()});
            boolean added = added(reply);
            state = added
                    ? APPLIED
                    : DEFAULT + ", the JVM refused: " + String.valueOf(reply).trim();
            if (!added) {
                LOG.fine("compiler directives not added: " + reply);
            }
            return added;
        } catch (IOException | JMException | RuntimeException | LinkageError e) {
            state = DEFAULT + ", " + e.getClass().getSimpleName();
            LOG.log(Level.FINE, "compiler directives not added", e);
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    file.toFile().deleteOnExit();
                }
            }
        }
    }

    /**
     * Whether the diagnostic command's reply says directives were added ("2 compiler directives
     * added"; a parse error says "Syntax error ..." or "0 compiler directives added").
     */
    static boolean added(Object reply) {
        if (reply == null) {
            return false;
        }
        List<String> words = List.of(reply.toString().trim().split("\\s+"));
        if (words.size() < 2 || !words.contains("added")) {
            return false;
        }
        try {
            return Integer.parseInt(words.get(0)) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * What happened, for the diagnostics and the probe.
     *
     * @return {@link #APPLIED}, or {@link #DEFAULT} with the reason
     */
    public static String describe() {
        return state;
    }
}
