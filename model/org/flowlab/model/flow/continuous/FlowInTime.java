package org.flowlab.model.flow.continuous;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.flowlab.model.flow.core.FlowSnapshot;
import org.flowlab.model.flow.core.Prior;
import org.flowlab.model.flow.core.Transformed;

/**
 * Pictures of a continuous flow in time, for teaching: samples x(t) with their density
 * log q_t(x(t)) = log r(z) − ∫_0^t div v ds at chosen times, and the density q_t on any points
 * by integrating back to t = 0. Everything runs without a graph.
 */
final class FlowInTime {

    private final ContinuousFlow flow;

    FlowInTime(ContinuousFlow flow) {
        this.flow = flow;
    }

    /** See {@link ContinuousFlow#snapshots}. */
    List<FlowSnapshot> snapshots(NDArray z, NDArray logR, double[] times) {
        double previous = 0;
        NDArray x = z;
        NDArray logQ = logR;
        List<FlowSnapshot> out = new ArrayList<>();
        for (double t : times) {
            if (!(t >= previous) || t > 1) {
                throw new IllegalArgumentException(
                        "snapshot times must increase within [0, 1], got " + t + " after " + previous);
            }
            Transformed step = flow.solveDetached(x, previous, t);
            x = step.value();
            logQ = logQ.sub(step.logDet());
            out.add(new FlowSnapshot(t, x, logQ));
            previous = t;
        }
        return out;
    }

    /** See {@link ContinuousFlow#logDensityAt}. */
    NDArray logDensityAt(NDArray x, double t, Prior prior) {
        Transformed back = flow.solveDetached(x, t, 0);
        return prior.logProb(back.value()).add(back.logDet());
    }
}
