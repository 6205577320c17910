package org.flowlab.app.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.flowlab.model.flow.coupling.Masks;
import org.flowlab.model.observe.Ess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowCompilerTest {

    private static final String[] NO_ARGS = new String[0];

    private static Object command(String operation, String... args) throws Exception {
        return ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        operation,
                        new Object[] {args},
                        new String[] {String[].class.getName()});
    }

    @Test
    void theRepliesOfTheDiagnosticCommandAreRead() {
        assertTrue(WindowCompiler.added("3 compiler directives added\n"));
        assertFalse(WindowCompiler.added("0 compiler directives added"));
        assertFalse(WindowCompiler.added("Syntax error on line 1 byte 3: Expected '['"));
        assertFalse(WindowCompiler.added(""));
        assertFalse(WindowCompiler.added(null));
    }

    @Test
    void theDirectivesGoOnThisJvmsStackInOrderAndComeOffAgain() throws Exception {
        // given: this JVM's directives before
        String before = command("compilerDirectivesPrint", NO_ARGS).toString();
        assertFalse(before.contains("org/flowlab/model/flow/*.*"), before);
        try {
            // when
            assertTrue(WindowCompiler.apply());
            // then: FlowLab's tensor glue excluded from C2 first, then its plain-Java model kept,
            // then everything else excluded
            String after = command("compilerDirectivesPrint", NO_ARGS).toString();
            assertEquals(WindowCompiler.APPLIED, WindowCompiler.describe());
            int glue = after.indexOf("org/flowlab/model/flow/*.*");
            int model = after.indexOf("matching: org/flowlab/model/*.*");
            int rest = after.indexOf("matching: *.*");
            assertTrue(glue >= 0 && glue < model && model < rest, after);
        } finally {
            // the three directives off again, so that the other tests compile as usual
            for (int i = 0; i < 3; i++) {
                command("compilerDirectivesRemove", NO_ARGS);
            }
        }
        assertEquals(before, command("compilerDirectivesPrint", NO_ARGS).toString());
    }

    @Test
    void fullLeavesTheCompilerAlone() throws Exception {
        String before = command("compilerDirectivesPrint", NO_ARGS).toString();
        String old = System.getProperty(WindowCompiler.SWITCH);
        System.setProperty(WindowCompiler.SWITCH, "full");
        try {
            assertFalse(WindowCompiler.apply());
            assertTrue(WindowCompiler.describe().startsWith(WindowCompiler.DEFAULT), WindowCompiler.describe());
        } finally {
            if (old == null) {
                System.clearProperty(WindowCompiler.SWITCH);
            } else {
                System.setProperty(WindowCompiler.SWITCH, old);
            }
        }
        assertEquals(before, command("compilerDirectivesPrint", NO_ARGS).toString());
    }

    /**
     * Runs {@link HotMethods} in a child JVM that starts with the directives and prints what it
     * compiles: the patterns must mean what the directives' comments say.
     */
    @Test
    void c2CompilesThePlainJavaModelButNotTheTensorGlueNorTheRest(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path directives = dir.resolve("directives.json");
        Files.writeString(directives, WindowCompiler.DIRECTIVES, StandardCharsets.UTF_8);
        Path log = dir.resolve("compilation.txt");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UnlockDiagnosticVMOptions",
                        "-XX:CompilerDirectivesFile=" + directives,
                        "-XX:+PrintCompilation",
                        "-Xbatch",
                        "-cp",
                        System.getProperty("java.class.path"),
                        HotMethods.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        assertTrue(lines.contains(HotMethods.DONE), "the child did not run its loops");
        // an observable's loop (org.flowlab.model.observe) reaches C2
        assertTrue(compiledAtLevel4(lines, "org.flowlab.model.observe.Ess::fraction"), "Ess.fraction not in C2");
        // the flows' helpers and the application's code do not
        for (String method :
                List.of("org.flowlab.model.flow.coupling.Masks::checkerboard", HotMethods.class.getName() + "::work")) {
            assertFalse(compiledAtLevel4(lines, method), method + " was compiled by C2");
            assertTrue(
                    lines.stream().anyMatch(l -> l.contains("made not compilable on level 4") && l.contains(method)),
                    method + " was never refused by C2");
        }
    }

    /** Whether PrintCompilation shows a C2 (tier 4) compilation of the method. */
    private static boolean compiledAtLevel4(List<String> lines, String method) {
        return lines.stream()
                .filter(l -> !l.contains("made not"))
                .anyMatch(l -> l.matches(
                        "\\s*\\d+\\s+\\d+\\s+[%sbn! ]*4\\s+" + java.util.regex.Pattern.quote(method) + "\\b.*"));
    }

    /** The child's program: three methods made hot. */
    static final class HotMethods {

        static final String DONE = "hot loops done";

        private HotMethods() {}

        static double work(double[] values) {
            double s = 0;
            for (double v : values) {
                s += v * v - Math.sqrt(Math.abs(v));
            }
            return s;
        }

        public static void main(String[] args) {
            double[] w = new double[64];
            for (int i = 0; i < w.length; i++) {
                w[i] = -0.01 * i;
            }
            double sink = 0;
            for (int i = 0; i < 40_000; i++) {
                w[i % w.length] += 1e-9;
                sink += Ess.fraction(w);
                sink += Masks.checkerboard(8, i & 1)[3];
                sink += work(w);
            }
            System.out.println(sink > Double.NEGATIVE_INFINITY ? DONE : "?");
        }
    }
}
