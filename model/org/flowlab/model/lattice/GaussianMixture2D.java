package org.flowlab.model.lattice;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;

/**
 * A normalised mixture of isotropic Gaussians in the plane, the toy target for comparing
 * reverse KL (mode-seeking) with forward KL (mode-covering); see e.g. the two-moons and
 * mixture examples of Papamakarios et al., arXiv:1912.02762, section 2.3.
 *
 * <pre>
 * p(x) = sum_k w_k N(x; mu_k, sigma_k^2 1),   N(x; mu, s^2 1) = exp(-|x - mu|^2 / (2 s^2)) / (2 pi s^2)
 * S(x) = -log p(x) = -logsumexp_k [ log w_k - log(2 pi sigma_k^2) - |x - mu_k|^2 / (2 sigma_k^2) ]
 * </pre>
 *
 * <p>Because p is normalised, log Z = 0 and the reverse KL loss E_q[log q + S] is KL(q||p),
 * which goes to 0 for a perfect flow. Event shape [2]; a Java configuration is {x, y}.
 * Exact moments: E[x] = sum_k w_k mu_k, E[x x^T] = sum_k w_k (mu_k mu_k^T + sigma_k^2 1),
 * E|x|^2 = sum_k w_k (|mu_k|^2 + 2 sigma_k^2).
 */
public final class GaussianMixture2D implements Target, ExactSampler {

    /** The default half-separation of {@link #symmetricPair()}: means at (+-4, 0). */
    public static final double DEFAULT_PAIR_OFFSET = 4.0;

    private final double[][] means;
    private final double[] weights;
    private final double[] widths;
    private final double[] logCoefficients;
    private final double[] cumulative;

    /**
     * Creates a mixture.
     *
     * @param means the component means, each of length 2
     * @param weights positive component weights (normalised here to sum to 1)
     * @param widths positive standard deviations sigma_k
     */
    public GaussianMixture2D(double[][] means, double[] weights, double[] widths) {
        int k = means.length;
        if (k == 0 || weights.length != k || widths.length != k) {
            throw new IllegalArgumentException(
                    "a mixture needs equally many means, weights and widths (at least one), got " + k + ", "
                            + weights.length + ", " + widths.length);
        }
        double total = 0;
        for (int i = 0; i < k; i++) {
            if (means[i].length != 2 || !Double.isFinite(means[i][0]) || !Double.isFinite(means[i][1])) {
                throw new IllegalArgumentException("mixture means must be finite points in the plane");
            }
            if (!(weights[i] > 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("mixture weights must be positive, got " + weights[i]);
            }
            if (!(widths[i] > 0) || !Double.isFinite(widths[i])) {
                throw new IllegalArgumentException("mixture widths must be positive, got " + widths[i]);
            }
            total += weights[i];
        }
        this.means = new double[k][];
        this.weights = new double[k];
        this.widths = widths.clone();
        this.logCoefficients = new double[k];
        this.cumulative = new double[k];
        double running = 0;
        for (int i = 0; i < k; i++) {
            this.means[i] = means[i].clone();
            this.weights[i] = weights[i] / total;
            this.logCoefficients[i] = Math.log(this.weights[i]) - Math.log(2 * Math.PI * widths[i] * widths[i]);
            running += this.weights[i];
            this.cumulative[i] = running;
        }
        cumulative[k - 1] = 1.0;
    }

    /**
     * The three-mode example of the lecture: means (5, 0), (0, 5), (-5, -3), weights
     * softmax(0.5, 0, 0.8), unit widths.
     *
     * @return the mixture
     */
    public static GaussianMixture2D threeModes() {
        double[] logits = {0.5, 0.0, 0.8};
        double[] w = new double[3];
        for (int i = 0; i < 3; i++) {
            w[i] = Math.exp(logits[i]);
        }
        return new GaussianMixture2D(new double[][] {{5, 0}, {0, 5}, {-5, -3}}, w, new double[] {1, 1, 1});
    }

    /**
     * The symmetric pair with means +-mu, equal weights and unit widths.
     *
     * @param muX first coordinate of mu
     * @param muY second coordinate of mu
     * @return the mixture
     */
    public static GaussianMixture2D symmetricPair(double muX, double muY) {
        return new GaussianMixture2D(
                new double[][] {{muX, muY}, {0.0 - muX, 0.0 - muY}}, new double[] {1, 1}, new double[] {1, 1});
    }

    /**
     * The symmetric pair with the default means +-(4, 0): the modes are 8 widths apart, far
     * enough that reverse KL typically collapses onto one of them.
     *
     * @return the mixture
     */
    public static GaussianMixture2D symmetricPair() {
        return symmetricPair(DEFAULT_PAIR_OFFSET, 0);
    }

    @Override
    public String name() {
        return "mixture2d";
    }

    @Override
    public Shape eventShape() {
        return new Shape(2);
    }

    @Override
    public FieldGeometry geometry() {
        return FieldGeometry.PLANE;
    }

    /**
     * Number of components K.
     *
     * @return K
     */
    public int components() {
        return means.length;
    }

    /**
     * The mean of one component.
     *
     * @param k the component
     * @return a copy of mu_k
     */
    public double[] mean(int k) {
        return means[k].clone();
    }

    /**
     * The normalised weight of one component.
     *
     * @param k the component
     * @return w_k
     */
    public double weight(int k) {
        return weights[k];
    }

    /**
     * The width of one component.
     *
     * @param k the component
     * @return sigma_k
     */
    public double width(int k) {
        return widths[k];
    }

    /**
     * One component as a record.
     *
     * @param k the component
     * @return its weight, mean and width
     */
    public Component component(int k) {
        return new Component(weights[k], mean(k), widths[k]);
    }

    /**
     * One component of the mixture.
     *
     * @param weight the normalised weight w_k
     * @param mean the mean mu_k
     * @param sigma the width sigma_k
     */
    public record Component(double weight, double[] mean, double sigma) {}

    @Override
    public NDArray action(NDArray x) {
        NDList terms = new NDList(means.length);
        for (int k = 0; k < means.length; k++) {
            NDArray centre = x.getManager().create(means[k]).toType(x.getDataType(), false);
            NDArray d2 = x.sub(centre).square().sum(new int[] {1});
            // a tensor factor, not a number: see Tensors.constant
            terms.add(Tensors.scale(d2, -0.5 / (widths[k] * widths[k])).add(logCoefficients[k]));
        }
        NDArray stacked = NDArrays.stack(terms, 1);
        return Tensors.logSumExp(stacked, 1).neg();
    }

    @Override
    public double action(double[] x) {
        return -logDensity(x[0], x[1]);
    }

    /**
     * log p at one point (normalised).
     *
     * @param x first coordinate
     * @param y second coordinate
     * @return log p(x, y)
     */
    public double logDensity(double x, double y) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[means.length];
        for (int k = 0; k < means.length; k++) {
            double dx = x - means[k][0];
            double dy = y - means[k][1];
            terms[k] = logCoefficients[k] - (dx * dx + dy * dy) / (2 * widths[k] * widths[k]);
            max = Math.max(max, terms[k]);
        }
        double s = 0;
        for (double t : terms) {
            s += Math.exp(t - max);
        }
        return max + Math.log(s);
    }

    @Override
    public double[] sample(int n, RandomGenerator rng) {
        double[] out = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int k = 0;
            while (u >= cumulative[k] && k < cumulative.length - 1) {
                k++;
            }
            out[2 * i] = means[k][0] + widths[k] * rng.nextGaussian();
            out[2 * i + 1] = means[k][1] + widths[k] * rng.nextGaussian();
        }
        return out;
    }

    /**
     * The exact mean E[x] = sum_k w_k mu_k.
     *
     * @return {E[x], E[y]}
     */
    public double[] exactMean() {
        double[] m = new double[2];
        for (int k = 0; k < means.length; k++) {
            m[0] += weights[k] * means[k][0];
            m[1] += weights[k] * means[k][1];
        }
        return m;
    }

    /**
     * The exact second moments E[x_i x_j] = sum_k w_k (mu_k,i mu_k,j + sigma_k^2 delta_ij).
     *
     * @return the 2 x 2 matrix of second moments
     */
    public double[][] exactSecondMoments() {
        double[][] s = new double[2][2];
        for (int k = 0; k < means.length; k++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    s[i][j] += weights[k] * (means[k][i] * means[k][j] + (i == j ? widths[k] * widths[k] : 0));
                }
            }
        }
        return s;
    }

    /**
     * The exact covariance E[x x^T] - E[x] E[x]^T.
     *
     * @return the 2 x 2 covariance matrix
     */
    public double[][] exactCovariance() {
        double[][] s = exactSecondMoments();
        double[] m = exactMean();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                s[i][j] -= m[i] * m[j];
            }
        }
        return s;
    }

    /**
     * The exact E|x|^2 = sum_k w_k (|mu_k|^2 + 2 sigma_k^2).
     *
     * @return E|x|^2
     */
    public double exactMeanSquaredNorm() {
        double[][] s = exactSecondMoments();
        return s[0][0] + s[1][1];
    }

    /**
     * A one-line description listing the components.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder b = new StringBuilder("Gaussian mixture:");
        for (int k = 0; k < means.length; k++) {
            b.append(String.format(
                    Locale.ROOT, " w=%.4f mu=(%s, %s) sigma=%s;", weights[k], means[k][0], means[k][1], widths[k]));
        }
        return b.substring(0, b.length() - 1);
    }

    @Override
    public String toString() {
        return describe();
    }
}
