package org.flowlab.model.bench;

import java.util.Arrays;
import java.util.Map;

/** Order statistics of timed samples. */
final class Timings {

    private Timings() {}

    /**
     * The q-quantile by linear interpolation between order statistics.
     *
     * @param values the samples (not changed)
     * @param q in [0, 1]
     * @return the quantile, NaN for no samples
     */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    static Measurement summarise(
            String id, String description, String unit, double[] ms, String note, Map<String, Double> metrics) {
        return new Measurement(
                id,
                description,
                true,
                unit,
                quantile(ms, 0.5),
                quantile(ms, 0.25),
                quantile(ms, 0.75),
                ms.length,
                note,
                metrics);
    }
}
