package org.flowlab.model.spec;

import org.flowlab.model.lattice.Target;
import org.flowlab.model.train.Objective;

/**
 * A training objective (reverse KL, forward KL, path gradients) and how to build it. A new loss is
 * one class implementing this interface plus one registration line (see {@link Catalog}).
 */
public interface LossKind extends Kind {

    /**
     * Builds the objective.
     *
     * @param theory the theory kind (for data generation and cache keys)
     * @param theorySettings its settings
     * @param target the target
     * @param settings checked settings of this loss
     * @return the objective
     */
    Objective create(TheoryKind theory, Settings theorySettings, Target target, Settings settings);

    /**
     * Whether the objective trains on data drawn from the target.
     *
     * @return true for forward KL
     */
    default boolean needsData() {
        return false;
    }

    /**
     * Whether the objective computes its gradient by the adjoint-state method for continuous
     * flows that ask for it ({@link FlowKind#adjointGradients}); a run combining such a flow with
     * a loss that does not is rejected when its spec is built. False by default.
     *
     * @return true if the objective implements {@link Objective#evaluateAdjoint}
     */
    default boolean supportsAdjoint() {
        return false;
    }
}
