package org.flowlab.app.chart;

/**
 * Exponential moving average with bias correction (as in Adam), so the first values are not
 * dragged towards zero: s_t = b s_{t-1} + (1 - b) x_t, reported as s_t / (1 - b^t).
 */
public final class Smoother {

    private final double weight;
    private double average;
    private int count;

    /**
     * Creates a smoother.
     *
     * @param weight weight of each new value, in (0, 1]; about 1/weight values are averaged
     */
    public Smoother(double weight) {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("smoothing weight must be in (0, 1], got " + weight);
        }
        this.weight = weight;
    }

    /**
     * Adds a value.
     *
     * @param x the value
     * @return the smoothed value so far
     */
    public double add(double x) {
        count++;
        average = (1 - weight) * average + weight * x;
        return value();
    }

    /**
     * The smoothed value (NaN before the first value).
     *
     * @return the value
     */
    public double value() {
        return count == 0 ? Double.NaN : average / (1 - Math.pow(1 - weight, count));
    }

    /** Forgets every value. */
    public void reset() {
        average = 0;
        count = 0;
    }
}
