package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.flowlab.testing.BackpropOnlyLossKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input to the commands that go through the catalogue: exit 2 and one line naming the problem. */
class CommandErrorsTest {

    @TempDir
    Path dir;

    private static String[] run(String... args) {
        CommandLine cl = FlowLabCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {
            Integer.toString(code), out.toString(), err.toString().strip()
        };
    }

    private static void assertRefused(String expected, String... args) {
        String[] r = run(args);
        assertEquals("2", r[0], String.join(" ", args) + ": " + r[2]);
        assertEquals(1, r[2].lines().count(), r[2]);
        assertTrue(r[2].contains(expected), String.join(" ", args) + ": " + r[2]);
    }

    @Test
    void eachMistakeIsNamed() {
        assertRefused("bounded below only for m^2 > 0", "exact", "--theory", "phi4", "--m2", "-1", "--lam", "0");
        assertRefused("has no HMC sampler", "hmc", "--theory", "vonmises");
        assertRefused(
                "--lr-schedule: lr schedule must be one of constant, cosine, not 'warp'",
                "train",
                "--theory",
                "phi4",
                "--lr-schedule",
                "warp",
                "--steps",
                "1");
        assertRefused(
                "--method does not apply to exact results of theory phi4",
                "exact",
                "--theory",
                "phi4",
                "--m2",
                "1",
                "--lam",
                "0",
                "--method",
                "bessel");
        assertRefused(
                "no adjoint-state gradients",
                "train",
                "--theory",
                "mixture2d",
                "--flow",
                "cnf",
                "--grad",
                "adjoint",
                "--loss",
                BackpropOnlyLossKind.ID,
                "--steps",
                "1");
        assertRefused("--velocity does not apply to flow realnvp", "train", "--theory", "phi4", "--velocity", "mlp");
        assertRefused(
                "--resume continues the saved theory, flow and loss",
                "train",
                "--resume",
                dir.toString(),
                "--beta",
                "2");
    }
}
