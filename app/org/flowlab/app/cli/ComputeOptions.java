package org.flowlab.app.cli;

import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;

import picocli.CommandLine.Option;

/** Options shared by every command that trains: device, threads and precision. */
final class ComputeOptions {

    @Option(
            names = "--device",
            defaultValue = "auto",
            description = "cpu, gpu or auto (GPU when the engine reports one). Default: ${DEFAULT-VALUE}")
    String device;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "threads for tensor work (0 = all cores); training splits its batch into two shards"
                    + " when there are two or more. Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(
            names = "--precision",
            defaultValue = "float32",
            description = "float32 or float64. Default: ${DEFAULT-VALUE}")
    String precision;

    DeviceChoice deviceChoice() {
        return DeviceChoice.parse(device);
    }

    Precision precisionChoice() {
        return Precision.parse(precision);
    }

    void applyThreads() {
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be 0 or more, got " + threads);
        }
        Compute.configureThreads(threads);
    }
}
