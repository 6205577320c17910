package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.mcmc.IndependenceMetropolis;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.observe.Observable;

/**
 * Trains a flow on a target with an objective and Adam, one step at a time.
 *
 * <p>Every step runs inside its own sub-manager and gradient collector, so nothing but scalars
 * and host copies outlives it. Every step checks its loss, its gradient norm and the norm of
 * the updated parameters and the log weights of its samples: at the first loss, parameter or
 * log weight that is not finite (or a gradient that
 * is not finite in {@value #MAX_GRADIENT_GLITCHES} steps in a row) the trainer returns to its
 * last good state (a copy of parameters and Adam's moments taken every
 * {@value #CHECKPOINT_EVERY} steps, whose loss and gradient were finite), forgets the steps
 * after it, and throws {@link TrainingDivergedException}; non-finite parameters never survive a
 * step. A non-finite gradient with a finite loss skips its update (logged, and marked in the
 * step's metrics): the engine's backward pass produces such glitches. Only one
 * trainer may step at a time in the process (DJL's gradient collector
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

    /**
     * Steps in a row whose loss was finite but whose gradient was not, after which training
     * stops as diverged; fewer are skipped. Such steps are not rare with small batch shards on
     * the CPU (the engine's backward pass then sporadically yields non-finite gradients for finite
     * losses), so they are skipped, logged and marked in the metrics rather than fatal.
     */
    public static final int MAX_GRADIENT_GLITCHES = 20;

    /** Steps between copies of the last good state, to which a diverged run returns. */
    public static final int CHECKPOINT_EVERY = 10;

    private static final double SMOOTHING = 0.1;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Trainer.class.getName());

    /** Steps between independence-Metropolis acceptance measurements on a fresh batch. */
    public static final int ACCEPT_EVERY = 10;

    /** Proposals per acceptance measurement. */
    public static final int ACCEPT_BATCH = 256;

    private final FlowModel flow;
    private final Target target;
    private final Objective objective;
    private final TrainingConfig config;
    private final Adam adam;
    private final SplittableRandom rng;
    private final BatchShards shards;
    private final FreshMeasurements fresh;
    private final NDManager root;
    private int steps;
    private final LastGoodState lastGood;
    private int gradientGlitches;
    private int skippedSteps;
    private double stepsPerSecond = Double.NaN;
    private volatile int snapshotSize;
    private SampleSnapshot pendingSnapshot;
    private final List<TrainingStep> history = new java.util.ArrayList<>();

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
        SplittableRandom measureRng = seeds.split();
        this.root = Compute.newManager(flow.parameters().device());
        this.root.setName("trainer");
        // one shard on a GPU, and for continuous flows: in adjoint mode their objectives run their
        // own backward passes over the whole batch, and back-propagation must draw the very same
        // samples for the two gradient routes to be comparable
        boolean single = flow.parameters().device().isGpu() || flow.transform() instanceof ContinuousFlow;
        this.shards = new BatchShards(
                single ? 1 : Compute.trainingShards(),
                Compute.shardsFollowLoad(),
                single ? Long.MAX_VALUE : BatchShards.PASS_SITES,
                Thread.currentThread().getName());
        this.fresh = new FreshMeasurements(flow, target, root, measureRng, shards);
        // what a checkpoint copies: the parameters, then Adam's two flat moments
        List<NDArray> state =
                new java.util.ArrayList<>(flow.parameters().parameters().values());
        state.addAll(adam.moments());
        this.lastGood = new LastGoodState(root, CHECKPOINT_EVERY, state);
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
     * @throws TrainingDivergedException at the first non-finite loss, gradient or parameter, after
     *     returning to the last good state
     */
    public TrainingStep step() {
        long start = System.nanoTime();
        lastGood.beforeStep(steps, adam.updates());
        adam.setLearningRate(config.learningRateAt(steps));
        Attempt attempt = attempt();
        boolean skipped = false;
        if (attempt.gradientOnly() && ++gradientGlitches < MAX_GRADIENT_GLITCHES) {
            // a finite loss with a non-finite gradient also comes from sporadic glitches of the
            // engine's backward pass: the parameters are untouched, so the step is skipped (and
            // marked so in the metrics); a real blow-up repeats and stops training below
            skippedSteps++;
            if (skippedSteps == 1 || skippedSteps % 100 == 0) {
                LOG.warning("step " + (steps + 1) + " skipped: " + attempt.diverged()
                        + "; the parameters were not changed (" + skippedSteps + " step"
                        + (skippedSteps == 1 ? "" : "s") + " skipped so far; metrics mark each)");
            }
            skipped = true;
        } else if (attempt.diverged() != null) {
            throw rollBack(
                    steps + 1,
                    attempt.diverged()
                            + (attempt.gradientOnly() ? " in " + MAX_GRADIENT_GLITCHES + " steps in a row" : ""));
        } else {
            gradientGlitches = 0;
        }
        double lossValue = attempt.loss();
        double gradNorm = attempt.gradNorm();
        double ess = attempt.ess();
        // the step's own time, without the occasional measurements below
        double ms = (System.nanoTime() - start) / 1e6;
        double accept = Double.NaN;
        if ((steps + 1) % ACCEPT_EVERY == 0 || steps == 0) {
            accept = IndependenceMetropolis.acceptRate(fresh.logWeights(ACCEPT_BATCH), fresh.rng());
        }
        if (snapshotSize > 0 && pendingSnapshot == null) {
            pendingSnapshot = fresh.snapshot(snapshotSize, steps);
        }
        snapshotSize = 0;
        steps++;
        // throughput counts everything
        double rate = 1000.0 / Math.max((System.nanoTime() - start) / 1e6, 1e-6);
        stepsPerSecond = Double.isNaN(stepsPerSecond) ? rate : (1 - SMOOTHING) * stepsPerSecond + SMOOTHING * rate;
        TrainingStep metrics = new TrainingStep(steps, lossValue, ess, accept, gradNorm, ms, stepsPerSecond, skipped);
        history.add(metrics);
        return metrics;
    }

    /**
     * What one forward and backward pass gave.
     *
     * @param loss the loss
     * @param gradNorm the gradient norm (NaN when not computed)
     * @param ess the ESS fraction (NaN after a failure)
     * @param diverged what was not finite, or null
     * @param gradientOnly whether only the gradient was not finite (the loss was)
     */
    private record Attempt(double loss, double gradNorm, double ess, String diverged, boolean gradientOnly) {

        /** A failure that stops training: something other than the gradient alone was not finite. */
        static Attempt fatal(double loss, double gradNorm, String what) {
            return new Attempt(
                    loss, gradNorm, Double.NaN, what + " (loss " + loss + ", gradient norm " + gradNorm + ")", false);
        }
    }

    /** One forward and backward pass and, when every value is finite, Adam's update. */
    private Attempt attempt() {
        double lossValue;
        double gradNorm = Double.NaN;
        String diverged = null;
        boolean gradientOnly = false;
        try (NDManager step = root.newSubManager()) {
            double[] logW;
            double[] samples;
            try (GradientCollector collector = Compute.engine().newGradientCollector()) {
                BatchShards.Result out =
                        shards.run(objective, flow, target, step, collector, rng, config.batch(), snapshotSize);
                lossValue = out.loss();
                logW = out.logWeights();
                samples = out.samples();
                if (Double.isFinite(lossValue)) {
                    List<NDArray> grads = adam.gradients(step);
                    NDArray flat = Adam.flatten(grads);
                    gradNorm = Adam.norm(flat);
                    if (Double.isFinite(gradNorm)) {
                        lastGood.confirm();
                        adam.update(flat);
                    } else {
                        diverged = "the gradient norm is " + gradNorm + " (the loss was " + lossValue + ")";
                        gradientOnly = true;
                        Adam.clear(grads);
                    }
                } else {
                    diverged = "the loss is " + lossValue;
                    if (out.backwardDone()) {
                        // a shard's (or the objective's own) backward pass reached the gradients: drop them
                        Adam.clear(adam.gradients(step));
                    }
                }
            }
            if (diverged != null) {
                double ess = gradientOnly && logW != null ? Ess.fraction(logW) : Double.NaN;
                if (gradientOnly && logW != null && Double.isNaN(ess)) {
                    return Attempt.fatal(lossValue, gradNorm, "the flow's samples have non-finite log weights");
                }
                return new Attempt(lossValue, gradNorm, ess, diverged, gradientOnly);
            }
            if (!Double.isFinite(flow.parameters().norm(step))) {
                return Attempt.fatal(lossValue, gradNorm, "its update made the parameters non-finite");
            }
            if (logW == null) {
                // the objective drew no model samples (forward KL): draw a batch for the ESS
                FlowSample s = fresh.sample(step, config.batch());
                logW = Tensors.toDoubles(s.logWeights(target));
                samples = snapshotSize > 0
                        ? Tensors.toDoubles(
                                s.x().get(new NDIndex().addSliceDim(0, Math.min(snapshotSize, config.batch()))))
                        : null;
            }
            double ess = Ess.fraction(logW);
            if (Double.isNaN(ess)) {
                return Attempt.fatal(lossValue, gradNorm, "the flow's samples have non-finite log weights");
            }
            if (snapshotSize > 0 && samples != null) {
                pendingSnapshot = fresh.snapshotOf(samples, logW, steps + 1);
            }
            return new Attempt(lossValue, gradNorm, ess, null, false);
        }
    }

    /**
     * Returns to the last good checkpoint and builds the exception that reports the divergence.
     *
     * @param failedStep the step that failed (1-based)
     * @param reason what was not finite
     * @return the exception to throw
     */
    private TrainingDivergedException rollBack(int failedStep, String reason) {
        snapshotSize = 0;
        pendingSnapshot = null;
        String back;
        if (lastGood.differsFrom(steps, adam.updates())) {
            lastGood.restore();
            steps = lastGood.steps();
            adam.setUpdates(lastGood.updates());
            int kept = steps;
            history.removeIf(h -> h.step() > kept);
            back = "rolled back to the parameters after step " + steps;
        } else {
            back = "the parameters are those after step " + steps;
        }
        return new TrainingDivergedException("training diverged at step " + failedStep + ": " + reason + "; " + back
                + "; try a smaller learning rate");
    }

    /**
     * How the steps split their batch: into how many shards, how many they use now, and how
     * often that changed with the machine's load.
     *
     * @return the layout
     */
    public ShardLayout shardLayout() {
        return shards.layout();
    }

    /**
     * Log weights of a fresh batch of model samples from the measurement stream, drawn without
     * gradients, in batch shards at the same time like a training step.
     *
     * @param n the batch size
     * @return log w = -S - log q per sample
     */
    public double[] freshLogWeights(int n) {
        return fresh.logWeights(n);
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
        double loss =
                history.isEmpty() ? Double.NaN : history.get(history.size() - 1).loss();
        return fresh.evaluate(n, observables, steps, loss);
    }

    /**
     * The metrics of every step so far (including steps restored from a saved run).
     *
     * @return an unmodifiable view
     */
    public List<TrainingStep> history() {
        return java.util.Collections.unmodifiableList(history);
    }

    /**
     * Restores the state of a saved run: completed steps, their metrics and Adam's count.
     *
     * @param previous the saved metrics, in order
     * @param stepsDone the number of completed steps
     * @param adamUpdates Adam's update count
     */
    public void restore(List<TrainingStep> previous, int stepsDone, long adamUpdates) {
        if (stepsDone < 0 || adamUpdates < 0 || adamUpdates > stepsDone) {
            throw new IllegalArgumentException(
                    "inconsistent state: " + stepsDone + " steps and " + adamUpdates + " Adam updates");
        }
        lastGood.forget();
        history.clear();
        history.addAll(previous);
        steps = stepsDone;
        adam.setUpdates(adamUpdates);
    }

    /**
     * Steps skipped so far because their gradient was not finite (their loss was).
     *
     * @return the count
     */
    public int skippedSteps() {
        return skippedSteps;
    }

    /**
     * The objective.
     *
     * @return the objective
     */
    public Objective objective() {
        return objective;
    }

    /**
     * Draws fresh model samples without gradients (for objectives that train on data).
     *
     * @param configurations how many
     * @return the snapshot
     */
    public SampleSnapshot freshSnapshot(int configurations) {
        return fresh.snapshot(configurations, steps);
    }

    @Override
    public void close() {
        lastGood.close();
        shards.close();
        root.close();
    }
}
