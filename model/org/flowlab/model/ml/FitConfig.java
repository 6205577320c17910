package org.flowlab.model.ml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one "fit a function" run. Every instance is valid: the constructor checks
 * each range and throws {@link IllegalArgumentException} with a one-line message that starts
 * with the setting's name.
 *
 * @param function the clean function f
 * @param loss MSE or MAE
 * @param hidden units per hidden layer
 * @param layers hidden layers
 * @param activation the non-linearity
 * @param optimizer SGD or Adam
 * @param lr the learning rate η
 * @param batch samples per step; 0 means the full training set (full-batch gradient descent)
 * @param n training points (the held-out set has as many)
 * @param noise standard deviation of the Gaussian noise on the targets
 * @param outliers fraction of points pushed up as outliers
 * @param steps optimiser steps
 * @param seed seed of the data, the initial weights and the mini-batch order
 */
public record FitConfig(
        TargetFunction function,
        Loss loss,
        int hidden,
        int layers,
        Activation activation,
        Optimizer.Kind optimizer,
        double lr,
        int batch,
        int n,
        double noise,
        double outliers,
        int steps,
        long seed) {

    /** Largest hidden width. */
    public static final int MAX_HIDDEN = 256;
    /** Largest number of hidden layers. */
    public static final int MAX_LAYERS = 6;
    /** Smallest and largest training set. */
    public static final int MIN_N = 8;
    /** Largest training set. */
    public static final int MAX_N = 20000;
    /** Largest number of steps. */
    public static final int MAX_STEPS = 1_000_000;
    /** Largest learning rate. */
    public static final double MAX_LR = 1;
    /** Largest noise. */
    public static final double MAX_NOISE = 2;
    /** Largest outlier fraction. */
    public static final double MAX_OUTLIERS = 0.9;

    /** The setting names, as used on the command line (with --) and in links. */
    public static final List<String> KEYS = List.of(
            "function",
            "loss",
            "hidden",
            "layers",
            "activation",
            "optimizer",
            "lr",
            "batch",
            "n",
            "noise",
            "outliers",
            "steps",
            "seed");

    /** The defaults: sinc, MSE, 32 × 2 tanh, Adam at 3e−3, batches of 32 from 256 points, 3000 steps. */
    public static final FitConfig DEFAULT = new FitConfig(
            TargetFunction.SINC, Loss.MSE, 32, 2, Activation.TANH, Optimizer.Kind.ADAM, 3e-3, 32, 256, 0, 0, 3000, 1);

    /** Checks every range. */
    public FitConfig {
        if (function == null || loss == null || activation == null || optimizer == null) {
            throw new IllegalArgumentException("function, loss, activation and optimizer must be given");
        }
        if (loss == Loss.CROSS_ENTROPY) {
            throw new IllegalArgumentException("loss must be mse or mae, not bce (cross-entropy is for classify)");
        }
        Ranges.checkInt("hidden", hidden, 1, MAX_HIDDEN);
        Ranges.checkInt("layers", layers, 1, MAX_LAYERS);
        Ranges.checkReal("lr", lr, 0, MAX_LR, true);
        Ranges.checkInt("n", n, MIN_N, MAX_N);
        if (batch < 0 || batch > n) {
            throw new IllegalArgumentException("batch must be between 0 (full batch) and n (" + n + "), got " + batch);
        }
        Ranges.checkReal("noise", noise, 0, MAX_NOISE, false);
        Ranges.checkReal("outliers", outliers, 0, MAX_OUTLIERS, false);
        Ranges.checkInt("steps", steps, 1, MAX_STEPS);
    }

    /**
     * A copy with some settings replaced, parsed from text (a link's parameters or a form's
     * fields); every value is parsed first and the ranges are checked on the result, so the
     * order of the keys does not matter.
     *
     * @param settings names from {@link #KEYS} to text values
     * @return the new settings
     * @throws IllegalArgumentException for an unknown name or a bad value, naming it
     */
    public FitConfig with(Map<String, String> settings) {
        TargetFunction f = function;
        Loss l = loss;
        int h = hidden;
        int d = layers;
        Activation a = activation;
        Optimizer.Kind o = optimizer;
        double rate = lr;
        int b = batch;
        int size = n;
        double eps = noise;
        double out = outliers;
        int s = steps;
        long sd = seed;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "function" -> f = TargetFunction.parse(v);
                case "loss" -> l = Loss.parseRegression(v);
                case "hidden" -> h = Ranges.parseInt("hidden", v, 1, MAX_HIDDEN);
                case "layers" -> d = Ranges.parseInt("layers", v, 1, MAX_LAYERS);
                case "activation" -> a = Activation.parse(v);
                case "optimizer" -> o = Optimizer.Kind.parse(v);
                case "lr" -> rate = Ranges.parseReal("lr", v, 0, MAX_LR, true);
                case "batch" -> b = v.trim().equalsIgnoreCase("full") ? 0 : Ranges.parseInt("batch", v, 0, MAX_N);
                case "n" -> size = Ranges.parseInt("n", v, MIN_N, MAX_N);
                case "noise" -> eps = Ranges.parseReal("noise", v, 0, MAX_NOISE, false);
                case "outliers" -> out = Ranges.parseReal("outliers", v, 0, MAX_OUTLIERS, false);
                case "steps" -> s = Ranges.parseInt("steps", v, 1, MAX_STEPS);
                case "seed" -> sd = Ranges.parseLong("seed", v);
                default ->
                    throw new IllegalArgumentException(
                            "unknown setting '" + e.getKey() + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        return new FitConfig(f, l, h, d, a, o, rate, b, size, eps, out, s, sd);
    }

    /**
     * A copy with another loss (the side-by-side comparison runs the same data and seed).
     *
     * @param other the loss
     * @return the new settings
     */
    public FitConfig withLoss(Loss other) {
        return new FitConfig(
                function, other, hidden, layers, activation, optimizer, lr, batch, n, noise, outliers, steps, seed);
    }

    /**
     * The settings as text, in the order of {@link #KEYS} (for links and forms).
     *
     * @return name to value
     */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("function", function.key());
        m.put("loss", loss.key());
        m.put("hidden", Integer.toString(hidden));
        m.put("layers", Integer.toString(layers));
        m.put("activation", activation.key());
        m.put("optimizer", optimizer.key());
        m.put("lr", number(lr));
        m.put("batch", Integer.toString(batch));
        m.put("n", Integer.toString(n));
        m.put("noise", number(noise));
        m.put("outliers", number(outliers));
        m.put("steps", Integer.toString(steps));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /**
     * The samples per step actually used.
     *
     * @return n for full batch, otherwise batch
     */
    public int effectiveBatch() {
        return batch == 0 ? n : batch;
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
