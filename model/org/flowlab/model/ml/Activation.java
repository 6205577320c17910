package org.flowlab.model.ml;

import java.util.Locale;

/**
 * The elementwise non-linearity σ of a hidden layer, h = σ(W x + b). Without it a stack of
 * linear maps is one linear map; with it the network is a universal approximator
 * (Cybenko 1989, <a href="https://doi.org/10.1007/BF02551274">doi:10.1007/BF02551274</a>;
 * Hornik 1991, <a href="https://doi.org/10.1016/0893-6080(91)90009-T">doi:10.1016/0893-6080(91)90009-T</a>).
 */
public enum Activation {

    /** σ(u) = tanh u, smooth, odd, values in (−1, 1). */
    TANH("tanh"),
    /** σ(u) = max(0, u), piecewise linear: fits are made of straight pieces with kinks. */
    RELU("relu"),
    /** σ(u) = u for u &gt; 0 and {@value #LEAKY_SLOPE}·u otherwise: a ReLU whose units never die. */
    LEAKY_RELU("leakyrelu"),
    /** σ(u) = 1 / (1 + e^{−u}), the logistic function, values in (0, 1). */
    SIGMOID("sigmoid");

    /** Slope of the leaky ReLU for negative inputs (PyTorch's default). */
    public static final double LEAKY_SLOPE = 0.01;

    private final String key;

    Activation(String key) {
        this.key = key;
    }

    /**
     * The name used on the command line and in links.
     *
     * @return the key, such as {@code tanh}
     */
    public String key() {
        return key;
    }

    /**
     * Applies σ.
     *
     * @param u the pre-activation
     * @return σ(u)
     */
    public double apply(double u) {
        switch (this) {
            case TANH:
                return tanh(u);
            case RELU:
                return u > 0 ? u : 0;
            case LEAKY_RELU:
                return u > 0 ? u : LEAKY_SLOPE * u;
            default:
                return logistic(u);
        }
    }

    /**
     * The derivative σ'(u), from the pre-activation u and the value h = σ(u) (cheaper for tanh
     * and the logistic function).
     *
     * @param u the pre-activation
     * @param h σ(u)
     * @return σ'(u)
     */
    public double derivative(double u, double h) {
        switch (this) {
            case TANH:
                return 1 - h * h;
            case RELU:
                return u > 0 ? 1 : 0;
            case LEAKY_RELU:
                return u > 0 ? 1 : LEAKY_SLOPE;
            default:
                return h * (1 - h);
        }
    }

    /**
     * tanh u = (1 − e^{−2|u|}) / (1 + e^{−2|u|}) · sign u: one exponential, a few times faster
     * than {@link Math#tanh}, which dominates the cost of a small network; the absolute error is
     * of the order of the double-precision rounding.
     *
     * @param u the argument
     * @return tanh u
     */
    static double tanh(double u) {
        double e = Math.exp(-2 * Math.abs(u));
        double t = (1 - e) / (1 + e);
        return u < 0 ? -t : t;
    }

    /**
     * The logistic function 1 / (1 + e^{−u}), evaluated without overflow.
     *
     * @param u the argument
     * @return a value in [0, 1]
     */
    public static double logistic(double u) {
        if (u >= 0) {
            return 1 / (1 + Math.exp(-u));
        }
        double e = Math.exp(u);
        return e / (1 + e);
    }

    /**
     * Parses a name: tanh, relu, leakyrelu (or leaky-relu, leaky_relu) or sigmoid.
     *
     * @param name the name, any case
     * @return the activation
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Activation parse(String name) {
        String k = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Activation a : values()) {
            if (a.key.equals(k)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation must be tanh, relu, leakyrelu or sigmoid, not '" + name + "'");
    }
}
