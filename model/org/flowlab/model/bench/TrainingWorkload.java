package org.flowlab.model.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.Evaluation;
import org.flowlab.model.train.TrainingStep;

/**
 * A training-step workload: opens a run from its spec, takes untimed warm-up steps, times each
 * further step, and reports the last loss, gradient norm and the ESS of 1,024 fresh samples so
 * that a faster step can be seen to still be the same computation.
 */
public final class TrainingWorkload implements Workload {

    private final String id;
    private final String description;
    private final IntFunction<RunSpec> spec;
    private final int defaultWarmup;
    private final int defaultSteps;

    /**
     * Creates the workload.
     *
     * @param id short id, such as {@code u1_gauge_flow}
     * @param description one line: model, sizes, loss, batch, precision
     * @param spec the run for a given total number of steps
     * @param defaultWarmup warm-up steps when the caller gives a negative count
     * @param defaultSteps timed steps when the caller gives 0
     */
    public TrainingWorkload(
            String id, String description, IntFunction<RunSpec> spec, int defaultWarmup, int defaultSteps) {
        this.id = id;
        this.description = description;
        this.spec = spec;
        this.defaultWarmup = defaultWarmup;
        this.defaultSteps = defaultSteps;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * The run this workload trains.
     *
     * @param steps total steps (warm-up included)
     * @return its spec
     */
    public RunSpec spec(int steps) {
        return spec.apply(steps);
    }

    @Override
    public Measurement run(int warmup, int units) {
        int w = warmup < 0 ? defaultWarmup : warmup;
        int n = units <= 0 ? defaultSteps : units;
        double[] ms = new double[n];
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (Experiment opened = spec.apply(w + n).open()) {
            for (int i = 0; i < w; i++) {
                opened.trainer().step();
            }
            TrainingStep last = null;
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                last = opened.trainer().step();
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            // the median leaves out the occasional step that also measures the acceptance (every
            // Trainer.ACCEPT_EVERY steps) or copies a checkpoint; a training run pays for all of them
            metrics.put("all_steps_per_s", n / (java.util.Arrays.stream(ms).sum() / 1000.0));
            Evaluation eval = opened.evaluate(1024);
            metrics.put("final_loss", eval.loss());
            metrics.put("grad_norm", last.gradNorm());
            metrics.put("ess_1024", eval.ess());
            metrics.put("parameters", (double) opened.flow().parameters().count());
            // the layout the steps ended in, and how often it changed with the machine's load
            org.flowlab.model.train.ShardLayout layout = opened.trainer().shardLayout();
            metrics.put("shards_in_use", (double) layout.inUse());
            metrics.put("shard_layout_changes", (double) layout.changes());
            // the lattice actually trained: L^2 for phi^4, 2 L^2 for U(1) links
            metrics.put(
                    "degrees_of_freedom", (double) opened.target().eventShape().size());
        }
        return Timings.summarise(
                id, description, "step", ms, "median over " + n + " steps after " + w + " warm-up steps", metrics);
    }
}
