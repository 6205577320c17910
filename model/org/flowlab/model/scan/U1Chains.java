package org.flowlab.model.scan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.mcmc.ChainResult;
import org.flowlab.model.mcmc.Hmc;
import org.flowlab.model.mcmc.IndependenceMetropolis;
import org.flowlab.model.mcmc.MarkovChain;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.observe.U1Observables;

/**
 * U(1) chains for the freezing scans: HMC, and flow-based MCMC (independence Metropolis with
 * proposals from a trained flow, accepted with probability min(1, w'/w), w = p/q; Albergo,
 * Kanwar, Shanahan, arXiv:1904.12072). Both return the same {@link ChainResult}, so they are
 * analysed the same way.
 */
public final class U1Chains {

    /** HMC step size of the scans (acceptance about 0.98 to 0.86 at beta 1 to 6 on 8 x 8). */
    public static final double STEP_SIZE = 0.1;

    /** Mean leapfrog steps per trajectory of the scans (randomised lengths). */
    public static final int LEAPFROG = 10;

    /** Thermalisation trajectories of the scans. */
    public static final int THERMALISATION = 500;

    private U1Chains() {}

    /**
     * An HMC chain from a hot (Haar-random) start.
     *
     * @param theory the theory
     * @param n measured trajectories
     * @param thermalisation trajectories discarded first
     * @param seed the seed
     * @param progress progress callback (may be null)
     * @param cancelled polled between trajectories (may be null)
     * @return the chain of {@link U1Observables}
     */
    public static ChainResult hmc(
            U1GaugeTheory theory,
            int n,
            int thermalisation,
            long seed,
            MarkovChain.Progress progress,
            BooleanSupplier cancelled) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] start = theory.haarRandom(rng.split());
        Hmc hmc = new Hmc(theory, STEP_SIZE, LEAPFROG, rng);
        return MarkovChain.run(hmc::update, start, thermalisation, n, U1Observables.of(theory), progress, cancelled);
    }

    /**
     * A flow-MCMC chain: n proposals drawn from the flow in batches (no gradients), then the
     * independence-Metropolis accept test over them in order. Needs the flow's engine thread.
     *
     * @param flow the trained flow
     * @param theory its target
     * @param n proposals
     * @param batch proposals per forward pass
     * @param manager a manager on the flow's device for the temporaries
     * @param seed the seed of the proposals and the accept test
     * @param cancelled polled between batches (may be null); a cancelled chain is shorter
     * @return the chain of {@link U1Observables}
     */
    public static ChainResult flow(
            FlowModel flow,
            U1GaugeTheory theory,
            int n,
            int batch,
            NDManager manager,
            long seed,
            BooleanSupplier cancelled) {
        if (n < 2 || batch < 1) {
            throw new IllegalArgumentException("a flow chain needs at least 2 proposals and a batch of at least 1");
        }
        List<Observable> observables = U1Observables.of(theory);
        SplittableRandom rng = new SplittableRandom(seed);
        int k = observables.size();
        double[][] values = new double[k][n];
        double[] logW = new double[n];
        double[] last = new double[theory.degreesOfFreedom()];
        int done = 0;
        while (done < n && (cancelled == null || !cancelled.getAsBoolean())) {
            int b = Math.min(batch, n - done);
            try (NDManager scope = manager.newSubManager()) {
                FlowSample s = flow.sample(scope, b, rng);
                NDArray lw = s.logWeights(theory);
                double[] x = Tensors.toDoubles(s.x());
                double[] w = Tensors.toDoubles(lw);
                int size = x.length / b;
                for (int i = 0; i < b; i++) {
                    System.arraycopy(x, i * size, last, 0, size);
                    for (int j = 0; j < k; j++) {
                        values[j][done + i] = observables.get(j).measure(last);
                    }
                    logW[done + i] = w[i];
                }
            }
            done += b;
        }
        double[] used = java.util.Arrays.copyOf(logW, done);
        int[] states = IndependenceMetropolis.chain(used, rng);
        int accepted = 0;
        for (int i = 1; i < done; i++) {
            if (states[i] == i) {
                accepted++;
            }
        }
        List<String> names = new ArrayList<>();
        List<double[]> series = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double[] chain = new double[done];
            for (int i = 0; i < done; i++) {
                chain[i] = values[j][states[i]];
            }
            names.add(observables.get(j).name());
            series.add(chain);
        }
        double rate = done < 2 ? Double.NaN : accepted / (double) (done - 1);
        return new ChainResult(List.copyOf(names), List.copyOf(series), rate, last);
    }
}
