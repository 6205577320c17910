package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.mcmc.IndependenceMetropolis;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.ChainAnalysis;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.observe.Reweighting;

/**
 * Measures a trained flow: draws n independent model samples (in batches, without gradients)
 * and reports their ESS, the acceptance of an independence-Metropolis chain over them, and
 * each observable three ways: raw model average (biased), reweighted by w = p/q (binned
 * jackknife error), and as the flow-MCMC chain average with a Gamma-method error
 * ({@link ChainAnalysis}: the slowest observable's tail included). {@link EvaluationChecks}
 * says which of these can be trusted.
 *
 * @param samples n
 * @param ess ESS fraction over all n samples
 * @param acceptRate independence-Metropolis acceptance
 * @param raw unweighted model averages
 * @param reweighted self-normalised importance-sampling estimates
 * @param metropolis flow-MCMC estimates (with tau_int)
 */
public record FlowEvaluation(
        int samples,
        double ess,
        double acceptRate,
        Map<String, Estimate> raw,
        Map<String, Estimate> reweighted,
        Map<String, Estimate> metropolis) {

    /**
     * Evaluates a flow.
     *
     * @param flow the flow
     * @param target its target
     * @param observables what to measure
     * @param n number of samples
     * @param batch samples per forward pass
     * @param manager a manager on the flow's device for the temporaries
     * @param seed random seed
     * @return the evaluation
     */
    public static FlowEvaluation evaluate(
            FlowModel flow,
            Target target,
            List<Observable> observables,
            int n,
            int batch,
            NDManager manager,
            long seed) {
        return evaluate(flow, target, observables, n, batch, manager, new SplittableRandom(seed));
    }

    /**
     * Evaluates a flow with a given random source (for the samples and the accept tests).
     *
     * @param flow the flow
     * @param target its target
     * @param observables what to measure
     * @param n number of samples
     * @param batch samples per forward pass
     * @param manager a manager on the flow's device for the temporaries
     * @param rng the random source
     * @return the evaluation
     */
    public static FlowEvaluation evaluate(
            FlowModel flow,
            Target target,
            List<Observable> observables,
            int n,
            int batch,
            NDManager manager,
            RandomGenerator rng) {
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 samples, got " + n);
        }
        int k = observables.size();
        double[][] values = new double[k][n];
        double[] logW = new double[n];
        int done = 0;
        while (done < n) {
            int b = Math.min(batch, n - done);
            try (NDManager scope = manager.newSubManager()) {
                FlowSample s = flow.sample(scope, b, rng);
                NDArray lw = s.logWeights(target);
                double[] x = Tensors.toDoubles(s.x());
                double[] w = Tensors.toDoubles(lw);
                int size = x.length / b;
                double[] config = new double[size];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(x, i * size, config, 0, size);
                    for (int j = 0; j < k; j++) {
                        values[j][done + i] = observables.get(j).measure(config);
                    }
                    logW[done + i] = w[i];
                }
            }
            done += b;
        }
        int[] states = IndependenceMetropolis.chain(logW, rng);
        int accepted = 0;
        for (int i = 1; i < n; i++) {
            if (states[i] == i) {
                accepted++;
            }
        }
        Map<String, Estimate> raw = new LinkedHashMap<>();
        Map<String, Estimate> reweighted = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<double[]> chains = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            String name = observables.get(j).name();
            raw.put(name, Autocorrelation.independent(values[j]));
            reweighted.put(name, Reweighting.estimate(values[j], logW));
            double[] chain = new double[n];
            for (int i = 0; i < n; i++) {
                chain[i] = values[j][states[i]];
            }
            names.add(name);
            chains.add(chain);
        }
        Map<String, Estimate> metropolis = ChainAnalysis.analyse(names, chains).estimates();
        return new FlowEvaluation(n, Ess.fraction(logW), (double) accepted / (n - 1), raw, reweighted, metropolis);
    }
}
