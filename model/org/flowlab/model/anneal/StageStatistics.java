package org.flowlab.model.anneal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.Jackknife;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.observe.Phi4Observables;
import org.flowlab.model.observe.U1Observables;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;

/**
 * The estimates of one stage from its evaluation samples and their accumulated weights:
 * reweighted observables &lt;w O&gt;/&lt;w&gt; and log Z with binned jackknife errors in sample
 * order (so correlated HMC samples at the start of the chain are accounted for), plain averages,
 * the ESS, and exact values where known.
 */
final class StageStatistics {

    private StageStatistics() {}

    /**
     * The name of the observable histogrammed per stage: the magnetisation for phi^4, the
     * topological charge for U(1), the first coordinate for the mixtures.
     *
     * @param theoryId the theory
     * @return the observable's name
     */
    static String histogramObservable(String theoryId) {
        switch (theoryId) {
            case "u1":
                return U1Observables.TOP_CHARGE;
            case "mixture2d":
                return "x";
            default:
                return Phi4Observables.M;
        }
    }

    /**
     * Evaluates a stage.
     *
     * @param spec the chain
     * @param index the result index
     * @param scheduleIndex the target's index in the schedule
     * @param moved whether samples were moved to this target
     * @param eval the evaluation samples after the stage (before any Monte Carlo updates)
     * @param previousLogWeights the samples' log weights before the stage (null for the first)
     * @param logZBase log Z of the chain's start (NaN when unknown)
     * @param previousExact exact log Z of the previous level (NaN when unknown)
     * @param training the stage's training or null
     * @param moveAccept acceptance of the updates after the stage (NaN for none)
     * @param seconds the stage's wall time
     * @return the result
     */
    static StageResult evaluate(
            ChainSpec spec,
            int index,
            int scheduleIndex,
            boolean moved,
            Ensemble eval,
            double[] previousLogWeights,
            double logZBase,
            double previousExact,
            StageResult.Training training,
            double moveAccept,
            double seconds) {
        TheoryKind kind = spec.theoryKind();
        Settings settings = spec.targetSettings(scheduleIndex);
        Target target = kind.create(settings);
        List<Observable> observables = kind.observables(target);
        int n = eval.count;
        double[] logW = eval.logWeights.clone();
        double max = Double.NEGATIVE_INFINITY;
        for (double lw : logW) {
            max = Math.max(max, lw);
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(logW[i] - max);
        }
        double[][] values = new double[observables.size()][n];
        double[] x = new double[eval.size];
        for (int i = 0; i < n; i++) {
            eval.read(i, x);
            for (int j = 0; j < observables.size(); j++) {
                values[j][i] = observables.get(j).measure(x);
            }
        }
        Map<String, Estimate> reweighted = new LinkedHashMap<>();
        Map<String, Estimate> raw = new LinkedHashMap<>();
        double[] histogram = null;
        String histogramName = histogramObservable(kind.id());
        for (int j = 0; j < observables.size(); j++) {
            String name = observables.get(j).name();
            double[] wo = new double[n];
            for (int i = 0; i < n; i++) {
                wo[i] = w[i] * values[j][i];
            }
            reweighted.put(name, Jackknife.ratio(wo, w).estimate());
            raw.put(name, Autocorrelation.estimate(values[j]));
            if (name.equals(histogramName)) {
                histogram = values[j];
            }
        }
        double[] increment = new double[n];
        for (int i = 0; i < n; i++) {
            increment[i] = previousLogWeights == null ? 0 : logW[i] - previousLogWeights[i];
        }
        Estimate logRatio = FreeEnergy.logMeanWeight(logW);
        Estimate logZ = Double.isNaN(logZBase)
                ? new Estimate(Double.NaN, Double.NaN, Double.NaN)
                : new Estimate(logRatio.mean() + logZBase, logRatio.err(), logRatio.tauInt());
        double exactLogZ = FreeEnergy.exactLogZ(kind, settings);
        Estimate deltaF = previousLogWeights == null
                ? new Estimate(Double.NaN, Double.NaN, Double.NaN)
                : FreeEnergy.deltaF(logW, previousLogWeights);
        double deltaFExact = previousLogWeights == null ? Double.NaN : -(exactLogZ - previousExact);
        return new StageResult(
                index,
                spec.schedule().key(),
                spec.schedule().value(scheduleIndex),
                moved,
                Ess.fraction(logW),
                Ess.fraction(increment),
                logRatio,
                logZ,
                exactLogZ,
                deltaF,
                deltaFExact,
                reweighted,
                raw,
                kind.exact(settings),
                training,
                moveAccept,
                seconds,
                new StageResult.Histogram(histogramName, histogram == null ? new double[0] : histogram, logW));
    }
}
