package org.flowlab.model.flow.circle;

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
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.flow.core.UniformCirclePrior;

/**
 * A flow on the circle (or a product of circles): uniform angles pushed through a few layers
 * of independent circular rational-quadratic splines with rotations,
 *
 * <pre>
 * theta = h_n o ... o h_1(z),   z ~ U[0, 2 pi),   h_l(z) = g_l(z) + t_l mod 2 pi
 * log q(theta) = -log(2 pi) - sum_l log h_l'(z_{l-1})
 * </pre>
 *
 * (Rezende et al., "Normalizing flows on tori and spheres", arXiv:2002.02428; splines from
 * Durkan et al. arXiv:1906.04032). For the von Mises target (event shape [1]) one layer of
 * eight bins is already close to exact; more layers add knots.
 */
public final class CircleFlow implements Bijection {

    /**
     * Architecture of a circle flow.
     *
     * @param layers number of spline layers (at least 1)
     * @param bins bins K per spline (at least 1)
     */
    public record Config(int layers, int bins) {

        /**
         * Validates the sizes.
         *
         * @param layers layers
         * @param bins bins
         */
        public Config {
            if (layers < 1) {
                throw new IllegalArgumentException("spline layers must be at least 1, got " + layers);
            }
            CircleSpline.parameterCount(bins);
        }
    }

    private final Composite layers;

    /**
     * Builds the layers and registers their parameters.
     *
     * @param params the parameter set
     * @param eventShape the shape of one event, e.g. [1]
     * @param config the architecture
     * @param rng initial parameters
     */
    public CircleFlow(ParameterSet params, Shape eventShape, Config config, RandomGenerator rng) {
        List<Bijection> list = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            list.add(new CircleSplineLayer(params, "spline" + i, eventShape, config.bins(), rng));
        }
        this.layers = new Composite(list);
    }

    /**
     * Builds a complete flow: the uniform prior on the circle(s) pushed through the splines.
     *
     * @param eventShape the shape of one event, e.g. [1] for the von Mises density
     * @param config the architecture
     * @param device where the parameters live
     * @param type FLOAT32 or FLOAT64
     * @param seed seed of the initial parameters
     * @return the flow model (close it when done)
     */
    public static FlowModel model(Shape eventShape, Config config, Device device, DataType type, long seed) {
        ParameterSet params = new ParameterSet(device, type);
        try {
            CircleFlow flow = new CircleFlow(params, eventShape, config, new SplittableRandom(seed));
            return new FlowModel(new UniformCirclePrior(eventShape), flow, params);
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    @Override
    public Transformed forward(NDArray z) {
        return layers.forward(z);
    }

    @Override
    public Transformed inverse(NDArray theta) {
        return layers.inverse(theta);
    }
}
