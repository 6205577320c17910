package org.flowlab.model.flow.continuous;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;
import org.flowlab.model.flow.core.ParameterSet;

/**
 * A trainable periodic velocity on the circle, for the von Mises target: a tanh MLP of
 * (cos theta, sin theta, e(t)), so v(theta + 2 pi, t) = v(theta, t) and the flow is a
 * diffeomorphism of the circle. Its divergence is dv/dtheta, exact through the chain rule
 * with the tangent (-sin theta, cos theta) of the input features:
 *
 * <pre>
 * v(theta, t) = MLP(cos theta, sin theta, e(t)),     div v = dv/dtheta
 * </pre>
 *
 * States are angles of shape [batch, 1]; the flow wraps them into [0, 2 pi).
 */
public final class CircleVelocity implements Velocity {

    private final TanhMlp net;

    /**
     * Creates the velocity and registers its parameters.
     *
     * @param params the parameter set
     * @param prefix name prefix
     * @param hidden hidden width
     * @param hiddenLayers tanh layers
     * @param rng initial weights
     */
    public CircleVelocity(ParameterSet params, String prefix, int hidden, int hiddenLayers, RandomGenerator rng) {
        this.net = new TanhMlp(params, prefix, 2, hidden, hiddenLayers, 1, rng);
    }

    @Override
    public Evaluation evaluate(NDArray theta, double t) {
        NDArray cos = theta.cos();
        NDArray sin = theta.sin();
        NDArray features = cos.concat(sin, 1);
        NDArray tangent = sin.neg().concat(cos, 1).expandDims(1);
        NDArray[] out = net.apply(features, tangent, t);
        return new Evaluation(out[0], out[1].reshape(-1));
    }

    @Override
    public boolean periodic() {
        return true;
    }
}
