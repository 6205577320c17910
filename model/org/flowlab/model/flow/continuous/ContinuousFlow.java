package org.flowlab.model.flow.continuous;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.Bijection;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.FlowSnapshot;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.flow.core.Prior;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.lattice.Angles;

/**
 * A continuous normalizing flow (neural ODE): x = x(1) for dx/dt = v(x, t), x(0) = z, with the
 * log-determinant accumulated along the path by the instantaneous change of variables,
 *
 * <pre>
 * d/dt log|det dx(t)/dz| = div v(x(t), t),     log q(x(1)) = log r(z) - int_0^1 div v dt
 * </pre>
 *
 * (Chen, Rubanova, Bettencourt, Duvenaud, arXiv:1806.07366). The state and the divergence
 * integral are advanced together by Euler or RK4 with a fixed number of steps on [0, 1]; the
 * inverse integrates the same ODE from t = 1 back to t = 0. Because the integrators are not
 * exactly reversible, forward and inverse agree only up to the integration error (O(h^4) for
 * RK4), and so do log q through {@code forward} and through {@code inverse}.
 *
 * <p>Two gradient routes:
 *
 * <ul>
 *   <li>{@link GradientMode#BACKPROP}: inside a gradient collector {@code forward}/{@code inverse}
 *       record every stage, and the trainer back-propagates through the solver; memory grows
 *       with the number of steps. Outside one (sampling, evaluation) they keep no graph.
 *   <li>{@link GradientMode#ADJOINT}: {@code forward}/{@code inverse} keep no graph (memory
 *       independent of the number of steps), and the objectives obtain parameter gradients from
 *       {@link #adjoint}, which solves the adjoint ODE backwards in time while recomputing the
 *       trajectory x(t) from its end point (Pontryagin; Chen et al. 2018, appendix B).
 * </ul>
 *
 * <p>For periodic velocities the states are wrapped into [0, 2 pi) after every step. The adjoint
 * solver ({@link AdjointSolver}), the pictures in time ({@link FlowInTime}) and the memory
 * instrumentation ({@link SolverMemory}) live in their own classes.
 */
public final class ContinuousFlow implements Bijection {

    /** How parameter gradients are computed. */
    public enum GradientMode {
        /** Back-propagation through every stage of the solver. */
        BACKPROP,
        /** The adjoint-state method: a second ODE solved backwards in time. */
        ADJOINT;

        /**
         * Parses {@code backprop} or {@code adjoint}.
         *
         * @param text the name, any case
         * @return the mode
         * @throws IllegalArgumentException naming the choices
         */
        public static GradientMode parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            switch (t) {
                case "backprop":
                    return BACKPROP;
                case "adjoint":
                    return ADJOINT;
                default:
                    throw new IllegalArgumentException(
                            "gradient route must be backprop or adjoint, not '" + text + "'");
            }
        }
    }

    private final Velocity velocity;
    private final OdeIntegrator integrator;
    private final int steps;
    private final GradientMode gradientMode;
    private final ParameterSet parameters;
    private final SolverMemory memory = new SolverMemory();
    private final AdjointSolver adjointSolver;
    private final FlowInTime inTime = new FlowInTime(this);

    /**
     * Creates the flow.
     *
     * @param velocity the velocity field (its parameters live in {@code parameters})
     * @param integrator Euler or RK4
     * @param steps integration steps on [0, 1] (at least 1)
     * @param gradientMode back-propagation or adjoint
     * @param parameters the flow's parameter set
     */
    public ContinuousFlow(
            Velocity velocity,
            OdeIntegrator integrator,
            int steps,
            GradientMode gradientMode,
            ParameterSet parameters) {
        if (steps < 1) {
            throw new IllegalArgumentException("ODE steps must be at least 1, got " + steps);
        }
        this.velocity = velocity;
        this.integrator = integrator;
        this.steps = steps;
        this.gradientMode = gradientMode;
        this.parameters = parameters;
        this.adjointSolver = new AdjointSolver(this, parameters, memory);
    }

    /**
     * Builds a complete continuous flow: a prior pushed through the ODE of a velocity.
     *
     * @param prior the base density
     * @param velocity builds the velocity, registering its parameters
     * @param integrator Euler or RK4
     * @param steps integration steps
     * @param gradientMode back-propagation or adjoint
     * @param device where the parameters live
     * @param type FLOAT32 or FLOAT64
     * @return the flow model (close it when done)
     */
    public static FlowModel model(
            Prior prior,
            Function<ParameterSet, Velocity> velocity,
            OdeIntegrator integrator,
            int steps,
            GradientMode gradientMode,
            Device device,
            DataType type) {
        ParameterSet params = new ParameterSet(device, type);
        try {
            ContinuousFlow flow = new ContinuousFlow(velocity.apply(params), integrator, steps, gradientMode, params);
            return new FlowModel(prior, flow, params);
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    /**
     * The velocity field.
     *
     * @return v
     */
    public Velocity velocity() {
        return velocity;
    }

    /**
     * The integration scheme.
     *
     * @return Euler or RK4
     */
    public OdeIntegrator integrator() {
        return integrator;
    }

    /**
     * Integration steps on [0, 1].
     *
     * @return the step count
     */
    public int steps() {
        return steps;
    }

    /**
     * The gradient route.
     *
     * @return back-propagation or adjoint
     */
    public GradientMode gradientMode() {
        return gradientMode;
    }

    @Override
    public Transformed forward(NDArray z) {
        return keepsGraph() ? solve(z, 0, 1) : solveDetached(z, 0, 1);
    }

    @Override
    public Transformed inverse(NDArray x) {
        return keepsGraph() ? solve(x, 1, 0) : solveDetached(x, 1, 0);
    }

    /**
     * Whether forward and inverse record the solver for back-propagation: in back-propagation
     * mode while a gradient collector is open. Otherwise (adjoint mode, or sampling and
     * evaluation outside training) they run step by step without a graph, in memory that does
     * not grow with the number of steps.
     */
    private boolean keepsGraph() {
        // DJL has no engine-neutral query for "a gradient collector is recording"
        return gradientMode == GradientMode.BACKPROP && Compute.isGradientRecording();
    }

    /**
     * The number of steps used between two times: the flow's steps per unit time, rounded, and
     * at least one (zero for an empty interval).
     *
     * @param tStart start time
     * @param tEnd end time
     * @return the step count
     */
    public int stepsBetween(double tStart, double tEnd) {
        if (tStart == tEnd) {
            return 0;
        }
        return Math.max(1, (int) Math.round(steps * Math.abs(tEnd - tStart)));
    }

    /**
     * Integrates the ODE from {@code tStart} to {@code tEnd} (either direction), recording the
     * operations for back-propagation when a gradient collector is open.
     *
     * @param x states at tStart, shape [batch, eventShape...]
     * @param tStart start time
     * @param tEnd end time
     * @return x(tEnd) and int_{tStart}^{tEnd} div v dt (negative direction for tEnd &lt; tStart)
     */
    public Transformed solve(NDArray x, double tStart, double tEnd) {
        return integrate(x, tStart, tEnd, false);
    }

    /**
     * Integrates like {@link #solve} but keeps no graph: the parameters are frozen, each step
     * runs in its own scope and only the current state survives it, so memory does not grow
     * with the number of steps. Results are constants (no gradient flows through them).
     *
     * @param x states at tStart
     * @param tStart start time
     * @param tEnd end time
     * @return x(tEnd) and the divergence integral, attached to the manager of {@code x}
     */
    public Transformed solveDetached(NDArray x, double tStart, double tEnd) {
        return integrate(x, tStart, tEnd, true);
    }

    private Transformed integrate(NDArray x0, double tStart, double tEnd, boolean detached) {
        NDManager out = x0.getManager();
        NDArray logDet = out.zeros(new Shape(x0.getShape().get(0)), x0.getDataType());
        int n = stepsBetween(tStart, tEnd);
        if (n == 0) {
            return new Transformed(detached ? x0.stopGradient() : x0.duplicate(), logDet);
        }
        double h = (tEnd - tStart) / n;
        NDArray x = detached ? x0.stopGradient() : x0;
        try (ParameterSet.Frozen frozen = detached ? parameters.freeze() : null) {
            for (int k = 0; k < n; k++) {
                double t = tStart + k * h;
                if (!detached) {
                    NDArray[] next = step(x, logDet, t, h);
                    x = next[0];
                    logDet = next[1];
                    memory.sample(out);
                    continue;
                }
                NDManager scope = out.newSubManager();
                try {
                    x.attach(scope);
                    logDet.attach(scope);
                    NDArray[] next = step(x, logDet, t, h);
                    memory.sample(out);
                    x = next[0];
                    logDet = next[1];
                    x.attach(out);
                    logDet.attach(out);
                } finally {
                    scope.close();
                }
            }
        }
        return new Transformed(x, logDet);
    }

    /** One step of the augmented ODE (x, l)' = (v, div v) from t to t + h. */
    private NDArray[] step(NDArray x, NDArray logDet, double t, double h) {
        int stages = integrator.stages();
        NDArray[] slopes = new NDArray[stages];
        NDArray increment = null;
        NDArray divergence = null;
        for (int i = 0; i < stages; i++) {
            NDArray xi = x;
            for (int j = 0; j < i; j++) {
                double a = integrator.coupling(i, j);
                if (a != 0) {
                    xi = xi.add(Tensors.scale(slopes[j], h * a));
                }
            }
            Velocity.Evaluation e = velocity.evaluate(xi, t + integrator.node(i) * h);
            slopes[i] = e.velocity();
            double b = integrator.weight(i);
            NDArray weighted = Tensors.scale(e.velocity(), b);
            increment = increment == null ? weighted : increment.add(weighted);
            NDArray weightedDivergence = Tensors.scale(e.divergence(), b);
            divergence = divergence == null ? weightedDivergence : divergence.add(weightedDivergence);
        }
        NDArray next = x.add(Tensors.scale(increment, h));
        if (velocity.periodic()) {
            next = Angles.wrap(next);
        }
        return new NDArray[] {next, logDet.add(Tensors.scale(divergence, h))};
    }

    /**
     * The adjoint-state method: accumulates into the parameters' gradients dL/dtheta for a loss
     * L that depends on the result (x(tEnd), l) of a solve from tStart to tEnd, where
     * l = int_{tStart}^{tEnd} div v dt, given the cotangents dL/dx(tEnd) and dL/dl, by solving
     * the adjoint ODE backwards in memory independent of the number of steps
     * ({@link AdjointSolver} has the equations).
     *
     * @param xEnd the end state x(tEnd) of the solve
     * @param gradX dL/dx(tEnd), shape of xEnd
     * @param gradLogDet dL/dl, shape [batch]
     * @param tStart start time of the solve
     * @param tEnd end time of the solve
     * @param collector the open gradient collector (the trainer's)
     * @param parameterGradients whether to accumulate parameter gradients; when false the
     *     parameters are frozen and only dL/dx(tStart) is computed
     * @return dL/dx(tStart), attached to the manager of {@code xEnd}
     */
    public NDArray adjoint(
            NDArray xEnd,
            NDArray gradX,
            NDArray gradLogDet,
            double tStart,
            double tEnd,
            GradientCollector collector,
            boolean parameterGradients) {
        return adjointSolver.solve(xEnd, gradX, gradLogDet, tStart, tEnd, collector, parameterGradients);
    }

    /**
     * Samples and their density at chosen times, for pictures of the flow in time: starting
     * from prior samples z at t = 0, integrates (without a graph) from one time to the next
     * with the flow's step density and reports x(t) with log q_t(x(t)) = log r(z) - int_0^t div v.
     *
     * @param z prior samples
     * @param logR log r(z), shape [batch]
     * @param times increasing times in [0, 1]
     * @return one snapshot per time, arrays attached to the manager of {@code z}
     */
    public List<FlowSnapshot> snapshots(NDArray z, NDArray logR, double[] times) {
        return inTime.snapshots(z, logR, times);
    }

    /**
     * The model density at an intermediate time, log q_t(x) = log r(z) + int_t^0 div v ds with
     * z the solution at time 0 of the ODE through x at time t (integrated without a graph).
     *
     * @param x points, shape [batch, eventShape...]
     * @param t the time in [0, 1]
     * @param prior the base density r
     * @return log q_t(x), shape [batch]
     */
    public NDArray logDensityAt(NDArray x, double t, Prior prior) {
        return inTime.logDensityAt(x, t, prior);
    }

    /**
     * Starts recording the peak number (and bytes) of arrays alive under the solver's output
     * manager at every step of {@code solve}, {@code solveDetached} and {@code adjoint}, from
     * zero. Costs a walk over the manager's arrays per step.
     *
     * @param on whether to track
     */
    public void trackMemory(boolean on) {
        memory.track(on);
    }

    /**
     * The peak recorded since tracking started.
     *
     * @return the peak (zero when tracking is off)
     */
    public SolverMemory.Peak memoryPeak() {
        return memory.peak();
    }
}
