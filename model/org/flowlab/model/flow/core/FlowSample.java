package org.flowlab.model.flow.core;

import ai.djl.ndarray.NDArray;
import org.flowlab.model.lattice.Target;

/**
 * A batch drawn from a flow together with its model log density.
 *
 * @param x samples of shape [batch, eventShape...]
 * @param logQ log q(x) of shape [batch]
 */
public record FlowSample(NDArray x, NDArray logQ) {

    /**
     * The log importance weights of the samples against a target, log w = log p(x) - log q(x)
     * with the target's unnormalised log p = -S: what reweighting, the ESS and the
     * independence-Metropolis accept test are built from.
     *
     * @param target the target the flow approximates
     * @return log w of shape [batch], in the samples' manager
     */
    public NDArray logWeights(Target target) {
        return target.logP(x).sub(logQ);
    }
}
