package org.flowlab.model.train;

import java.util.function.BooleanSupplier;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.Target;

/**
 * A training objective: builds the loss of one step inside a gradient collector.
 *
 * <p>{@link #evaluate} is the one place that picks the gradient route: a continuous flow trained
 * by the adjoint-state method goes to {@link #evaluateAdjoint} (if the objective supports it;
 * otherwise the step fails rather than train with zero gradients), every other flow to
 * {@link #evaluateBackprop}.
 */
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
     * Computes the loss of one step, inside the trainer's gradient collector, by the route the
     * flow asks for.
     *
     * @param flow the flow being trained
     * @param target the target density
     * @param context the step's manager, random source, batch size and gradient collector
     * @return the loss and, where available, detached log weights and samples; when
     *     {@link StepOutput#gradientLoss()} is null the objective has already accumulated the
     *     parameter gradients itself (through the context's collector)
     * @throws IllegalStateException for an adjoint-trained flow and an objective without
     *     adjoint-state gradients
     */
    default StepOutput evaluate(FlowModel flow, Target target, StepContext context) {
        ContinuousFlow adjoint = AdjointGradients.adjointFlow(flow);
        if (adjoint == null) {
            return evaluateBackprop(flow, target, context);
        }
        if (!supportsAdjoint()) {
            throw new IllegalStateException("the " + name() + " objective has no adjoint-state gradients;"
                    + " train this continuous flow with back-propagation");
        }
        return evaluateAdjoint(flow, adjoint, target, context);
    }

    /**
     * The loss of one step whose gradient comes from back-propagation through the graph the
     * flow records.
     *
     * @param flow the flow being trained
     * @param target the target density
     * @param context the step
     * @return the loss, the gradient loss (null only if gradients were accumulated already),
     *     detached log weights and samples where available
     */
    StepOutput evaluateBackprop(FlowModel flow, Target target, StepContext context);

    /**
     * Whether {@link #evaluateAdjoint} is implemented.
     *
     * @return false by default
     */
    default boolean supportsAdjoint() {
        return false;
    }

    /**
     * The loss of one step of a continuous flow trained by the adjoint-state method: the
     * objective accumulates the parameter gradients itself ({@link AdjointGradients}) and
     * returns no gradient loss.
     *
     * @param flow the flow being trained
     * @param cnf its continuous transform
     * @param target the target density
     * @param context the step
     * @return the loss with a null gradient loss
     */
    default StepOutput evaluateAdjoint(FlowModel flow, ContinuousFlow cnf, Target target, StepContext context) {
        throw new UnsupportedOperationException("the " + name() + " objective has no adjoint-state gradients");
    }
}
