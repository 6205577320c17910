package org.flowlab.app.task;

import java.util.function.Function;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.store.RunStore;

/**
 * One run for a {@link TrainingService} to train (or to show, for a saved run).
 *
 * @param spec what to train
 * @param sink where its results go
 * @param probe computed on the training thread about once a second from the live experiment
 *     (e.g. model density on a grid); null for none
 * @param resume a saved run to continue (its parameters and optimiser), or null
 * @param opener builds the experiment
 * @param <P> the probe's result type
 */
public record RunLane<P>(
        RunSpec spec,
        RunSink<P> sink,
        Function<Experiment, P> probe,
        RunStore.SavedRun resume,
        ExperimentOpener opener) {

    /**
     * A lane with the normal opener.
     *
     * @param spec what to train
     * @param sink where its results go
     * @param probe the probe, or null
     * @param resume a saved run to continue, or null
     */
    public RunLane(RunSpec spec, RunSink<P> sink, Function<Experiment, P> probe, RunStore.SavedRun resume) {
        this(spec, sink, probe, resume, ExperimentOpener.DEFAULT);
    }
}
