package org.flowlab.model.ml;

import java.util.SplittableRandom;

/**
 * One classification run: two-class points in the plane, a network whose output z is a logit
 * (p(class 1 | x) = σ(z)), trained on the binary cross-entropy. The points go into the network
 * as they are (the data sets already live in a box of side about 3).
 *
 * <p>Seeded and reproducible like {@link FitRun}: training set, held-out set, initial weights
 * and batch order come from four streams split off one {@link SplittableRandom}.
 * Not thread-safe.
 */
public final class ClassifyRun {

    private final ClassifyConfig config;
    private final TwoClassData.Sample training;
    private final TwoClassData.Sample heldOut;
    private final Mlp net;
    private final GradientDescent descent;
    private final double[] point = new double[2];

    /**
     * Draws the data and initialises the network.
     *
     * @param config the settings
     */
    public ClassifyRun(ClassifyConfig config) {
        this.config = config;
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom trainRng = root.split();
        SplittableRandom heldOutRng = root.split();
        SplittableRandom initRng = root.split();
        SplittableRandom batchRng = root.split();
        training = config.data().generate(config.n(), config.noise(), trainRng);
        heldOut = config.data().generate(config.n(), config.noise(), heldOutRng);
        net = new Mlp(2, config.hidden(), config.layers(), config.activation(), initRng);
        descent = new GradientDescent(
                net,
                Loss.CROSS_ENTROPY,
                config.optimizer().create(config.lr(), net.parameterCount()),
                training.points(),
                training.labels(),
                config.effectiveBatch(),
                batchRng);
    }

    /**
     * One optimiser step.
     *
     * @return the mini-batch cross-entropy before the step
     * @throws IllegalStateException when training diverged
     */
    public double step() {
        return descent.step();
    }

    /**
     * Runs the steps that remain of {@link ClassifyConfig#steps()} and reports.
     *
     * @return the final result
     */
    public ClassifyResult train() {
        while (descent.steps() < config.steps()) {
            descent.step();
        }
        return result();
    }

    /**
     * Steps taken so far.
     *
     * @return the count
     */
    public int steps() {
        return descent.steps();
    }

    /**
     * The predicted probability of class 1.
     *
     * @param x first coordinate
     * @param y second coordinate
     * @return σ(z(x, y))
     */
    public double probability(double x, double y) {
        point[0] = x;
        point[1] = y;
        return Activation.logistic(net.output(point));
    }

    /**
     * The predicted probability of class 1 on a square grid over the box
     * [−h, h]² (h = {@link TwoClassData#HALF_WIDTH}), cell centres, row 0 at the top (largest y).
     *
     * @param cells cells per side
     * @return row-major probabilities, length cells²
     */
    public double[] probabilityGrid(int cells) {
        double[] out = new double[cells * cells];
        double h = TwoClassData.HALF_WIDTH;
        for (int row = 0; row < cells; row++) {
            double y = h - 2 * h * (row + 0.5) / cells;
            for (int col = 0; col < cells; col++) {
                double x = -h + 2 * h * (col + 0.5) / cells;
                out[row * cells + col] = probability(x, y);
            }
        }
        return out;
    }

    /**
     * Cross-entropy and accuracy on a data set.
     *
     * @param data the points
     * @return {cross-entropy, accuracy}
     */
    public double[] evaluate(TwoClassData.Sample data) {
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            double z = net.output(data.points()[i]);
            double label = data.labels()[i];
            loss += Loss.CROSS_ENTROPY.value(z, label);
            if ((z > 0) == (label > 0.5)) {
                correct++;
            }
        }
        return new double[] {loss / data.size(), correct / (double) data.size()};
    }

    /**
     * The losses and accuracies now.
     *
     * @return the result
     */
    public ClassifyResult result() {
        double[] train = evaluate(training);
        double[] test = evaluate(heldOut);
        return new ClassifyResult(steps(), train[0], train[1], test[0], test[1]);
    }

    /**
     * The settings.
     *
     * @return the configuration
     */
    public ClassifyConfig config() {
        return config;
    }

    /**
     * The training points.
     *
     * @return the data (do not modify)
     */
    public TwoClassData.Sample training() {
        return training;
    }

    /**
     * The held-out points.
     *
     * @return the data (do not modify)
     */
    public TwoClassData.Sample heldOut() {
        return heldOut;
    }

    /**
     * The number of trainable parameters.
     *
     * @return the count
     */
    public int parameterCount() {
        return net.parameterCount();
    }
}
