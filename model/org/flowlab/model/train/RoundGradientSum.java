package org.flowlab.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.flow.core.FlowModel;

/**
 * Adds the gradients of rounds of shards in a fixed order. Two shards add their gradients to a
 * zero buffer in whichever order they finish, and a + b = b + a; a third term would make the sum
 * depend on the order, (a + b) + c != (a + c) + b in floating point. So after each round the
 * buffers' sum moves into a running total, in round order, and the buffers start the next round
 * at zero; at the end the total goes back into the buffers (0 + total).
 */
final class RoundGradientSum {

    private final List<NDArray> parameters;
    private final NDManager step;
    private List<NDArray> total;

    /**
     * Starts an empty total.
     *
     * @param flow the flow whose parameters' gradient buffers are summed
     * @param step the step's manager (the total lives there)
     */
    RoundGradientSum(FlowModel flow, NDManager step) {
        this.parameters = new ArrayList<>(flow.parameters().parameters().values());
        this.step = step;
    }

    /** Moves the buffers' gradients into the total and sets the buffers to zero. */
    void collect() {
        boolean first = total == null;
        if (first) {
            total = new ArrayList<>(parameters.size());
        }
        for (int k = 0; k < parameters.size(); k++) {
            NDArray g = parameters.get(k).getGradient();
            g.attach(step);
            if (first) {
                NDArray copy = g.duplicate();
                copy.attach(step);
                total.add(copy);
            } else {
                total.get(k).addi(g);
            }
            Compute.zeroGradient(parameters.get(k));
        }
    }

    /** Puts the total, if any round ran a backward pass, back into the (zero) buffers. */
    void restore() {
        if (total == null) {
            return;
        }
        for (int k = 0; k < parameters.size(); k++) {
            NDArray g = parameters.get(k).getGradient();
            g.attach(step);
            g.addi(total.get(k));
        }
    }
}
