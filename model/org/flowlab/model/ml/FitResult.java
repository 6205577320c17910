package org.flowlab.model.ml;

/**
 * Where a fit stands: its losses on the training and held-out points, and its error against
 * the clean function on a fine grid of {@value FitRun#GRID_POINTS} points (noise and outliers
 * excluded, so this says how well the network learned f itself).
 *
 * @param steps optimiser steps taken
 * @param trainLoss the loss on the training set
 * @param heldOutLoss the loss on the held-out set
 * @param rmsError root-mean-square of f_net − f on the grid
 * @param maxError largest |f_net − f| on the grid
 */
public record FitResult(int steps, double trainLoss, double heldOutLoss, double rmsError, double maxError) {}
