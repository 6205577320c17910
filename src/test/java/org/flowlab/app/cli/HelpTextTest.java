package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders cleanly: picocli prints no format warning and leaves no placeholder. */
class HelpTextTest {

    private static void collect(CommandLine cl, List<CommandLine> all) {
        all.add(cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    @Test
    void everyCommandsHelpFormatsWithoutWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(FlowLabCli.commandLine(), all);
        assertTrue(all.size() > 5, "expected the subcommands, got " + all.size());
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            // picocli reports a description it cannot format (a lone '%') through its tracer on System.err
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            for (CommandLine cl : all) {
                String name = cl.getCommandSpec().qualifiedName();
                String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
                assertFalse(help.contains("%n"), name + ": an unformatted %n in its help");
                assertFalse(help.contains("${"), name + ": an unresolved ${...} in its help");
            }
        } finally {
            System.setErr(saved);
        }
        // only picocli's own lines count: a thread left over from another test may write here too
        List<String> warnings = err.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains("picocli"))
                .toList();
        assertEquals(List.of(), warnings);
    }
}
