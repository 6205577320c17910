package org.flowlab.model.lattice;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.flowlab.model.compute.Tensors;

/**
 * Compact U(1) lattice gauge theory on an L x L torus with the Wilson action (K. G. Wilson,
 * Phys. Rev. D 10 (1974) 2445; the flow setting of Kanwar et al., arXiv:2003.06413):
 *
 * <pre>
 * theta_P(x) = theta_0(x) + theta_1(x + 0-hat) - theta_0(x + 1-hat) - theta_1(x)
 * S(theta)   = -beta sum_x cos theta_P(x)
 * Q          = (1/2pi) sum_x arg e^{i theta_P(x)},   arg in (-pi, pi]
 * </pre>
 *
 * <p>Links theta_mu(x) are angles in [0, 2pi). Batched fields {@code theta} have shape
 * {@code [batch, 2, L, L]} (mu, t, x): direction 0 = t runs along axis 2, direction 1 = x along
 * axis 3. On the Java side one configuration is a {@code double[2 V]} with index
 * {@code mu * V + site}, {@code site = t * L + x} as in {@link Lattice}.
 *
 * <p>The action, the plaquette and Q are invariant under gauge transformations
 * theta_mu(x) to theta_mu(x) + alpha(x) - alpha(x + mu-hat). The link geometry (plaquettes,
 * charge, gauge transformations) lives in {@link U1Links}.
 *
 * @param size the lattice size L (at least 2)
 * @param beta the inverse coupling beta (finite, at least 0)
 */
public record U1GaugeTheory(int size, double beta) implements Target, HmcSystem {

    /**
     * Validates the parameters.
     *
     * @param size L
     * @param beta beta
     */
    public U1GaugeTheory {
        if (size < 2) {
            throw new IllegalArgumentException("L must be at least 2, got " + size);
        }
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be a finite number >= 0, got " + beta);
        }
    }

    @Override
    public String name() {
        return "u1";
    }

    /**
     * Number of sites (and plaquettes) V = L^2.
     *
     * @return V
     */
    public int volume() {
        return size * size;
    }

    /**
     * The lattice geometry.
     *
     * @return a new lattice of size L
     */
    public Lattice lattice() {
        return new Lattice(size);
    }

    @Override
    public Shape eventShape() {
        return new Shape(Lattice.DIMENSIONS, size, size);
    }

    @Override
    public FieldGeometry geometry() {
        return FieldGeometry.U1_LINKS;
    }

    @Override
    public NDArray action(NDArray theta) {
        // a tensor factor, not a number: see Tensors.constant
        return Tensors.scale(U1Links.plaquetteAngles(theta).cos().sum(new int[] {1, 2}), -beta);
    }

    @Override
    public int degreesOfFreedom() {
        return Lattice.DIMENSIONS * volume();
    }

    /**
     * All plaquette angles of a configuration, unwrapped ({@link U1Links#plaquetteAngles(double[], int)}).
     *
     * @param theta the links
     * @return theta_P(x) for every site
     */
    public double[] plaquetteAngles(double[] theta) {
        return U1Links.plaquetteAngles(theta, size);
    }

    @Override
    public double action(double[] theta) {
        double s = 0;
        for (double p : plaquetteAngles(theta)) {
            s += Math.cos(p);
        }
        return -beta * s;
    }

    /**
     * The Wilson force dS/dtheta_mu(x):
     * dS/dtheta_0(x) = beta [sin theta_P(x) - sin theta_P(x - 1-hat)],
     * dS/dtheta_1(x) = beta [sin theta_P(x - 0-hat) - sin theta_P(x)].
     *
     * @param theta the links
     * @param out the gradient (length 2 V)
     */
    @Override
    public void gradient(double[] theta, double[] out) {
        double[] angles = plaquetteAngles(theta);
        int v = volume();
        int n = size;
        double[] sin = new double[v];
        for (int i = 0; i < v; i++) {
            sin[i] = beta * Math.sin(angles[i]);
        }
        for (int t = 0; t < n; t++) {
            int row = t * n;
            int rowDown = ((t - 1 + n) % n) * n;
            for (int x = 0; x < n; x++) {
                int xDown = x == 0 ? n - 1 : x - 1;
                out[row + x] = sin[row + x] - sin[row + xDown];
                out[v + row + x] = sin[rowDown + x] - sin[row + x];
            }
        }
    }

    /** Wraps every link into [0, 2 pi). */
    @Override
    public void canonicalise(double[] theta) {
        for (int i = 0; i < theta.length; i++) {
            theta[i] = Angles.wrap(theta[i]);
        }
    }

    /**
     * The mean plaquette (1/V) sum_x cos theta_P(x) of one configuration.
     *
     * @param theta the links
     * @return the mean plaquette
     */
    public double plaquette(double[] theta) {
        double s = 0;
        for (double p : plaquetteAngles(theta)) {
            s += Math.cos(p);
        }
        return s / volume();
    }

    /**
     * The topological charge Q = (1/2pi) sum_x arg e^{i theta_P(x)} of one configuration,
     * computed as the exact integer -sum_x n_P with arg e^{i theta_P} = theta_P - 2 pi n_P.
     *
     * @param theta the links
     * @return Q
     */
    public int topCharge(double[] theta) {
        return U1Links.topCharge(theta, size);
    }

    /**
     * The Wilson loop cos(sum of links around an R x T rectangle), averaged over all positions,
     * with extent R in direction 1 (x) and T in direction 0 (t), oriented like the plaquette
     * (so that W(1, 1) is the mean plaquette).
     *
     * @param theta the links
     * @param r extent in direction 1 (1 .. L)
     * @param t extent in direction 0 (1 .. L)
     * @return the position-averaged Wilson loop
     */
    public double wilsonLoop(double[] theta, int r, int t) {
        checkLength(theta);
        if (r < 1 || r > size || t < 1 || t > size) {
            throw new IllegalArgumentException(
                    "Wilson loop extents must lie in 1.." + size + ", got R=" + r + " T=" + t);
        }
        Lattice lattice = lattice();
        int v = volume();
        double s = 0;
        for (int t0 = 0; t0 < size; t0++) {
            for (int x0 = 0; x0 < size; x0++) {
                double phase = 0;
                for (int k = 0; k < t; k++) {
                    phase += theta[lattice.site(t0 + k, x0)];
                    phase -= theta[lattice.site(t0 + k, x0 + r)];
                }
                for (int j = 0; j < r; j++) {
                    phase += theta[v + lattice.site(t0 + t, x0 + j)];
                    phase -= theta[v + lattice.site(t0, x0 + j)];
                }
                s += Math.cos(phase);
            }
        }
        return s / v;
    }

    /**
     * Applies a gauge transformation: theta_mu(x) to theta_mu(x) + alpha(x) - alpha(x + mu-hat),
     * wrapped into [0, 2 pi).
     *
     * @param theta the links (not changed)
     * @param alpha one angle per site
     * @return the transformed links
     */
    public double[] gaugeTransform(double[] theta, double[] alpha) {
        return U1Links.gaugeTransform(theta, alpha, size);
    }

    /**
     * A configuration drawn from the Haar measure (every link uniform in [0, 2 pi)), the
     * "hot start" and the flow prior.
     *
     * @param rng the random source
     * @return the links
     */
    public double[] haarRandom(RandomGenerator rng) {
        double[] theta = new double[degreesOfFreedom()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = Angles.TWO_PI * rng.nextDouble();
        }
        return theta;
    }

    /** A Haar-random configuration ({@link #haarRandom}). */
    @Override
    public double[] randomStart(RandomGenerator rng) {
        return haarRandom(rng);
    }

    /**
     * A configuration with topological charge q and constant field strength: every plaquette
     * angle equals 2 pi q / V modulo 2 pi (theta_0(t, x) = -2 pi q x / V and, on the last column,
     * theta_1(t, L - 1) = 2 pi q t / L). Useful to test Q and to start chains in a given sector.
     *
     * @param q the charge, |q| &lt; V/2
     * @return the links
     */
    public double[] constantFieldStrength(int q) {
        int v = volume();
        if (2 * Math.abs((long) q) >= v) {
            throw new IllegalArgumentException("|q| must be below V/2 = " + v / 2.0 + ", got " + q);
        }
        double[] theta = new double[degreesOfFreedom()];
        for (int t = 0; t < size; t++) {
            for (int x = 0; x < size; x++) {
                theta[t * size + x] = Angles.wrap(-Angles.TWO_PI * q * x / v);
            }
            theta[v + t * size + size - 1] = Angles.wrap(Angles.TWO_PI * q * t / size);
        }
        return theta;
    }

    /**
     * A one-line description such as {@code U(1) L=8 beta=2}.
     *
     * @return the description
     */
    public String describe() {
        return String.format(Locale.ROOT, "U(1) L=%d beta=%s", size, fmt(beta));
    }

    private void checkLength(double[] theta) {
        if (theta.length != degreesOfFreedom()) {
            throw new IllegalArgumentException(
                    "a U(1) configuration on L=" + size + " has " + degreesOfFreedom() + " links, got " + theta.length);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
