package org.flowlab.model.flow.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;

/**
 * Independent uniform angles on [0, 2 pi): the Haar measure of U(1) for every variable, the
 * prior of circle flows and of gauge-equivariant U(1) flows (Kanwar et al., arXiv:2003.06413):
 *
 * <pre>
 * log r(theta) = -n log(2 pi)      for theta in [0, 2 pi)^n
 * </pre>
 *
 * The density is the same everywhere on the torus, so log r does not depend on theta (and is
 * not checked against the range: angles are defined modulo 2 pi).
 */
public final class UniformCirclePrior implements Prior {

    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private final Shape eventShape;
    private final long size;

    /**
     * Creates the prior.
     *
     * @param eventShape the shape of one sample, e.g. [1] for one angle or [2, L, L] for links
     */
    public UniformCirclePrior(Shape eventShape) {
        this.eventShape = eventShape;
        this.size = eventShape.size();
    }

    @Override
    public Shape eventShape() {
        return eventShape;
    }

    @Override
    public NDArray sample(NDManager manager, int batch, RandomGenerator rng, DataType type) {
        double[] theta = new double[Math.toIntExact(batch * size)];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = 2 * Math.PI * rng.nextDouble();
        }
        return Tensors.create(manager, theta, new Shape(batch).addAll(eventShape), type);
    }

    @Override
    public NDArray logProb(NDArray theta) {
        long batch = theta.getShape().get(0);
        return theta.getManager().zeros(new Shape(batch), theta.getDataType()).sub(size * LOG_TWO_PI);
    }

    /**
     * log r of one sample, -n log(2 pi).
     *
     * @return the constant log density
     */
    public double logDensity() {
        return -size * LOG_TWO_PI;
    }
}
