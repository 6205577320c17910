package org.flowlab.app.cli;

import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.Limits;
import org.flowlab.model.spec.RunSpec;
import picocli.CommandLine.Option;

/** Options shared by every command that trains: device, threads and precision. */
final class ComputeOptions {

    @Option(
            names = "--device",
            description = "cpu, gpu or auto (GPU when the engine reports one). Default: auto (a saved run: its own)")
    String device;

    /** The help text of {@code --threads}, here and in {@code bench}. */
    static final String THREADS_HELP = "threads for tensor work (0 = all cores); training splits its batch into two"
            + " shards when there are two or more, and runs it whole on one thread while that is faster (other"
            + " programs keep the cores busy; -Dflowlab.shards=fixed keeps two shards, so that a seeded run"
            + " repeats bit for bit). Default: ${DEFAULT-VALUE}";

    @Option(names = "--threads", defaultValue = "0", description = ComputeOptions.THREADS_HELP)
    int threads;

    @Option(names = "--precision", description = "float32 or float64. Default: float32 (a saved run: its own)")
    String precision;

    DeviceChoice deviceChoice() {
        return device == null ? DeviceChoice.AUTO : DeviceChoice.parse(device);
    }

    Precision precisionChoice() {
        return precision == null ? Precision.FLOAT32 : Precision.parse(precision);
    }

    /** Whether --device was given. */
    boolean deviceGiven() {
        return device != null;
    }

    /** Whether --precision was given. */
    boolean precisionGiven() {
        return precision != null;
    }

    /**
     * A saved run's spec with the device and the precision given on the command line (those not
     * given stay as saved).
     *
     * @param saved the saved spec
     * @return the spec to open
     */
    RunSpec over(RunSpec saved) {
        return new RunSpec(
                saved.theory(),
                saved.theorySettings(),
                saved.flow(),
                saved.flowSettings(),
                saved.loss(),
                saved.lossSettings(),
                saved.training(),
                deviceGiven() ? deviceChoice() : saved.device(),
                precisionGiven() ? precisionChoice() : saved.precision());
    }

    /** Checks --device, --precision and --threads (before any work). */
    void check() {
        deviceChoice();
        precisionChoice();
        threadCount();
    }

    private int threadCount() {
        try {
            return Limits.threads(threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage());
        }
    }

    void applyThreads() {
        Compute.configureThreads(threadCount());
    }
}
