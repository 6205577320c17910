package org.flowlab.app.view.dashboard;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.scene.Node;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;
import org.jfree.chart.JFreeChart;

/**
 * The theory-specific pictures of a run: field views, histograms against the truth, target
 * densities, and the comparison with exact values. The Lab and Compare get one from the
 * {@link DashboardRegistry} for the selected theory and feed it on the FX thread.
 *
 * @param <P> what the dashboard's probe computes on the training thread (Void for no probe)
 */
public interface TheoryDashboard<P> {

    /**
     * The dashboard's node.
     *
     * @return the view
     */
    Node view();

    /**
     * Forgets the previous run and prepares for a run (or a preview) of a spec.
     *
     * @param spec the run
     */
    void reset(RunSpec spec);

    /**
     * New model samples with their log weights.
     *
     * @param snapshot the samples
     */
    void modelSamples(SampleSnapshot snapshot);

    /**
     * New state of the HMC reference chain.
     *
     * @param snapshot the chain's state
     */
    default void referenceSamples(ReferenceChain.Snapshot snapshot) {}

    /**
     * What the reference chain should measure for this theory (empty for no chain).
     *
     * @param spec the run
     * @return the observables, in the order their histories arrive
     */
    default List<Observable> referenceObservables(RunSpec spec) {
        return List.of();
    }

    /**
     * Work to do on the training thread about once a second (e.g. the model density on a
     * grid); null for none.
     *
     * @return the probe
     */
    default Function<Experiment, P> probe() {
        return null;
    }

    /**
     * The probe's latest result.
     *
     * @param result what {@link #probe()} returned
     */
    default void probeResult(P result) {}

    /**
     * The charts, by file name, for "All charts as PNG".
     *
     * @return name to chart (in display order)
     */
    default Map<String, JFreeChart> charts() {
        return Map.of();
    }

    /**
     * The drawn pictures (canvases), by file name, for "All charts as PNG".
     *
     * @return name to node (in display order)
     */
    default Map<String, Node> pictures() {
        return Map.of();
    }

    /**
     * Applies the theme.
     *
     * @param dark whether the dark theme is active
     */
    default void setDark(boolean dark) {}
}
