package org.flowlab.model.anneal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.Prior;
import org.flowlab.model.lattice.Target;

/**
 * The "prior" of one stage of a chain: the previous target p_{k-1}, represented by a pool of its
 * samples (HMC samples of the first target, or the previous stage's output). A batch is drawn
 * from the pool with replacement, and the log density is the previous target's unnormalised
 * one, log p_{k-1}(x) = -S_{k-1}(x), differentiable in x.
 *
 * <p>With this prior the usual objectives train the stage's flow: reverse KL becomes
 * E_{x ~ p_{k-1}}[S_k(f(x)) - log|det J_f(x)|] up to constants, the KL divergence between the
 * pushed-forward previous target and the next one, and the trainer's ESS is the ESS of the
 * stage's own weight. The constant log Z_{k-1} that the unnormalised density leaves out changes
 * no gradient. The pool is never modified, so shards on several threads may draw from it.
 */
final class PoolPrior implements Prior {

    private final Target previous;
    private final double[] pool;
    private final int count;
    private final int size;
    private final Shape eventShape;

    /**
     * Creates the prior.
     *
     * @param previous the previous target p_{k-1}
     * @param pool its samples, one configuration after another (not copied; must not change)
     * @param count the number of configurations in the pool
     */
    PoolPrior(Target previous, double[] pool, int count) {
        this.previous = previous;
        this.pool = pool;
        this.count = count;
        this.eventShape = previous.eventShape();
        this.size = (int) eventShape.size();
        if (count < 1 || pool.length < (long) count * size) {
            throw new IllegalArgumentException("a pool prior needs at least one configuration");
        }
    }

    @Override
    public Shape eventShape() {
        return eventShape;
    }

    @Override
    public NDArray sample(NDManager manager, int batch, RandomGenerator rng, DataType type) {
        double[] out = new double[batch * size];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(pool, rng.nextInt(count) * size, out, b * size, size);
        }
        return Tensors.create(manager, out, new Shape(batch).addAll(eventShape), type);
    }

    @Override
    public NDArray logProb(NDArray x) {
        return previous.logP(x);
    }
}
