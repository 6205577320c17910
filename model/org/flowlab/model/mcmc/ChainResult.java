package org.flowlab.model.mcmc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.ChainAnalysis;

/**
 * The measurement histories of a Markov chain, one series per observable, plus its acceptance.
 *
 * @param names observable names in order
 * @param series series.get(i)[k] is observable i at measurement k
 * @param acceptRate fraction of accepted proposals after thermalisation
 * @param lastConfiguration the final configuration
 */
public record ChainResult(List<String> names, List<double[]> series, double acceptRate, double[] lastConfiguration) {

    /**
     * The series of one observable.
     *
     * @param name its name
     * @return the measurements
     */
    public double[] series(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no observable named " + name);
        }
        return series.get(i);
    }

    /**
     * Gamma-method analysis of every observable.
     *
     * @return analyses by name, in order
     */
    public Map<String, Autocorrelation.Analysis> analyse() {
        Map<String, Autocorrelation.Analysis> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), Autocorrelation.analyse(series.get(i)));
        }
        return out;
    }

    /**
     * Joint analysis of all observables: estimates with the slowest mode's tail and a verdict
     * on whether the chain is long enough ({@link ChainAnalysis}).
     *
     * @return the joint analysis
     */
    public ChainAnalysis.Result analyseJointly() {
        return ChainAnalysis.analyse(names, series);
    }
}
