package org.flowlab.model.flow.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/** The base density r(z) of a flow, with an exact sampler. */
public interface Prior {

    /**
     * The shape of one sample, without the batch axis.
     *
     * @return the event shape
     */
    Shape eventShape();

    /**
     * Draws a batch; the random numbers come from {@code rng} so runs are reproducible.
     *
     * @param manager where the batch is created (and on whose device)
     * @param batch the number of samples
     * @param rng the random source
     * @param type the floating type
     * @return z of shape [batch, eventShape...]
     */
    NDArray sample(NDManager manager, int batch, RandomGenerator rng, DataType type);

    /**
     * The normalised log density log r(z).
     *
     * @param z a batch
     * @return log r of shape [batch]
     */
    NDArray logProb(NDArray z);
}
