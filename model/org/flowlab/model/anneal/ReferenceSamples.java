package org.flowlab.model.anneal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;

/**
 * An independent check of a chain at one of its targets: samples drawn without any flow (an HMC
 * chain, or an exact sampler where the target has one) and the observables measured on them,
 * with Gamma-method errors. Pure Java, so it may run on any background thread.
 *
 * @param observable the histogram observable's name (as in {@link StageResult.Histogram})
 * @param histogram its values, one per sample
 * @param estimates every observable's mean with its autocorrelation-aware error
 */
public record ReferenceSamples(String observable, double[] histogram, Map<String, Estimate> estimates) {

    /**
     * Samples a target of a theory and measures its observables.
     *
     * @param theory the theory kind
     * @param settings the target's settings
     * @param n the number of samples
     * @param seed random seed
     * @param cancelled polled regularly
     * @return the samples' measurements
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public static ReferenceSamples draw(
            TheoryKind theory, Settings settings, int n, long seed, BooleanSupplier cancelled) {
        Target target = theory.create(settings);
        int size = (int) target.eventShape().size();
        double[] samples = BaseSampler.sample(target, n, seed, cancelled);
        List<Observable> observables = theory.observables(target);
        String name = StageStatistics.histogramObservable(theory.id());
        double[][] values = new double[observables.size()][n];
        double[] x = new double[size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(samples, i * size, x, 0, size);
            for (int j = 0; j < observables.size(); j++) {
                values[j][i] = observables.get(j).measure(x);
            }
        }
        Map<String, Estimate> estimates = new LinkedHashMap<>();
        double[] histogram = new double[0];
        for (int j = 0; j < observables.size(); j++) {
            estimates.put(observables.get(j).name(), Autocorrelation.estimate(values[j]));
            if (observables.get(j).name().equals(name)) {
                histogram = values[j];
            }
        }
        return new ReferenceSamples(name, histogram, estimates);
    }
}
