package org.flowlab.model.flow.coupling;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flowlab.model.flow.core.Bijection;
import org.flowlab.model.flow.core.Composite;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.GaussianPrior;
import org.flowlab.model.flow.core.ParameterSet;

/**
 * A RealNVP flow in the plane for the toy mixtures: affine couplings that alternately update
 * x (conditioned on y) and y (conditioned on x), each with a tanh MLP, over a standard normal
 * prior.
 */
public final class Coupling2d {

    private Coupling2d() {}

    /**
     * Builds the flow.
     *
     * @param layers coupling layers (at least 2 so both coordinates move)
     * @param hidden width of each hidden layer
     * @param depth number of hidden layers
     * @param device where the parameters live
     * @param type FLOAT32 or FLOAT64
     * @param seed seed of the initial weights
     * @return the flow model
     */
    public static FlowModel model(int layers, int hidden, int depth, Device device, DataType type, long seed) {
        if (layers < 1 || hidden < 1 || depth < 1) {
            throw new IllegalArgumentException("layers, hidden width and depth must be at least 1");
        }
        ParameterSet params = new ParameterSet(device, type);
        try {
            SplittableRandom rng = new SplittableRandom(seed);
            int[] widths = new int[depth];
            Arrays.fill(widths, hidden);
            List<Bijection> stack = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                double[] mask = i % 2 == 0 ? new double[] {0, 1} : new double[] {1, 0};
                stack.add(new VectorCoupling(params, "coupling" + i, mask, widths, rng));
            }
            return new FlowModel(new GaussianPrior(new Shape(2)), new Composite(stack), params);
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }
}
