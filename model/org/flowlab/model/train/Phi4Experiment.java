package org.flowlab.model.train;

import ai.djl.Device;

import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.flow.FlowModel;
import org.flowlab.model.flow.RealNvp;
import org.flowlab.model.lattice.Phi4Theory;

import java.util.Locale;

/**
 * Everything that defines a phi^4 + RealNVP + reverse-KL training run; {@link #open()} builds
 * the flow and trainer so that the command line and the GUI run exactly the same thing.
 *
 * @param theory the target theory
 * @param flow the flow architecture
 * @param training optimisation settings
 * @param device cpu, gpu or auto
 * @param precision float32 or float64
 */
public record Phi4Experiment(
        Phi4Theory theory,
        RealNvp.Config flow,
        TrainingConfig training,
        DeviceChoice device,
        Precision precision) {

    /**
     * Checks that the parts fit together (RealNVP needs an even L no smaller than the kernel).
     *
     * @param theory theory
     * @param flow flow
     * @param training training
     * @param device device
     * @param precision precision
     */
    public Phi4Experiment {
        if (theory.size() % 2 != 0) {
            throw new IllegalArgumentException(
                    "RealNVP's checkerboard masks need an even lattice size L, got " + theory.size());
        }
        if (flow.kernel() > theory.size()) {
            throw new IllegalArgumentException(
                    "kernel size " + flow.kernel() + " is larger than the lattice size " + theory.size());
        }
    }

    /**
     * One line describing the run.
     *
     * @return the description
     */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s | RealNVP %d layers, %d x %d hidden, kernel %d | reverse KL, batch %d, lr %s, seed %d",
                theory.describe(),
                flow.layers(),
                flow.hiddenLayers(),
                flow.hidden(),
                flow.kernel(),
                training.batch(),
                training.learningRate(),
                training.seed());
    }

    /**
     * Builds the flow and the trainer on the chosen device.
     *
     * @return the opened experiment (close it to free native memory)
     */
    public Opened open() {
        Device dev = Compute.resolve(device);
        FlowModel model =
                RealNvp.model(theory.size(), flow, dev, precision.dataType(), training.seed());
        Trainer trainer = new Trainer(model, theory, new ReverseKl(), training);
        return new Opened(model, trainer, Compute.describe(dev));
    }

    /**
     * A built experiment.
     *
     * @param flow the flow
     * @param trainer its trainer
     * @param deviceName the device in words
     */
    public record Opened(FlowModel flow, Trainer trainer, String deviceName) implements AutoCloseable {
        @Override
        public void close() {
            trainer.close();
            flow.close();
        }
    }
}
