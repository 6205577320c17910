package org.flowlab.model.observe;

/**
 * Exact results of the free scalar field (lambda = 0, m^2 > 0) on an L x L periodic lattice in
 * the lecture parametrisation, where the action is (1/2) phi K phi with K = -Laplacian + m^2:
 *
 * <pre>
 * G(x) = (1/V) sum_p e^{i p x} / (p-hat^2 + m^2),   p-hat^2 = sum_mu 4 sin^2(p_mu / 2)
 * </pre>
 *
 * with p_mu = 2 pi n_mu / L. Hence &lt;phi^2&gt; = G(0) and chi_2 = V &lt;M^2&gt; = sum_x G(x) =
 * 1/m^2 (exactly, at any L).
 */
public final class FreeFieldExact {

    private final int size;
    private final double m2;
    private final double[] propagator;

    /**
     * Computes the propagator.
     *
     * @param size L
     * @param m2 m^2 (positive)
     */
    public FreeFieldExact(int size, double m2) {
        if (!(m2 > 0)) {
            throw new IllegalArgumentException("the free field needs m^2 > 0, got " + m2);
        }
        if (size < 2 || size > 4096) {
            throw new IllegalArgumentException("the free field needs 2 <= L <= 4096, got " + size);
        }
        this.size = size;
        this.m2 = m2;
        int volume = size * size;
        double[] sinSq = new double[size];
        for (int n = 0; n < size; n++) {
            double s = Math.sin(Math.PI * n / size);
            sinSq[n] = 4 * s * s;
        }
        // G(t, x) = (1/V) sum_p cos(p0 t) cos(p1 x) / (p-hat^2 + m^2): the sine parts cancel between
        // p and -p, so the sum separates, in O(L^3) with a table of cosines
        double[] cos = new double[size * size];
        for (int n = 0; n < size; n++) {
            for (int t = 0; t < size; t++) {
                cos[n * size + t] = Math.cos(2 * Math.PI * ((long) n * t % size) / size);
            }
        }
        double[] inner = new double[size * size];
        for (int n0 = 0; n0 < size; n0++) {
            for (int x = 0; x < size; x++) {
                double sum = 0;
                for (int n1 = 0; n1 < size; n1++) {
                    sum += cos[n1 * size + x] / (sinSq[n0] + sinSq[n1] + m2);
                }
                inner[n0 * size + x] = sum;
            }
        }
        propagator = new double[volume];
        for (int t = 0; t < size; t++) {
            for (int x = 0; x < size; x++) {
                double sum = 0;
                for (int n0 = 0; n0 < size; n0++) {
                    sum += cos[n0 * size + t] * inner[n0 * size + x];
                }
                propagator[t * size + x] = sum / volume;
            }
        }
    }

    /**
     * The two-point function G(t, x) = &lt;phi(0,0) phi(t,x)&gt;.
     *
     * @param t separation in direction 0
     * @param x separation in direction 1
     * @return G
     */
    public double propagator(int t, int x) {
        return propagator[Math.floorMod(t, size) * size + Math.floorMod(x, size)];
    }

    /**
     * &lt;phi^2&gt; = G(0).
     *
     * @return the expectation of phi_x^2
     */
    public double phiSquared() {
        return propagator[0];
    }

    /**
     * chi_2 = V &lt;M^2&gt; = 1/m^2.
     *
     * @return the susceptibility
     */
    public double chi2() {
        return 1.0 / m2;
    }

    /**
     * &lt;|M|&gt; = sqrt(2 &lt;M^2&gt; / pi), since M is Gaussian with mean 0 and variance
     * 1/(m^2 V).
     *
     * @return the expectation of |M|
     */
    public double absMagnetisation() {
        return Math.sqrt(2.0 / (Math.PI * m2 * size * size));
    }

    /**
     * The logarithm of the partition function Z = int d^V phi e^{-S} (Lebesgue measure), a
     * Gaussian integral over the modes of K = -Laplacian + m^2:
     *
     * <pre>
     * log Z = (V/2) log(2 pi) - (1/2) sum_p log(p-hat^2 + m^2)
     * </pre>
     *
     * @return log Z
     */
    public double logPartition() {
        double s = 0;
        for (int n0 = 0; n0 < size; n0++) {
            double a = Math.sin(Math.PI * n0 / size);
            for (int n1 = 0; n1 < size; n1++) {
                double b = Math.sin(Math.PI * n1 / size);
                s += Math.log(4 * a * a + 4 * b * b + m2);
            }
        }
        return 0.5 * size * size * Math.log(2 * Math.PI) - 0.5 * s;
    }

    /**
     * The zero-momentum two-point function G_0(t) = sum_x G(t, x)
     * = (1/L) sum_{p0} e^{i p0 t} / (p0-hat^2 + m^2).
     *
     * @param t time separation
     * @return sum over x of G(t, x)
     */
    public double zeroMomentum(int t) {
        double s = 0;
        for (int x = 0; x < size; x++) {
            s += propagator(t, x);
        }
        return s;
    }

    /**
     * The logarithm of the partition function. The free action is S = (1/2) phi^T K phi with
     * K = -Laplacian + m^2, whose eigenvalues are p-hat^2 + m^2, so
     *
     * <pre>
     * log Z = log int d^V phi e^{-S} = (V/2) log(2 pi) - (1/2) sum_p log(p-hat^2 + m^2).
     * </pre>
     *
     * The reverse-KL loss of a flow is at least -log Z, and equals it for a perfect flow.
     *
     * @return log Z
     */
    public double logPartitionFunction() {
        int volume = size * size;
        double sum = 0;
        for (int n0 = 0; n0 < size; n0++) {
            double s0 = Math.sin(Math.PI * n0 / size);
            for (int n1 = 0; n1 < size; n1++) {
                double s1 = Math.sin(Math.PI * n1 / size);
                sum += Math.log(4 * s0 * s0 + 4 * s1 * s1 + m2);
            }
        }
        return 0.5 * volume * Math.log(2 * Math.PI) - 0.5 * sum;
    }
}
