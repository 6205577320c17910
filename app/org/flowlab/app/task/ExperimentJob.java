package org.flowlab.app.task;

import org.flowlab.model.spec.Experiment;

/** Work on a live experiment, on the training thread (saving, exporting samples). */
@FunctionalInterface
public interface ExperimentJob {
    /**
     * Does the work.
     *
     * @param experiment the lane's experiment
     * @throws Exception reported to the user as a one-line message
     */
    void run(Experiment experiment) throws Exception;
}
