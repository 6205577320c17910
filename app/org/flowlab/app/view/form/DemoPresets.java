package org.flowlab.app.view.form;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whole-form presets for live demos, beside a theory's own presets (which set the theory's
 * parameters only): theory, flow, loss and training together, each setting given, so that a
 * preset gives the same run whatever the form held before.
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
            p.put("Quick demo (L = 4, small flow)", gauge("4", "8", "8", "64", "0.005", "constant", "600"));
            // the tutorial-size flow at L = 8: a cosine schedule from four times the default rate
            // reaches an ESS of 0.29-0.33 on 1,024 fresh samples in 3,000-3,500 steps (3,000: about 4 min
            // in the window on two cores), where the constant default rate stays at 0.1-0.2
            // (measurements in lectures/reference/performance.md)
            p.put("L = 8 in five minutes (cosine lr)", gauge("8", "16", "8", "64", "0.004", "cosine", "3000"));
        }
        return p;
    }

    private static Map<String, String> gauge(
            String size, String layers, String hidden, String batch, String lr, String schedule, String steps) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("theory", "u1");
        m.put("L", size);
        m.put("beta", "2");
        m.put("flow", "gauge");
        m.put("layers", layers);
        m.put("hidden", hidden);
        m.put("hiddenLayers", "2");
        m.put("kernel", "3");
        m.put("bins", "8");
        m.put("loss", "rkl");
        m.put("batch", batch);
        m.put("lr", lr);
        m.put("schedule", schedule);
        m.put("steps", steps);
        m.put("seed", "1");
        return m;
    }
}
