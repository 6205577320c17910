package org.flowlab.model.flow.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.random.RandomGenerator;
import org.flowlab.model.flow.core.ParameterSet;

/**
 * A small translation-equivariant convolutional network on a periodic lattice: 2D convolutions
 * with circular padding (odd kernel, stride 1), LeakyReLU (slope 0.01) between them and an
 * optional tanh after the last, as in the 2021 flow tutorial (arXiv:2101.08176).
 *
 * <p>Weights and biases start uniform in +-1/sqrt(fan_in) (PyTorch's default for Conv2d),
 * drawn from the caller's random source so a seed fixes the initial flow.
 */
public final class ConvNet {

    private static final float LEAKY_SLOPE = 0.01f;

    private final NDArray[] weights;
    private final NDArray[] biases;
    private final CircularConvolution convolution;
    private final CircularConvolution last;
    private final boolean tanhOutput;

    /**
     * Creates the network and registers its parameters.
     *
     * @param params where the parameters live
     * @param prefix name prefix, such as {@code coupling3.net}
     * @param size lattice size L of the inputs (L x L, at least kernel / 2)
     * @param channels channel counts from input to output, e.g. {1, 8, 8, 2}
     * @param kernel odd kernel size
     * @param tanhOutput whether to apply tanh to the output
     * @param rng source of the initial weights
     */
    public ConvNet(
            ParameterSet params,
            String prefix,
            int size,
            int[] channels,
            int kernel,
            boolean tanhOutput,
            RandomGenerator rng) {
        this(params, prefix, size, channels, kernel, tanhOutput, rng, null);
    }

    /**
     * Creates a network whose last layer computes only the output sites of a stripe.
     *
     * @param params where the parameters live
     * @param prefix name prefix, such as {@code coupling3.net}
     * @param size lattice size L of the inputs (L x L, at least kernel / 2)
     * @param channels channel counts from input to output, e.g. {2, 8, 8, 25}
     * @param kernel odd kernel size
     * @param tanhOutput whether to apply tanh to the output
     * @param rng source of the initial weights
     * @param outputSites the output sites of the last layer, or null for all
     */
    public ConvNet(
            ParameterSet params,
            String prefix,
            int size,
            int[] channels,
            int kernel,
            boolean tanhOutput,
            RandomGenerator rng,
            CircularConvolution.Stripe outputSites) {
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and positive, got " + kernel);
        }
        if (channels.length < 2) {
            throw new IllegalArgumentException("a network needs input and output channels");
        }
        int n = channels.length - 1;
        weights = new NDArray[n];
        biases = new NDArray[n];
        for (int i = 0; i < n; i++) {
            int in = channels[i];
            int out = channels[i + 1];
            double bound = 1.0 / Math.sqrt((double) in * kernel * kernel);
            weights[i] = params.add(
                    prefix + ".conv" + i + ".weight",
                    new Shape(out, in, kernel, kernel),
                    uniform(rng, out * in * kernel * kernel, bound));
            biases[i] = params.add(prefix + ".conv" + i + ".bias", new Shape(out), uniform(rng, out, bound));
        }
        this.convolution = new CircularConvolution(params, prefix + ".convIndex", size, size, kernel);
        this.last = outputSites == null
                ? convolution
                : new CircularConvolution(params, prefix + ".outputIndex", size, size, kernel, outputSites);
        this.tanhOutput = tanhOutput;
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
     * <p>Channel-major, like {@link CircularConvolution#apply}: the channel axis first, the batch
     * second. A one-channel field [batch, 1, L, L] is reshaped for free; callers take the
     * output channels apart along axis 0.
     *
     * @param x input of shape [channels[0], batch, L, L]
     * @return output of shape [channels[last], batch, L, L], or [channels[last], batch, L', L'']
     *     on the output sites' stripe
     */
    public NDArray apply(NDArray x) {
        NDArray h = x;
        for (int i = 0; i < weights.length; i++) {
            h = (i == weights.length - 1 ? last : convolution).apply(h, weights[i], biases[i]);
            if (i < weights.length - 1) {
                h = Activation.leakyRelu(h, LEAKY_SLOPE);
            }
        }
        return tanhOutput ? h.tanh() : h;
    }
}
