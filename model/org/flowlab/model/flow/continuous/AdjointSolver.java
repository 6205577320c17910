package org.flowlab.model.flow.continuous;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.lattice.Angles;

/**
 * The adjoint-state method for a {@link ContinuousFlow} (Pontryagin; Chen, Rubanova,
 * Bettencourt, Duvenaud, arXiv:1806.07366, appendix B): for a loss L that depends on the result
 * (x(t1), l) of a solve from t0 to t1, with l = ∫_{t0}^{t1} div v dt, it accumulates dL/dθ into
 * the parameter gradients by integrating backwards from t1 to t0, with the scheme and steps of
 * the solve,
 *
 * <pre>
 * dx/dt = v(x, t)                                  (x(t) recomputed from x(t1))
 * da/dt = −a · dv/dx − a_l d(div v)/dx             a(t1) = dL/dx(t1),  a_l = dL/dl
 * dL/dθ = ∫_{t0}^{t1} [a · dv/dθ + a_l d(div v)/dθ] dt
 * </pre>
 *
 * Each stage makes its state a fresh leaf, evaluates v and div v once, and runs one first-order
 * backward pass of w (a · v + a_l div v) with w = h b_i (the quadrature weight of the stage):
 * that deposits w times the integrand of dL/dθ into the parameter gradients and gives
 * a · dv/dx + a_l d(div v)/dx as the leaf's gradient over w. Nothing of the forward trajectory
 * is stored and each step runs in its own scope, so memory does not depend on the number of
 * steps. Agreement with back-propagation is up to the integration error (O(h⁴) for RK4).
 */
final class AdjointSolver {

    private final ContinuousFlow flow;
    private final ParameterSet parameters;
    private final SolverMemory memory;

    AdjointSolver(ContinuousFlow flow, ParameterSet parameters, SolverMemory memory) {
        this.flow = flow;
        this.parameters = parameters;
        this.memory = memory;
    }

    /**
     * Solves the adjoint ODE; see {@link ContinuousFlow#adjoint}.
     *
     * @param xEnd x(tEnd)
     * @param gradX dL/dx(tEnd)
     * @param gradLogDet dL/dl
     * @param tStart start time of the solve
     * @param tEnd end time of the solve
     * @param collector the open gradient collector
     * @param parameterGradients whether to accumulate parameter gradients
     * @return dL/dx(tStart), attached to the manager of {@code xEnd}
     */
    NDArray solve(
            NDArray xEnd,
            NDArray gradX,
            NDArray gradLogDet,
            double tStart,
            double tEnd,
            GradientCollector collector,
            boolean parameterGradients) {
        Velocity velocity = flow.velocity();
        OdeIntegrator integrator = flow.integrator();
        NDManager out = xEnd.getManager();
        int n = flow.stepsBetween(tStart, tEnd);
        double h = n == 0 ? 0 : (tEnd - tStart) / n;
        NDArray x = xEnd.stopGradient();
        NDArray a = gradX.stopGradient();
        a.attach(out);
        NDArray aLogDet = gradLogDet.stopGradient();
        aLogDet.attach(out);
        int stages = integrator.stages();
        try (ParameterSet.Frozen frozen = parameterGradients ? null : parameters.freeze()) {
            for (int k = n - 1; k >= 0; k--) {
                double t = tStart + (k + 1) * h;
                NDManager scope = out.newSubManager();
                try {
                    x.attach(scope);
                    a.attach(scope);
                    NDArray[] stateSlopes = new NDArray[stages];
                    NDArray[] adjointSlopes = new NDArray[stages];
                    NDArray stateIncrement = null;
                    NDArray adjointIncrement = null;
                    for (int i = 0; i < stages; i++) {
                        NDArray xi = x;
                        NDArray ai = a;
                        for (int j = 0; j < i; j++) {
                            double c = integrator.coupling(i, j);
                            if (c != 0) {
                                xi = xi.sub(Tensors.scale(stateSlopes[j], h * c));
                                ai = ai.sub(Tensors.scale(adjointSlopes[j], h * c));
                            }
                        }
                        double w = h * integrator.weight(i);
                        NDArray leaf = xi.stopGradient();
                        leaf.setRequiresGradient(true);
                        Velocity.Evaluation e = velocity.evaluate(leaf, t - integrator.node(i) * h);
                        NDArray pairing = Tensors.scale(
                                e.velocity()
                                        .mul(ai)
                                        .sum()
                                        .add(e.divergence().mul(aLogDet).sum()),
                                w);
                        collector.backward(pairing);
                        NDArray g = leaf.getGradient();
                        g.attach(scope);
                        stateSlopes[i] = e.velocity().stopGradient();
                        adjointSlopes[i] = Tensors.scale(g, -1 / w);
                        double b = integrator.weight(i);
                        NDArray stateTerm = Tensors.scale(stateSlopes[i], b);
                        NDArray adjointTerm = Tensors.scale(adjointSlopes[i], b);
                        stateIncrement = stateIncrement == null ? stateTerm : stateIncrement.add(stateTerm);
                        adjointIncrement = adjointIncrement == null ? adjointTerm : adjointIncrement.add(adjointTerm);
                    }
                    NDArray previousX = x.sub(Tensors.scale(stateIncrement, h));
                    if (velocity.periodic()) {
                        previousX = Angles.wrap(previousX);
                    }
                    NDArray previousA = a.sub(Tensors.scale(adjointIncrement, h));
                    memory.sample(out);
                    x = previousX;
                    a = previousA;
                    x.attach(out);
                    a.attach(out);
                } finally {
                    scope.close();
                }
            }
        }
        x.close();
        aLogDet.close();
        return a;
    }
}
