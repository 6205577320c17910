package org.flowlab.app.view.lab;

import org.flowlab.app.view.dashboard.FlowTimeView;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;

import java.util.function.Function;

/**
 * What a lane's probe gathers on the training thread when the run needs more than the
 * dashboard's probe: the dashboard's result and, for continuous flows, the flow in time.
 *
 * @param dashboard the dashboard probe's result (null if it has none)
 * @param frames samples at t = 0, 1/3, 2/3, 1 (null unless the flow is continuous)
 * @param step the number of completed steps
 */
record LabProbe(Object dashboard, FlowTimeView.Frames frames, int step) {

    /**
     * The probe for a run: the dashboard's own, extended by the flow in time for continuous
     * flows.
     *
     * @param spec the run
     * @param dashboardProbe the dashboard's probe (may be null)
     * @return the probe to run (null for none)
     */
    static Function<Experiment, Object> of(RunSpec spec, Function<Experiment, Object> dashboardProbe) {
        if (!"cnf".equals(spec.flow())) {
            return dashboardProbe;
        }
        return e -> new LabProbe(
                dashboardProbe == null ? null : dashboardProbe.apply(e),
                FlowTimeView.capture(e),
                e.trainer().stepsDone());
    }
}
