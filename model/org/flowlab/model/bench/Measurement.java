package org.flowlab.model.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The timing of one workload: the median and quartiles of repeated timed units (training steps,
 * HMC trajectories) after warm-up, or the reason the workload is absent.
 *
 * @param id short stable name, such as {@code phi4_realnvp_rkl}
 * @param description what was run, in words
 * @param available false when the workload does not exist yet (then only {@code note} is set)
 * @param unit what one timed unit is, such as {@code step} or {@code trajectory}
 * @param medianMs median wall time of one unit in milliseconds
 * @param lowerQuartileMs 25th percentile in milliseconds
 * @param upperQuartileMs 75th percentile in milliseconds
 * @param samples number of timed units (or timed blocks, see {@code note})
 * @param note extra information (warm-up, block size, why absent)
 * @param metrics workload results that show the work was done right, such as the final loss
 *     and ESS of a training run (in insertion order; may be empty)
 */
public record Measurement(
        String id,
        String description,
        boolean available,
        String unit,
        double medianMs,
        double lowerQuartileMs,
        double upperQuartileMs,
        int samples,
        String note,
        Map<String, Double> metrics) {

    /**
     * Copies the metrics.
     *
     * @param id id
     * @param description description
     * @param available available
     * @param unit unit
     * @param medianMs median
     * @param lowerQuartileMs lower quartile
     * @param upperQuartileMs upper quartile
     * @param samples samples
     * @param note note
     * @param metrics metrics
     */
    public Measurement {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * A workload that cannot run yet.
     *
     * @param id the workload's name
     * @param description what it will measure
     * @param reason why it is absent
     * @return the measurement with {@code available = false}
     */
    public static Measurement absent(String id, String description, String reason) {
        return new Measurement(id, description, false, "", Double.NaN, Double.NaN, Double.NaN, 0, reason, Map.of());
    }

    /**
     * Units per second at the median.
     *
     * @return 1000 / medianMs (NaN when absent)
     */
    public double perSecond() {
        return 1000.0 / medianMs;
    }
}
