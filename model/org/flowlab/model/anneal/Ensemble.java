package org.flowlab.model.anneal;

/**
 * Samples travelling along a chain together with their accumulated log weights:
 * configuration i occupies {@code values[i * size .. (i + 1) * size)}.
 */
final class Ensemble {

    final int size;
    final int count;
    final double[] values;
    final double[] logWeights;

    /**
     * Wraps configurations with zero log weights.
     *
     * @param values the configurations (taken, not copied)
     * @param size variables per configuration
     */
    Ensemble(double[] values, int size) {
        this.size = size;
        this.count = values.length / size;
        this.values = values;
        this.logWeights = new double[count];
    }

    /**
     * Copies configuration i.
     *
     * @param i the index
     * @return its values
     */
    double[] config(int i) {
        double[] x = new double[size];
        System.arraycopy(values, i * size, x, 0, size);
        return x;
    }

    /**
     * Copies configuration i into a buffer.
     *
     * @param i the index
     * @param out the buffer of length size
     */
    void read(int i, double[] out) {
        System.arraycopy(values, i * size, out, 0, size);
    }

    /**
     * Overwrites configuration i.
     *
     * @param i the index
     * @param x the new values
     */
    void write(int i, double[] x) {
        System.arraycopy(x, 0, values, i * size, size);
    }
}
