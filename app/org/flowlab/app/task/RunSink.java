package org.flowlab.app.task;

import java.util.List;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.train.SampleSnapshot;
import org.flowlab.model.train.TrainingStep;

/**
 * Receives a lane's results on the FX thread, from a {@link TrainingService}.
 *
 * @param <P> the type of the lane's probe result
 */
public interface RunSink<P> {
    /**
     * Preparation progress (generating a training set).
     *
     * @param task what is being done
     * @param done units done
     * @param total units in all
     */
    default void preparing(String task, long done, long total) {}

    /**
     * A run is starting (its model is built).
     *
     * @param description one-line description
     * @param parameters trainable parameter count
     * @param device the device in words
     */
    void started(String description, long parameters, String device);

    /**
     * New steps since the last call.
     *
     * @param steps the steps, in order
     */
    void steps(List<TrainingStep> steps);

    /**
     * The latest model samples.
     *
     * @param snapshot the samples
     */
    void modelSamples(SampleSnapshot snapshot);

    /**
     * The latest state of the reference chain.
     *
     * @param snapshot the chain's snapshot
     */
    default void referenceSamples(ReferenceChain.Snapshot snapshot) {}

    /**
     * The latest result of the lane's probe.
     *
     * @param result what the probe computed
     */
    default void probe(P result) {}

    /**
     * The run has ended.
     *
     * @param message why (finished, stopped, or the failure's reason)
     * @param failed whether it failed
     */
    void ended(String message, boolean failed);
}
