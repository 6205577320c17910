package org.flowlab.model.flow.circle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.Bijection;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.flow.core.Transformed;

/**
 * An unconditional circle map applied to every angle of an event independently, each angle
 * with its own trainable circular spline and rotation ({@link CircleSpline}):
 *
 * <pre>
 * theta'_i = g_i(theta_i) + t_i mod 2 pi,     log|det J| = sum_i log g_i'(theta_i)
 * </pre>
 *
 * (Durkan et al. arXiv:1906.04032; circular splines: Rezende et al. arXiv:2002.02428). The
 * Jacobian is diagonal. Inputs have shape [batch, eventShape...].
 */
public final class CircleSplineLayer implements Bijection {

    /** Half-width of the uniform initial raw parameters (0 would be the identity). */
    public static final double INIT_SCALE = 0.2;

    private final NDArray params;
    private final int bins;

    /**
     * Creates the layer and registers its parameters, of shape [eventShape..., 3K + 1].
     *
     * @param parameters the parameter set
     * @param name layer name, such as {@code spline0}
     * @param eventShape the shape of one event, e.g. [1]
     * @param bins spline bins K
     * @param rng initial parameters, uniform in +-{@value #INIT_SCALE}
     */
    public CircleSplineLayer(ParameterSet parameters, String name, Shape eventShape, int bins, RandomGenerator rng) {
        int count = CircleSpline.parameterCount(bins);
        Shape shape = eventShape.addAll(new Shape(count));
        double[] init = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < init.length; i++) {
            init[i] = (2 * rng.nextDouble() - 1) * INIT_SCALE;
        }
        this.params = parameters.add(name + ".spline", shape, init);
        this.bins = bins;
    }

    @Override
    public Transformed forward(NDArray theta) {
        CircleSpline.Output out = CircleSpline.forward(theta, params, bins);
        return new Transformed(out.value(), Tensors.sumPerSample(out.logDerivative()));
    }

    @Override
    public Transformed inverse(NDArray theta) {
        CircleSpline.Output out = CircleSpline.inverse(theta, params, bins);
        return new Transformed(out.value(), Tensors.sumPerSample(out.logDerivative()));
    }
}
