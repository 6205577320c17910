package org.flowlab.model.train;

import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.Target;

import java.util.function.BooleanSupplier;

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
     * Computes the loss of one step, inside the trainer's gradient collector.
     *
     * @param flow the flow being trained
     * @param target the target density
     * @param context the step's manager, random source, batch size and gradient collector
     * @return the loss and, where available, detached log weights and samples; when
     *     {@link StepOutput#gradientLoss()} is null the objective has already accumulated the
     *     parameter gradients itself (through the context's collector)
     */
    StepOutput evaluate(FlowModel flow, Target target, StepContext context);
}
