package org.flowlab.model.train;

/**
 * Receives a training run's events on the training thread. Implementations must return
 * quickly and must not touch UI objects directly (hand the data over instead).
 */
public interface TrainingListener {

    /**
     * Work before the first step (e.g. generating the training set) has progressed.
     *
     * @param task what is being done
     * @param done units done
     * @param total units in all
     */
    default void preparing(String task, long done, long total) {}

    /**
     * The run is about to take its first step.
     *
     * @param description a one-line description of the run
     * @param parameterCount number of trainable parameters
     * @param device the compute device in words
     */
    default void started(String description, long parameterCount, String device) {}

    /**
     * A step has finished.
     *
     * @param step its metrics
     */
    default void step(TrainingStep step) {}

    /**
     * Fresh model samples are available.
     *
     * @param snapshot the samples
     */
    default void snapshot(SampleSnapshot snapshot) {}

    /**
     * The run ended normally or was stopped.
     *
     * @param steps steps completed
     * @param stopped whether it was stopped before the planned number of steps
     */
    default void finished(int steps, boolean stopped) {}

    /**
     * The run failed.
     *
     * @param message a one-line explanation for the user
     */
    default void failed(String message) {}
}
