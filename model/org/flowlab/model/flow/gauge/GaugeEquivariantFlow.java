package org.flowlab.model.flow.gauge;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.flowlab.model.flow.circle.CircleSpline;
import org.flowlab.model.flow.core.Bijection;
import org.flowlab.model.flow.core.Composite;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.flow.core.UniformCirclePrior;

/**
 * Gauge-equivariant flow for 2D U(1) lattice gauge theory: Haar-uniform links pushed through a
 * stack of {@link GaugeEquivariantCoupling} layers (Kanwar et al., PRL 125 (2020) 121601,
 * arXiv:2003.06413; tutorial arXiv:2101.08176). Layer i updates links of direction
 * mu = i mod 2 on the stripe with offset (i / 2) mod 4, so eight consecutive layers touch
 * every link once; each active plaquette is mapped by a circular spline with rotation
 * conditioned, through a CNN, on the frozen plaquettes:
 *
 * <pre>
 * theta = f_n o ... o f_1(z),   z ~ Haar (uniform links),   log q(theta) = -2 V log(2 pi) - sum_i log J_i
 * </pre>
 *
 * Every layer commutes with gauge transformations, so q is gauge invariant, like the Wilson
 * action. Links have shape [batch, 2, L, L] with L a multiple of 4.
 */
public final class GaugeEquivariantFlow implements Bijection {

    /**
     * Architecture of a gauge-equivariant flow.
     *
     * @param layers number of coupling layers (at least 1)
     * @param hidden channels of each hidden convolution (at least 1)
     * @param hiddenLayers number of hidden convolutions per network (at least 1)
     * @param kernel odd kernel size
     * @param bins spline bins K of each plaquette map
     */
    public record Config(int layers, int hidden, int hiddenLayers, int kernel, int bins) {

        /** The 2021 tutorial's scale: 16 layers, CNNs 2 -> 8 -> 8 -> 3K+1, kernel 3; 8 bins. */
        public static Config tutorial() {
            return new Config(16, 8, 2, 3, 8);
        }

        /**
         * Validates the sizes.
         *
         * @param layers layers
         * @param hidden hidden channels
         * @param hiddenLayers hidden convolutions
         * @param kernel kernel size
         * @param bins spline bins
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
            CircleSpline.parameterCount(bins);
        }

        int[] hiddenChannels() {
            int[] h = new int[hiddenLayers];
            Arrays.fill(h, hidden);
            return h;
        }
    }

    private final Composite couplings;

    /**
     * Builds the flow and registers its parameters.
     *
     * @param params the parameter set
     * @param size lattice size L (a multiple of 4, at least the kernel size)
     * @param config the architecture
     * @param rng initial weights
     */
    public GaugeEquivariantFlow(ParameterSet params, int size, Config config, RandomGenerator rng) {
        check(size, config.kernel());
        List<Bijection> layers = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            layers.add(new GaugeEquivariantCoupling(
                    params,
                    "coupling" + i,
                    size,
                    i % 2,
                    (i / 2) % 4,
                    config.hiddenChannels(),
                    config.kernel(),
                    config.bins(),
                    rng));
        }
        this.couplings = new Composite(layers);
    }

    /**
     * Checks that a lattice fits the layers' stripes and the kernel.
     *
     * @param size L
     * @param kernel the kernel size
     * @throws IllegalArgumentException with a one-line message when it does not
     */
    public static void check(int size, int kernel) {
        if (size % 4 != 0) {
            throw new IllegalArgumentException(
                    "the gauge-equivariant flow's stripes repeat every 4 sites, so L must be a multiple of 4, got "
                            + size);
        }
        if (kernel > size) {
            throw new IllegalArgumentException("kernel size " + kernel + " is larger than the lattice size " + size);
        }
    }

    /**
     * Builds a complete flow: Haar-uniform links on the L x L torus pushed through the stack.
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
            GaugeEquivariantFlow flow = new GaugeEquivariantFlow(params, size, config, new SplittableRandom(seed));
            return new FlowModel(new UniformCirclePrior(new Shape(2, size, size)), flow, params);
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    /**
     * The coupling layers in application order.
     *
     * @return the layers
     */
    public List<Bijection> layers() {
        return couplings.layers();
    }

    @Override
    public Transformed forward(NDArray z) {
        return couplings.forward(z);
    }

    @Override
    public Transformed inverse(NDArray theta) {
        return couplings.inverse(theta);
    }
}
