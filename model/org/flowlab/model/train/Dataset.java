package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;

/**
 * Configurations drawn from a target (by HMC or an exact sampler), held on the host.
 *
 * @param eventShape shape of one configuration
 * @param values configurations one after another, row-major
 */
public record Dataset(int[] eventShape, double[] values) {

    /**
     * Scalars per configuration.
     *
     * @return the product of the event shape
     */
    public int configurationSize() {
        int n = 1;
        for (int d : eventShape) {
            n *= d;
        }
        return n;
    }

    /**
     * Number of configurations.
     *
     * @return the count
     */
    public int count() {
        return values.length / configurationSize();
    }

    /**
     * Draws a minibatch uniformly with replacement and puts it on the manager's device.
     *
     * @param manager the step manager
     * @param batch the batch size
     * @param rng the random source
     * @param type FLOAT32 or FLOAT64
     * @return a batch of shape [batch, eventShape...]
     */
    public NDArray minibatch(NDManager manager, int batch, RandomGenerator rng, DataType type) {
        int size = configurationSize();
        int n = count();
        double[] out = new double[batch * size];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(values, rng.nextInt(n) * size, out, b * size, size);
        }
        long[] shape = new long[eventShape.length + 1];
        shape[0] = batch;
        for (int i = 0; i < eventShape.length; i++) {
            shape[i + 1] = eventShape[i];
        }
        return Tensors.create(manager, out, new Shape(shape), type);
    }

    /**
     * One configuration.
     *
     * @param i its index
     * @return a copy
     */
    public double[] configuration(int i) {
        int size = configurationSize();
        double[] c = new double[size];
        System.arraycopy(values, i * size, c, 0, size);
        return c;
    }
}
