package org.flowlab.model.ml;

import java.util.SplittableRandom;

/**
 * Mini-batch gradient descent on a fixed training set: each epoch visits the points in a fresh
 * random order, batch by batch (a last partial batch is skipped, then the order is reshuffled);
 * a full batch uses every point in every step.
 */
final class GradientDescent {

    private final Mlp net;
    private final Loss loss;
    private final Optimizer optimizer;
    private final double[][] inputs;
    private final double[] targets;
    private final int batch;
    private final SplittableRandom order;
    private final int[] indices;
    private final double[] gradient;
    private int position;
    private int steps;

    GradientDescent(
            Mlp net,
            Loss loss,
            Optimizer optimizer,
            double[][] inputs,
            double[] targets,
            int batch,
            SplittableRandom order) {
        this.net = net;
        this.loss = loss;
        this.optimizer = optimizer;
        this.inputs = inputs;
        this.targets = targets;
        this.batch = batch;
        this.order = order;
        this.indices =
                batch == inputs.length ? identity(inputs.length) : RegressionData.permutation(inputs.length, order);
        this.gradient = new double[net.parameterCount()];
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /**
     * One optimiser step on the next batch.
     *
     * @return the batch's loss before the step
     * @throws IllegalStateException when the loss or the gradient is not finite (diverged)
     */
    double step() {
        if (position + batch > indices.length) {
            shuffle();
            position = 0;
        }
        double value = net.lossAndGradient(inputs, targets, indices, position, batch, loss, gradient);
        position += batch;
        steps++;
        double norm = 0;
        for (double g : gradient) {
            norm += g * g;
        }
        if (!Double.isFinite(value) || !Double.isFinite(norm)) {
            throw new IllegalStateException(String.format(
                    java.util.Locale.ROOT,
                    "training diverged at step %d (loss %.3g%s); lower the learning rate",
                    steps,
                    value,
                    Double.isFinite(norm) ? "" : ", the gradient overflowed"));
        }
        optimizer.update(net.parameters(), gradient);
        return value;
    }

    private void shuffle() {
        for (int i = indices.length - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
        }
    }

    int steps() {
        return steps;
    }
}
