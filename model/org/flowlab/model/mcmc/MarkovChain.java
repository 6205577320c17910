package org.flowlab.model.mcmc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.flowlab.model.observe.Observable;

/** Runs a Markov chain: thermalisation, then measurements after every update. */
public final class MarkovChain {

    /** Something that advances a configuration by one Markov step. */
    @FunctionalInterface
    public interface Update {
        /**
         * Performs one step in place.
         *
         * @param x the configuration
         * @return whether a proposal was accepted
         */
        boolean apply(double[] x);
    }

    /** Receives progress: done of total updates. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Reports progress.
         *
         * @param done updates done
         * @param total updates in all
         */
        void report(long done, long total);
    }

    private MarkovChain() {}

    /**
     * Runs the chain.
     *
     * @param update the Markov step
     * @param start the initial configuration (copied)
     * @param thermalisation updates discarded first
     * @param measurements number of measurements, one after each further update
     * @param observables what to measure
     * @param progress progress callback (may be null)
     * @param cancelled polled between updates; the chain stops early when it returns true
     * @return the histories (shorter than requested if cancelled)
     */
    public static ChainResult run(
            Update update,
            double[] start,
            int thermalisation,
            int measurements,
            List<Observable> observables,
            Progress progress,
            BooleanSupplier cancelled) {
        double[] x = start.clone();
        long total = (long) thermalisation + measurements;
        long done = 0;
        for (int i = 0; i < thermalisation; i++) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                break;
            }
            update.apply(x);
            done++;
            if (progress != null && (done & 255) == 0) {
                progress.report(done, total);
            }
        }
        int k = observables.size();
        double[][] series = new double[k][measurements];
        int measured = 0;
        long accepted = 0;
        for (; measured < measurements; measured++) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                break;
            }
            if (update.apply(x)) {
                accepted++;
            }
            for (int j = 0; j < k; j++) {
                series[j][measured] = observables.get(j).measure(x);
            }
            done++;
            if (progress != null && (done & 255) == 0) {
                progress.report(done, total);
            }
        }
        List<String> names = new ArrayList<>();
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            names.add(observables.get(j).name());
            out.add(measured == measurements ? series[j] : java.util.Arrays.copyOf(series[j], measured));
        }
        if (progress != null) {
            progress.report(done, total);
        }
        double rate = measured == 0 ? Double.NaN : (double) accepted / measured;
        return new ChainResult(List.copyOf(names), List.copyOf(out), rate, x);
    }
}
