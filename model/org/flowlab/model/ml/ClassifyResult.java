package org.flowlab.model.ml;

/**
 * Where a classifier stands: cross-entropy and accuracy (a point counts as class 1 when the
 * predicted probability exceeds 1/2) on the training and the held-out points.
 *
 * @param steps optimiser steps taken
 * @param trainLoss cross-entropy on the training set
 * @param trainAccuracy fraction of training points classified correctly
 * @param heldOutLoss cross-entropy on the held-out set
 * @param heldOutAccuracy fraction of held-out points classified correctly
 */
public record ClassifyResult(
        int steps, double trainLoss, double trainAccuracy, double heldOutLoss, double heldOutAccuracy) {}
