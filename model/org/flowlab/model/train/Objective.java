package org.flowlab.model.train;

import ai.djl.ndarray.NDManager;

import org.flowlab.model.flow.FlowModel;
import org.flowlab.model.lattice.Target;

import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/** A training objective: builds the loss of one step inside a gradient collector. */
public interface Objective {

    /**
     * A short name, such as {@code rkl}.
     *
     * @return the name
     */
    String name();

    /**
     * Work needed before the first step (generating or loading a training set); the default
     * does nothing. Called on the training thread.
     *
     * @param listener progress
     * @param cancelled polled regularly; preparation stops early when it returns true
     */
    default void prepare(PreparationListener listener, BooleanSupplier cancelled) {}

    /**
     * Computes the loss of one step.
     *
     * @param flow the flow being trained
     * @param target the target density
     * @param step the step-scoped manager every temporary must live in
     * @param rng the run's random source
     * @param batch the batch size
     * @return the loss and, where available, detached log weights and samples
     */
    StepOutput evaluate(FlowModel flow, Target target, NDManager step, RandomGenerator rng, int batch);
}
