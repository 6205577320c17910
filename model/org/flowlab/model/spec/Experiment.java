package org.flowlab.model.spec;

import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.Target;
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

    @Override
    public void close() {
        trainer.close();
        flow.close();
    }
}
