package org.flowlab.model.ml;

import java.util.SplittableRandom;

/**
 * One "fit a function" run: the data, the network and its optimiser, stepped one mini-batch
 * at a time. The network sees x rescaled to [−1, 1] (u = (2x − a − b)/(b − a) on the interval
 * [a, b]), the usual input normalisation; all pictures and errors are in terms of x.
 *
 * <p>Seeded and reproducible: the training set, the held-out set, the initial weights and the
 * batch order come from four streams split off one {@link SplittableRandom}, so two runs with
 * the same seed and different losses (MSE vs MAE) see the same data and start from the same
 * weights. Not thread-safe; use it from one thread.
 */
public final class FitRun {

    /** Points of the fine grid on which the fit is compared with the clean function. */
    public static final int GRID_POINTS = 1001;

    private final FitConfig config;
    private final RegressionData training;
    private final RegressionData heldOut;
    private final Mlp net;
    private final GradientDescent descent;
    private final double[] unit = new double[1];

    /**
     * Draws the data and initialises the network.
     *
     * @param config the settings
     */
    public FitRun(FitConfig config) {
        this.config = config;
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom trainRng = root.split();
        SplittableRandom heldOutRng = root.split();
        SplittableRandom initRng = root.split();
        SplittableRandom batchRng = root.split();
        TargetFunction f = config.function();
        training = RegressionData.generate(f, config.n(), config.noise(), config.outliers(), trainRng);
        heldOut = RegressionData.generate(f, config.n(), config.noise(), config.outliers(), heldOutRng);
        net = new Mlp(1, config.hidden(), config.layers(), config.activation(), initRng);
        double[][] inputs = new double[config.n()][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = new double[] {scale(training.x()[i])};
        }
        descent = new GradientDescent(
                net,
                config.loss(),
                config.optimizer().create(config.lr(), net.parameterCount()),
                inputs,
                training.y(),
                config.effectiveBatch(),
                batchRng);
    }

    private double scale(double x) {
        TargetFunction f = config.function();
        return (2 * x - f.lower() - f.upper()) / (f.upper() - f.lower());
    }

    /**
     * One optimiser step.
     *
     * @return the mini-batch loss before the step
     * @throws IllegalStateException when training diverged
     */
    public double step() {
        return descent.step();
    }

    /**
     * Runs the steps that remain of {@link FitConfig#steps()} and reports.
     *
     * @return the final result
     */
    public FitResult train() {
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
     * The network's prediction.
     *
     * @param x a point of the interval
     * @return f_net(x)
     */
    public double predict(double x) {
        unit[0] = scale(x);
        return net.output(unit);
    }

    /**
     * The "linear + non-linear" picture: what each unit of the last hidden layer adds to the
     * output, v_j h_j(x), so that f_net(x) = c + Σ_j v_j h_j(x).
     *
     * @param xs the points
     * @return [unit][point] contributions
     */
    public double[][] unitContributions(double[] xs) {
        int width = net.width();
        double[] v = net.outputWeights();
        double[] h = new double[width];
        double[][] out = new double[width][xs.length];
        for (int k = 0; k < xs.length; k++) {
            unit[0] = scale(xs[k]);
            net.lastHidden(unit, h);
            for (int j = 0; j < width; j++) {
                out[j][k] = v[j] * h[j];
            }
        }
        return out;
    }

    /**
     * The output bias c.
     *
     * @return c
     */
    public double outputBias() {
        return net.outputBias();
    }

    /**
     * The mean loss over a data set.
     *
     * @param data the points
     * @return (1/n) Σ ℓ(f_net(xᵢ), yᵢ)
     */
    public double loss(RegressionData data) {
        double total = 0;
        for (int i = 0; i < data.size(); i++) {
            total += config.loss().value(predict(data.x()[i]), data.y()[i]);
        }
        return total / data.size();
    }

    /**
     * The losses and the errors against the clean function now.
     *
     * @return the result
     */
    public FitResult result() {
        TargetFunction f = config.function();
        double sum = 0;
        double max = 0;
        for (int i = 0; i < GRID_POINTS; i++) {
            double x = f.lower() + (f.upper() - f.lower()) * i / (GRID_POINTS - 1.0);
            double e = predict(x) - f.value(x);
            sum += e * e;
            max = Math.max(max, Math.abs(e));
        }
        return new FitResult(steps(), loss(training), loss(heldOut), Math.sqrt(sum / GRID_POINTS), max);
    }

    /**
     * The settings.
     *
     * @return the configuration
     */
    public FitConfig config() {
        return config;
    }

    /**
     * The training points.
     *
     * @return the data (do not modify)
     */
    public RegressionData training() {
        return training;
    }

    /**
     * The held-out points.
     *
     * @return the data (do not modify)
     */
    public RegressionData heldOut() {
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
