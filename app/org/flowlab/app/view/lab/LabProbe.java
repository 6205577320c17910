package org.flowlab.app.view.lab;

import java.util.function.Function;
import org.flowlab.app.view.dashboard.FlowTimeView;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;

/**
 * What the Lab's probe gathers on the training thread: the dashboard's own probe result and,
 * for continuous flows, the flow in time.
 *
 * @param dashboard the dashboard probe's result (null if it has none)
 * @param frames samples at t = 0, 1/3, 2/3, 1 (null unless the flow is continuous)
 * @param step the number of completed steps
 * @param <P> the dashboard probe's result type
 */
record LabProbe<P>(P dashboard, FlowTimeView.Frames frames, int step) {

    /**
     * The probe for a run: the dashboard's own, extended by the flow in time for continuous
     * flows.
     *
     * @param spec the run
     * @param dashboardProbe the dashboard's probe (may be null)
     * @param <P> its result type
     * @return the probe to run (null when there is nothing to probe)
     */
    static <P> Function<Experiment, LabProbe<P>> of(RunSpec spec, Function<Experiment, P> dashboardProbe) {
        boolean continuous = "cnf".equals(spec.flow());
        if (!continuous && dashboardProbe == null) {
            return null;
        }
        return e -> new LabProbe<>(
                dashboardProbe == null ? null : dashboardProbe.apply(e),
                continuous ? FlowTimeView.capture(e) : null,
                e.trainer().stepsDone());
    }
}
