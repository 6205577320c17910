package org.flowlab.app.cli;

import java.util.concurrent.Callable;
import org.flowlab.model.ml.FitConfig;
import org.flowlab.model.ml.FitResult;
import org.flowlab.model.ml.FitRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowlab fit}: fits a function with a small network and reports its errors. */
@Command(
        name = "fit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        defaultValueProvider = FitCommand.Defaults.class,
        description = {
            "Fit a function of one variable with a multilayer perceptron (plain float64, seeded) and",
            "print the train and held-out loss and the RMS and largest error against the clean",
            "function on a grid of 1001 points. Outliers are points pushed up by 1 to 2 times the",
            "function's range: MSE follows them (it fits the mean), MAE does not (the median).",
            "Example: fit --function sinc --loss mae --outliers 0.1 --steps 3000 --seed 1 --json"
        })
final class FitCommand implements Callable<Integer> {

    /** The defaults of {@link FitConfig#DEFAULT}. */
    public static final class Defaults extends MlOptions.Defaults {
        /** Creates the provider. */
        public Defaults() {
            super(FitConfig.DEFAULT.toMap());
        }
    }

    /**
     * What {@code fit} prints.
     *
     * @param function the function
     * @param loss the loss
     * @param hidden width
     * @param layers hidden layers
     * @param activation the non-linearity
     * @param optimizer the optimiser
     * @param lr learning rate
     * @param batch batch size (n for full batch)
     * @param n training points
     * @param noise noise on the targets
     * @param outliers outlier fraction
     * @param steps steps taken
     * @param seed the seed
     * @param parameters trainable parameters
     * @param trainLoss loss on the training set
     * @param heldOutLoss loss on the held-out set
     * @param rmsError RMS error against the clean function
     * @param maxError largest error against the clean function
     * @param gridPoints points of the grid
     * @param wallS seconds of training
     */
    record Report(
            String function,
            String loss,
            int hidden,
            int layers,
            String activation,
            String optimizer,
            double lr,
            int batch,
            int n,
            double noise,
            double outliers,
            int steps,
            long seed,
            int parameters,
            double trainLoss,
            double heldOutLoss,
            double rmsError,
            double maxError,
            int gridPoints,
            double wallS) {}

    @Spec
    CommandSpec spec;

    @Option(
            names = "--function",
            description = "sinc (on [-10, 10]), abs (|x| on [-1, 1]), step (on [-1, 1]) "
                    + "or sin (on [-2pi, 2pi]). Default: ${DEFAULT-VALUE}")
    String function;

    @Option(names = "--loss", description = "mse or mae. Default: ${DEFAULT-VALUE}")
    String loss;

    @Option(
            names = "--hidden",
            description = "units per hidden layer, 1 to " + FitConfig.MAX_HIDDEN + ". Default: ${DEFAULT-VALUE}")
    String hidden;

    @Option(
            names = "--layers",
            description = "hidden layers, 1 to " + FitConfig.MAX_LAYERS + ". Default: ${DEFAULT-VALUE}")
    String layers;

    @Option(names = "--activation", description = "tanh, relu, leakyrelu or sigmoid. Default: ${DEFAULT-VALUE}")
    String activation;

    @Option(names = "--optimizer", description = "sgd or adam. Default: ${DEFAULT-VALUE}")
    String optimizer;

    @Option(names = "--lr", description = "learning rate, in (0, 1]. Default: ${DEFAULT-VALUE}")
    String lr;

    @Option(
            names = "--batch",
            description =
                    "points per step, 1 to --n; 0 or 'full' for the whole training set. " + "Default: ${DEFAULT-VALUE}")
    String batch;

    @Option(
            names = "--n",
            description = "training points (the held-out set has as many), " + FitConfig.MIN_N + " to "
                    + FitConfig.MAX_N + ". Default: ${DEFAULT-VALUE}")
    String n;

    @Option(
            names = "--noise",
            description = "standard deviation of the noise on the targets, 0 to 2. Default: ${DEFAULT-VALUE}")
    String noise;

    @Option(names = "--outliers", description = "fraction of outliers, 0 to 0.9. Default: ${DEFAULT-VALUE}")
    String outliers;

    @Option(
            names = "--steps",
            description = "optimiser steps, 1 to " + FitConfig.MAX_STEPS + ". Default: ${DEFAULT-VALUE}")
    String steps;

    @Option(
            names = "--seed",
            description = "seed of the data, the initial weights and the batch order. Default: ${DEFAULT-VALUE}")
    String seed;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        FitConfig config;
        try {
            config = FitConfig.DEFAULT.with(MlOptions.settings(spec, FitConfig.KEYS));
        } catch (IllegalArgumentException e) {
            throw MlOptions.asOptionError(e, FitConfig.KEYS);
        }
        long begin = System.nanoTime();
        FitRun run = new FitRun(config);
        FitResult r = run.train();
        double wall = (System.nanoTime() - begin) / 1e9;
        Report report = new Report(
                config.function().key(),
                config.loss().key(),
                config.hidden(),
                config.layers(),
                config.activation().key(),
                config.optimizer().key(),
                config.lr(),
                config.effectiveBatch(),
                config.n(),
                config.noise(),
                config.outliers(),
                r.steps(),
                config.seed(),
                run.parameterCount(),
                MlOptions.finite("the train loss", r.trainLoss()),
                MlOptions.finite("the held-out loss", r.heldOutLoss()),
                MlOptions.finite("the RMS error", r.rmsError()),
                MlOptions.finite("the largest error", r.maxError()),
                FitRun.GRID_POINTS,
                wall);
        MlOptions.print(spec.commandLine().getOut(), report, json);
        return 0;
    }
}
