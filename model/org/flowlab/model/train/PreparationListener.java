package org.flowlab.model.train;

/** Receives progress of work done before training starts, such as generating training data. */
@FunctionalInterface
public interface PreparationListener {

    /** A listener that ignores progress. */
    PreparationListener NONE = (task, done, total) -> {};

    /**
     * Reports progress.
     *
     * @param task what is being done, such as "HMC training set"
     * @param done units done
     * @param total units in all
     */
    void progress(String task, long done, long total);
}
