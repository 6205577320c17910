package org.flowlab.model.flow.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.flowlab.model.flow.core.ParameterSet;

/**
 * A small fully connected network y = W_n tanh(... tanh(W_1 x + b_1) ...) + b_n acting on the
 * last axis, with weights uniform in +-1/sqrt(fan_in) (PyTorch's default for Linear).
 */
public final class Mlp {

    private final NDArray[] weights;
    private final NDArray[] biases;

    /**
     * Creates the network and registers its parameters.
     *
     * @param params the parameter set
     * @param prefix name prefix
     * @param sizes layer widths from input to output, e.g. {2, 32, 32, 4}
     * @param rng initial weights
     */
    public Mlp(ParameterSet params, String prefix, int[] sizes, RandomGenerator rng) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs input and output sizes");
        }
        int n = sizes.length - 1;
        weights = new NDArray[n];
        biases = new NDArray[n];
        for (int i = 0; i < n; i++) {
            double bound = 1.0 / Math.sqrt(sizes[i]);
            weights[i] = params.add(
                    prefix + ".linear" + i + ".weight",
                    new Shape(sizes[i], sizes[i + 1]),
                    uniform(rng, sizes[i] * sizes[i + 1], bound));
            biases[i] = params.add(
                    prefix + ".linear" + i + ".bias", new Shape(sizes[i + 1]), uniform(rng, sizes[i + 1], bound));
        }
    }

    private static double[] uniform(RandomGenerator rng, int n, double bound) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (2 * rng.nextDouble() - 1) * bound;
        }
        return v;
    }

    /**
     * Applies the network.
     *
     * @param x input of shape [batch, sizes[0]]
     * @return output of shape [batch, sizes[last]]
     */
    public NDArray apply(NDArray x) {
        NDArray h = x;
        for (int i = 0; i < weights.length; i++) {
            h = h.matMul(weights[i]).add(biases[i]);
            if (i < weights.length - 1) {
                h = h.tanh();
            }
        }
        return h;
    }
}
