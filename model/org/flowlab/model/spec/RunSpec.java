package org.flowlab.model.spec;

import ai.djl.Device;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.train.LearningRateSchedule;
import org.flowlab.model.train.Objective;
import org.flowlab.model.train.Trainer;
import org.flowlab.model.train.TrainingConfig;

/**
 * Everything that defines a training run: theory, flow, loss (each an id with checked
 * settings), optimisation, device and precision. The command line, the GUI and saved runs all
 * build runs from a spec, so the same spec always trains the same thing.
 *
 * @param theory theory id
 * @param theorySettings its settings
 * @param flow flow id
 * @param flowSettings its settings
 * @param loss loss id
 * @param lossSettings its settings
 * @param training optimisation settings
 * @param device cpu, gpu or auto
 * @param precision float32 or float64
 */
public record RunSpec(
        String theory,
        Settings theorySettings,
        String flow,
        Settings flowSettings,
        String loss,
        Settings lossSettings,
        TrainingConfig training,
        DeviceChoice device,
        Precision precision) {

    /**
     * Validates raw values and the compatibility of the parts: the flow must act on the theory's
     * geometry, and a flow trained by the adjoint method needs a loss that supports it.
     *
     * @param theory theory id
     * @param theoryValues raw theory parameters (missing ones take defaults)
     * @param flow flow id
     * @param flowValues raw flow parameters
     * @param loss loss id
     * @param lossValues raw loss parameters
     * @param training optimisation settings
     * @param device device choice
     * @param precision precision
     * @return the spec
     * @throws IllegalArgumentException with a one-line message when anything does not fit
     */
    public static RunSpec create(
            String theory,
            Map<String, String> theoryValues,
            String flow,
            Map<String, String> flowValues,
            String loss,
            Map<String, String> lossValues,
            TrainingConfig training,
            DeviceChoice device,
            Precision precision) {
        TheoryKind t = Catalog.theory(theory);
        FlowKind f = Catalog.flow(flow);
        LossKind l = Catalog.loss(loss);
        if (!f.supports(t)) {
            throw new IllegalArgumentException("flow " + f.id() + " cannot model theory " + t.id() + " (a "
                    + t.geometry() + "); for " + t.id() + " choose "
                    + Catalog.flowsFor(t.id()).stream().map(Kind::id).collect(Collectors.joining(" or ")));
        }
        Settings ts = t.settings(theoryValues);
        Settings fs = f.settings(flowValues);
        Settings ls = l.settings(lossValues);
        if (f.adjointGradients(fs) && !l.supportsAdjoint()) {
            throw new IllegalArgumentException("loss " + l.id() + " has no adjoint-state gradients; train flow "
                    + f.id() + " with back-propagation"
                    + " or choose one of "
                    + Catalog.losses().stream()
                            .filter(LossKind::supportsAdjoint)
                            .map(Kind::id)
                            .collect(Collectors.joining(", ")));
        }
        Target target = t.create(ts);
        fs = f.resolve(target, fs);
        f.check(target, fs);
        return new RunSpec(t.id(), ts, f.id(), fs, l.id(), ls, training, device, precision);
    }

    /**
     * The theory kind.
     *
     * @return the kind
     */
    public TheoryKind theoryKind() {
        return Catalog.theory(theory);
    }

    /**
     * The flow kind.
     *
     * @return the kind
     */
    public FlowKind flowKind() {
        return Catalog.flow(flow);
    }

    /**
     * The loss kind.
     *
     * @return the kind
     */
    public LossKind lossKind() {
        return Catalog.loss(loss);
    }

    /**
     * A copy with other optimisation settings (to continue a saved run, say).
     *
     * @param newTraining the settings
     * @return the copy
     */
    public RunSpec withTraining(TrainingConfig newTraining) {
        return new RunSpec(
                theory, theorySettings, flow, flowSettings, loss, lossSettings, newTraining, device, precision);
    }

    /**
     * A copy on another device.
     *
     * @param newDevice the device choice
     * @return the copy
     */
    public RunSpec withDevice(DeviceChoice newDevice) {
        return new RunSpec(
                theory, theorySettings, flow, flowSettings, loss, lossSettings, training, newDevice, precision);
    }

    /**
     * One line describing the run.
     *
     * @return the description
     */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s | %s | %s, batch %d, lr %s%s, seed %d",
                theoryKind().describe(theorySettings),
                flowKind().describe(flowSettings),
                lossKind().title(),
                training.batch(),
                training.learningRate(),
                training.schedule() == LearningRateSchedule.CONSTANT
                        ? ""
                        : " (" + training.schedule().id() + ")",
                training.seed());
    }

    /**
     * Builds target, flow, objective and trainer on the chosen device.
     *
     * @return the experiment (close it to free native memory)
     */
    public Experiment open() {
        Device dev = Compute.resolve(device);
        TheoryKind t = theoryKind();
        Target target = t.create(theorySettings);
        FlowModel model = flowKind().create(target, flowSettings, dev, precision.dataType(), training.seed());
        try {
            Objective objective = lossKind().create(t, theorySettings, target, lossSettings);
            Trainer trainer = new Trainer(model, target, objective, training);
            return new Experiment(
                    this,
                    target,
                    model,
                    trainer,
                    Compute.describe(dev, trainer.shardLayout().count()));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
