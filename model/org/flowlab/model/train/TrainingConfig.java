package org.flowlab.model.train;

/**
 * Optimisation settings of a run.
 *
 * @param steps number of optimiser steps (at least 1)
 * @param batch batch size (at least 2)
 * @param learningRate Adam's learning rate (positive)
 * @param seed seed of every random number of the run (weights, prior samples, accept tests)
 */
public record TrainingConfig(int steps, int batch, double learningRate, long seed) {

    /**
     * Validates the settings.
     *
     * @param steps steps
     * @param batch batch size
     * @param learningRate learning rate
     * @param seed seed
     */
    public TrainingConfig {
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
}
