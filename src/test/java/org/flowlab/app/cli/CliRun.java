package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import picocli.CommandLine;

/**
 * One in-process run of the command line with captured output: exit code, standard output and
 * the command's error stream.
 *
 * @param code exit code
 * @param out standard output
 * @param err the command's error stream
 * @param millis wall time
 */
record CliRun(int code, String out, String err, long millis) {

    static CliRun of(String... args) {
        CommandLine cl = FlowLabCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        long start = System.nanoTime();
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Checks the promise for bad input: the exit code, exactly one line on the error stream that
     * names the problem, nothing on standard output, and no stack trace anywhere.
     *
     * @param expectedCode 2 for bad input, 1 for I/O and failures
     * @param mention a fragment the line must contain (case-insensitive)
     * @param what the command line, for messages
     */
    void assertOneLineError(int expectedCode, String mention, String what) {
        String line = err.strip();
        assertEquals(expectedCode, code, what + " -> " + err + out);
        assertEquals(1, line.lines().count(), what + " printed " + err);
        assertTrue(
                line.toLowerCase(Locale.ROOT).contains(mention.toLowerCase(Locale.ROOT)),
                what + ": '" + line + "' does not mention '" + mention + "'");
        assertEquals("", out.strip(), what + " printed to stdout: " + out);
        assertFalse(
                err.contains("\tat ")
                        || err.contains("Exception in thread")
                        || err.matches("(?s).*\\(\\w+\\.java:\\d+\\).*"),
                what + " printed a stack trace: " + err);
    }
}
