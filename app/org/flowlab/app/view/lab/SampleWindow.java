package org.flowlab.app.view.lab;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.ToDoubleFunction;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.train.SampleSnapshot;

/**
 * The last few model-sample snapshots of a run, for histograms: values of an observable over
 * all of them, raw or with importance weights normalised within each snapshot (each snapshot
 * comes from the model of its own step, so weights are only comparable within one).
 */
public final class SampleWindow {

    private final int capacity;
    private final Deque<SampleSnapshot> snapshots = new ArrayDeque<>();

    /**
     * Creates the window.
     *
     * @param capacity snapshots kept
     */
    public SampleWindow(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Adds a snapshot, dropping the oldest beyond capacity.
     *
     * @param s the snapshot
     */
    public void add(SampleSnapshot s) {
        snapshots.addLast(s);
        while (snapshots.size() > capacity) {
            snapshots.removeFirst();
        }
    }

    /** Forgets everything. */
    public void clear() {
        snapshots.clear();
    }

    /**
     * Whether there is nothing yet.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return snapshots.isEmpty();
    }

    /**
     * The newest snapshot.
     *
     * @return it, or null
     */
    public SampleSnapshot latest() {
        return snapshots.peekLast();
    }

    /**
     * An observable on every configuration held, oldest first.
     *
     * @param f the observable
     * @return its values
     */
    public double[] values(ToDoubleFunction<double[]> f) {
        int n = 0;
        for (SampleSnapshot s : snapshots) {
            n += s.count();
        }
        double[] out = new double[n];
        int k = 0;
        for (SampleSnapshot s : snapshots) {
            for (int i = 0; i < s.count(); i++) {
                out[k++] = f.applyAsDouble(s.configuration(i));
            }
        }
        return out;
    }

    /**
     * Importance weights in the order of {@link #values}, summing to one overall (each
     * snapshot's weights normalised within it and given equal share).
     *
     * @return the weights
     */
    public double[] weights() {
        int n = 0;
        for (SampleSnapshot s : snapshots) {
            n += s.count();
        }
        double[] out = new double[n];
        int k = 0;
        for (SampleSnapshot s : snapshots) {
            double[] w = Ess.normalisedWeights(s.logWeights());
            for (int i = 0; i < s.count(); i++) {
                out[k++] = w[i] / snapshots.size();
            }
        }
        return out;
    }

    /**
     * All log weights held, oldest first.
     *
     * @return the log weights
     */
    public double[] logWeights() {
        int n = 0;
        for (SampleSnapshot s : snapshots) {
            n += s.count();
        }
        double[] out = new double[n];
        int k = 0;
        for (SampleSnapshot s : snapshots) {
            for (int i = 0; i < s.count(); i++) {
                out[k++] = s.logWeights()[i];
            }
        }
        return out;
    }
}
