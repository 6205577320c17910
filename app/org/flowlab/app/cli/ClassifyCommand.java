package org.flowlab.app.cli;

import java.util.concurrent.Callable;
import org.flowlab.model.ml.ClassifyConfig;
import org.flowlab.model.ml.ClassifyResult;
import org.flowlab.model.ml.ClassifyRun;
import org.flowlab.model.ml.FitConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowlab classify}: trains a two-class classifier in the plane and reports its accuracy. */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        defaultValueProvider = ClassifyCommand.Defaults.class,
        description = {
            "Train a multilayer perceptron with a logistic output on two-class points in the plane",
            "(binary cross-entropy; plain float64, seeded) and print the cross-entropy and the",
            "accuracy on the training points and on as many held-out points.",
            "Example: classify --data moons --hidden 16 --layers 2 --steps 2000 --seed 1 --json"
        })
final class ClassifyCommand implements Callable<Integer> {

    /** The defaults of {@link ClassifyConfig#DEFAULT}. */
    public static final class Defaults extends MlOptions.Defaults {
        /** Creates the provider. */
        public Defaults() {
            super(ClassifyConfig.DEFAULT.toMap());
        }
    }

    /**
     * What {@code classify} prints.
     *
     * @param data the data set
     * @param hidden width
     * @param layers hidden layers
     * @param activation the non-linearity
     * @param optimizer the optimiser
     * @param lr learning rate
     * @param batch batch size (n for full batch)
     * @param n training points
     * @param noise noise on the points
     * @param steps steps taken
     * @param seed the seed
     * @param parameters trainable parameters
     * @param trainCrossEntropy cross-entropy on the training set
     * @param trainAccuracy accuracy on the training set
     * @param heldOutCrossEntropy cross-entropy on the held-out set
     * @param heldOutAccuracy accuracy on the held-out set
     * @param wallS seconds of training
     */
    record Report(
            String data,
            int hidden,
            int layers,
            String activation,
            String optimizer,
            double lr,
            int batch,
            int n,
            double noise,
            int steps,
            long seed,
            int parameters,
            double trainCrossEntropy,
            double trainAccuracy,
            double heldOutCrossEntropy,
            double heldOutAccuracy,
            double wallS) {}

    @Spec
    CommandSpec spec;

    @Option(names = "--data", description = "moons, circles or spiral. Default: ${DEFAULT-VALUE}")
    String data;

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
            description = "standard deviation of the noise on each coordinate, 0 to 1. " + "Default: ${DEFAULT-VALUE}")
    String noise;

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
        ClassifyConfig config;
        try {
            config = ClassifyConfig.DEFAULT.with(MlOptions.settings(spec, ClassifyConfig.KEYS));
        } catch (IllegalArgumentException e) {
            throw MlOptions.asOptionError(e, ClassifyConfig.KEYS);
        }
        long begin = System.nanoTime();
        ClassifyRun run = new ClassifyRun(config);
        ClassifyResult r = run.train();
        double wall = (System.nanoTime() - begin) / 1e9;
        Report report = new Report(
                config.data().key(),
                config.hidden(),
                config.layers(),
                config.activation().key(),
                config.optimizer().key(),
                config.lr(),
                config.effectiveBatch(),
                config.n(),
                config.noise(),
                r.steps(),
                config.seed(),
                run.parameterCount(),
                MlOptions.finite("the train cross-entropy", r.trainLoss()),
                r.trainAccuracy(),
                MlOptions.finite("the held-out cross-entropy", r.heldOutLoss()),
                r.heldOutAccuracy(),
                wall);
        MlOptions.print(spec.commandLine().getOut(), report, json);
        return 0;
    }
}
