package org.flowlab.model.train;

/**
 * Optimisation settings of a run.
 *
 * @param steps number of optimiser steps (at least 1)
 * @param batch batch size (at least 2)
 * @param learningRate Adam's learning rate (positive)
 * @param seed seed of every random number of the run (weights, prior samples, accept tests)
 * @param schedule how the learning rate changes over the {@code steps} steps
 */
public record TrainingConfig(int steps, int batch, double learningRate, long seed, LearningRateSchedule schedule) {

    /**
     * Validates the settings.
     *
     * @param steps steps
     * @param batch batch size
     * @param learningRate learning rate
     * @param seed seed
     * @param schedule the schedule
     */
    public TrainingConfig {
        java.util.Objects.requireNonNull(schedule, "schedule");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (batch < 2) {
            throw new IllegalArgumentException("batch size must be at least 2, got " + batch);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
    }

    /**
     * Settings with a constant learning rate.
     *
     * @param steps steps
     * @param batch batch size
     * @param learningRate learning rate
     * @param seed seed
     */
    public TrainingConfig(int steps, int batch, double learningRate, long seed) {
        this(steps, batch, learningRate, seed, LearningRateSchedule.CONSTANT);
    }

    /**
     * Adam's learning rate for a step.
     *
     * @param step steps completed before it
     * @return the configured rate times the schedule's factor
     */
    public double learningRateAt(int step) {
        return learningRate * schedule.factor(step, steps);
    }

    /**
     * The same settings with another number of steps (the schedule spans the new total).
     *
     * @param total the new total
     * @return the settings
     */
    public TrainingConfig withSteps(int total) {
        return new TrainingConfig(total, batch, learningRate, seed, schedule);
    }
}
