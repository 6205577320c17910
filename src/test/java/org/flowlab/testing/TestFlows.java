package org.flowlab.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.flowlab.model.flow.continuous.CircleVelocity;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.continuous.EquivariantLatticeVelocity;
import org.flowlab.model.flow.continuous.MlpVelocity;
import org.flowlab.model.flow.continuous.OdeIntegrator;
import org.flowlab.model.flow.continuous.ToySplitVelocity;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.GaussianPrior;
import org.flowlab.model.flow.core.UniformCirclePrior;

/** Small float64 continuous flows with random weights for tests. */
public final class TestFlows {

    /** Lattice size of the equivariant test flows. */
    public static final int L = 4;

    private TestFlows() {}

    /**
     * A continuous flow with one of the velocities: {@code toy-split}, {@code mlp} (2D),
     * {@code circle} (angles) or {@code equivariant} (L x L field).
     *
     * @param kind the velocity
     * @param integrator Euler or RK4
     * @param steps ODE steps
     * @param mode gradient route
     * @param scale factor applied to the random initial weights (larger: farther from identity)
     * @param seed seed of the weights
     * @return the flow (close it)
     */
    public static FlowModel continuous(
            String kind,
            OdeIntegrator integrator,
            int steps,
            ContinuousFlow.GradientMode mode,
            double scale,
            long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FlowModel model;
        switch (kind) {
            case "toy-split":
                model = ContinuousFlow.model(
                        new GaussianPrior(new Shape(2)),
                        p -> new ToySplitVelocity(),
                        integrator,
                        steps,
                        mode,
                        Device.cpu(),
                        DataType.FLOAT64);
                break;
            case "mlp":
                model = ContinuousFlow.model(
                        new GaussianPrior(new Shape(2)),
                        p -> new MlpVelocity(p, "v", 2, 12, 2, rng),
                        integrator,
                        steps,
                        mode,
                        Device.cpu(),
                        DataType.FLOAT64);
                break;
            case "circle":
                model = ContinuousFlow.model(
                        new UniformCirclePrior(new Shape(1)),
                        p -> new CircleVelocity(p, "v", 10, 2, rng),
                        integrator,
                        steps,
                        mode,
                        Device.cpu(),
                        DataType.FLOAT64);
                break;
            case "equivariant":
                model = ContinuousFlow.model(
                        new GaussianPrior(new Shape(L, L)),
                        p -> new EquivariantLatticeVelocity(p, "v", L, 3, 3, rng),
                        integrator,
                        steps,
                        mode,
                        Device.cpu(),
                        DataType.FLOAT64);
                break;
            default:
                throw new IllegalArgumentException(kind);
        }
        for (NDArray p : model.parameters().parameters().values()) {
            p.muli(scale);
        }
        return model;
    }
}
