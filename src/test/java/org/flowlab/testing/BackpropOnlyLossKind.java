package org.flowlab.testing;

import java.util.List;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.spec.LossKind;
import org.flowlab.model.spec.ParamDef;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;
import org.flowlab.model.train.Objective;
import org.flowlab.model.train.ReverseKl;
import org.flowlab.model.train.StepContext;
import org.flowlab.model.train.StepOutput;

/**
 * A loss that exists only in the test tree, registered by one line in
 * {@code src/test/resources/META-INF/services/org.flowlab.model.spec.LossKind}: reverse KL
 * without adjoint-state gradients, so it must be refused for a continuous flow trained by the
 * adjoint method.
 */
public final class BackpropOnlyLossKind implements LossKind {

    /** The id. */
    public static final String ID = "rkl-backprop-only";

    /** Reverse KL by back-propagation only. */
    public static final class BackpropOnly implements Objective {
        @Override
        public String name() {
            return ID;
        }

        @Override
        public StepOutput evaluateBackprop(FlowModel flow, Target target, StepContext context) {
            return new ReverseKl().evaluateBackprop(flow, target, context);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Reverse KL, back-propagation only (test)";
    }

    @Override
    public String description() {
        return "Reverse KL without adjoint-state gradients.";
    }

    @Override
    public List<ParamDef> params() {
        return List.of();
    }

    @Override
    public Objective create(TheoryKind theory, Settings theorySettings, Target target, Settings settings) {
        return new BackpropOnly();
    }
}
