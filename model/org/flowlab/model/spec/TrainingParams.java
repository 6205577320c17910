package org.flowlab.model.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowlab.model.train.LearningRateSchedule;
import org.flowlab.model.train.TrainingConfig;

/** The optimisation settings as parameter definitions, for forms and checks. */
public final class TrainingParams {

    private TrainingParams() {}

    /**
     * Batch size, learning rate, steps, seed and learning-rate schedule.
     *
     * @return the definitions
     */
    public static List<ParamDef> params() {
        return List.of(
                ParamDef.integer(
                        "batch", "batch", 64, 2, 65_536, "samples", "samples per step; the loss is the batch mean"),
                ParamDef.real("lr", "learning rate", 1e-3, 0, 1, true, "> 0", "Adam's step size"),
                ParamDef.integer("steps", "steps", 2000, 1, 10_000_000, "", "number of optimiser steps"),
                ParamDef.integer(
                        "seed",
                        "seed",
                        1,
                        0,
                        Integer.MAX_VALUE,
                        "",
                        "seed of the initial weights and of every random number"),
                ParamDef.choice(
                        "schedule",
                        "lr schedule",
                        LearningRateSchedule.CONSTANT.id(),
                        LearningRateSchedule.ids(),
                        "constant: " + LearningRateSchedule.CONSTANT.description() + "; cosine: "
                                + LearningRateSchedule.COSINE.description()));
    }

    /**
     * Checks optimisation settings against the definitions (the same ranges as the window's
     * form) and builds the configuration.
     *
     * @param steps steps
     * @param batch batch size
     * @param learningRate learning rate
     * @param seed seed
     * @param schedule the schedule's name
     * @return the configuration
     * @throws ParamException naming the first bad setting by its key (steps, batch, lr, seed,
     *     schedule)
     */
    public static TrainingConfig checked(long steps, long batch, double learningRate, long seed, String schedule) {
        Settings s = Settings.of(
                params(),
                Map.of(
                        "steps",
                        Long.toString(steps),
                        "batch",
                        Long.toString(batch),
                        "lr",
                        Double.toString(learningRate),
                        "seed",
                        Long.toString(seed),
                        "schedule",
                        schedule),
                "training");
        return config(s);
    }

    /**
     * Builds the configuration from checked settings.
     *
     * @param s settings of {@link #params()}
     * @return the configuration
     */
    public static TrainingConfig config(Settings s) {
        return new TrainingConfig(
                s.integer("steps"),
                s.integer("batch"),
                s.real("lr"),
                Long.parseLong(s.text("seed")),
                LearningRateSchedule.parse(s.text("schedule")));
    }

    /**
     * The form values of a configuration, keyed like {@link #params()}: what fills a form, a
     * link or a record of the settings, so that every optimisation setting travels in one map.
     *
     * @param t the configuration
     * @return key to text, in the order of {@link #params()}
     */
    public static Map<String, String> values(TrainingConfig t) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("batch", Integer.toString(t.batch()));
        m.put("lr", ParamDef.format(t.learningRate()));
        m.put("steps", Integer.toString(t.steps()));
        m.put("seed", Long.toString(t.seed()));
        m.put("schedule", t.schedule().id());
        return m;
    }
}
