package org.flowlab.app.chart;

/** Binning of weighted samples into normalised densities. */
public final class Histograms {

    private Histograms() {}

    /**
     * The weighted histogram of values over [lo, hi], normalised so that the density integrates
     * to one over the range; null if no value falls inside.
     *
     * @param values the samples
     * @param weights non-negative weights, or null for equal weights
     * @param lo lower edge
     * @param hi upper edge
     * @param bins number of bins (at least 1)
     * @return the density per bin, or null
     */
    public static double[] density(double[] values, double[] weights, double lo, double hi, int bins) {
        double[] h = new double[bins];
        double width = (hi - lo) / bins;
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= lo && v <= hi)) {
                continue;
            }
            int b = Math.min(bins - 1, (int) ((v - lo) / width));
            double w = weights == null ? 1 : weights[i];
            h[b] += w;
            total += w;
        }
        if (!(total > 0)) {
            return null;
        }
        for (int b = 0; b < bins; b++) {
            h[b] /= total * width;
        }
        return h;
    }
}
