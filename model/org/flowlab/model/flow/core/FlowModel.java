package org.flowlab.model.flow.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.random.RandomGenerator;

/**
 * A normalizing flow: a prior r(z) pushed through a bijection x = f(z), with model density
 *
 * <pre>
 * log q(x) = log r(z) - log|det J_f(z)|,   z = f^{-1}(x)
 * </pre>
 *
 * ("stretching lowers the density"). The flow owns its {@link ParameterSet}.
 */
public final class FlowModel implements AutoCloseable {

    private final Prior prior;
    private final Bijection transform;
    private final ParameterSet parameters;

    /**
     * Creates the flow.
     *
     * @param prior the base density
     * @param transform the bijection
     * @param parameters the parameters the bijection registered
     */
    public FlowModel(Prior prior, Bijection transform, ParameterSet parameters) {
        this.prior = prior;
        this.transform = transform;
        this.parameters = parameters;
    }

    /**
     * The base density.
     *
     * @return the prior
     */
    public Prior prior() {
        return prior;
    }

    /**
     * The bijection f.
     *
     * @return the transform
     */
    public Bijection transform() {
        return transform;
    }

    /**
     * The trainable parameters.
     *
     * @return the parameter set
     */
    public ParameterSet parameters() {
        return parameters;
    }

    /**
     * Draws x = f(z), z ~ r, and returns it with log q(x) in one pass (what reverse KL needs).
     *
     * @param manager step-scoped manager for the batch
     * @param batch number of samples
     * @param rng random source of the prior
     * @return samples and their log density
     */
    public FlowSample sample(NDManager manager, int batch, RandomGenerator rng) {
        NDArray z = prior.sample(manager, batch, rng, parameters.dataType());
        return push(z);
    }

    /**
     * Pushes given prior samples through the flow.
     *
     * @param z prior samples
     * @return x = f(z) and log q(x)
     */
    public FlowSample push(NDArray z) {
        Transformed t = transform.forward(z);
        return new FlowSample(t.value(), prior.logProb(z).sub(t.logDet()));
    }

    /**
     * Evaluates log q(x) through the inverse.
     *
     * @param x configurations
     * @return log q of shape [batch]
     */
    public NDArray logQ(NDArray x) {
        Transformed t = transform.inverse(x);
        return prior.logProb(t.value()).add(t.logDet());
    }

    @Override
    public void close() {
        parameters.close();
    }
}
