package org.flowlab.model.spec;

import ai.djl.Device;
import java.util.Locale;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.MemoryBudget;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.lattice.Target;

/**
 * Memory a run will need, estimated before anything big is allocated, and refused with a
 * one-line message that says what would fit when it exceeds the budget of {@link MemoryBudget}.
 *
 * <p>A training step keeps every activation of the flow for back-propagation, so its tensor
 * memory is about {@code 2 x batch x (activations per sample) x bytes per number}; the activations
 * per sample follow from the flow family and its sizes (for RealNVP
 * {@code layers x V x (2 x channels x convolutions + 10)}, measured within a factor 1.3 on phi^4
 * L = 8 and 32). Host (Java heap) memory holds the forward-KL training set
 * ({@code samples x V} doubles) and a few batch-sized copies.
 */
public final class MemoryEstimate {

    /** Activations kept for the backward pass and their gradients. */
    private static final double BACKWARD_FACTOR = 2.0;
    /** Tensor memory of the flow's parameters and Adam's moments is small; this covers the engine's own. */
    private static final long BASE_TENSOR_BYTES = 64L << 20;

    /**
     * An estimate.
     *
     * @param tensorBytes memory of tensors on the device
     * @param heapBytes memory of host arrays on the Java heap
     * @param perSampleTensorBytes the part of tensorBytes that grows with each sample of a batch
     */
    public record Estimate(double tensorBytes, double heapBytes, double perSampleTensorBytes) {}

    private MemoryEstimate() {}

    /**
     * The estimate of one training step of a spec, with its training set if the loss needs one.
     *
     * @param spec the spec
     * @return the estimate
     */
    public static Estimate training(RunSpec spec) {
        Target target = spec.theoryKind().create(spec.theorySettings());
        double event = target.eventShape().size();
        int width = spec.precision() == Precision.FLOAT64 ? 8 : 4;
        double perSample = BACKWARD_FACTOR * activations(spec.flow(), spec.flowSettings(), event) * width;
        double batch = spec.training().batch();
        double heap = 4 * batch * event * 8;
        if (spec.lossKind().needsData()) {
            heap += (double) spec.lossSettings().integer("samples") * event * 8;
        }
        return new Estimate(BASE_TENSOR_BYTES + batch * perSample, heap, perSample);
    }

    /**
     * Activations per sample of a flow family: the numbers one sample creates in a forward pass.
     *
     * @param flow the flow id
     * @param s its settings
     * @param event numbers per configuration
     * @return the count
     */
    static double activations(String flow, Settings s, double event) {
        switch (flow) {
            case "realnvp":
                return s.integer("layers") * event * (2.0 * s.integer("hidden") * s.integer("hiddenLayers") + 10);
            case "gauge":
                return s.integer("layers")
                        * event
                        * (1.0 * s.integer("hidden") * s.integer("hiddenLayers") + 4.0 * s.integer("bins") + 20);
            case "cnf": {
                int stages = "rk4".equals(s.text("integrator")) ? 4 : 1;
                double evaluations =
                        "adjoint".equals(s.text("grad")) ? 2.0 * stages : (double) s.integer("odeSteps") * stages;
                double perEvaluation = event > 2
                        ? event * (6.0 * s.integer("features") + 10)
                        : 3.0 * s.integer("hidden") * s.integer("hiddenLayers") + 10;
                return evaluations * perEvaluation;
            }
            case "coupling2d":
                return s.integer("layers") * (3.0 * s.integer("hidden") * s.integer("hiddenLayers") + 10);
            case "circle":
                return s.integer("layers") * (3.0 * s.integer("bins") + 10);
            default:
                return 10 * event;
        }
    }

    /**
     * Refuses a training spec whose step would not fit the memory of its device as chosen
     * (a GPU when chosen explicitly, else the CPU), or whose training set would not fit the heap
     * or would take too long to generate.
     *
     * @param spec the spec
     * @throws IllegalArgumentException saying what would fit
     */
    public static void checkTraining(RunSpec spec) {
        checkTraining(spec, spec.device() == DeviceChoice.GPU ? Device.gpu(0) : Device.cpu());
    }

    /**
     * Refuses a training spec whose step would not fit the memory of a device, or whose training
     * set would not fit the heap or would take too long to generate.
     *
     * @param spec the spec
     * @param device where it trains
     * @throws IllegalArgumentException saying what would fit
     */
    public static void checkTraining(RunSpec spec, Device device) {
        Estimate e = training(spec);
        long budget = MemoryBudget.tensorBytes(device);
        if (e.tensorBytes() > budget) {
            long fits = (long) Math.floor((budget - BASE_TENSOR_BYTES) / e.perSampleTensorBytes());
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "batch %d with %s on %s needs about %s for one training step, more than the %s available on the %s; %s",
                    spec.training().batch(),
                    spec.flowKind().describe(spec.flowSettings()),
                    spec.theoryKind().describe(spec.theorySettings()),
                    MemoryBudget.format(e.tensorBytes()),
                    MemoryBudget.format(budget),
                    device.isGpu() ? "GPU" : "CPU",
                    fits >= 2 ? "at most batch " + fits + " fits" : "choose a smaller lattice or flow"));
        }
        checkHeap(
                e.heapBytes(),
                "the training set and batch copies of " + spec.theoryKind().describe(spec.theorySettings()),
                spec.lossKind().needsData() ? "use fewer training samples or a smaller batch" : "use a smaller batch");
        if (spec.lossKind().needsData()) {
            Target target = spec.theoryKind().create(spec.theorySettings());
            if (target instanceof org.flowlab.model.lattice.HmcSystem system) {
                Settings ls = spec.lossSettings();
                long trajectories = ls.integer("therm") + (long) ls.integer("samples") * ls.integer("thin");
                Limits.checkHmcWork(
                        trajectories,
                        10,
                        system.degreesOfFreedom(),
                        hmcCost(spec.theory()),
                        "the training set (therm + samples x thin HMC trajectories)");
            }
        }
    }

    /**
     * Relative cost per variable of an HMC force evaluation (U(1) plaquettes cost about eight
     * times a phi^4 site).
     *
     * @param theoryId the theory
     * @return the factor
     */
    public static double hmcCost(String theoryId) {
        return "u1".equals(theoryId) ? 8 : 1;
    }

    /**
     * Refuses drawing {@code n} samples of a saved flow in batches when the tensors of one batch
     * or the host series would not fit.
     *
     * @param spec the run's spec
     * @param n samples
     * @param batch samples per forward pass
     * @param series numbers kept per sample on the host (observables, weights)
     * @param device where the flow lives
     * @throws IllegalArgumentException saying what would fit
     */
    public static void checkSampling(RunSpec spec, long n, int batch, int series, Device device) {
        Target target = spec.theoryKind().create(spec.theorySettings());
        double event = target.eventShape().size();
        int width = spec.precision() == Precision.FLOAT64 ? 8 : 4;
        // no backward pass, but the activations of a layer are alive at once with their inputs
        double perSample = activations(spec.flow(), spec.flowSettings(), event) * width;
        long budget = MemoryBudget.tensorBytes(device);
        if (BASE_TENSOR_BYTES + batch * perSample > budget) {
            long fits = (long) Math.floor((budget - BASE_TENSOR_BYTES) / perSample);
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "--batch %d needs about %s per forward pass, more than the %s available; at most --batch %d fits",
                    batch,
                    MemoryBudget.format(BASE_TENSOR_BYTES + batch * perSample),
                    MemoryBudget.format(budget),
                    Math.max(1, fits)));
        }
        double perHostSample = 8.0 * (series + 3) + 4.0;
        double host = n * perHostSample + 2.0 * batch * event * 8;
        long heap = MemoryBudget.heapBytes();
        if (host > heap) {
            long fits = (long) Math.floor((heap - 2.0 * batch * event * 8) / perHostSample);
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "--n %d needs about %s of Java heap for the measurements, more than the %s available; at most --n %d fits"
                            + " (or give java a larger -Xmx)",
                    n,
                    MemoryBudget.format(host),
                    MemoryBudget.format(heap),
                    Math.max(2, fits)));
        }
    }

    /**
     * Refuses a host allocation that would not fit the Java heap budget.
     *
     * @param bytes the planned bytes
     * @param what what they hold, for the message
     * @param advice what to change
     * @throws IllegalArgumentException when they would not fit
     */
    public static void checkHeap(double bytes, String what, String advice) {
        long heap = MemoryBudget.heapBytes();
        if (bytes > heap) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s need about %s of Java heap, more than the %s available; %s (or give java a larger -Xmx)",
                    what,
                    MemoryBudget.format(bytes),
                    MemoryBudget.format(heap),
                    advice));
        }
    }
}
