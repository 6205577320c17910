package org.flowlab.model.bench;

/**
 * One standard benchmark workload. New workloads (the U(1) gauge-equivariant flow, continuous
 * flows) implement this and are listed in {@link Benchmarks#standard(int)}; until they exist, an
 * {@link #absent} placeholder keeps their row in the report.
 */
public interface Workload {

    /**
     * A short stable name used as the JSON key, such as {@code phi4_realnvp_rkl}.
     *
     * @return the id
     */
    String id();

    /**
     * What the workload runs, in words.
     *
     * @return the description
     */
    String description();

    /**
     * Runs the workload: warm-up, then timed units.
     *
     * @param warmup untimed units first (0 or more; negative for the workload's default)
     * @param units timed units (positive; 0 or negative for the workload's default)
     * @return the timing
     */
    Measurement run(int warmup, int units);

    /**
     * A placeholder for a workload whose model does not exist yet; it reports itself as absent.
     *
     * @param id the future workload's id
     * @param description what it will measure
     * @param reason why it is absent
     * @return the placeholder
     */
    static Workload absent(String id, String description, String reason) {
        return new Workload() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Measurement run(int warmup, int units) {
                return Measurement.absent(id, description, reason);
            }
        };
    }
}
