package org.flowlab.model.flow.continuous;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.flowlab.model.flow.core.ParameterSet;

/**
 * A small multilayer perceptron with tanh hidden layers and a time input, evaluated together
 * with its Jacobian by forward-mode propagation of tangent vectors:
 *
 * <pre>
 * h_1 = tanh(u W_0 + e(t) W_t + b_0),   h_k = tanh(h_{k-1} W_{k-1} + b_{k-1}),   y = h_n W_n + b_n
 * dh_1 = (du W_0) (1 - h_1^2),          dh_k = (dh_{k-1} W_{k-1}) (1 - h_k^2),     dy = dh_n W_n
 * </pre>
 *
 * For d tangent directions this costs d extra matrix products per layer and needs only the
 * analytic slope 1 - tanh^2, so the exact divergence of a low-dimensional velocity is a
 * first-order expression. Weights are stored as [in, out] so the batch is always the first
 * operand (temporaries stay in the batch's manager); initial values are uniform in
 * +-1/sqrt(fan_in), PyTorch's default for linear layers.
 */
final class TanhMlp {

    private final NDArray inputWeight;
    private final NDArray timeWeight;
    private final NDArray[] weights;
    private final NDArray[] biases;

    /**
     * Creates the network and registers its parameters.
     *
     * @param params the parameter set
     * @param prefix name prefix
     * @param inputs input features u
     * @param hidden hidden width
     * @param hiddenLayers number of tanh layers (at least 1)
     * @param outputs output size
     * @param rng initial weights
     */
    TanhMlp(
            ParameterSet params,
            String prefix,
            int inputs,
            int hidden,
            int hiddenLayers,
            int outputs,
            RandomGenerator rng) {
        if (hidden < 1 || hiddenLayers < 1) {
            throw new IllegalArgumentException("an MLP needs at least one hidden layer of width at least 1");
        }
        double firstBound = 1 / Math.sqrt(inputs + TimeEmbedding.SIZE);
        inputWeight =
                params.add(prefix + ".in.weight", new Shape(inputs, hidden), uniform(rng, inputs * hidden, firstBound));
        timeWeight = params.add(
                prefix + ".time.weight",
                new Shape(TimeEmbedding.SIZE, hidden),
                uniform(rng, TimeEmbedding.SIZE * hidden, firstBound));
        weights = new NDArray[hiddenLayers];
        biases = new NDArray[hiddenLayers + 1];
        biases[0] = params.add(prefix + ".in.bias", new Shape(hidden), uniform(rng, hidden, firstBound));
        double bound = 1 / Math.sqrt(hidden);
        for (int i = 1; i < hiddenLayers; i++) {
            weights[i - 1] = params.add(
                    prefix + ".hidden" + i + ".weight",
                    new Shape(hidden, hidden),
                    uniform(rng, hidden * hidden, bound));
            biases[i] = params.add(prefix + ".hidden" + i + ".bias", new Shape(hidden), uniform(rng, hidden, bound));
        }
        weights[hiddenLayers - 1] =
                params.add(prefix + ".out.weight", new Shape(hidden, outputs), uniform(rng, hidden * outputs, bound));
        biases[hiddenLayers] = params.add(prefix + ".out.bias", new Shape(outputs), uniform(rng, outputs, bound));
    }

    static double[] uniform(RandomGenerator rng, int n, double bound) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (2 * rng.nextDouble() - 1) * bound;
        }
        return v;
    }

    /**
     * Evaluates the network and the derivatives of its outputs along tangent directions.
     *
     * @param input u of shape [batch, inputs]
     * @param tangents du of shape [batch or 1, directions, inputs]
     * @param t the time
     * @return y of shape [batch, outputs] and dy of shape [batch, directions, outputs]
     */
    NDArray[] apply(NDArray input, NDArray tangents, double t) {
        NDArray time =
                TimeEmbedding.array(input.getManager(), t, input.getDataType(), new Shape(1, TimeEmbedding.SIZE));
        NDArray h = input.matMul(inputWeight)
                .add(time.matMul(timeWeight))
                .add(biases[0])
                .tanh();
        NDArray dh = tangents.matMul(inputWeight).mul(slope(h));
        for (int i = 0; i < weights.length - 1; i++) {
            h = h.matMul(weights[i]).add(biases[i + 1]).tanh();
            dh = dh.matMul(weights[i]).mul(slope(h));
        }
        NDArray out = weights[weights.length - 1];
        return new NDArray[] {h.matMul(out).add(biases[weights.length]), dh.matMul(out)};
    }

    /** tanh' = 1 - tanh^2 with a direction axis inserted, shape [batch, 1, width]. */
    private static NDArray slope(NDArray h) {
        return h.square().neg().add(1).expandDims(1);
    }
}
