package org.flowlab.model.anneal;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.train.TrainingStep;

/**
 * Runs a chain of flows along a schedule of targets p_0, ..., p_K (annealing), optionally with
 * Monte Carlo updates at each intermediate target (a stochastic normalizing flow), or with the
 * Monte Carlo updates alone (annealed importance sampling, Neal arXiv:physics/9803008).
 *
 * <p>Two sets of samples travel along the chain: a training pool, on which each stage's flow is
 * trained (reverse KL of the pushed previous target against the next), and evaluation samples,
 * which no flow has seen and which carry the accumulated weights
 *
 * <pre>
 * log w_k = log w_{k-1} + S_{k-1}(x) - S_k(f_k(x)) + log|det J_{f_k}(x)|,      w_0 = 1,
 * </pre>
 *
 * taken before the Monte Carlo updates at p_k. Then E[w_k] = Z_k / Z_0 and the reweighted
 * average sum w_k O / sum w_k is a consistent estimate of &lt;O&gt;_{p_k} at every stage, whatever
 * the quality of the flows (which sets only the variance). The chain starts from HMC samples of
 * p_0 (w_0 = 1) or from the flows' prior r, counted as S_{-1} = -log r with Z = 1, so that
 * log Z is absolute (Caselle et al., arXiv:2201.08862; Wu et al., arXiv:2002.06707).
 */
public final class AnnealedChain {

    /** Receives a chain's progress on the thread that runs it. */
    public interface Listener {
        /**
         * A stage starts.
         *
         * @param stage the result index it will have
         * @param value the coupling at its target
         */
        default void stageStarted(int stage, double value) {}

        /**
         * A training step of the current stage.
         *
         * @param stage the stage
         * @param step its metrics
         */
        default void step(int stage, TrainingStep step) {}

        /**
         * A stage is finished.
         *
         * @param result its estimates
         */
        default void stageFinished(StageResult result) {}
    }

    private AnnealedChain() {}

    /**
     * Runs the chain on the calling thread (the training thread, where flows are trained).
     *
     * @param spec the chain
     * @param listener progress (may do nothing)
     * @param cancelled polled between steps and batches
     * @return the result
     * @throws java.util.concurrent.CancellationException when cancelled
     * @throws org.flowlab.model.train.TrainingDivergedException when a stage's training diverged
     */
    public static ChainResult run(ChainSpec spec, Listener listener, BooleanSupplier cancelled) {
        long started = System.nanoTime();
        Device device = Compute.resolve(spec.device());
        SplittableRandom seeds = new SplittableRandom(spec.seed());
        long evalSeed = seeds.nextLong();
        long poolSeed = seeds.nextLong();
        SplittableRandom moveRng = seeds.split();
        Target first = spec.target(0);
        int size = (int) first.eventShape().size();
        int poolSize = spec.hasFlows() ? spec.pool() : Math.min(spec.pool(), 16);
        List<StageResult> results = new ArrayList<>();
        List<byte[]> parameters = new ArrayList<>();
        Ensemble eval;
        Ensemble pool;
        double logZBase;
        double previousExact;
        ToDoubleFunction<double[]> previousAction;
        Target previousTarget;
        int firstMove;
        if (spec.base() == ChainSpec.Base.HMC) {
            long t0 = System.nanoTime();
            eval = new Ensemble(BaseSampler.sample(first, spec.samples(), evalSeed, cancelled), size);
            pool = new Ensemble(BaseSampler.sample(first, poolSize, poolSeed, cancelled), size);
            logZBase = FreeEnergy.exactLogZ(spec.theoryKind(), spec.targetSettings(0));
            previousExact = logZBase;
            StageResult base = StageStatistics.evaluate(
                    spec,
                    0,
                    0,
                    false,
                    eval,
                    null,
                    logZBase,
                    Double.NaN,
                    null,
                    Double.NaN,
                    (System.nanoTime() - t0) / 1e9);
            results.add(base);
            listener.stageFinished(base);
            previousAction = first::action;
            previousTarget = first;
            firstMove = 1;
        } else {
            BasePrior prior = BasePrior.of(first);
            eval = new Ensemble(prior.sample(spec.samples(), size, new SplittableRandom(evalSeed)), size);
            pool = new Ensemble(prior.sample(poolSize, size, new SplittableRandom(poolSeed)), size);
            logZBase = 0;
            previousExact = 0;
            previousAction = prior::action;
            previousTarget = null;
            firstMove = 0;
        }
        byte[] previousParameters = null;
        int last = spec.schedule().size() - 1;
        for (int j = firstMove; j <= last; j++) {
            long t0 = System.nanoTime();
            int index = results.size();
            Target target = spec.target(j);
            listener.stageStarted(index, spec.schedule().value(j));
            double[] before = eval.logWeights.clone();
            StageResult.Training training = null;
            if (spec.hasFlows()) {
                long stageSeed = seeds.nextLong();
                byte[] start = spec.warmStart() ? previousParameters : null;
                try (FlowStage stage = FlowStage.build(spec, target, start, device, stageSeed)) {
                    if (previousTarget == null) {
                        BasePrior.of(first).check(stage.flow());
                    }
                    final int stageIndex = index;
                    training = stage.train(
                            spec,
                            previousTarget,
                            previousTarget == null ? null : pool,
                            stageSeed,
                            s -> listener.step(stageIndex, s),
                            cancelled);
                    stage.push(eval, previousAction, cancelled);
                    if (j < last) {
                        stage.push(pool, previousAction, cancelled);
                    }
                    previousParameters = stage.parameters();
                    parameters.add(previousParameters);
                }
            } else {
                annealWithoutFlow(eval, previousAction, target);
                annealWithoutFlow(pool, previousAction, target);
            }
            Ensemble measured = eval;
            double accept = Double.NaN;
            if (spec.hmcBetween() > 0 && j < last) {
                // the estimates of this stage use the samples as the flow left them; the updates
                // prepare them for the next stage and leave their weights alone
                measured = copy(eval);
                Moves moves = Moves.tune(target, pool, moveRng);
                moves.apply(pool, spec.hmcBetween(), moveRng, cancelled);
                accept = moves.apply(eval, spec.hmcBetween(), moveRng, cancelled);
            }
            double exact = FreeEnergy.exactLogZ(spec.theoryKind(), spec.targetSettings(j));
            StageResult result = StageStatistics.evaluate(
                    spec,
                    index,
                    j,
                    true,
                    measured,
                    before,
                    logZBase,
                    previousExact,
                    training,
                    accept,
                    (System.nanoTime() - t0) / 1e9);
            results.add(result);
            listener.stageFinished(result);
            previousExact = exact;
            previousAction = target::action;
            previousTarget = target;
        }
        return new ChainResult(
                spec, results, parameters, Compute.describe(device), (System.nanoTime() - started) / 1e9);
    }

    /** The identity map of annealed importance sampling: log w += S_{k-1}(x) - S_k(x). */
    private static void annealWithoutFlow(Ensemble ensemble, ToDoubleFunction<double[]> previousAction, Target target) {
        double[] x = new double[ensemble.size];
        for (int i = 0; i < ensemble.count; i++) {
            ensemble.read(i, x);
            ensemble.logWeights[i] += previousAction.applyAsDouble(x) - target.action(x);
        }
    }

    private static Ensemble copy(Ensemble e) {
        Ensemble c = new Ensemble(e.values.clone(), e.size);
        System.arraycopy(e.logWeights, 0, c.logWeights, 0, e.count);
        return c;
    }
}
