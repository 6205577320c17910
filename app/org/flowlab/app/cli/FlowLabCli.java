package org.flowlab.app.cli;

import java.io.PrintWriter;
import org.flowlab.app.diag.Logs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flowlab} command line: one sub-command per task, all on the model code. */
@Command(
        name = "flowlab",
        mixinStandardHelpOptions = true,
        versionProvider = FlowLabCli.Version.class,
        description = {
            "FlowLab: normalizing flows for lattice field theory.",
            "Without arguments, java -jar flowlab.jar opens the window."
        },
        subcommands = {
            TrainCommand.class,
            SampleCommand.class,
            HmcCommand.class,
            ScanCommand.class,
            ExactCommand.class,
            FlowSnapshotsCommand.class,
            BenchCommand.class,
            FitCommand.class,
            ClassifyCommand.class,
            AnnealCommand.class,
            AboutCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FlowLabCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the command line with FlowLab's error handling: a bad argument or value prints one
     * line and exits with 2; a failure while running prints one line and exits with 1.
     *
     * @return the configured command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FlowLabCli());
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage() + " (see --help)");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean usage = ex instanceof IllegalArgumentException;
            String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            err.println(commandLine.getCommandName() + ": " + firstLine(message));
            err.flush();
            Logs.recordFailure("flowlab " + String.join(" ", parseResult.originalArgs()), ex);
            return usage ? 2 : 1;
        });
        return cl;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Runs the command line and returns the exit code.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FlowLabCli.class.getPackage().getImplementationVersion();
            return new String[] {"FlowLab " + (v == null ? "(development build)" : v)};
        }
    }
}
