package org.flowlab.app.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowlab.model.anneal.ChainResult;
import org.flowlab.model.anneal.StageResult;
import org.flowlab.model.observe.Estimate;

/**
 * The records {@code anneal --json} prints, one stage per line and then a summary; non-finite
 * numbers become null, never NaN.
 */
final class AnnealJson {

    private AnnealJson() {}

    /**
     * A mean with its error.
     *
     * @param mean the mean
     * @param err its one-sigma error
     */
    record Value(Double mean, Double err) {
        static Value of(Estimate e) {
            return new Value(finite(e.mean()), finite(e.err()));
        }
    }

    /**
     * A stage's training.
     *
     * @param steps steps
     * @param finalLoss loss of the last step
     * @param trainEss ESS of the stage weight on the last batch
     * @param parameters trainable parameters
     */
    record Training(
            int steps,
            @JsonProperty("final_loss") Double finalLoss,
            @JsonProperty("train_ess") Double trainEss,
            long parameters) {}

    /**
     * One stage.
     *
     * @param stage index
     * @param coupling the annealed coupling's name
     * @param value its value
     * @param moved whether samples were moved here (false for the first target's HMC samples)
     * @param ess ESS of the accumulated weights
     * @param stageEss ESS of the stage's own weight
     * @param logZ log Z with error (null where the start's log Z is unknown)
     * @param logZExact exact log Z or null
     * @param logZOverBase log(Z / Z_start) with error
     * @param deltaF F_k - F_{k-1} with error
     * @param deltaFExact exact Delta F or null
     * @param reweighted reweighted observables
     * @param raw plain averages
     * @param exact exact observables
     * @param training the stage's training or null
     * @param moveAccept acceptance of the Monte Carlo updates after this stage or null
     * @param wallSeconds wall time
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Stage(
            int stage,
            String coupling,
            double value,
            boolean moved,
            Double ess,
            @JsonProperty("stage_ess") Double stageEss,
            @JsonProperty("log_z") Value logZ,
            @JsonProperty("log_z_exact") Double logZExact,
            @JsonProperty("log_z_over_base") Value logZOverBase,
            @JsonProperty("delta_f") Value deltaF,
            @JsonProperty("delta_f_exact") Double deltaFExact,
            Map<String, Value> reweighted,
            Map<String, Value> raw,
            Map<String, Double> exact,
            Training training,
            @JsonProperty("move_accept") Double moveAccept,
            @JsonProperty("wall_s") Double wallSeconds) {

        static Stage of(StageResult s) {
            Training t = s.training() == null
                    ? null
                    : new Training(
                            s.training().steps(),
                            finite(s.training().finalLoss()),
                            finite(s.training().trainEss()),
                            s.training().parameters());
            return new Stage(
                    s.stage(),
                    s.key(),
                    s.value(),
                    s.moved(),
                    finite(s.ess()),
                    finite(s.stageEss()),
                    Value.of(s.logZ()),
                    finite(s.logZExact()),
                    Value.of(s.logRatio()),
                    Value.of(s.deltaF()),
                    finite(s.deltaFExact()),
                    values(s.reweighted()),
                    values(s.raw()),
                    numbers(s.exact()),
                    t,
                    finite(s.moveAccept()),
                    finite(s.seconds()));
        }
    }

    /**
     * The last line.
     *
     * @param description the chain in words
     * @param stages number of stages
     * @param trainingSteps training steps in all
     * @param finalEss ESS at the last target
     * @param logZ log Z at the last target
     * @param logZExact its exact value or null
     * @param device the device
     * @param wallSeconds wall time
     * @param saved the directory the chain was saved to, or null
     */
    record Summary(
            String description,
            int stages,
            @JsonProperty("training_steps") long trainingSteps,
            @JsonProperty("final_ess") Double finalEss,
            @JsonProperty("log_z") Value logZ,
            @JsonProperty("log_z_exact") Double logZExact,
            String device,
            @JsonProperty("wall_s") Double wallSeconds,
            String saved) {

        static Summary of(ChainResult r, String saved) {
            StageResult last = r.last();
            return new Summary(
                    r.spec().describe(),
                    r.stages().size(),
                    r.spec().trainingSteps(),
                    finite(last.ess()),
                    Value.of(last.logZ()),
                    finite(last.logZExact()),
                    r.device(),
                    finite(r.seconds()),
                    saved);
        }
    }

    /**
     * Wraps the summary so the last line reads {"summary": {...}}.
     *
     * @param summary the summary
     */
    record SummaryLine(Summary summary) {}

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Map<String, Value> values(Map<String, Estimate> in) {
        Map<String, Value> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, Value.of(v)));
        return out;
    }

    private static Map<String, Double> numbers(Map<String, Double> in) {
        Map<String, Double> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, finite(v)));
        return out;
    }
}
