package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.continuous.SolverMemory;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.Target;

/**
 * Measures what one gradient evaluation of a continuous flow costs: the wall time of the
 * objective's forward and backward passes, and the largest number of tensors (and bytes) alive
 * in the step's manager at any integration step. With back-propagation every stage of every
 * step stays alive until the backward pass, so the peak grows with the number of ODE steps;
 * with the adjoint method it does not. The parameters are not updated (the accumulated
 * gradients are cleared).
 */
public final class GradientProbe {

    /**
     * The cost of one gradient evaluation.
     *
     * @param peakArrays the most tensors alive at once in the step's manager
     * @param peakBytes their total size at that point, in bytes
     * @param millis the median wall time of one evaluation (forward, backward)
     */
    public record Cost(int peakArrays, long peakBytes, double millis) {}

    private GradientProbe() {}

    /**
     * Evaluates the objective's gradient {@code repeats} times on fresh batches.
     *
     * @param flow a continuous flow
     * @param target the target
     * @param objective the objective (prepared, if it needs data)
     * @param batch the batch size
     * @param seed seed of the batches
     * @param repeats evaluations (at least 1)
     * @return the peak memory over all evaluations and the median time
     * @throws IllegalArgumentException when the flow is not continuous
     */
    public static Cost measure(FlowModel flow, Target target, Objective objective, int batch, long seed, int repeats) {
        if (!(flow.transform() instanceof ContinuousFlow cnf)) {
            throw new IllegalArgumentException("memory probes apply to continuous flows (cnf) only");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] millis = new double[Math.max(1, repeats)];
        int peakArrays = 0;
        long peakBytes = 0;
        try (NDManager root = Compute.newManager(flow.parameters().device())) {
            for (int r = 0; r < millis.length; r++) {
                cnf.trackMemory(true);
                long start = System.nanoTime();
                try (NDManager step = root.newSubManager();
                        GradientCollector collector = Compute.engine().newGradientCollector()) {
                    StepOutput out = objective.evaluate(flow, target, new StepContext(step, rng, batch, collector));
                    if (out.gradientLoss() != null) {
                        collector.backward(out.gradientLoss());
                    }
                    List<NDArray> grads = new ArrayList<>();
                    for (NDArray p : flow.parameters().parameters().values()) {
                        NDArray g = p.getGradient();
                        g.attach(step);
                        grads.add(g);
                    }
                    millis[r] = (System.nanoTime() - start) / 1e6;
                    Adam.clear(grads);
                } finally {
                    SolverMemory.Peak peak = cnf.memoryPeak();
                    cnf.trackMemory(false);
                    peakArrays = Math.max(peakArrays, peak.arrays());
                    peakBytes = Math.max(peakBytes, peak.bytes());
                }
            }
        }
        Arrays.sort(millis);
        return new Cost(peakArrays, peakBytes, millis[millis.length / 2]);
    }
}
