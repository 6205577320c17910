package org.flowlab.model.ml;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A multilayer perceptron with one output: parametrised linear maps and an elementwise
 * non-linearity σ in between,
 *
 * <pre>
 *   h₁ = σ(W₁ x + b₁),  h_k = σ(W_k h_{k−1} + b_k) (k = 2 … depth),  f(x) = v · h_depth + c.
 * </pre>
 *
 * The parameters ω (every weight and bias) live in one float64 array, in layer order, each
 * weight matrix row-major (row = output unit), followed by its biases. Gradients are computed
 * by back-propagation (the chain rule applied from the output back to the input, Rumelhart,
 * Hinton, Williams 1986, <a href="https://doi.org/10.1038/323533a0">doi:10.1038/323533a0</a>).
 * Weights and biases start uniform in ±1/√fan_in (PyTorch's default for a linear layer).
 *
 * <p>Not thread-safe: evaluation uses scratch arrays held by the network.
 */
public final class Mlp {

    private final int[] sizes;
    private final Activation activation;
    private final double[] parameters;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final double[][] pre;
    private final double[][] post;
    private final double[][] delta;

    /**
     * Creates a network with random initial parameters.
     *
     * @param inputs input dimension (1 for a function, 2 for points in the plane)
     * @param width units per hidden layer (at least 1)
     * @param depth number of hidden layers (at least 1)
     * @param activation σ
     * @param rng source of the initial parameters
     */
    public Mlp(int inputs, int width, int depth, Activation activation, SplittableRandom rng) {
        if (inputs < 1 || width < 1 || depth < 1) {
            throw new IllegalArgumentException("an MLP needs inputs, width and depth of at least 1");
        }
        this.activation = activation;
        sizes = new int[depth + 2];
        sizes[0] = inputs;
        Arrays.fill(sizes, 1, depth + 1, width);
        sizes[depth + 1] = 1;
        weightOffset = new int[depth + 1];
        biasOffset = new int[depth + 1];
        int offset = 0;
        for (int l = 0; l <= depth; l++) {
            weightOffset[l] = offset;
            offset += sizes[l] * sizes[l + 1];
            biasOffset[l] = offset;
            offset += sizes[l + 1];
        }
        parameters = new double[offset];
        for (int l = 0; l <= depth; l++) {
            double bound = 1 / Math.sqrt(sizes[l]);
            for (int i = weightOffset[l]; i < biasOffset[l] + sizes[l + 1]; i++) {
                parameters[i] = (2 * rng.nextDouble() - 1) * bound;
            }
        }
        pre = new double[depth][width];
        post = new double[depth][width];
        delta = new double[depth][width];
    }

    /**
     * The number of parameters of a network with one output:
     * (d·w + w) + (depth − 1)(w·w + w) + (w + 1).
     *
     * @param inputs input dimension d
     * @param width hidden width w
     * @param depth hidden layers
     * @return the count of weights and biases
     */
    public static int parameterCount(int inputs, int width, int depth) {
        return (inputs * width + width) + (depth - 1) * (width * width + width) + (width + 1);
    }

    /**
     * The number of parameters.
     *
     * @return the length of {@link #parameters()}
     */
    public int parameterCount() {
        return parameters.length;
    }

    /**
     * The parameters ω, live: an optimiser updates this array in place.
     *
     * @return the array
     */
    public double[] parameters() {
        return parameters;
    }

    /**
     * Input dimension.
     *
     * @return d
     */
    public int inputs() {
        return sizes[0];
    }

    /**
     * Units per hidden layer.
     *
     * @return w
     */
    public int width() {
        return sizes[1];
    }

    /**
     * Number of hidden layers.
     *
     * @return depth
     */
    public int depth() {
        return pre.length;
    }

    /**
     * The non-linearity.
     *
     * @return σ
     */
    public Activation activation() {
        return activation;
    }

    /**
     * Evaluates f(x).
     *
     * @param x the input, length {@link #inputs()}
     * @return the output
     */
    public double output(double[] x) {
        double[] in = x;
        for (int l = 0; l < pre.length; l++) {
            int nIn = sizes[l];
            int w = weightOffset[l];
            int b = biasOffset[l];
            double[] u = pre[l];
            double[] h = post[l];
            for (int j = 0; j < sizes[l + 1]; j++) {
                double s = parameters[b + j];
                int row = w + j * nIn;
                for (int i = 0; i < nIn; i++) {
                    s += parameters[row + i] * in[i];
                }
                u[j] = s;
                h[j] = activation.apply(s);
            }
            in = h;
        }
        int last = pre.length;
        double s = parameters[biasOffset[last]];
        int w = weightOffset[last];
        for (int i = 0; i < sizes[last]; i++) {
            s += parameters[w + i] * in[i];
        }
        return s;
    }

    /**
     * The activations of the last hidden layer at x, the functions the output adds up:
     * f(x) = c + Σ_j v_j h_j(x).
     *
     * @param x the input
     * @param out receives h_j(x), length {@link #width()}
     * @return f(x)
     */
    public double lastHidden(double[] x, double[] out) {
        double f = output(x);
        System.arraycopy(post[pre.length - 1], 0, out, 0, sizes[1]);
        return f;
    }

    /**
     * The output weights v_j of the last layer.
     *
     * @return a copy, length {@link #width()}
     */
    public double[] outputWeights() {
        int last = pre.length;
        return Arrays.copyOfRange(parameters, weightOffset[last], weightOffset[last] + sizes[last]);
    }

    /**
     * The output bias c.
     *
     * @return c
     */
    public double outputBias() {
        return parameters[biasOffset[pre.length]];
    }

    /**
     * The mean loss over some samples and its gradient with respect to every parameter, by
     * back-propagation.
     *
     * @param inputs all inputs
     * @param targets all targets
     * @param indices which samples, from {@code from} on
     * @param from first position in {@code indices}
     * @param count number of samples
     * @param loss the loss
     * @param gradient receives ∂𝓛/∂ω (overwritten), length {@link #parameterCount()}
     * @return 𝓛 = (1/count) Σ ℓ(f(xᵢ), yᵢ)
     */
    public double lossAndGradient(
            double[][] inputs, double[] targets, int[] indices, int from, int count, Loss loss, double[] gradient) {
        Arrays.fill(gradient, 0);
        double total = 0;
        double scale = 1.0 / count;
        for (int k = from; k < from + count; k++) {
            int sample = indices[k];
            double out = output(inputs[sample]);
            total += loss.value(out, targets[sample]);
            backward(inputs[sample], scale * loss.derivative(out, targets[sample]), gradient);
        }
        return total * scale;
    }

    /** Adds the gradient of dOut · f(x) to {@code gradient}; the forward pass at x must be current. */
    private void backward(double[] x, double dOut, double[] gradient) {
        int last = pre.length;
        int wOut = weightOffset[last];
        double[] top = post[last - 1];
        double[] dTop = delta[last - 1];
        for (int i = 0; i < sizes[last]; i++) {
            gradient[wOut + i] += dOut * top[i];
            dTop[i] = dOut * parameters[wOut + i] * activation.derivative(pre[last - 1][i], top[i]);
        }
        gradient[biasOffset[last]] += dOut;
        for (int l = last - 1; l >= 0; l--) {
            double[] in = l == 0 ? x : post[l - 1];
            int nIn = sizes[l];
            int w = weightOffset[l];
            int b = biasOffset[l];
            double[] d = delta[l];
            for (int j = 0; j < sizes[l + 1]; j++) {
                double g = d[j];
                gradient[b + j] += g;
                int row = w + j * nIn;
                for (int i = 0; i < nIn; i++) {
                    gradient[row + i] += g * in[i];
                }
            }
            if (l > 0) {
                double[] below = delta[l - 1];
                for (int i = 0; i < nIn; i++) {
                    double s = 0;
                    for (int j = 0; j < sizes[l + 1]; j++) {
                        s += parameters[w + j * nIn + i] * d[j];
                    }
                    below[i] = s * activation.derivative(pre[l - 1][i], post[l - 1][i]);
                }
            }
        }
    }
}
