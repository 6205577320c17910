package org.flowlab.model.ml;

import java.util.Locale;

/**
 * The functions of the "fit a function" experiment, each on its own interval [a, b]: the
 * course's first notebook fits sinc, the others show a kink (|x|), a jump (a step) and noise
 * around a smooth curve (sin).
 */
public enum TargetFunction {

    /** sinc(x) = sin(x)/x (1 at x = 0) on [−10, 10]. */
    SINC("sinc", "sinc(x) = sin(x)/x", -10, 10, 0),
    /** |x| on [−1, 1]: a kink at 0. */
    ABS("abs", "|x|", -1, 1, 0),
    /** The step 0 for x &lt; 0, 1 for x ≥ 0, on [−1, 1]: a jump no continuous network can make exactly. */
    STEP("step", "step(x) = 0 for x < 0, 1 for x ≥ 0", -1, 1, 0),
    /** sin(x) on [−2π, 2π], meant with noise on the data (its preset adds noise 0.2). */
    SIN("sin", "sin(x)", -2 * Math.PI, 2 * Math.PI, 0.2);

    private final String key;
    private final String formula;
    private final double lower;
    private final double upper;
    private final double presetNoise;

    TargetFunction(String key, String formula, double lower, double upper, double presetNoise) {
        this.key = key;
        this.formula = formula;
        this.lower = lower;
        this.upper = upper;
        this.presetNoise = presetNoise;
    }

    /**
     * The clean function.
     *
     * @param x the argument
     * @return f(x)
     */
    public double value(double x) {
        switch (this) {
            case SINC:
                return x == 0 ? 1 : Math.sin(x) / x;
            case ABS:
                return Math.abs(x);
            case STEP:
                return x < 0 ? 0 : 1;
            default:
                return Math.sin(x);
        }
    }

    /**
     * The name used on the command line and in links.
     *
     * @return sinc, abs, step or sin
     */
    public String key() {
        return key;
    }

    /**
     * The formula in words, for labels.
     *
     * @return such as "sinc(x) = sin(x)/x"
     */
    public String formula() {
        return formula;
    }

    /**
     * Left end a of the interval.
     *
     * @return a
     */
    public double lower() {
        return lower;
    }

    /**
     * Right end b of the interval.
     *
     * @return b
     */
    public double upper() {
        return upper;
    }

    /**
     * The noise the window's preset puts on the data (0 except for sin).
     *
     * @return the standard deviation
     */
    public double presetNoise() {
        return presetNoise;
    }

    /**
     * max f − min f on the interval (on a fine grid): the scale of the outliers' offsets.
     *
     * @return the range of values
     */
    public double range() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= 2000; i++) {
            double v = value(lower + (upper - lower) * i / 2000.0);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    /**
     * Parses a key (sinc, abs, step, sin).
     *
     * @param name the key, any case
     * @return the function
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TargetFunction parse(String name) {
        String k = name.trim().toLowerCase(Locale.ROOT);
        for (TargetFunction f : values()) {
            if (f.key.equals(k)) {
                return f;
            }
        }
        throw new IllegalArgumentException("function must be sinc, abs, step or sin, not '" + name + "'");
    }
}
