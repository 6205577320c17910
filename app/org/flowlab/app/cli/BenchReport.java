package org.flowlab.app.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.flowlab.model.bench.Measurement;
import org.flowlab.model.bench.ResidentMemory;
import org.flowlab.model.bench.TrainingMemory;

/**
 * The JSON report of {@code bench}: the thread set-up, then either the workloads, the memory
 * check or the window probe, and the resident memory. Sizes the system cannot report are the
 * word {@code "unavailable"}.
 *
 * @param threads threads for tensor work
 * @param trainingShards shards a training batch is split into
 * @param nativeThreadsPerShard native threads per shard
 * @param loadAverage the system load average when the bench started
 * @param workloads the timed workloads (or null)
 * @param memoryChecks the resident-memory growth check of each training workload (or null)
 * @param guiProbe the window probe (or null)
 * @param startupProbe the start-up probe (or null)
 * @param residentMemory peak and current resident memory
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BenchReport(
        int threads,
        @JsonProperty("training_shards") int trainingShards,
        @JsonProperty("native_threads_per_shard") int nativeThreadsPerShard,
        @JsonProperty("load_average") double loadAverage,
        List<Workload> workloads,
        @JsonProperty("memory_checks") List<MemoryCheck> memoryChecks,
        @JsonProperty("gui_probe") GuiProbeRunner.Result guiProbe,
        @JsonProperty("startup_probe") StartupProbeRunner.Result startupProbe,
        @JsonProperty("resident_memory") Resident residentMemory) {

    private static final double MB = 1024.0 * 1024.0;

    /**
     * One timed workload; the timing fields are absent when the workload could not run.
     *
     * @param id its id
     * @param description what it runs
     * @param available whether it ran
     * @param unit the timed unit
     * @param medianMs median time per unit
     * @param q1Ms lower quartile
     * @param q3Ms upper quartile
     * @param perSecond units per second
     * @param samples timed units
     * @param metrics what the run produced (loss, ESS, ...)
     * @param note how it was timed, or why it is absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Workload(
            String id,
            String description,
            boolean available,
            String unit,
            @JsonProperty("median_ms") Double medianMs,
            @JsonProperty("q1_ms") Double q1Ms,
            @JsonProperty("q3_ms") Double q3Ms,
            @JsonProperty("per_second") Double perSecond,
            Integer samples,
            Map<String, Double> metrics,
            String note) {

        static Workload of(Measurement m) {
            if (!m.available()) {
                return new Workload(m.id(), m.description(), false, null, null, null, null, null, null, null, m.note());
            }
            return new Workload(
                    m.id(),
                    m.description(),
                    true,
                    m.unit(),
                    m.medianMs(),
                    m.lowerQuartileMs(),
                    m.upperQuartileMs(),
                    m.perSecond(),
                    m.samples(),
                    m.metrics(),
                    m.note());
        }
    }

    /**
     * The resident-memory growth of one training workload over many steps.
     *
     * @param workload the workload's id
     * @param warmupSteps warm-up steps
     * @param steps measured steps
     * @param trace the readings
     * @param rssGrowthMb growth after warm-up in MB, or "unavailable"
     * @param parameterArrayGrowth change in the parameter manager's array count
     */
    record MemoryCheck(
            String workload,
            @JsonProperty("warmup_steps") int warmupSteps,
            int steps,
            List<Reading> trace,
            @JsonProperty("rss_growth_mb") Object rssGrowthMb,
            @JsonProperty("parameter_array_growth") int parameterArrayGrowth) {

        static MemoryCheck of(String workload, TrainingMemory.Result r) {
            List<Reading> trace = new ArrayList<>();
            for (TrainingMemory.Sample s : r.samples()) {
                trace.add(new Reading(
                        s.step(),
                        megabytes(s.rssBytes()),
                        megabytes(s.heapCommittedBytes()),
                        s.collections(),
                        s.parameterArrays()));
            }
            return new MemoryCheck(
                    workload, r.warmup(), r.steps(), trace, megabytes(r.growthBytes()), r.parameterArrayGrowth());
        }
    }

    /**
     * One reading of the memory check.
     *
     * @param step the step
     * @param rssMb resident memory in MB, or "unavailable"
     * @param javaHeapCommittedMb committed Java heap in MB, or "unavailable"
     * @param gcCount garbage collections so far
     * @param parameterArrays arrays in the parameter manager
     */
    record Reading(
            int step,
            @JsonProperty("rss_mb") Object rssMb,
            @JsonProperty("java_heap_committed_mb") Object javaHeapCommittedMb,
            @JsonProperty("gc_count") long gcCount,
            @JsonProperty("parameter_arrays") int parameterArrays) {}

    /**
     * Resident memory of the process.
     *
     * @param peakMb peak in MB, or "unavailable"
     * @param currentMb current in MB, or "unavailable"
     */
    record Resident(
            @JsonProperty("peak_mb") Object peakMb,
            @JsonProperty("current_mb") Object currentMb) {

        static Resident now() {
            OptionalLong peak = ResidentMemory.peak();
            OptionalLong now = ResidentMemory.current();
            return peak.isPresent() && now.isPresent()
                    ? new Resident(peak.getAsLong() / MB, now.getAsLong() / MB)
                    : new Resident("unavailable", "unavailable");
        }
    }

    /** Bytes as MB, or the word "unavailable" for a negative reading. */
    private static Object megabytes(long bytes) {
        return bytes < 0 ? "unavailable" : bytes / MB;
    }

    private static Object megabytes(OptionalLong bytes) {
        return bytes.isPresent() ? bytes.getAsLong() / MB : "unavailable";
    }
}
