package org.flowlab.app.task;

import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.store.RunStore;

/** Builds the live experiment of a lane (on the training thread). */
@FunctionalInterface
public interface ExperimentOpener {

    /** The normal opener: a new experiment, or the saved run's. */
    ExperimentOpener DEFAULT = (spec, resume) -> resume == null ? spec.open() : RunStore.open(resume, spec);

    /**
     * Opens the experiment.
     *
     * @param spec what to build
     * @param resume a saved run to continue, or null
     * @return the experiment
     * @throws Exception reported as the lane's failure
     */
    Experiment open(RunSpec spec, RunStore.SavedRun resume) throws Exception;
}
