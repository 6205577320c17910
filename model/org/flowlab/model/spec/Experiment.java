package org.flowlab.model.spec;

import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.train.Evaluation;
import org.flowlab.model.train.Trainer;

/**
 * A run spec built into live objects: the target, the flow and its trainer.
 *
 * @param spec what was built
 * @param target the target
 * @param flow the flow (owns the parameters)
 * @param trainer the trainer
 * @param deviceName the device in words
 */
public record Experiment(RunSpec spec, Target target, FlowModel flow, Trainer trainer, String deviceName)
        implements AutoCloseable {

    /**
     * Measures the flow on {@code n} fresh samples: ESS, independence-Metropolis acceptance, the
     * last training loss and the theory's observables reweighted to the target. The samples come
     * from the trainer's measurement stream, so evaluating never changes how training continues.
     * This is the one evaluation behind {@code train}'s summary, {@code bench} and the window.
     *
     * @param n fresh samples (at least 2; 1,024 gives the ESS to a few per cent)
     * @return the evaluation
     */
    public Evaluation evaluate(int n) {
        return trainer.evaluate(n, spec.theoryKind().observables(target));
    }

    @Override
    public void close() {
        trainer.close();
        flow.close();
    }
}
