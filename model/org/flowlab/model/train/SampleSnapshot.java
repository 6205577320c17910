package org.flowlab.model.train;

/**
 * Model samples copied to the host for pictures and histograms, with their log weights.
 *
 * @param step the training step they were drawn at
 * @param eventShape shape of one configuration, such as {L, L}
 * @param samples configurations one after another, row-major; count = samples.length / size
 * @param logWeights log w = -S - log q of each configuration
 */
public record SampleSnapshot(int step, int[] eventShape, double[] samples, double[] logWeights) {

    /**
     * Number of scalars per configuration.
     *
     * @return the product of the event shape
     */
    public int configurationSize() {
        int n = 1;
        for (int d : eventShape) {
            n *= d;
        }
        return n;
    }

    /**
     * Number of configurations held.
     *
     * @return the count
     */
    public int count() {
        return samples.length / configurationSize();
    }

    /**
     * Copies out one configuration.
     *
     * @param i its index
     * @return the configuration
     */
    public double[] configuration(int i) {
        int n = configurationSize();
        double[] c = new double[n];
        System.arraycopy(samples, i * n, c, 0, n);
        return c;
    }
}
