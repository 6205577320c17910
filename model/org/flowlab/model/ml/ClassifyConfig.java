package org.flowlab.model.ml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of one classification run (logistic output, binary cross-entropy). Every
 * instance is valid: the constructor checks each range and throws
 * {@link IllegalArgumentException} with a one-line message that starts with the setting's name.
 *
 * @param data the data set
 * @param hidden units per hidden layer
 * @param layers hidden layers
 * @param activation the non-linearity
 * @param optimizer SGD or Adam
 * @param lr the learning rate η
 * @param batch samples per step; 0 means the full training set
 * @param n training points (the held-out set has as many)
 * @param noise standard deviation of the Gaussian noise on each coordinate
 * @param steps optimiser steps
 * @param seed seed of the data, the initial weights and the mini-batch order
 */
public record ClassifyConfig(
        TwoClassData data,
        int hidden,
        int layers,
        Activation activation,
        Optimizer.Kind optimizer,
        double lr,
        int batch,
        int n,
        double noise,
        int steps,
        long seed) {

    /** Largest noise. */
    public static final double MAX_NOISE = 1;

    /** The setting names, as used on the command line (with --) and in links. */
    public static final List<String> KEYS = List.of(
            "data", "hidden", "layers", "activation", "optimizer", "lr", "batch", "n", "noise", "steps", "seed");

    /** The defaults: two moons, 16 × 2 tanh, Adam at 0.01, batches of 32 from 400 points, 2000 steps. */
    public static final ClassifyConfig DEFAULT = new ClassifyConfig(
            TwoClassData.MOONS, 16, 2, Activation.TANH, Optimizer.Kind.ADAM, 0.01, 32, 400, 0.1, 2000, 1);

    /** Checks every range. */
    public ClassifyConfig {
        if (data == null || activation == null || optimizer == null) {
            throw new IllegalArgumentException("data, activation and optimizer must be given");
        }
        Ranges.checkInt("hidden", hidden, 1, FitConfig.MAX_HIDDEN);
        Ranges.checkInt("layers", layers, 1, FitConfig.MAX_LAYERS);
        Ranges.checkReal("lr", lr, 0, FitConfig.MAX_LR, true);
        Ranges.checkInt("n", n, FitConfig.MIN_N, FitConfig.MAX_N);
        if (batch < 0 || batch > n) {
            throw new IllegalArgumentException("batch must be between 0 (full batch) and n (" + n + "), got " + batch);
        }
        Ranges.checkReal("noise", noise, 0, MAX_NOISE, false);
        Ranges.checkInt("steps", steps, 1, FitConfig.MAX_STEPS);
    }

    /**
     * A copy with some settings replaced, parsed from text; the ranges are checked on the
     * result, so the order of the keys does not matter.
     *
     * @param settings names from {@link #KEYS} to text values
     * @return the new settings
     * @throws IllegalArgumentException for an unknown name or a bad value, naming it
     */
    public ClassifyConfig with(Map<String, String> settings) {
        TwoClassData d = data;
        int h = hidden;
        int depth = layers;
        Activation a = activation;
        Optimizer.Kind o = optimizer;
        double rate = lr;
        int b = batch;
        int size = n;
        double eps = noise;
        int s = steps;
        long sd = seed;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "data" -> d = TwoClassData.parse(v);
                case "hidden" -> h = Ranges.parseInt("hidden", v, 1, FitConfig.MAX_HIDDEN);
                case "layers" -> depth = Ranges.parseInt("layers", v, 1, FitConfig.MAX_LAYERS);
                case "activation" -> a = Activation.parse(v);
                case "optimizer" -> o = Optimizer.Kind.parse(v);
                case "lr" -> rate = Ranges.parseReal("lr", v, 0, FitConfig.MAX_LR, true);
                case "batch" ->
                    b = v.trim().equalsIgnoreCase("full") ? 0 : Ranges.parseInt("batch", v, 0, FitConfig.MAX_N);
                case "n" -> size = Ranges.parseInt("n", v, FitConfig.MIN_N, FitConfig.MAX_N);
                case "noise" -> eps = Ranges.parseReal("noise", v, 0, MAX_NOISE, false);
                case "steps" -> s = Ranges.parseInt("steps", v, 1, FitConfig.MAX_STEPS);
                case "seed" -> sd = Ranges.parseLong("seed", v);
                default ->
                    throw new IllegalArgumentException(
                            "unknown setting '" + e.getKey() + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        return new ClassifyConfig(d, h, depth, a, o, rate, b, size, eps, s, sd);
    }

    /**
     * The settings as text, in the order of {@link #KEYS}.
     *
     * @return name to value
     */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", data.key());
        m.put("hidden", Integer.toString(hidden));
        m.put("layers", Integer.toString(layers));
        m.put("activation", activation.key());
        m.put("optimizer", optimizer.key());
        m.put("lr", FitConfig.number(lr));
        m.put("batch", Integer.toString(batch));
        m.put("n", Integer.toString(n));
        m.put("noise", FitConfig.number(noise));
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
}
