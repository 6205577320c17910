package org.flowlab.model.train;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.observe.Observable;

/**
 * What the trainer measures on samples it does not train on: fresh batches from the measurement
 * stream (never the training stream, so measuring does not change the training trajectory) for
 * the acceptance, the pictures and {@link Trainer#evaluate}, and the pictures of a step's own
 * samples.
 */
final class FreshMeasurements {

    /** Most samples an evaluation draws in one forward pass. */
    private static final int EVALUATION_BATCH = 1024;

    private final FlowModel flow;
    private final Target target;
    private final NDManager root;
    private final SplittableRandom rng;
    private final BatchShards shards;
    private final int[] eventShape;

    /**
     * Creates the measurements of one trainer.
     *
     * @param flow the flow being trained
     * @param target its target
     * @param root the trainer's manager (each measurement works in a sub-manager of it)
     * @param rng the measurement stream
     * @param shards the trainer's batch shards
     */
    FreshMeasurements(FlowModel flow, Target target, NDManager root, SplittableRandom rng, BatchShards shards) {
        this.flow = flow;
        this.target = target;
        this.root = root;
        this.rng = rng;
        this.shards = shards;
        this.eventShape = Arrays.stream(target.eventShape().getShape())
                .mapToInt(Math::toIntExact)
                .toArray();
    }

    /** The measurement stream (also for the accept tests of the acceptance measurement). */
    SplittableRandom rng() {
        return rng;
    }

    /** Log weights of {@code n} fresh samples, drawn in batch shards like a training step. */
    double[] logWeights(int n) {
        return shards.freshLogWeights(flow, target, root, rng, n);
    }

    /** {@code n} fresh samples, drawn in {@code scope}. */
    FlowSample sample(NDManager scope, int n) {
        return flow.sample(scope, n, rng);
    }

    /** {@code configurations} fresh samples and their log weights, labelled with {@code step}. */
    SampleSnapshot snapshot(int configurations, int step) {
        try (NDManager scope = root.newSubManager()) {
            FlowSample s = flow.sample(scope, configurations, rng);
            return new SampleSnapshot(
                    step, eventShape, Tensors.toDoubles(s.x()), Tensors.toDoubles(s.logWeights(target)));
        }
    }

    /** A step's own samples (flattened) and the first of their log weights, as a snapshot. */
    SampleSnapshot snapshotOf(double[] samples, double[] logW, int step) {
        int size = 1;
        for (int d : eventShape) {
            size *= d;
        }
        int n = samples.length / size;
        return new SampleSnapshot(step, eventShape, samples, Arrays.copyOf(logW, n));
    }

    /** ESS, acceptance and reweighted observables of {@code n} fresh samples, after {@code steps}. */
    Evaluation evaluate(int n, List<Observable> observables, int steps, double lastLoss) {
        FlowEvaluation fresh =
                FlowEvaluation.evaluate(flow, target, observables, n, Math.min(n, EVALUATION_BATCH), root, rng);
        return new Evaluation(steps, lastLoss, fresh.samples(), fresh.ess(), fresh.acceptRate(), fresh.reweighted());
    }
}
