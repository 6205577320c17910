package org.flowlab.model.ml;

import java.util.SplittableRandom;

/**
 * A regression data set: inputs xᵢ uniform on the function's interval, targets
 * yᵢ = f(xᵢ) + noise·εᵢ with εᵢ standard normal, and a given fraction of outliers, points
 * whose target is pushed <em>up</em> by 1 to 2 times the function's range. One-sided outliers
 * move the mean of y (what MSE fits) but not its median (what MAE fits) as long as they are
 * fewer than half.
 *
 * @param x the inputs
 * @param y the targets
 * @param outlier whether each point is an outlier
 */
public record RegressionData(double[] x, double[] y, boolean[] outlier) {

    /**
     * Draws a data set.
     *
     * @param function the clean function f
     * @param n number of points
     * @param noise standard deviation of the Gaussian noise on y
     * @param outlierFraction fraction of points made outliers (rounded to a whole number)
     * @param rng the random source (consumed in a fixed order)
     * @return the data
     */
    public static RegressionData generate(
            TargetFunction function, int n, double noise, double outlierFraction, SplittableRandom rng) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = function.lower() + (function.upper() - function.lower()) * rng.nextDouble();
            y[i] = function.value(x[i]) + noise * rng.nextGaussian();
        }
        boolean[] outlier = new boolean[n];
        int count = (int) Math.round(outlierFraction * n);
        int[] order = permutation(n, rng);
        double range = function.range();
        for (int k = 0; k < count; k++) {
            int i = order[k];
            outlier[i] = true;
            y[i] += range * (1 + rng.nextDouble());
        }
        return new RegressionData(x, y, outlier);
    }

    /**
     * A uniformly random permutation of 0 … n−1 (Fisher–Yates).
     *
     * @param n the length
     * @param rng the random source
     * @return the permutation
     */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Number of points.
     *
     * @return n
     */
    public int size() {
        return x.length;
    }
}
