package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;

import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.mcmc.IndependenceMetropolis;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.observe.Observable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 *
 * <p>Two random streams, both split off the seed: the training stream feeds the objective (base
 * samples, minibatches) and nothing else; the measurement stream feeds everything that only
 * observes the flow (fresh batches for the acceptance and the ESS of data-driven objectives,
 * picture samples, {@link #evaluate}). So the training trajectory does not depend on how often
 * or when anything is measured.
 */
public final class Trainer implements AutoCloseable {

    /** Consecutive non-finite steps after which training is declared diverged. */
    public static final int MAX_SKIPPED = 20;

    private static final double SMOOTHING = 0.1;

    /** Steps between independence-Metropolis acceptance measurements on a fresh batch. */
    public static final int ACCEPT_EVERY = 10;

    /** Proposals per acceptance measurement. */
    public static final int ACCEPT_BATCH = 256;

    /** Most samples {@link #evaluate} draws in one forward pass. */
    private static final int EVALUATION_BATCH = 1024;

    private final FlowModel flow;
    private final Target target;
    private final Objective objective;
    private final TrainingConfig config;
    private final Adam adam;
    private final SplittableRandom rng;
    private final BatchShards shards;
    private final SplittableRandom measureRng;
    private final NDManager root;
    private int steps;
    private int skippedInARow;
    private double stepsPerSecond = Double.NaN;
    private volatile int snapshotSize;
    private SampleSnapshot pendingSnapshot;
    private final List<TrainingStep> history = new ArrayList<>();

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
        this.measureRng = seeds.split();
        this.root = Compute.newManager(flow.parameters().device());
        this.root.setName("trainer");
        // one shard on a GPU, and for continuous flows: in adjoint mode their objectives run their
        // own backward passes over the whole batch, and back-propagation must draw the very same
        // samples for the two gradient routes to be comparable
        boolean single = flow.parameters().device().isGpu() || flow.transform() instanceof ContinuousFlow;
        this.shards = new BatchShards(single ? 1 : Compute.trainingShards(), Thread.currentThread().getName());
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
     * Runs one optimiser step: the objective's loss and its gradient, an Adam update, the ESS
     * of model samples (the step's own, or a fresh batch for objectives that train on data),
     * and every {@value #ACCEPT_EVERY} steps the independence-Metropolis acceptance over
     * {@value #ACCEPT_BATCH} fresh proposals.
     *
     * @return its metrics
     * @throws TrainingDivergedException after too many non-finite steps in a row
     */
    public TrainingStep step() {
        long start = System.nanoTime();
        double lossValue;
        double ess = Double.NaN;
        double gradNorm = Double.NaN;
        boolean skipped;
        try (NDManager step = root.newSubManager()) {
            double[] logW;
            double[] samples;
            try (GradientCollector collector = Compute.engine().newGradientCollector()) {
                BatchShards.Result out =
                        shards.run(objective, flow, target, step, collector, rng, config.batch(), snapshotSize);
                lossValue = out.loss();
                logW = out.logWeights();
                samples = out.samples();
                skipped = !Double.isFinite(lossValue);
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
                    // a shard's (or the objective's own) backward pass reached the gradients: drop them
                    Adam.clear(adam.gradients(step));
                }
            }
            if (logW == null) {
                // the objective drew no model samples (forward KL): draw a batch for the ESS
                FlowSample s = flow.sample(step, config.batch(), measureRng);
                logW = Tensors.toDoubles(target.logP(s.x()).sub(s.logQ()));
                samples = snapshotSize > 0
                        ? Tensors.toDoubles(s.x().get(new NDIndex().addSliceDim(0, Math.min(snapshotSize, config.batch()))))
                        : null;
            }
            ess = Ess.fraction(logW);
            if (snapshotSize > 0 && samples != null) {
                pendingSnapshot = snapshotOf(samples, logW);
            }
        }
        // the step's own time, without the occasional measurements below
        double ms = (System.nanoTime() - start) / 1e6;
        double accept = Double.NaN;
        if ((steps + 1) % ACCEPT_EVERY == 0 || steps == 0) {
            accept = IndependenceMetropolis.acceptRate(freshLogWeights(ACCEPT_BATCH), measureRng);
        }
        if (snapshotSize > 0 && pendingSnapshot == null) {
            pendingSnapshot = freshSnapshot(snapshotSize);
        }
        snapshotSize = 0;
        steps++;
        skippedInARow = skipped ? skippedInARow + 1 : 0;
        // throughput counts everything
        double rate = 1000.0 / Math.max((System.nanoTime() - start) / 1e6, 1e-6);
        stepsPerSecond =
                Double.isNaN(stepsPerSecond) ? rate : (1 - SMOOTHING) * stepsPerSecond + SMOOTHING * rate;
        TrainingStep metrics =
                new TrainingStep(steps, lossValue, ess, accept, gradNorm, ms, stepsPerSecond, skipped);
        history.add(metrics);
        if (skippedInARow >= MAX_SKIPPED) {
            throw new TrainingDivergedException(
                    "training diverged: the loss was not finite for " + MAX_SKIPPED
                            + " steps in a row (try a smaller learning rate)");
        }
        return metrics;
    }

    /**
     * How many shards a step splits its batch into (1: the whole batch on the training thread).
     *
     * @return the count
     */
    public int shards() {
        return shards.count();
    }

    /**
     * Log weights of a fresh batch of model samples, drawn without gradients from the
     * measurement stream.
     *
     * @param n the batch size
     * @return log w = -S - log q per sample
     */
    public double[] freshLogWeights(int n) {
        try (NDManager scope = root.newSubManager()) {
            FlowSample s = flow.sample(scope, n, measureRng);
            return Tensors.toDoubles(target.logP(s.x()).sub(s.logQ()));
        }
    }

    /**
     * Measures the flow now on {@code n} fresh samples from the measurement stream: their ESS,
     * the acceptance of an independence-Metropolis chain over them, the reweighted observables,
     * and the loss of the last training step. Drawing them does not change the training
     * trajectory.
     *
     * @param n the number of fresh samples (at least 2)
     * @param observables what to estimate (may be empty)
     * @return the evaluation
     */
    public Evaluation evaluate(int n, List<Observable> observables) {
        FlowEvaluation fresh = FlowEvaluation.evaluate(
                flow, target, observables, n, Math.min(n, EVALUATION_BATCH), root, measureRng);
        double loss = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).loss();
        return new Evaluation(steps, loss, fresh.samples(), fresh.ess(), fresh.acceptRate(), fresh.reweighted());
    }

    /**
     * The metrics of every step so far (including steps restored from a saved run).
     *
     * @return an unmodifiable view
     */
    public List<TrainingStep> history() {
        return Collections.unmodifiableList(history);
    }

    /**
     * Restores the state of a saved run: completed steps, their metrics and Adam's count.
     *
     * @param previous the saved metrics, in order
     * @param stepsDone the number of completed steps
     * @param adamUpdates Adam's update count
     */
    public void restore(List<TrainingStep> previous, int stepsDone, int adamUpdates) {
        history.clear();
        history.addAll(previous);
        steps = stepsDone;
        adam.setUpdates(adamUpdates);
    }

    /**
     * The objective.
     *
     * @return the objective
     */
    public Objective objective() {
        return objective;
    }

    private SampleSnapshot snapshotOf(double[] samples, double[] logW) {
        int[] shape = eventShape();
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        int n = samples.length / size;
        double[] lw = Arrays.copyOf(logW, n);
        return new SampleSnapshot(steps + 1, shape, samples, lw);
    }

    /**
     * Draws fresh model samples without gradients from the measurement stream (pictures, and
     * the snapshots of objectives that train on data).
     *
     * @param configurations how many
     * @return the snapshot
     */
    public SampleSnapshot freshSnapshot(int configurations) {
        try (NDManager scope = root.newSubManager()) {
            FlowSample s = flow.sample(scope, configurations, measureRng);
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
