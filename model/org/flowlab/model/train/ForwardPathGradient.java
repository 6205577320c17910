package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.lattice.Target;

/**
 * Path-gradient estimator of the forward KL gradient (Vaitl et al. 2022, section on the
 * forward KL). Pull the data back to the base space: z = f^{-1}_theta(x) is distributed as
 * p_z(z) = p(f(z)) |det df/dz|, and KL(p || q) = KL(p_z || r). Its gradient at fixed x is the
 * ordinary forward-KL gradient; the score term of p_z,
 *
 * <pre>
 * d/dtheta [ -S(f_theta(zbar)) + log|det J_f_theta(zbar)| ]   at zbar = stopgrad(z)
 * </pre>
 *
 * has expectation zero and is subtracted, leaving (grad_z log p_z - grad_z log r) dz/dtheta,
 * which vanishes sample by sample when the model is exact. Needs the target's action. A
 * continuous flow in adjoint mode uses adjoint solves instead ({@link AdjointGradients}).
 */
public final class ForwardPathGradient extends ForwardKl {

    /**
     * Creates the objective.
     *
     * @param source supplies the training set
     */
    public ForwardPathGradient(DatasetSource source) {
        super(source);
    }

    @Override
    public String name() {
        return "fkl-pathgrad";
    }

    @Override
    public StepOutput evaluateAdjoint(FlowModel flow, ContinuousFlow cnf, Target target, StepContext context) {
        return AdjointGradients.forwardPathGradient(flow, cnf, target, minibatch(flow, context), context);
    }

    @Override
    public StepOutput evaluateBackprop(FlowModel flow, Target target, StepContext context) {
        NDArray x = minibatch(flow, context);
        Transformed back = flow.transform().inverse(x);
        NDArray logQ = flow.prior().logProb(back.value()).add(back.logDet());
        NDArray loss = logQ.mean().neg();
        NDArray fixedZ = back.value().stopGradient();
        Transformed forth = flow.transform().forward(fixedZ);
        NDArray score = forth.logDet().sub(target.action(forth.value()));
        NDArray surrogate = loss.sub(score.mean());
        return new StepOutput(loss, surrogate, null, null);
    }
}
