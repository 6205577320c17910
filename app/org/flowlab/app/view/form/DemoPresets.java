package org.flowlab.app.view.form;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whole-form presets for live demos, beside a theory's own presets (which set the theory's
 * parameters only): theory, flow, loss and training together, sized to show progress within a
 * minute on a two-core laptop.
 */
public final class DemoPresets {

    private DemoPresets() {}

    /**
     * The demo presets of a theory.
     *
     * @param theoryId e.g. {@code u1}
     * @return name to form values (empty when the theory has none)
     */
    public static Map<String, Map<String, String>> forTheory(String theoryId) {
        Map<String, Map<String, String>> p = new LinkedHashMap<>();
        if ("u1".equals(theoryId)) {
            // measured: ESS from about 0.05 to above 0.3 within 250 steps; a few hundred steps
            // take well under a minute on two cores (the tutorial-size flow needs many minutes)
            p.put(
                    "Quick demo (L = 4, small flow)",
                    Map.of(
                            "theory", "u1", "L", "4", "beta", "2", "flow", "gauge", "layers", "8", "hidden", "8",
                            "loss", "rkl", "batch", "64", "lr", "0.005", "steps", "600"));
        }
        return p;
    }
}
