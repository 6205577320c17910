package org.flowlab.app.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.flowlab.model.bench.ResidentMemory;
import org.flowlab.model.observe.ObservableNames;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.train.Evaluation;
import org.flowlab.model.train.GradientProbe;

/**
 * The summary {@code train} prints at the end: the run's {@link Evaluation} on fresh samples,
 * its timing, and optionally the gradient probe of a continuous flow. As JSON it is the last
 * line, {@code {"summary": {...}}}.
 *
 * @param steps steps done
 * @param finalLoss the last step's loss
 * @param ess ESS fraction of the fresh samples
 * @param essSamples their number
 * @param accept independence-Metropolis acceptance over them
 * @param msPerStep median step time of this run
 * @param wallSeconds wall time of this run
 * @param parameters trainable parameters
 * @param device the device in words
 * @param description the run's spec in words
 * @param saved where the run was saved (null when not saved)
 * @param observables the theory's observables reweighted to the target, keyed by name (renamed
 *     keys also under their old names, see {@link ObservableNames})
 * @param gradientProbe the cost of one gradient evaluation (null unless asked for)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TrainReport(
        int steps,
        @JsonProperty("final_loss") double finalLoss,
        double ess,
        @JsonProperty("ess_samples") int essSamples,
        double accept,
        @JsonProperty("ms_per_step") double msPerStep,
        @JsonProperty("wall_s") double wallSeconds,
        long parameters,
        String device,
        String description,
        String saved,
        Map<String, Json.MeanErr> observables,
        @JsonProperty("gradient_probe") Probe gradientProbe) {

    /**
     * The gradient probe in JSON.
     *
     * @param peakArrays most tensors alive at once
     * @param peakMib their size in MiB
     * @param ms median time of one gradient evaluation
     * @param processPeakRssMib the process's peak resident memory in MiB (null where unknown)
     */
    record Probe(
            @JsonProperty("peak_arrays") int peakArrays,
            @JsonProperty("peak_mib") double peakMib,
            double ms,
            @JsonProperty("process_peak_rss_mib") double processPeakRssMib) {

        static Probe of(GradientProbe.Cost cost) {
            double rss =
                    ResidentMemory.peak().isPresent() ? ResidentMemory.peak().getAsLong() / 1048576.0 : Double.NaN;
            return new Probe(cost.peakArrays(), cost.peakBytes() / 1048576.0, cost.millis(), rss);
        }
    }

    /** The JSON line: the summary under one key. */
    record Line(TrainReport summary) {}

    /**
     * Assembles the summary.
     *
     * @param e the trained experiment
     * @param evaluation its evaluation on fresh samples
     * @param progress the step times
     * @param wallSeconds wall time of this run
     * @param saved where it was saved, or null
     * @param cost the gradient probe, or null
     * @return the summary
     */
    static TrainReport of(
            Experiment e,
            Evaluation evaluation,
            TrainProgress progress,
            double wallSeconds,
            Path saved,
            GradientProbe.Cost cost) {
        Map<String, Json.MeanErr> observables = new LinkedHashMap<>();
        evaluation.observables().forEach((k, v) -> observables.put(k, Json.MeanErr.of(v)));
        return new TrainReport(
                evaluation.steps(),
                evaluation.loss(),
                evaluation.ess(),
                evaluation.samples(),
                evaluation.acceptRate(),
                progress.medianMillis(),
                wallSeconds,
                e.flow().parameters().count(),
                e.deviceName(),
                e.spec().describe(),
                saved == null ? null : saved.toString(),
                ObservableNames.withLegacyAliases(observables),
                cost == null ? null : Probe.of(cost));
    }

    /**
     * Prints the summary as text or as the final JSON line.
     *
     * @param out standard output
     * @param json whether to print JSON
     * @param stepsThisRun steps taken by this run (fewer than {@link #steps} when resumed)
     */
    void print(PrintWriter out, boolean json, int stepsThisRun) {
        if (json) {
            out.println(Json.line(new Line(this)));
            return;
        }
        out.printf(
                Locale.ROOT,
                "done: %d steps in %.1f s (median %.2f ms/step); ESS %.4f and Metropolis acceptance %.3f on %d fresh samples%n",
                stepsThisRun,
                wallSeconds,
                msPerStep,
                ess,
                accept,
                essSamples);
        if (saved != null) {
            out.println("saved to " + saved);
        }
        if (gradientProbe != null) {
            out.printf(
                    Locale.ROOT,
                    "one gradient evaluation: %.1f ms, at most %d tensors (%.2f MiB) alive; process peak RSS %.0f MiB%n",
                    gradientProbe.ms(),
                    gradientProbe.peakArrays(),
                    gradientProbe.peakMib(),
                    gradientProbe.processPeakRssMib());
        }
    }
}
