package org.flowlab.model.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.lattice.Target;

/**
 * Runs the forward and backward passes of one training step with the batch split into shards
 * that run at the same time, one per thread, each with one native thread.
 *
 * <p>Why: the tensors of a small lattice flow are tiny (a few ten thousand numbers), so a
 * single operation gains little from several native threads, while the samples of a batch are
 * independent. Splitting the batch keeps every core busy for the whole step without
 * synchronising inside each operation. Every objective here is a mean over independent samples,
 * L = sum_i (n_i / n) L_i over shards of n_i samples, so each shard back-propagates its own mean
 * weighted by n_i / n and the gradients add up in the parameters' gradient buffers: the update is
 * that of the whole batch (float addition is commutative, so the order in which two shards
 * arrive does not change the sum).
 *
 * <p>With one shard everything runs on the calling thread with the trainer's own random source,
 * exactly as an unsharded step. With more, each shard draws from a generator split off the
 * trainer's source in shard order, so a run stays reproducible for a given shard count.
 *
 * <p>On a large lattice a shard runs its samples in several passes, one after the other, each
 * freeing its arrays before the next ({@link #PASS_SITES}); the passes draw from generators
 * split off the shard's in pass order. The shards then run in rounds, pass r of every shard at
 * the same time, and the rounds' gradients are added in round order, so the sum does not depend
 * on which thread finishes first.
 *
 * <p>Each step asks a {@link ShardPlanner} whether to use all shards or to run the batch whole on
 * the calling thread (faster when other programs keep the cores busy), and reports how long the
 * step took.
 */
final class BatchShards implements AutoCloseable {

    /**
     * What the shards computed, copied to the host.
     *
     * @param loss the loss of the whole batch (NaN or infinite if any shard's was)
     * @param logWeights log weights of all samples in shard order, or null if the objective drew
     *     no model samples
     * @param samples the first requested samples, row-major, or null
     * @param backwardDone whether any shard ran its backward pass (its gradients are in the
     *     parameters' buffers)
     */
    record Result(double loss, double[] logWeights, double[] samples, boolean backwardDone) {}

    private record ShardResult(double loss, double[] logWeights, double[] samples, boolean backwardDone) {}

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(BatchShards.class.getName());

    /**
     * Most lattice sites (samples x sites per sample) one pass of a shard takes on the CPU; a
     * shard with more runs its samples in several passes. Why: the convolutions' gathered columns
     * (9 x channels numbers per site) of a pass over 32 samples of 32 x 32 sites are 9 MB per
     * layer and no longer stay in the processor's cache between the gather that writes them and
     * the product that reads them. Measured on the phi^4 RealNVP at L = 32 (performance.md,
     * twelfth session): passes of 16,384 sites made a step 7 to 20 % faster, smaller passes
     * were slower again (per-operation overheads), and at L = 16 (8,192 or 16,384 sites per
     * shard, one pass) splitting only cost time.
     */
    static final long PASS_SITES = 16_384;

    private final int count;
    private final long passSites;
    private final ShardPlanner planner;
    private final ExecutorService helpers;

    /**
     * Creates the shard runner.
     *
     * @param count number of shards (1 runs on the calling thread only)
     * @param followLoad whether a step may run whole on the calling thread when that is faster
     *     (see {@link ShardPlanner}); false always uses every shard
     * @param passSites most lattice sites per pass ({@link #PASS_SITES}), or
     *     {@code Long.MAX_VALUE} for one pass per shard whatever its size (a GPU, or objectives
     *     that must see their batch whole)
     * @param threadName prefix of the helper threads' names
     */
    BatchShards(int count, boolean followLoad, long passSites, String threadName) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one shard, got " + count);
        }
        if (passSites < 1) {
            throw new IllegalArgumentException("a pass needs at least one site, got " + passSites);
        }
        this.count = count;
        this.passSites = passSites;
        this.planner = followLoad ? ShardPlanner.followingLoad(count) : ShardPlanner.fixed(count);
        if (count == 1) {
            helpers = null;
        } else {
            int[] made = {0};
            helpers = Executors.newFixedThreadPool(count - 1, r -> {
                Thread t = new Thread(r, threadName + "-shard-" + (++made[0]));
                t.setDaemon(true);
                return t;
            });
        }
    }

    /**
     * The layout: the number of shards, the number in use now, and how often that changed.
     *
     * @return the layout
     */
    ShardLayout layout() {
        return new ShardLayout(count, planner.current(), planner.switches());
    }

    /**
     * Evaluates the objective on every shard and, where a shard's loss is finite, runs its
     * backward pass.
     *
     * @param objective the loss
     * @param flow the flow
     * @param target the target
     * @param step the step's manager (each shard works in a sub-manager of it)
     * @param collector the step's open gradient collector
     * @param rng the trainer's random source
     * @param batch the batch size
     * @param keepSamples how many model samples to copy to the host (0 for none)
     * @return the combined result
     */
    Result run(
            Objective objective,
            FlowModel flow,
            Target target,
            NDManager step,
            GradientCollector collector,
            SplittableRandom rng,
            int batch,
            int keepSamples) {
        int layout = planner.next();
        long start = System.nanoTime();
        try {
            BatchPieces pieces = BatchPieces.cut(batch, Math.min(layout, batch), passSites, target, rng);
            int shards = pieces.shards();
            int passes = pieces.passes();
            ShardResult[][] results = new ShardResult[shards][passes];
            RoundGradientSum sum = shards > 1 && passes > 1 ? new RoundGradientSum(flow, step) : null;
            for (int r = 0; r < passes; r++) {
                int round = r;
                List<Future<ShardResult>> helpersDone = new ArrayList<>();
                for (int i = 1; i < shards; i++) {
                    int shard = i;
                    helpersDone.add(helpers.submit(() -> shard(
                            objective, flow, target, step, collector, pieces, shard, round, batch, keepSamples, true)));
                }
                try {
                    results[0][r] =
                            shard(objective, flow, target, step, collector, pieces, 0, r, batch, keepSamples, false);
                } catch (RuntimeException | Error e) {
                    // no shard may still be running when the step's scope closes
                    waitQuietly(helpersDone);
                    throw e;
                }
                for (int i = 1; i < shards; i++) {
                    results[i][r] = await(helpersDone.get(i - 1));
                }
                if (sum != null && anyBackward(results, r)) {
                    sum.collect();
                }
            }
            if (sum != null) {
                sum.restore();
            }
            List<ShardResult> inOrder = new ArrayList<>();
            for (ShardResult[] shard : results) {
                inOrder.addAll(List.of(shard));
            }
            return combine(inOrder, pieces.flatSizes(), batch);
        } finally {
            // a failed step ends the run, so its time, recorded too, decides nothing
            record(layout, System.nanoTime() - start);
        }
    }

    private static boolean anyBackward(ShardResult[][] results, int round) {
        for (ShardResult[] shard : results) {
            if (shard[round].backwardDone()) {
                return true;
            }
        }
        return false;
    }

    private void record(int layout, long nanos) {
        int changes = planner.switches();
        planner.record(layout, nanos);
        if (planner.switches() != changes) {
            LOG.fine("training steps now run in " + (planner.current() == 1 ? "one thread" : count + " shards")
                    + ": faster on this machine at the moment");
        }
    }

    /** Waits for every helper, ignoring their failures (the caller's is the one reported). */
    private static void waitQuietly(List<? extends Future<?>> helpersDone) {
        for (Future<?> f : helpersDone) {
            try {
                f.get();
            } catch (ExecutionException ignored) {
                // the first failure is the one reported
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch shard", e);
        }
    }

    /**
     * Log weights of {@code n} fresh model samples drawn without gradients, split into shards
     * that run at the same time like a training step's, in the layout the steps use now (with one
     * shard on the calling thread with {@code rng} itself; with more, each draws from a generator
     * split off {@code rng} in shard order).
     *
     * @param flow the flow
     * @param target the target
     * @param root the manager the shards' scopes open under
     * @param rng the measurement stream
     * @param n the number of samples
     * @return log w = log p - log q per sample, in shard order
     */
    double[] freshLogWeights(FlowModel flow, Target target, NDManager root, SplittableRandom rng, int n) {
        BatchPieces pieces = BatchPieces.cut(n, Math.min(planner.current(), n), passSites, target, rng);
        List<Future<double[]>> helpersDone = new ArrayList<>();
        for (int i = 1; i < pieces.shards(); i++) {
            int shard = i;
            helpersDone.add(helpers.submit(() -> logWeights(flow, target, root, pieces, shard)));
        }
        List<double[]> parts = new ArrayList<>();
        try {
            parts.add(logWeights(flow, target, root, pieces, 0));
        } catch (RuntimeException | Error e) {
            // no shard may still be running when the caller closes the flow or the manager
            waitQuietly(helpersDone);
            throw e;
        }
        for (Future<double[]> f : helpersDone) {
            parts.add(await(f));
        }
        return concat(parts);
    }

    /** The log weights of one shard's fresh samples, pass after pass. */
    private static double[] logWeights(FlowModel flow, Target target, NDManager root, BatchPieces pieces, int shard) {
        List<double[]> parts = new ArrayList<>();
        for (int r = 0; r < pieces.passes(); r++) {
            int n = pieces.size(shard, r);
            if (n == 0) {
                continue;
            }
            try (NDManager scope = root.newSubManager()) {
                FlowSample s = flow.sample(scope, n, pieces.rng(shard, r));
                parts.add(Tensors.toDoubles(s.logWeights(target)));
            }
        }
        return parts.size() == 1 ? parts.get(0) : concat(parts);
    }

    private static Result combine(List<ShardResult> parts, int[] sizes, int batch) {
        double loss = 0;
        boolean backward = false;
        boolean weights = parts.get(0).logWeights() != null;
        double[] logWeights = weights ? new double[batch] : null;
        List<double[]> samples = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            ShardResult p = parts.get(i);
            loss += p.loss() * sizes[i] / batch;
            backward |= p.backwardDone();
            if (weights) {
                System.arraycopy(p.logWeights(), 0, logWeights, at, sizes[i]);
            }
            if (p.samples() != null) {
                samples.add(p.samples());
            }
            at += sizes[i];
        }
        return new Result(loss, logWeights, samples.isEmpty() ? null : concat(samples), backward);
    }

    private static double[] concat(List<double[]> parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** How many passes {@code n} samples take with this runner's pass size (see {@link BatchPieces#passes}). */
    int passes(Target target, int n) {
        return BatchPieces.passes(target, n, passSites);
    }

    /** Evaluates piece (shard, pass) and, where its loss is finite, runs its backward pass. */
    private static ShardResult shard(
            Objective objective,
            FlowModel flow,
            Target target,
            NDManager step,
            GradientCollector collector,
            BatchPieces pieces,
            int shard,
            int pass,
            int total,
            int keepFirst,
            boolean helperThread) {
        int batch = pieces.size(shard, pass);
        double weight = (double) batch / total;
        int keepSamples = pieces.kept(shard, pass, keepFirst);
        SplittableRandom rng = pieces.rng(shard, pass);
        if (batch == 0) {
            // a smaller shard may have one pass fewer than the largest (a few samples of a huge
            // lattice): nothing to evaluate in that round
            return new ShardResult(0, new double[0], null, false);
        }
        if (helperThread) {
            // gradient recording is a per-thread switch in PyTorch; the step's collector turned it on
            // for the trainer's thread only
            Compute.setGradientRecording(true);
        }
        try (NDManager scope = step.newSubManager()) {
            StepOutput out = objective.evaluate(flow, target, new StepContext(scope, rng, batch, collector));
            double loss = Tensors.toDoubles(out.loss())[0];
            double[] logWeights = out.logWeights() == null ? null : Tensors.toDoubles(out.logWeights());
            double[] samples = null;
            if (keepSamples > 0 && out.samples() != null) {
                samples = Tensors.toDoubles(out.samples().get(new NDIndex().addSliceDim(0, keepSamples)));
            }
            boolean backward;
            if (out.gradientLoss() == null) {
                // the objective ran its own backward passes over this (whole, unsharded) batch
                if (weight != 1.0) {
                    throw new IllegalStateException(
                            objective.name() + " back-propagates by itself and cannot be sharded");
                }
                backward = true;
            } else {
                backward = Double.isFinite(loss);
                if (backward) {
                    // a tensor factor, not a number: see Tensors.constant
                    collector.backward(weight == 1.0 ? out.gradientLoss() : Tensors.scale(out.gradientLoss(), weight));
                }
            }
            return new ShardResult(loss, logWeights, samples, backward);
        } finally {
            if (helperThread) {
                Compute.setGradientRecording(false);
            }
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
