package org.flowlab.app.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowlab.app.diag.Diagnostics;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flowlab about}: starts the PyTorch engine and prints what the window's Help → About
 * shows (versions of FlowLab, Java, JavaFX, DJL and libtorch, the device and threads, folders),
 * optionally with the log's last lines. {@code --device gpu} checks a CUDA set-up: it fails with
 * one line naming the missing file or variable when no GPU can be used.
 */
@Command(
        name = "about",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Start the PyTorch engine and print the versions, the compute device and the threads.",
            "Example: about --device gpu   (checks a CUDA build of libtorch, see lectures/reference/gpu.md)"
        })
final class AboutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--device",
            defaultValue = "auto",
            description = "cpu, gpu or auto: the device to check. Default: ${DEFAULT-VALUE}")
    String device;

    @Option(
            names = "--log-lines",
            defaultValue = "0",
            description = "also print this many last lines of the log. Default: ${DEFAULT-VALUE}")
    int logLines;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        if (logLines < 0) {
            throw new IllegalArgumentException("--log-lines must be 0 or more, got " + logLines);
        }
        DeviceChoice choice = DeviceChoice.parse(device);
        String resolved = Compute.describe(Compute.resolve(choice));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, String> node = new LinkedHashMap<>();
            Diagnostics.collect(null).forEach(item -> node.put(item.name(), item.value()));
            node.put("Checked device", resolved);
            out.println(Json.line(node));
        } else {
            String report = Diagnostics.report(null, logLines);
            if (logLines == 0) {
                report = report.substring(0, report.indexOf(System.lineSeparator() + System.lineSeparator()));
            }
            out.println(report.stripTrailing());
            out.println("Checked device (--device " + choice + "): " + resolved);
        }
        out.flush();
        return 0;
    }
}
