package org.flowlab.model.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.flowlab.model.spec.Experiment;

/**
 * Native-memory check of a training workload: trains it, reads the resident set
 * size after warm-up and then every {@code every} steps, and counts the arrays held by the
 * parameter manager (which must not grow: every step temporary lives in a step scope).
 *
 * <p>The resident size also holds the Java heap, which fills with short-lived wrapper objects
 * (DJL allocates a few hundred kB of them per step) until the garbage collector has cycled
 * through the young generation it has committed; until then the resident size rises although
 * nothing leaks. Warm-up therefore lasts at least the requested steps and until two young
 * collections have run (at most {@value #MAX_EXTRA_WARMUP} steps more), and every reading also
 * records the committed Java heap.
 */
public final class TrainingMemory {

    /** Most extra warm-up steps spent waiting for the garbage collector. */
    public static final int MAX_EXTRA_WARMUP = 3000;

    /**
     * One reading.
     *
     * @param step training steps done (warm-up included)
     * @param rssBytes resident set size, or -1 where unavailable
     * @param heapCommittedBytes Java heap committed by the JVM
     * @param collections garbage collections so far (all collectors)
     * @param parameterArrays arrays attached to the parameter manager
     */
    public record Sample(int step, long rssBytes, long heapCommittedBytes, long collections, int parameterArrays) {}

    /**
     * The outcome.
     *
     * @param warmup warm-up steps actually run (see the class comment)
     * @param steps measured steps after warm-up
     * @param samples readings, the first after warm-up and the last after all steps
     * @param peakRssBytes VmHWM at the end, or -1 where unavailable
     */
    public record Result(int warmup, int steps, List<Sample> samples, long peakRssBytes) {

        /**
         * Resident memory growth from the end of warm-up to the end.
         *
         * @return bytes (may be negative), or empty where RSS is unavailable
         */
        public OptionalLong growthBytes() {
            long first = samples.get(0).rssBytes();
            long last = samples.get(samples.size() - 1).rssBytes();
            return first < 0 || last < 0 ? OptionalLong.empty() : OptionalLong.of(last - first);
        }

        /**
         * Growth of the parameter manager's array count over the measured steps.
         *
         * @return arrays at the end minus arrays after warm-up
         */
        public int parameterArrayGrowth() {
            return samples.get(samples.size() - 1).parameterArrays()
                    - samples.get(0).parameterArrays();
        }
    }

    private TrainingMemory() {}

    /**
     * Runs the check on one training workload.
     *
     * @param workload what to train
     * @param warmup least warm-up steps before the first reading
     * @param steps steps after it
     * @param every steps between readings
     * @param progress receives each reading as it is taken (may be null)
     * @return the readings
     */
    public static Result measure(
            TrainingWorkload workload, int warmup, int steps, int every, Consumer<Sample> progress) {
        if (steps < 1 || every < 1 || warmup < 0) {
            throw new IllegalArgumentException("need steps >= 1, every >= 1 and warmup >= 0");
        }
        List<Sample> samples = new ArrayList<>();
        try (Experiment opened =
                workload.spec(warmup + MAX_EXTRA_WARMUP + steps).open()) {
            int done = 0;
            for (; done < warmup; done++) {
                opened.trainer().step();
            }
            long gcAtWarmup = collections();
            while (collections() < gcAtWarmup + 2 && done < warmup + MAX_EXTRA_WARMUP) {
                opened.trainer().step();
                done++;
            }
            int warm = done;
            samples.add(reading(opened, warm, progress));
            for (int i = 1; i <= steps; i++) {
                opened.trainer().step();
                if (i % every == 0 || i == steps) {
                    samples.add(reading(opened, warm + i, progress));
                }
            }
            return new Result(warm, steps, samples, ResidentMemory.peak().orElse(-1));
        }
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static Sample reading(Experiment opened, int step, Consumer<Sample> progress) {
        Sample s = new Sample(
                step,
                ResidentMemory.current().orElse(-1),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted(),
                collections(),
                opened.flow().parameters().manager().getManagedArrays().size());
        if (progress != null) {
            progress.accept(s);
        }
        return s;
    }
}
