package org.flowlab.model.flow.coupling;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.Bijection;
import org.flowlab.model.flow.core.Composite;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.GaussianPrior;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.flow.core.Transformed;

/**
 * The simplest flow in the plane: an invertible affine map x = A z + b with A lower triangular,
 *
 * <pre>
 * x_0 = e^{s_0} z_0 + b_0,   x_1 = e^{s_1} z_1 + c z_0 + b_1,   log|det J| = s_0 + s_1
 * </pre>
 *
 * so that q is a Gaussian with any mean and covariance. It is the textbook setting for the
 * asymmetry of the two KL divergences: fitting a Gaussian to two separated modes, reverse KL
 * settles on one mode while forward KL matches mean and covariance and covers both.
 *
 * <p>It starts as a unit Gaussian shifted by a seeded random offset, b = (±u, v) with u uniform
 * in [1, 2] and v in [-1, 1]: a start that is not exactly between two symmetric modes, as any
 * trained network's random initialisation is. (From the exact midpoint, a broad Gaussian over
 * both modes is a shallow local minimum of reverse KL, and gradient descent can stop there.)
 */
public final class Affine2d implements Bijection {

    private static final NDIndex FIRST = new NDIndex().addAllDim().addSliceDim(0, 1);

    private final NDArray logScale;
    private final NDArray shift;
    private final NDArray mixing;
    private final NDArray secondAxis;

    /**
     * Creates the map and registers its five parameters.
     *
     * @param params the parameter set
     * @param rng source of the initial offset
     */
    public Affine2d(ParameterSet params, java.util.random.RandomGenerator rng) {
        double u = (1 + rng.nextDouble()) * (rng.nextBoolean() ? 1 : -1);
        double v = 2 * rng.nextDouble() - 1;
        logScale = params.add("affine.log_scale", new Shape(1, 2), new double[] {0, 0});
        shift = params.add("affine.shift", new Shape(1, 2), new double[] {u, v});
        mixing = params.add("affine.mixing", new Shape(1, 1), new double[] {0});
        secondAxis = params.addBuffer("affine.e1", new Shape(1, 2), new double[] {0, 1});
    }

    @Override
    public Transformed forward(NDArray z) {
        NDArray z0 = z.get(FIRST);
        NDArray x = z.mul(logScale.exp()).add(shift).add(z0.mul(mixing).mul(secondAxis));
        return new Transformed(x, logDet(z));
    }

    @Override
    public Transformed inverse(NDArray x) {
        NDArray z0 =
                x.get(FIRST).sub(shift.get(FIRST)).mul(logScale.get(FIRST).neg().exp());
        NDArray z = x.sub(shift)
                .sub(z0.mul(mixing).mul(secondAxis))
                .mul(logScale.neg().exp());
        return new Transformed(z, logDet(x).neg());
    }

    private NDArray logDet(NDArray like) {
        // the same log-determinant for every sample, broadcast to the batch
        return Tensors.sumPerSample(like.zerosLike().add(logScale));
    }

    /**
     * Builds the flow: a standard normal prior through the affine map.
     *
     * @param device where the parameters live
     * @param type FLOAT32 or FLOAT64
     * @param seed seed of the initial offset
     * @return the flow model
     */
    public static FlowModel model(Device device, DataType type, long seed) {
        ParameterSet params = new ParameterSet(device, type);
        Affine2d map = new Affine2d(params, new java.util.SplittableRandom(seed));
        return new FlowModel(new GaussianPrior(new Shape(2)), new Composite(List.of(map)), params);
    }
}
