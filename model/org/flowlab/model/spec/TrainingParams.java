package org.flowlab.model.spec;

import java.util.List;
import org.flowlab.model.train.TrainingConfig;

/** The optimisation settings as parameter definitions, for forms and checks. */
public final class TrainingParams {

    private TrainingParams() {}

    /**
     * Batch size, learning rate, steps and seed.
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
                        "seed of the initial weights and of every random number"));
    }

    /**
     * Checks optimisation settings against the definitions (the same ranges as the window's
     * form) and builds the configuration.
     *
     * @param steps steps
     * @param batch batch size
     * @param learningRate learning rate
     * @param seed seed
     * @return the configuration
     * @throws ParamException naming the first bad setting by its key (steps, batch, lr, seed)
     */
    public static TrainingConfig checked(long steps, long batch, double learningRate, long seed) {
        Settings s = Settings.of(
                params(),
                java.util.Map.of(
                        "steps",
                        Long.toString(steps),
                        "batch",
                        Long.toString(batch),
                        "lr",
                        Double.toString(learningRate),
                        "seed",
                        Long.toString(seed)),
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
        return new TrainingConfig(s.integer("steps"), s.integer("batch"), s.real("lr"), Long.parseLong(s.text("seed")));
    }
}
