package org.flowlab.model.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.flowlab.model.compute.Tensors;

import java.util.random.RandomGenerator;

/**
 * Independent uniform angles on [0, 2 pi), the prior of flows on the circle:
 * log r(theta) = -n log(2 pi), the same for every configuration.
 */
public final class UniformAnglePrior implements Prior {

    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private final Shape eventShape;
    private final long size;

    /**
     * Creates the prior.
     *
     * @param eventShape the shape of one sample, e.g. [1] for one angle
     */
    public UniformAnglePrior(Shape eventShape) {
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
        return Tensors.sumPerSample(theta.zerosLike()).sub(size * LOG_TWO_PI);
    }
}
