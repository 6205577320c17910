package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * The state a diverged run returns to. Before every {@code every}-th step (and before the first)
 * the trainer's state is copied; the copy becomes the last good state only once that step's loss
 * and gradient turned out finite, so a step that blows up never replaces a good copy with a bad
 * one.
 */
final class LastGoodState implements AutoCloseable {

    private final Checkpoint good;
    private final Checkpoint pending;
    private final int every;
    private final List<NDArray> state;
    private boolean due;

    /**
     * Creates an empty state.
     *
     * @param root the manager the copies live under
     * @param every steps between copies
     * @param state the live arrays copied and restored, in a fixed order
     */
    LastGoodState(NDManager root, int every, List<NDArray> state) {
        this.good = new Checkpoint(root);
        this.pending = new Checkpoint(root);
        this.every = every;
        this.state = List.copyOf(state);
    }

    /**
     * Before a step: copies the state when a copy is due (none held yet, or every
     * {@code every} steps).
     *
     * @param steps completed steps
     * @param updates Adam's count
     */
    void beforeStep(int steps, long updates) {
        due = !good.present() || steps % every == 0;
        if (due) {
            pending.take(state, steps, updates);
        }
    }

    /** The step's loss and gradient were finite: the copy taken before it is the last good state now. */
    void confirm() {
        if (due) {
            good.takeOver(pending);
            due = false;
        }
    }

    /**
     * Whether a copy is held that differs from the state now.
     *
     * @param steps completed steps now
     * @param updates Adam's count now
     * @return true when returning to the copy changes something
     */
    boolean differsFrom(int steps, long updates) {
        return good.present() && (good.steps() < steps || good.updates() != updates);
    }

    /** Copies the last good state back into the live arrays. */
    void restore() {
        good.restoreInto(state);
    }

    /**
     * Completed steps of the last good state.
     *
     * @return the count
     */
    int steps() {
        return good.steps();
    }

    /**
     * Adam's count of the last good state.
     *
     * @return the count
     */
    long updates() {
        return good.updates();
    }

    /** Drops the copies (the state was replaced from elsewhere, e.g. a saved run). */
    void forget() {
        good.close();
        pending.close();
        due = false;
    }

    @Override
    public void close() {
        forget();
    }
}
