package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a trainer's state on its device (parameters and Adam's moments, step count and
 * update count), kept so that a diverged run can return to its last good parameters. Taking
 * one costs a device copy of three times the parameters, which the trainer does every
 * {@link Trainer#CHECKPOINT_EVERY} steps.
 */
final class Checkpoint implements AutoCloseable {

    private static final NDIndex ALL = new NDIndex("...");

    private final NDManager parent;
    private NDManager scope;
    private final List<NDArray> copies = new ArrayList<>();
    private int steps;
    private long updates;

    Checkpoint(NDManager parent) {
        this.parent = parent;
    }

    /**
     * Replaces the copy with the current state (call outside any gradient collector).
     *
     * @param live the arrays to copy, in a fixed order
     * @param stepsDone completed steps
     * @param adamUpdates Adam's count
     */
    void take(List<NDArray> live, int stepsDone, long adamUpdates) {
        NDManager next = parent.newSubManager();
        List<NDArray> fresh = new ArrayList<>(live.size());
        for (NDArray a : live) {
            // a plain copy of the values: no gradient, no autograd history
            NDArray copy = next.zeros(a.getShape(), a.getDataType());
            copy.set(ALL, a);
            fresh.add(copy);
        }
        close();
        scope = next;
        copies.addAll(fresh);
        steps = stepsDone;
        updates = adamUpdates;
    }

    /**
     * Whether a copy is held.
     *
     * @return true after {@link #take}
     */
    boolean present() {
        return scope != null;
    }

    /**
     * Copies the held state back into the live arrays, in place (outside any gradient collector).
     *
     * @param live the arrays, in the order given to {@link #take}
     */
    void restoreInto(List<NDArray> live) {
        for (int i = 0; i < live.size(); i++) {
            live.get(i).set(ALL, copies.get(i));
        }
    }

    int steps() {
        return steps;
    }

    long updates() {
        return updates;
    }

    /**
     * Moves the copy of another checkpoint into this one, leaving the other empty.
     *
     * @param other the checkpoint to take over
     */
    void takeOver(Checkpoint other) {
        close();
        scope = other.scope;
        copies.addAll(other.copies);
        steps = other.steps;
        updates = other.updates;
        other.scope = null;
        other.copies.clear();
    }

    @Override
    public void close() {
        if (scope != null) {
            scope.close();
            scope = null;
        }
        copies.clear();
    }
}
