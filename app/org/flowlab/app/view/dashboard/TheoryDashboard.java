package org.flowlab.app.view.dashboard;

import javafx.scene.Node;

import org.flowlab.model.observe.Observable;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;

import java.util.List;
import java.util.function.Function;

/**
 * The theory-specific pictures of the lab: field views, histograms against the truth, target
 * densities. The lab shows the dashboard of the selected theory and feeds it on the FX thread.
 */
public interface TheoryDashboard {

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
    default Function<Experiment, Object> probe() {
        return null;
    }

    /**
     * The probe's latest result.
     *
     * @param result what {@link #probe()} returned
     */
    default void probeResult(Object result) {}

    /**
     * Applies the theme.
     *
     * @param dark whether the dark theme is active
     */
    default void setDark(boolean dark) {}
}
