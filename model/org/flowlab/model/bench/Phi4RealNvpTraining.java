package org.flowlab.model.bench;

import java.util.Map;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.flow.coupling.RealNvp;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.TrainingConfig;

/**
 * Workload (1): reverse-KL training of the 2021 tutorial's RealNVP on phi^4, exactly the model
 * and sizes of the PyTorch reference ({@code src/test/python/phi4_realnvp_step.py}): L = 8 (or the
 * bench's {@code --L}),
 * batch 64, 16 affine couplings with CNNs 1 -> 8 -> 8 -> 2, kernel 3, circular padding,
 * LeakyReLU, tanh output, Adam lr 1e-3, float32, at m^2 = -4, lambda = 48 (our
 * parametrisation of the tutorial point), on the CPU.
 *
 * <p>One timed unit is one full {@code Trainer.step()} as the app runs it: sampling, loss,
 * backward pass, gradient norm, Adam update, plus the loss, ESS and acceptance copied to the
 * host.
 */
public final class Phi4RealNvpTraining {

    /** Default warm-up steps (as the reference). */
    public static final int DEFAULT_WARMUP = 50;

    /** Default timed steps (as the reference). */
    public static final int DEFAULT_STEPS = 300;

    static final int BATCH = 64;
    static final double LEARNING_RATE = 1e-3;
    static final long SEED = 1;

    private Phi4RealNvpTraining() {}

    /**
     * The workload on an L x L lattice.
     *
     * @param lattice L (8 for the tutorial)
     * @return the training workload
     */
    public static TrainingWorkload workload(int lattice) {
        return new TrainingWorkload(
                "phi4_realnvp_rkl",
                "phi^4 L=" + lattice + " (m^2=-4, lambda=48) RealNVP 16 couplings, CNN 1-8-8-2 k3 circular, "
                        + "reverse KL, batch 64, Adam 1e-3, float32, CPU",
                steps -> experiment(steps, lattice),
                DEFAULT_WARMUP,
                DEFAULT_STEPS);
    }

    /**
     * The experiment on an L x L lattice.
     *
     * @param steps total steps (warm-up included)
     * @param lattice L
     * @return the experiment
     */
    public static RunSpec experiment(int steps, int lattice) {
        Phi4Theory tutorial = Phi4Theory.tutorial(lattice);
        RealNvp.Config flow = RealNvp.Config.tutorial();
        return RunSpec.create(
                "phi4",
                Map.of(
                        "L",
                        Integer.toString(lattice),
                        "m2",
                        Double.toString(tutorial.m2()),
                        "lambda",
                        Double.toString(tutorial.lambda())),
                "realnvp",
                Map.of(
                        "layers",
                        Integer.toString(flow.layers()),
                        "hidden",
                        Integer.toString(flow.hidden()),
                        "hiddenLayers",
                        Integer.toString(flow.hiddenLayers()),
                        "kernel",
                        Integer.toString(flow.kernel()),
                        "tanh",
                        Boolean.toString(flow.tanh())),
                "rkl",
                Map.of(),
                new TrainingConfig(steps, BATCH, LEARNING_RATE, SEED),
                DeviceChoice.CPU,
                Precision.FLOAT32);
    }
}
