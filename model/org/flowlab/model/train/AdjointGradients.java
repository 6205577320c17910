package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.lattice.Target;

/**
 * The objectives' gradients for continuous flows trained with the adjoint-state method. Each
 * objective solves the ODE without a graph, works out the cotangents of its loss with respect
 * to the solve's outputs (the end state and the divergence integral l), and hands them to
 * {@link ContinuousFlow#adjoint}, which deposits dL/dtheta into the parameter gradients. The
 * objectives then return a {@link StepOutput} without a gradient loss, so the trainer uses the
 * gradients already accumulated. With B samples and l the divergence integral of each solve:
 *
 * <pre>
 * reverse KL   x = f(z):        L = (1/B) sum [log r(z) - l + S(x)]     dL/dx = S'(x)/B, dL/dl = -1/B
 * forward KL   z = f^{-1}(x):   L = -(1/B) sum [log r(z) + l]            dL/dz = -r'(z)/(r B), dL/dl = -1/B
 * path grad.   x = f(z):        path term only: dL/dx = (grad log q(x) + S'(x))/B, dL/dl = 0,
 *              grad log q(x) from the adjoint of the inverse solve with frozen parameters
 * forward path z = f^{-1}(x), then x' = f(stopgrad z): the forward-KL cotangents plus
 *              dL/dx' = S'(x')/B, dL/dl' = -1/B for the subtracted score term
 * </pre>
 *
 * Gradients of S and log r with respect to their inputs come from one backward pass each on a
 * fresh leaf, which touches no parameter.
 */
final class AdjointGradients {

    private AdjointGradients() {}

    /**
     * The flow's continuous transform when it is trained by the adjoint method.
     *
     * @param flow the flow
     * @return the continuous flow, or null when the flow is trained by back-propagation
     */
    static ContinuousFlow adjointFlow(FlowModel flow) {
        if (flow.transform() instanceof ContinuousFlow c && c.gradientMode() == ContinuousFlow.GradientMode.ADJOINT) {
            return c;
        }
        return null;
    }

    /**
     * Reverse KL: L = mean[log q(x) + S(x)] over x = f(z), z ~ r.
     *
     * @param flow the flow
     * @param cnf its continuous transform
     * @param target the target
     * @param context the step
     * @return loss, log weights and samples (gradients already accumulated)
     */
    static StepOutput reverseKl(FlowModel flow, ContinuousFlow cnf, Target target, StepContext context) {
        NDManager step = context.manager();
        int batch = context.batch();
        NDArray z = flow.prior()
                .sample(step, batch, context.rng(), flow.parameters().dataType());
        Transformed pushed = cnf.solveDetached(z, 0, 1);
        NDArray x = pushed.value();
        NDArray logQ = flow.prior().logProb(z).sub(pushed.logDet());
        NDArray[] action = valueAndGradient(target::action, x, context.collector());
        NDArray perSample = logQ.add(action[0]);
        cnf.adjoint(x, action[1].div(batch), perSample.onesLike().div(-batch), 0, 1, context.collector(), true);
        return new StepOutput(perSample.mean(), null, perSample.neg(), x);
    }

    /**
     * Path gradients of the reverse KL: only the path term (grad_x [log q(x) + S(x)]) dx/dtheta.
     *
     * @param flow the flow
     * @param cnf its continuous transform
     * @param target the target
     * @param context the step
     * @return the reverse-KL loss, log weights and samples (gradients already accumulated)
     */
    static StepOutput pathGradient(FlowModel flow, ContinuousFlow cnf, Target target, StepContext context) {
        NDManager step = context.manager();
        int batch = context.batch();
        GradientCollector collector = context.collector();
        NDArray z = flow.prior()
                .sample(step, batch, context.rng(), flow.parameters().dataType());
        Transformed pushed = cnf.solveDetached(z, 0, 1);
        NDArray x = pushed.value();
        NDArray logQ = flow.prior().logProb(z).sub(pushed.logDet());
        NDArray[] action = valueAndGradient(target::action, x, collector);
        NDArray perSample = logQ.add(action[0]);
        // the score grad_x log q(x) at fixed parameters, through the inverse solve:
        // log q(x) = log r(z') + l' with (z', l') the solve from t = 1 to 0
        Transformed back = cnf.solveDetached(x, 1, 0);
        NDArray[] prior = valueAndGradient(flow.prior()::logProb, back.value(), collector);
        NDArray score = cnf.adjoint(back.value(), prior[1], perSample.onesLike(), 1, 0, collector, false);
        cnf.adjoint(x, score.add(action[1]).div(batch), perSample.zerosLike(), 0, 1, collector, true);
        return new StepOutput(perSample.mean(), null, perSample.neg(), x);
    }

    /**
     * Forward KL: L = -mean log q(x) over data x, log q(x) = log r(z) + l through the inverse.
     *
     * @param flow the flow
     * @param cnf its continuous transform
     * @param data a minibatch of target samples
     * @param context the step
     * @return the loss (gradients already accumulated)
     */
    static StepOutput forwardKl(FlowModel flow, ContinuousFlow cnf, NDArray data, StepContext context) {
        return new StepOutput(forwardKlLoss(flow, cnf, data, context)[0], null, null, null);
    }

    /**
     * Forward path gradients: the forward-KL gradient minus the zero-mean score term
     * d/dtheta [l'(zbar) - S(f(zbar))] at zbar = stopgrad f^{-1}(x).
     *
     * @param flow the flow
     * @param cnf its continuous transform
     * @param target the target
     * @param data a minibatch of target samples
     * @param context the step
     * @return the forward-KL loss (gradients already accumulated)
     */
    static StepOutput forwardPathGradient(
            FlowModel flow, ContinuousFlow cnf, Target target, NDArray data, StepContext context) {
        int batch = context.batch();
        NDArray[] lossAndBase = forwardKlLoss(flow, cnf, data, context);
        Transformed forth = cnf.solveDetached(lossAndBase[1], 0, 1);
        NDArray[] action = valueAndGradient(target::action, forth.value(), context.collector());
        cnf.adjoint(
                forth.value(),
                action[1].div(batch),
                forth.logDet().onesLike().div(-batch),
                0,
                1,
                context.collector(),
                true);
        return new StepOutput(lossAndBase[0], null, null, null);
    }

    /** Accumulates the forward-KL gradient; returns the loss and the pulled-back data z. */
    private static NDArray[] forwardKlLoss(FlowModel flow, ContinuousFlow cnf, NDArray data, StepContext context) {
        int batch = (int) data.getShape().get(0);
        Transformed back = cnf.solveDetached(data, 1, 0);
        NDArray[] prior = valueAndGradient(flow.prior()::logProb, back.value(), context.collector());
        NDArray logQ = prior[0].add(back.logDet());
        cnf.adjoint(back.value(), prior[1].div(-batch), logQ.onesLike().div(-batch), 1, 0, context.collector(), true);
        return new NDArray[] {logQ.mean().neg(), back.value()};
    }

    /**
     * f(x) per sample and the gradient of sum f with respect to x, by one backward pass on a
     * fresh leaf (f must not involve the flow's parameters).
     */
    private static NDArray[] valueAndGradient(UnaryOperator<NDArray> f, NDArray x, GradientCollector collector) {
        NDArray leaf = x.stopGradient();
        leaf.setRequiresGradient(true);
        NDArray value = f.apply(leaf);
        // adding 0 * sum(x) keeps the backward pass defined when f ignores x (the uniform prior)
        collector.backward(value.sum().add(Tensors.scale(leaf.sum(), 0)));
        NDArray gradient = leaf.getGradient();
        gradient.attach(x.getManager());
        return new NDArray[] {value.stopGradient(), gradient};
    }
}
