package org.flowlab.model.flow.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;

/**
 * Independent standard normal variables: log r(z) = -(1/2) sum_i z_i^2 - (n/2) log(2 pi).
 */
public final class GaussianPrior implements Prior {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final Shape eventShape;
    private final long size;

    /**
     * Creates the prior.
     *
     * @param eventShape the shape of one sample
     */
    public GaussianPrior(Shape eventShape) {
        this.eventShape = eventShape;
        this.size = eventShape.size();
    }

    @Override
    public Shape eventShape() {
        return eventShape;
    }

    @Override
    public NDArray sample(NDManager manager, int batch, RandomGenerator rng, DataType type) {
        double[] z = new double[Math.toIntExact(batch * size)];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian();
        }
        return Tensors.create(manager, z, new Shape(batch).addAll(eventShape), type);
    }

    @Override
    public NDArray logProb(NDArray z) {
        // a tensor factor, not a number: see Tensors.constant
        return Tensors.scale(Tensors.sumPerSample(z.square()), -0.5).sub(HALF_LOG_TWO_PI * size);
    }
}
