package org.flowlab.app.view.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowlab.app.view.RunLayout;

/**
 * What a Compare link asks for: a preset, or the settings of run A with run B's loss and
 * gradient route; and whether to start training at once.
 *
 * @param preset the preset, or null
 * @param runA the run keys of run A (empty with a preset)
 * @param lossB run B's loss, or null for run A's
 * @param gradB run B's gradient route, or null to keep the form's
 * @param start whether to train at once
 */
record CompareLink(ComparePreset preset, Map<String, String> runA, String lossB, String gradB, boolean start) {

    /**
     * Reads a Compare link's parameters.
     *
     * @param parameters the link's keys and values
     * @return what it asks for
     * @throws IllegalArgumentException naming what is wrong (settings beside a preset, nothing given)
     */
    static CompareLink parse(Map<String, String> parameters) {
        Map<String, String> values = new LinkedHashMap<>(parameters);
        boolean start = RunLayout.startFlag(values.remove("start"));
        String id = values.remove("preset");
        if (id != null) {
            if (!values.isEmpty()) {
                throw new IllegalArgumentException(
                        "unknown setting '" + values.keySet().iterator().next()
                                + "' beside a preset in a Compare link; a preset link takes preset and start");
            }
            return new CompareLink(ComparePreset.byId(id), Map.of(), null, null, start);
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(
                    "a Compare link needs preset=mode-seeking, path-gradients or adjoint, or the settings of run A");
        }
        // a complete run (see RunLink): run A from the run keys, run B from lossB and gradB
        String b = values.remove("lossB");
        String grad = values.remove("gradB");
        return new CompareLink(null, Collections.unmodifiableMap(values), b, grad, start);
    }
}
