package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.random.RandomGenerator;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSample;
import org.flowlab.model.lattice.Target;

/**
 * Path-gradient estimator of the reverse KL gradient (Vaitl, Nicoli, Nakajima, Kessel,
 * "Gradients should stay on path", Mach. Learn.: Sci. Technol. 3 (2022) 045006,
 * arXiv:2207.08219).
 *
 * <p>For x = f_theta(z) the reverse-KL gradient splits into a path term, through x, and the
 * score term E_q[d/dtheta log q_theta(x)] at fixed x, which has expectation zero but adds
 * variance. This estimator drops the score term. It differentiates the surrogate
 *
 * <pre>
 * (1/n) sum_i [ log q_theta(f_theta(z_i)) + S(f_theta(z_i)) - log q_theta(stopgrad(x_i)) ]
 * </pre>
 *
 * where the last term, evaluated through the inverse at fixed x, carries exactly the score
 * term; its gradient equals that of log q_{stopgrad(theta)}(x(theta)) + S(x(theta)), the form
 * in the paper. The reported loss is the ordinary reverse-KL estimate. At q = p the path
 * gradient vanishes sample by sample, so its variance goes to zero near a good model. A
 * continuous flow in adjoint mode computes the same path term with two adjoint solves
 * ({@link AdjointGradients}).
 */
public final class PathGradient implements Objective {

    @Override
    public String name() {
        return "pathgrad";
    }

    @Override
    public boolean supportsAdjoint() {
        return true;
    }

    @Override
    public StepOutput evaluateAdjoint(FlowModel flow, ContinuousFlow cnf, Target target, StepContext context) {
        return AdjointGradients.pathGradient(flow, cnf, target, context);
    }

    @Override
    public StepOutput evaluateBackprop(FlowModel flow, Target target, StepContext context) {
        NDManager step = context.manager();
        RandomGenerator rng = context.rng();
        int batch = context.batch();
        FlowSample sample = flow.sample(step, batch, rng);
        NDArray perSample = sample.logQ().add(target.action(sample.x()));
        NDArray fixedX = sample.x().stopGradient();
        NDArray score = flow.logQ(fixedX);
        NDArray surrogate = perSample.sub(score).mean();
        return new StepOutput(perSample.mean(), surrogate, perSample.neg().stopGradient(), fixedX);
    }
}
