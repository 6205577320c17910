package org.flowlab.model.anneal;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.flow.core.Transformed;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.train.Objective;
import org.flowlab.model.train.PathGradient;
import org.flowlab.model.train.ReverseKl;
import org.flowlab.model.train.Trainer;
import org.flowlab.model.train.TrainingConfig;
import org.flowlab.model.train.TrainingStep;

/**
 * One flow of a chain: built for the stage's target, trained on samples of the previous target,
 * then applied to the samples travelling along the chain with the weight update
 *
 * <pre>
 * y = f_k(x),   log w_k = log w_{k-1} + S_{k-1}(x) - S_k(y) + log|det J_{f_k}(x)|
 * </pre>
 *
 * so that, when x carries weight w_{k-1} with E[w_{k-1} g(x)] = (Z_{k-1}/Z_0) E_{p_{k-1}}[g], the
 * pushed samples satisfy E[w_k h(y)] = (Z_k / Z_0) E_{p_k}[h] for any map f_k that is a
 * bijection with the stated Jacobian, trained well or not. Actions are evaluated in double
 * precision in Java; the flow supplies y and its log-determinant.
 */
final class FlowStage implements AutoCloseable {

    private static final int CHUNK = 512;

    private final FlowModel flow;
    private final Target target;
    private final Device device;
    private final DataType type;

    private FlowStage(FlowModel flow, Target target, Device device, DataType type) {
        this.flow = flow;
        this.target = target;
        this.device = device;
        this.type = type;
    }

    /**
     * Builds a stage's flow with initial weights from the seed, or from the previous stage's
     * parameters.
     *
     * @param spec the chain
     * @param target the stage's target
     * @param previous the previous stage's parameter archive, or null
     * @param device the device
     * @param seed seed of the initial weights
     * @return the stage
     */
    static FlowStage build(ChainSpec spec, Target target, byte[] previous, Device device, long seed) {
        DataType type = spec.precision().dataType();
        FlowModel flow = spec.flowKind().create(target, spec.flowSettings(), device, type, seed);
        if (previous != null) {
            try {
                load(flow.parameters(), previous);
            } catch (RuntimeException e) {
                flow.close();
                throw e;
            }
        }
        return new FlowStage(flow, target, device, type);
    }

    /**
     * The stage's flow with its own prior.
     *
     * @return the flow
     */
    FlowModel flow() {
        return flow;
    }

    /**
     * Trains the flow by reverse KL (or its path gradient) on samples of the previous target:
     * with a pool, batches are drawn from it and the previous target's action stands in for
     * -log prior; without one, the flow trains from its own prior.
     *
     * @param spec the chain
     * @param previousTarget the previous target (ignored without a pool)
     * @param pool samples of the previous target, or null to train from the flow's prior
     * @param seed seed of the batches
     * @param steps called with every step's metrics
     * @param cancelled polled before every step
     * @return the training summary
     */
    StageResult.Training train(
            ChainSpec spec,
            Target previousTarget,
            Ensemble pool,
            long seed,
            Consumer<TrainingStep> steps,
            BooleanSupplier cancelled) {
        FlowModel trained = pool == null
                ? flow
                : new FlowModel(
                        new PoolPrior(previousTarget, pool.values, pool.count), flow.transform(), flow.parameters());
        Objective objective = "pathgrad".equals(spec.loss()) ? new PathGradient() : new ReverseKl();
        TrainingStep last = null;
        try (Trainer trainer = new Trainer(
                trained,
                target,
                objective,
                new TrainingConfig(spec.stepsPerStage(), spec.batch(), spec.learningRate(), seed))) {
            for (int s = 0; s < spec.stepsPerStage(); s++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("the chain was stopped");
                }
                last = trainer.step();
                steps.accept(last);
            }
        }
        return new StageResult.Training(
                spec.stepsPerStage(), last.loss(), last.ess(), flow.parameters().count());
    }

    /**
     * Pushes samples through the flow and updates their weights (see the class comment).
     *
     * @param ensemble the samples (changed in place)
     * @param previousAction S_{k-1}, or -log r for samples of the prior
     * @param cancelled polled between chunks
     */
    void push(Ensemble ensemble, ToDoubleFunction<double[]> previousAction, BooleanSupplier cancelled) {
        Shape event = target.eventShape();
        double[] x = new double[ensemble.size];
        double[] y = new double[ensemble.size];
        try (NDManager manager = Compute.newManager(device);
                ParameterSet.Frozen frozen = flow.parameters().freeze()) {
            for (int start = 0; start < ensemble.count; start += CHUNK) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("the chain was stopped");
                }
                int b = Math.min(CHUNK, ensemble.count - start);
                double[] chunk = new double[b * ensemble.size];
                System.arraycopy(ensemble.values, start * ensemble.size, chunk, 0, chunk.length);
                double[] out;
                double[] logDet;
                try (NDManager scope = manager.newSubManager()) {
                    NDArray in = Tensors.create(scope, chunk, new Shape(b).addAll(event), type);
                    Transformed t = flow.transform().forward(in);
                    out = Tensors.toDoubles(t.value());
                    logDet = Tensors.toDoubles(t.logDet());
                }
                for (int i = 0; i < b; i++) {
                    int index = start + i;
                    ensemble.read(index, x);
                    System.arraycopy(out, i * ensemble.size, y, 0, ensemble.size);
                    ensemble.logWeights[index] += previousAction.applyAsDouble(x) - target.action(y) + logDet[i];
                    ensemble.write(index, y);
                }
            }
        }
    }

    /**
     * The flow's parameters as a NumPy archive.
     *
     * @return the archive's bytes
     */
    byte[] parameters() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            flow.parameters().save(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the flow's parameters: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Overwrites parameters from an archive written by {@link ParameterSet#save}.
     *
     * @param parameters the parameters
     * @param archive the archive
     * @throws IllegalArgumentException when the archive does not fit (other architecture)
     */
    static void load(ParameterSet parameters, byte[] archive) {
        // frozen: an in-place copy into a parameter that records gradients is refused where the
        // thread's grad mode is on (the default of threads other than the engine's first)
        try (ParameterSet.Frozen frozen = parameters.freeze()) {
            parameters.load(new ByteArrayInputStream(archive));
        } catch (IOException e) {
            throw new IllegalArgumentException("the parameters do not fit this flow: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        flow.close();
    }
}
