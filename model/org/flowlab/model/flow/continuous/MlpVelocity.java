package org.flowlab.model.flow.continuous;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;
import org.flowlab.model.flow.core.ParameterSet;

/**
 * A trainable velocity on R^d for toy targets: a tanh MLP of (x, e(t)) whose exact divergence
 * is the trace of its Jacobian, obtained by propagating the d unit tangent vectors through the
 * layers (see {@link TanhMlp}):
 *
 * <pre>
 * v(x, t) = MLP(x, e(t)),     div v = tr(dv/dx) = sum_i (e_i . J)_i
 * </pre>
 *
 * The cost is d + 1 forward passes, fine for the 2D mixtures (Chen, Rubanova, Bettencourt,
 * Duvenaud, "Neural ordinary differential equations", arXiv:1806.07366, use the same exact
 * trace in low dimension).
 */
public final class MlpVelocity implements Velocity {

    private final int dim;
    private final TanhMlp net;

    /**
     * Creates the velocity and registers its parameters.
     *
     * @param params the parameter set
     * @param prefix name prefix, such as {@code velocity}
     * @param dim the dimension d of x
     * @param hidden hidden width
     * @param hiddenLayers tanh layers
     * @param rng initial weights
     */
    public MlpVelocity(ParameterSet params, String prefix, int dim, int hidden, int hiddenLayers, RandomGenerator rng) {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dim);
        }
        this.dim = dim;
        this.net = new TanhMlp(params, prefix, dim, hidden, hiddenLayers, dim, rng);
    }

    @Override
    public Evaluation evaluate(NDArray x, double t) {
        NDArray identity = x.getManager().eye(dim, dim, 0, x.getDataType());
        NDArray[] out = net.apply(x, identity.expandDims(0), t);
        // out[1][b, j, i] = d v_i / d x_j; the trace is the divergence
        NDArray divergence = out[1].mul(identity).sum(new int[] {1, 2});
        return new Evaluation(out[0], divergence);
    }
}
