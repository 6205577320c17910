package org.flowlab.model.ml;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Two-class data sets in the plane (as in scikit-learn's make_moons / make_circles and the
 * TensorFlow Playground), centred in the box [−{@value #HALF_WIDTH}, {@value #HALF_WIDTH}]²,
 * half the points in each class, Gaussian noise of a given width on both coordinates.
 */
public enum TwoClassData {

    /** Two interleaved half circles. */
    MOONS("moons"),
    /** A ring (class 0, radius 1) around a disc edge (class 1, radius 0.5). */
    CIRCLES("circles"),
    /** Two interleaved spiral arms, r = 1.4 t, angle 3π t (+ π for class 1). */
    SPIRAL("spiral");

    /** Half the side of the square the data and the decision-boundary picture live in. */
    public static final double HALF_WIDTH = 1.9;

    private final String key;

    TwoClassData(String key) {
        this.key = key;
    }

    /**
     * The name used on the command line and in links.
     *
     * @return moons, circles or spiral
     */
    public String key() {
        return key;
    }

    /**
     * Points with labels 0 or 1.
     *
     * @param points the points, each {x, y}
     * @param labels 0 or 1 per point
     */
    public record Sample(double[][] points, double[] labels) {
        /**
         * Number of points.
         *
         * @return n
         */
        public int size() {
            return points.length;
        }
    }

    /**
     * Draws a data set: the first ⌈n/2⌉ points are class 0, the rest class 1.
     *
     * @param n number of points
     * @param noise standard deviation of the Gaussian noise on each coordinate
     * @param rng the random source
     * @return the points and labels
     */
    public Sample generate(int n, double noise, SplittableRandom rng) {
        double[][] points = new double[n][];
        double[] labels = new double[n];
        int zeros = (n + 1) / 2;
        for (int i = 0; i < n; i++) {
            int label = i < zeros ? 0 : 1;
            double u = rng.nextDouble();
            double[] p = point(label, u);
            p[0] += noise * rng.nextGaussian();
            p[1] += noise * rng.nextGaussian();
            points[i] = p;
            labels[i] = label;
        }
        return new Sample(points, labels);
    }

    private double[] point(int label, double u) {
        switch (this) {
            case MOONS: {
                double t = Math.PI * u;
                return label == 0
                        ? new double[] {Math.cos(t) - 0.5, Math.sin(t) - 0.25}
                        : new double[] {0.5 - Math.cos(t), 0.25 - Math.sin(t)};
            }
            case CIRCLES: {
                double angle = 2 * Math.PI * u;
                double r = label == 0 ? 1 : 0.5;
                return new double[] {r * Math.cos(angle), r * Math.sin(angle)};
            }
            default: {
                double t = 0.05 + 0.95 * u;
                double r = 1.4 * t;
                double angle = 3 * Math.PI * t + label * Math.PI;
                return new double[] {r * Math.cos(angle), r * Math.sin(angle)};
            }
        }
    }

    /**
     * Parses moons, circles or spiral.
     *
     * @param name the name, any case
     * @return the data set
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TwoClassData parse(String name) {
        String k = name.trim().toLowerCase(Locale.ROOT);
        for (TwoClassData d : values()) {
            if (d.key.equals(k)) {
                return d;
            }
        }
        throw new IllegalArgumentException("data must be moons, circles or spiral, not '" + name + "'");
    }
}
