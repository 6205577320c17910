package org.flowlab.model.flow.coupling;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.flowlab.model.flow.core.Bijection;
import org.flowlab.model.flow.core.Composite;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.GaussianPrior;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.flow.core.Transformed;

/**
 * RealNVP flow for a real scalar field on an L x L lattice: a stack of affine couplings whose
 * checkerboard masks alternate, each with a circular-padded CNN (Albergo, Kanwar, Shanahan,
 * arXiv:1904.12072; tutorial arXiv:2101.08176).
 *
 * <p>Fields have shape [batch, L, L]; the channel axis the convolutions need is added inside.
 */
public final class RealNvp implements Bijection {

    /**
     * Architecture of a RealNVP flow.
     *
     * @param layers number of coupling layers (at least 1)
     * @param hidden channels of each hidden convolution (at least 1)
     * @param hiddenLayers number of hidden convolutions per network (at least 1)
     * @param kernel odd kernel size
     * @param tanh whether s and t pass through tanh (bounded scales, as in the tutorial)
     */
    public record Config(int layers, int hidden, int hiddenLayers, int kernel, boolean tanh) {

        /** The 2021 tutorial architecture: 16 layers, CNNs 1 -> 8 -> 8 -> 2, kernel 3, tanh. */
        public static Config tutorial() {
            return new Config(16, 8, 2, 3, true);
        }

        /**
         * Validates the sizes.
         *
         * @param layers layers
         * @param hidden hidden channels
         * @param hiddenLayers hidden convolutions
         * @param kernel kernel size
         * @param tanh tanh output
         */
        public Config {
            if (layers < 1) {
                throw new IllegalArgumentException("coupling layers must be at least 1, got " + layers);
            }
            if (hidden < 1) {
                throw new IllegalArgumentException("hidden channels must be at least 1, got " + hidden);
            }
            if (hiddenLayers < 1) {
                throw new IllegalArgumentException("hidden convolutions must be at least 1, got " + hiddenLayers);
            }
            if (kernel < 1 || kernel % 2 == 0) {
                throw new IllegalArgumentException("kernel size must be odd and positive, got " + kernel);
            }
        }

        int[] hiddenChannels() {
            int[] h = new int[hiddenLayers];
            java.util.Arrays.fill(h, hidden);
            return h;
        }
    }

    private final int size;
    private final Composite couplings;

    /**
     * Builds the flow and registers its parameters.
     *
     * @param params the parameter set
     * @param size lattice size L (even, at least the kernel size)
     * @param config the architecture
     * @param rng initial weights
     */
    public RealNvp(ParameterSet params, int size, Config config, RandomGenerator rng) {
        if (size % 2 != 0) {
            throw new IllegalArgumentException("RealNVP's checkerboard masks need an even lattice size L, got " + size);
        }
        if (config.kernel() > size) {
            throw new IllegalArgumentException(
                    "kernel size " + config.kernel() + " is larger than the lattice size " + size);
        }
        this.size = size;
        List<Bijection> layers = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            layers.add(new AffineCoupling(
                    params, "coupling" + i, size, i % 2, config.hiddenChannels(), config.kernel(), config.tanh(), rng));
        }
        this.couplings = new Composite(layers);
    }

    /**
     * Builds a complete flow: a standard normal prior on the L x L lattice pushed through a
     * RealNVP stack whose initial weights follow from the seed.
     *
     * @param size L
     * @param config the architecture
     * @param device where the parameters live
     * @param type FLOAT32 or FLOAT64
     * @param seed seed of the initial weights
     * @return the flow model (close it when done)
     */
    public static FlowModel model(int size, Config config, Device device, DataType type, long seed) {
        ParameterSet params = new ParameterSet(device, type);
        try {
            RealNvp nvp = new RealNvp(params, size, config, new SplittableRandom(seed));
            return new FlowModel(new GaussianPrior(new Shape(size, size)), nvp, params);
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    /**
     * The coupling layers in application order; layer i freezes the checkerboard colour i mod 2
     * and acts on fields of shape [batch, 1, L, L].
     *
     * @return the layers
     */
    public List<Bijection> layers() {
        return couplings.layers();
    }

    /**
     * The lattice size L.
     *
     * @return L
     */
    public int size() {
        return size;
    }

    @Override
    public Transformed forward(NDArray z) {
        Transformed t = couplings.forward(withChannel(z));
        return new Transformed(withoutChannel(t.value()), t.logDet());
    }

    @Override
    public Transformed inverse(NDArray x) {
        Transformed t = couplings.inverse(withChannel(x));
        return new Transformed(withoutChannel(t.value()), t.logDet());
    }

    private NDArray withChannel(NDArray field) {
        return field.reshape(new Shape(-1, 1, size, size));
    }

    private NDArray withoutChannel(NDArray field) {
        return field.reshape(new Shape(-1, size, size));
    }
}
