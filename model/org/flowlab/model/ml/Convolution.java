package org.flowlab.model.ml;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One 3×3 convolution filter on an L×L periodic lattice (circular padding), as in a CNN layer
 * with one input and one output channel:
 *
 * <pre>
 *   out(t, x) = b + Σ_{a, c ∈ {−1, 0, 1}} K(a, c) φ(t + a mod L, x + c mod L).
 * </pre>
 *
 * The same ten numbers act at every site, so the layer is <em>translation equivariant</em>
 * (shift the input and the output shifts with it: conv(T φ) = T conv(φ)) and its parameter
 * count does not grow with L, while a dense layer from L² inputs to L² outputs has
 * L²·L² + L² parameters. Fields are row-major arrays of length L², index t·L + x.
 */
public final class Convolution {

    /** Filters to try. */
    public enum Filter {
        /** The lattice Laplacian (the hopping term of the φ⁴ action): neighbours minus 4 × the site. */
        LAPLACIAN("laplacian"),
        /** A Sobel edge filter: the difference right minus left, smoothed vertically. */
        EDGE("edge"),
        /** The average over the 3×3 neighbourhood. */
        BLUR("blur"),
        /** Weights uniform in ±1/3, as an untrained layer starts (depends on the seed). */
        RANDOM("random");

        private final String key;

        Filter(String key) {
            this.key = key;
        }

        /**
         * The name used in links.
         *
         * @return such as laplacian
         */
        public String key() {
            return key;
        }

        /**
         * The nine weights K(a, c), row-major from a = −1 (the row above) to a = +1.
         *
         * @param seed used by {@link #RANDOM} only
         * @return the weights
         */
        public double[] weights(long seed) {
            switch (this) {
                case LAPLACIAN:
                    return new double[] {0, 1, 0, 1, -4, 1, 0, 1, 0};
                case EDGE:
                    return new double[] {-1, 0, 1, -2, 0, 2, -1, 0, 1};
                case BLUR: {
                    double[] k = new double[9];
                    java.util.Arrays.fill(k, 1 / 9.0);
                    return k;
                }
                default: {
                    SplittableRandom rng = new SplittableRandom(seed);
                    double[] k = new double[9];
                    for (int i = 0; i < 9; i++) {
                        k[i] = (2 * rng.nextDouble() - 1) / 3;
                    }
                    return k;
                }
            }
        }

        /**
         * Parses a filter name.
         *
         * @param name laplacian, edge, blur or random
         * @return the filter
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Filter parse(String name) {
            String k = name.trim().toLowerCase(Locale.ROOT);
            for (Filter f : values()) {
                if (f.key.equals(k)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("filter must be laplacian, edge, blur or random, not '" + name + "'");
        }
    }

    private Convolution() {}

    /**
     * Applies a 3×3 filter with circular padding.
     *
     * @param field the input, length L²
     * @param size L
     * @param kernel the nine weights, row-major
     * @param bias b
     * @return the output, length L²
     */
    public static double[] apply(double[] field, int size, double[] kernel, double bias) {
        if (field.length != size * size || kernel.length != 9) {
            throw new IllegalArgumentException("need an L×L field and nine weights");
        }
        double[] out = new double[field.length];
        for (int t = 0; t < size; t++) {
            for (int x = 0; x < size; x++) {
                double s = bias;
                for (int a = -1; a <= 1; a++) {
                    int row = Math.floorMod(t + a, size) * size;
                    for (int c = -1; c <= 1; c++) {
                        s += kernel[(a + 1) * 3 + (c + 1)] * field[row + Math.floorMod(x + c, size)];
                    }
                }
                out[t * size + x] = s;
            }
        }
        return out;
    }

    /**
     * Translates a periodic field: (T φ)(t, x) = φ(t − dt mod L, x − dx mod L), so the content
     * moves dx sites right and dt sites down.
     *
     * @param field the field, length L²
     * @param size L
     * @param dx shift along x
     * @param dt shift along t
     * @return the shifted copy
     */
    public static double[] shift(double[] field, int size, int dx, int dt) {
        double[] out = new double[field.length];
        for (int t = 0; t < size; t++) {
            for (int x = 0; x < size; x++) {
                out[t * size + x] = field[Math.floorMod(t - dt, size) * size + Math.floorMod(x - dx, size)];
            }
        }
        return out;
    }

    /**
     * Parameters of a convolution layer: k²·c_in·c_out weights and c_out biases.
     *
     * @param kernel the kernel side k
     * @param channelsIn c_in
     * @param channelsOut c_out
     * @return the count
     */
    public static long convParameterCount(int kernel, int channelsIn, int channelsOut) {
        return (long) kernel * kernel * channelsIn * channelsOut + channelsOut;
    }

    /**
     * Parameters of a dense (fully connected) layer: inputs·outputs weights and outputs biases.
     *
     * @param inputs number of inputs
     * @param outputs number of outputs
     * @return the count
     */
    public static long denseParameterCount(long inputs, long outputs) {
        return inputs * outputs + outputs;
    }
}
