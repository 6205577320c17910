package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.FlowModel;
import org.flowlab.model.flow.FlowSample;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.mcmc.IndependenceMetropolis;
import org.flowlab.model.observe.Ess;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a flow on a target with an objective and Adam, one step at a time.
 *
 * <p>Every step runs inside its own sub-manager and gradient collector, so nothing but scalars
 * and host copies outlives it. A step whose loss is not finite is skipped (no backward pass,
 * no update); after {@value #MAX_SKIPPED} skipped steps in a row the trainer reports
 * divergence. Only one trainer may step at a time in the process (DJL's gradient collector
 * is global), so all training runs on one training thread; on the CPU, a step may split its batch
 * into shards that run on helper threads at the same time ({@link BatchShards},
 * {@link Compute#trainingShards()}).
 */
public final class Trainer implements AutoCloseable {

    /** Consecutive non-finite steps after which training is declared diverged. */
    public static final int MAX_SKIPPED = 20;

    private static final double SMOOTHING = 0.1;

    private final FlowModel flow;
    private final Target target;
    private final Objective objective;
    private final TrainingConfig config;
    private final Adam adam;
    private final SplittableRandom rng;
    private final SplittableRandom acceptRng;
    private final NDManager root;
    private final BatchShards shards;
    private int steps;
    private int skippedInARow;
    private double stepsPerSecond = Double.NaN;
    private volatile int snapshotSize;
    private SampleSnapshot pendingSnapshot;

    /**
     * Creates the trainer.
     *
     * @param flow the flow (its parameters are updated in place)
     * @param target the target
     * @param objective the loss
     * @param config batch size, learning rate, seed
     */
    public Trainer(FlowModel flow, Target target, Objective objective, TrainingConfig config) {
        this.flow = flow;
        this.target = target;
        this.objective = objective;
        this.config = config;
        this.adam = new Adam(flow.parameters(), config.learningRate());
        SplittableRandom seeds = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        this.rng = seeds.split();
        this.acceptRng = seeds.split();
        this.root = Compute.newManager(flow.parameters().device());
        this.root.setName("trainer");
        int shardCount = flow.parameters().device().isGpu() ? 1 : Compute.trainingShards();
        this.shards = new BatchShards(shardCount, Thread.currentThread().getName());
    }

    /**
     * The flow being trained.
     *
     * @return the flow
     */
    public FlowModel flow() {
        return flow;
    }

    /**
     * The target.
     *
     * @return the target
     */
    public Target target() {
        return target;
    }

    /**
     * The settings.
     *
     * @return the configuration
     */
    public TrainingConfig config() {
        return config;
    }

    /**
     * The optimiser.
     *
     * @return Adam
     */
    public Adam optimizer() {
        return adam;
    }

    /**
     * Steps completed so far.
     *
     * @return the count
     */
    public int stepsDone() {
        return steps;
    }

    /**
     * Asks the next step to keep up to {@code configurations} of its model samples for
     * {@link #takeSnapshot()}.
     *
     * @param configurations how many configurations to copy (at least 1)
     */
    public void requestSnapshot(int configurations) {
        snapshotSize = Math.max(1, configurations);
    }

    /**
     * Returns and clears the snapshot taken by the last step, if one was requested.
     *
     * @return the snapshot or null
     */
    public SampleSnapshot takeSnapshot() {
        SampleSnapshot s = pendingSnapshot;
        pendingSnapshot = null;
        return s;
    }

    /**
     * Runs one optimiser step.
     *
     * @return its metrics
     * @throws TrainingDivergedException after too many non-finite steps in a row
     */
    public TrainingStep step() {
        long start = System.nanoTime();
        double lossValue;
        double ess = Double.NaN;
        double accept = Double.NaN;
        double gradNorm = Double.NaN;
        boolean skipped;
        try (NDManager step = root.newSubManager();
                GradientCollector collector = Compute.engine().newGradientCollector()) {
            BatchShards.Result out =
                    shards.run(objective, flow, target, step, collector, rng, config.batch(), snapshotSize);
            lossValue = out.loss();
            skipped = !Double.isFinite(lossValue);
            if (out.logWeights() != null) {
                double[] logW = out.logWeights();
                ess = Ess.fraction(logW);
                accept = IndependenceMetropolis.acceptRate(logW, acceptRng);
                if (snapshotSize > 0 && out.samples() != null) {
                    pendingSnapshot = snapshotOf(out.samples(), logW);
                }
            }
            if (!skipped) {
                List<NDArray> grads = adam.gradients(step);
                gradNorm = Adam.norm(grads);
                if (Double.isFinite(gradNorm)) {
                    adam.update(grads);
                } else {
                    skipped = true;
                    Adam.clear(grads);
                }
            } else if (out.backwardDone()) {
                // another shard's loss was finite and reached the gradients: drop them
                Adam.clear(adam.gradients(step));
            }
        }
        if (snapshotSize > 0 && pendingSnapshot == null) {
            pendingSnapshot = freshSnapshot(snapshotSize);
        }
        snapshotSize = 0;
        steps++;
        skippedInARow = skipped ? skippedInARow + 1 : 0;
        double ms = (System.nanoTime() - start) / 1e6;
        double rate = 1000.0 / Math.max(ms, 1e-6);
        stepsPerSecond =
                Double.isNaN(stepsPerSecond) ? rate : (1 - SMOOTHING) * stepsPerSecond + SMOOTHING * rate;
        TrainingStep metrics =
                new TrainingStep(steps, lossValue, ess, accept, gradNorm, ms, stepsPerSecond, skipped);
        if (skippedInARow >= MAX_SKIPPED) {
            throw new TrainingDivergedException(
                    "training diverged: the loss was not finite for " + MAX_SKIPPED
                            + " steps in a row (try a smaller learning rate)");
        }
        return metrics;
    }

    private SampleSnapshot snapshotOf(double[] samples, double[] logW) {
        int[] shape = eventShape();
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        int n = samples.length / size;
        double[] lw = java.util.Arrays.copyOf(logW, n);
        return new SampleSnapshot(steps + 1, shape, samples, lw);
    }

    /**
     * Draws fresh model samples without gradients (for objectives that train on data).
     *
     * @param configurations how many
     * @return the snapshot
     */
    public SampleSnapshot freshSnapshot(int configurations) {
        try (NDManager scope = root.newSubManager()) {
            FlowSample s = flow.sample(scope, configurations, rng);
            NDArray logW = target.logP(s.x()).sub(s.logQ());
            return new SampleSnapshot(
                    steps, eventShape(), Tensors.toDoubles(s.x()), Tensors.toDoubles(logW));
        }
    }

    private int[] eventShape() {
        long[] shape = target.eventShape().getShape();
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = (int) shape[i];
        }
        return out;
    }

    @Override
    public void close() {
        shards.close();
        root.close();
    }
}
