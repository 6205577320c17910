package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.flowlab.model.flow.continuous.ContinuousFlow;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.Target;

/**
 * Forward Kullback-Leibler divergence ("training from data"): with samples x ~ p,
 *
 * <pre>
 * L = -(1/n) sum_i log q(x_i) = KL(p || q) + const
 * </pre>
 *
 * It maximises the model's mean log density on the data, needs samples of the target (here
 * from the app's own HMC or an exact sampler), and is mode-covering. Minibatches are drawn
 * with replacement from a fixed training set supplied when the run is prepared. A continuous
 * flow in adjoint mode gets the gradient from the adjoint-state method ({@link AdjointGradients}).
 */
public class ForwardKl implements Objective {

    private final DatasetSource source;
    private Dataset data;

    /**
     * Creates the objective.
     *
     * @param source supplies the training set (possibly from a cache) when the run starts
     */
    public ForwardKl(DatasetSource source) {
        this.source = Objects.requireNonNull(source);
    }

    @Override
    public String name() {
        return "fkl";
    }

    @Override
    public void prepare(PreparationListener listener, BooleanSupplier cancelled) {
        if (data == null) {
            data = source.get(listener, cancelled);
        }
    }

    /**
     * The training set (after {@link #prepare}).
     *
     * @return the data, or null before preparation
     */
    public Dataset data() {
        return data;
    }

    /**
     * A minibatch of training data.
     *
     * @param flow the flow (for the data type)
     * @param step the step manager
     * @param rng random source
     * @param batch batch size
     * @return data of shape [batch, eventShape...]
     */
    protected NDArray minibatch(FlowModel flow, NDManager step, RandomGenerator rng, int batch) {
        if (data == null) {
            prepare(PreparationListener.NONE, () -> false);
        }
        return data.minibatch(step, batch, rng, flow.parameters().dataType());
    }

    /**
     * A minibatch for one step.
     *
     * @param flow the flow (for the data type)
     * @param context the step
     * @return data of shape [batch, eventShape...]
     */
    protected NDArray minibatch(FlowModel flow, StepContext context) {
        return minibatch(flow, context.manager(), context.rng(), context.batch());
    }

    @Override
    public boolean supportsAdjoint() {
        return true;
    }

    @Override
    public StepOutput evaluateAdjoint(FlowModel flow, ContinuousFlow cnf, Target target, StepContext context) {
        return AdjointGradients.forwardKl(flow, cnf, minibatch(flow, context), context);
    }

    @Override
    public StepOutput evaluateBackprop(FlowModel flow, Target target, StepContext context) {
        NDArray x = minibatch(flow, context);
        NDArray loss = flow.logQ(x).mean().neg();
        return new StepOutput(loss, null, null);
    }

    /** Supplies a training set, generating it (with progress) or loading it from a cache. */
    @FunctionalInterface
    public interface DatasetSource {
        /**
         * Returns the training set.
         *
         * @param listener progress of generation
         * @param cancelled polled during generation
         * @return the data
         */
        Dataset get(PreparationListener listener, BooleanSupplier cancelled);
    }
}
