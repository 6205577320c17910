package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.random.RandomGenerator;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.lattice.Target;

/**
 * Reverse Kullback-Leibler divergence ("self-training"): with samples x ~ q from the flow,
 *
 * <pre>
 * L = (1/n) sum_i [ log q(x_i) + S(x_i) ] = KL(q || p) - log Z
 * </pre>
 *
 * It needs no data, lowers the mean action while raising the model entropy, and is
 * mode-seeking. The gradient flows through x = f(z) (reparametrisation) and through log q.
 * A continuous flow in adjoint mode gets the same gradient from the adjoint-state method
 * ({@link AdjointGradients}).
 */
public final class ReverseKl implements Objective {

    @Override
    public String name() {
        return "rkl";
    }

    @Override
    public boolean supportsAdjoint() {
        return true;
    }

    @Override
    public StepOutput evaluateAdjoint(FlowModel flow, ContinuousFlow cnf, Target target, StepContext context) {
        return AdjointGradients.reverseKl(flow, cnf, target, context);
    }

    @Override
    public StepOutput evaluateBackprop(FlowModel flow, Target target, StepContext context) {
        NDManager step = context.manager();
        RandomGenerator rng = context.rng();
        int batch = context.batch();
        FlowSample sample = flow.sample(step, batch, rng);
        NDArray perSample = sample.logQ().add(target.action(sample.x()));
        NDArray loss = perSample.mean();
        return new StepOutput(loss, perSample.neg().stopGradient(), sample.x().stopGradient());
    }
}
