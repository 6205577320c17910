package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
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
import org.flowlab.model.lattice.FieldGeometry;
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
            int shards = Math.min(layout, batch);
            int[] sizes = sizes(batch, shards);
            // one shard draws from the trainer's own source, exactly as an unsharded step
            SplittableRandom[] rngs = shards == 1 ? new SplittableRandom[] {rng} : split(rng, shards);
            int passes = passes(target, sizes[0]);
            // piece (shard i, pass r): its size, its random source, where its samples start
            int[][] pieceSizes = new int[shards][];
            SplittableRandom[][] pieceRngs = new SplittableRandom[shards][];
            int[][] pieceStarts = new int[shards][];
            int at = 0;
            for (int i = 0; i < shards; i++) {
                pieceSizes[i] = sizes(sizes[i], passes);
                pieceRngs[i] = passes == 1 ? new SplittableRandom[] {rngs[i]} : split(rngs[i], passes);
                pieceStarts[i] = new int[passes];
                for (int r = 0; r < passes; r++) {
                    pieceStarts[i][r] = at;
                    at += pieceSizes[i][r];
                }
            }
            ShardResult[][] results = new ShardResult[shards][passes];
            GradientSum sum = shards > 1 && passes > 1 ? new GradientSum(flow, step) : null;
            for (int r = 0; r < passes; r++) {
                List<Future<ShardResult>> helpersDone = new ArrayList<>();
                for (int i = 1; i < shards; i++) {
                    int n = pieceSizes[i][r];
                    int keep = Math.max(0, Math.min(n, keepSamples - pieceStarts[i][r]));
                    SplittableRandom source = pieceRngs[i][r];
                    helpersDone.add(helpers.submit(() -> shard(
                            objective, flow, target, step, collector, source, n, (double) n / batch, keep, true)));
                }
                try {
                    int n = pieceSizes[0][r];
                    int keep = Math.max(0, Math.min(n, keepSamples - pieceStarts[0][r]));
                    results[0][r] = shard(
                            objective,
                            flow,
                            target,
                            step,
                            collector,
                            pieceRngs[0][r],
                            n,
                            (double) n / batch,
                            keep,
                            false);
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
            List<ShardResult> pieces = new ArrayList<>();
            int[] flatSizes = new int[shards * passes];
            for (int i = 0; i < shards; i++) {
                for (int r = 0; r < passes; r++) {
                    flatSizes[pieces.size()] = pieceSizes[i][r];
                    pieces.add(results[i][r]);
                }
            }
            return combine(pieces, flatSizes, batch);
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

    /**
     * Adds the gradients of rounds of shards in a fixed order. Two shards add their gradients to
     * a zero buffer in whichever order they finish, and a + b = b + a; a third term would make
     * the sum depend on the order, (a + b) + c != (a + c) + b in floating point. So after each
     * round the buffers' sum moves into a running total, in round order, and the buffers start
     * the next round at zero; at the end the total goes back into the buffers (0 + total).
     */
    private static final class GradientSum {
        private final List<NDArray> parameters;
        private final NDManager step;
        private List<NDArray> total;

        GradientSum(FlowModel flow, NDManager step) {
            this.parameters = new ArrayList<>(flow.parameters().parameters().values());
            this.step = step;
        }

        /** Moves the buffers' gradients into the total and sets the buffers to zero. */
        void collect() {
            boolean first = total == null;
            if (first) {
                total = new ArrayList<>(parameters.size());
            }
            for (int k = 0; k < parameters.size(); k++) {
                NDArray g = parameters.get(k).getGradient();
                g.attach(step);
                if (first) {
                    NDArray copy = g.duplicate();
                    copy.attach(step);
                    total.add(copy);
                } else {
                    total.get(k).addi(g);
                }
                Compute.zeroGradient(parameters.get(k));
            }
        }

        /** Puts the total, if any round ran a backward pass, back into the (zero) buffers. */
        void restore() {
            if (total == null) {
                return;
            }
            for (int k = 0; k < parameters.size(); k++) {
                NDArray g = parameters.get(k).getGradient();
                g.attach(step);
                g.addi(total.get(k));
            }
        }
    }

    private void record(int layout, long nanos) {
        int changes = planner.switches();
        planner.record(layout, nanos);
        if (planner.switches() != changes) {
            LOG.fine("training steps now run in " + (planner.current() == 1 ? "one thread" : count + " shards")
                    + ": faster on this machine at the moment");
        }
    }

    /** Shard sizes: {@code n} split as evenly as possible, the larger shards first. */
    private static int[] sizes(int n, int shards) {
        int[] sizes = new int[shards];
        for (int i = 0; i < shards; i++) {
            sizes[i] = n / shards + (i < n % shards ? 1 : 0);
        }
        return sizes;
    }

    /** The shards' random sources, split off {@code rng} in shard order. */
    private static SplittableRandom[] split(SplittableRandom rng, int shards) {
        SplittableRandom[] rngs = new SplittableRandom[shards];
        for (int i = 0; i < shards; i++) {
            rngs[i] = rng.split();
        }
        return rngs;
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
        int shards = Math.min(planner.current(), n);
        if (shards == 1) {
            return logWeights(flow, target, root, rng, n);
        }
        int[] sizes = sizes(n, shards);
        SplittableRandom[] rngs = split(rng, shards);
        List<Future<double[]>> helpersDone = new ArrayList<>();
        for (int i = 1; i < shards; i++) {
            int size = sizes[i];
            SplittableRandom r = rngs[i];
            helpersDone.add(helpers.submit(() -> logWeights(flow, target, root, r, size)));
        }
        List<double[]> parts = new ArrayList<>();
        try {
            parts.add(logWeights(flow, target, root, rngs[0], sizes[0]));
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

    private double[] logWeights(FlowModel flow, Target target, NDManager root, SplittableRandom rng, int n) {
        int passes = passes(target, n);
        if (passes > 1) {
            int[] sizes = sizes(n, passes);
            SplittableRandom[] rngs = split(rng, passes);
            List<double[]> parts = new ArrayList<>();
            for (int i = 0; i < passes; i++) {
                parts.add(onePass(flow, target, root, rngs[i], sizes[i]));
            }
            return concat(parts);
        }
        return onePass(flow, target, root, rng, n);
    }

    private static double[] onePass(FlowModel flow, Target target, NDManager root, SplittableRandom rng, int n) {
        try (NDManager scope = root.newSubManager()) {
            FlowSample s = flow.sample(scope, n, rng);
            return Tensors.toDoubles(s.logWeights(target));
        }
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

    /**
     * How many passes {@code n} samples take: one unless they hold more than {@link #passSites}
     * lattice sites, then as few as keep every pass at or below it.
     */
    int passes(Target target, int n) {
        FieldGeometry geometry = target.geometry();
        if (passSites == Long.MAX_VALUE
                || (geometry != FieldGeometry.LATTICE_FIELD && geometry != FieldGeometry.U1_LINKS)) {
            return 1;
        }
        long size = geometry.latticeSize(target.eventShape());
        long sites = (long) n * size * size;
        return (int) Math.min(n, (sites + passSites - 1) / passSites);
    }

    private static ShardResult shard(
            Objective objective,
            FlowModel flow,
            Target target,
            NDManager step,
            GradientCollector collector,
            SplittableRandom rng,
            int batch,
            double weight,
            int keepSamples,
            boolean helperThread) {
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
