package org.flowlab.model.lattice;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import org.flowlab.model.compute.Tensors;

import java.util.Locale;
import java.util.random.RandomGenerator;

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
 * theta_mu(x) to theta_mu(x) + alpha(x) - alpha(x + mu-hat). Q is an integer on every
 * configuration because sum_x theta_P(x) = 0 (each link enters two plaquettes with opposite
 * signs): writing arg e^{i theta_P} = theta_P - 2 pi n_P gives Q = -sum_x n_P.
 *
 * @param size the lattice size L (at least 2)
 * @param beta the inverse coupling beta (finite, at least 0)
 */
public record U1GaugeTheory(int size, double beta) implements Target, HmcSystem {

    private static final double TWO_PI = 2 * Math.PI;

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
    public boolean periodic() {
        return true;
    }

    // ---------------------------------------------------------------- batched (NDArray) side

    /**
     * The plaquette angles theta_P(x) (not wrapped) of a batch; differentiable.
     *
     * @param theta links of shape [batch, 2, L, L]
     * @return theta_P of shape [batch, L, L]
     */
    public static NDArray plaquetteAngles(NDArray theta) {
        NDArray theta0 = theta.get(new NDIndex().addAllDim().addIndices(0));
        NDArray theta1 = theta.get(new NDIndex().addAllDim().addIndices(1));
        // on [batch, L, L]: direction 0 (t) is axis 1, direction 1 (x) is axis 2
        return theta0.add(Tensors.forwardNeighbour(theta1, 1))
                .sub(Tensors.forwardNeighbour(theta0, 2))
                .sub(theta1);
    }

    @Override
    public NDArray action(NDArray theta) {
        // a tensor factor, not a number: see Tensors.constant
        return Tensors.scale(plaquetteAngles(theta).cos().sum(new int[] {1, 2}), -beta);
    }

    /**
     * The topological charge of each configuration of a batch, rounded to the nearest integer
     * (the unrounded sum is an integer up to rounding errors); not differentiable.
     *
     * @param theta links of shape [batch, 2, L, L]
     * @return Q of shape [batch]
     */
    public static NDArray topCharge(NDArray theta) {
        NDArray angles = plaquetteAngles(theta);
        NDArray wrapped = angles.sin().atan2(angles.cos());
        return wrapped.sum(new int[] {1, 2}).div(TWO_PI).round();
    }

    /**
     * Applies a gauge transformation to a batch:
     * theta_mu(x) to theta_mu(x) + alpha(x) - alpha(x + mu-hat), without wrapping.
     *
     * @param theta links of shape [batch, 2, L, L]
     * @param alpha site angles of shape [batch, L, L]
     * @return the transformed links, shape [batch, 2, L, L]
     */
    public static NDArray gaugeTransform(NDArray theta, NDArray alpha) {
        NDArray theta0 = theta.get(new NDIndex().addAllDim().addIndices(0));
        NDArray theta1 = theta.get(new NDIndex().addAllDim().addIndices(1));
        NDArray new0 = theta0.add(alpha).sub(Tensors.forwardNeighbour(alpha, 1));
        NDArray new1 = theta1.add(alpha).sub(Tensors.forwardNeighbour(alpha, 2));
        return new0.stack(new1, 1);
    }

    // ---------------------------------------------------------------- Java (double[]) side

    @Override
    public int degreesOfFreedom() {
        return Lattice.DIMENSIONS * volume();
    }

    /**
     * The plaquette angle theta_P at one site, unwrapped.
     *
     * @param lattice the geometry (of size L)
     * @param theta the links
     * @param site the site x
     * @return theta_0(x) + theta_1(x + 0-hat) - theta_0(x + 1-hat) - theta_1(x)
     */
    public static double plaquetteAngle(Lattice lattice, double[] theta, int site) {
        int v = lattice.volume();
        return theta[site] + theta[v + lattice.up(0, site)] - theta[lattice.up(1, site)] - theta[v + site];
    }

    /**
     * All plaquette angles of a configuration, unwrapped.
     *
     * @param theta the links
     * @return theta_P(x) for every site
     */
    public double[] plaquetteAngles(double[] theta) {
        checkLength(theta);
        int v = volume();
        int n = size;
        double[] out = new double[v];
        for (int t = 0; t < n; t++) {
            int row = t * n;
            int rowUp = ((t + 1) % n) * n;
            for (int x = 0; x < n; x++) {
                int xUp = x + 1 == n ? 0 : x + 1;
                out[row + x] = theta[row + x] + theta[v + rowUp + x] - theta[row + xUp] - theta[v + row + x];
            }
        }
        return out;
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
            theta[i] = wrapToTwoPi(theta[i]);
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
        int q = 0;
        for (double p : plaquetteAngles(theta)) {
            q -= winding(p);
        }
        return q;
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
        checkLength(theta);
        int v = volume();
        if (alpha.length != v) {
            throw new IllegalArgumentException("a gauge transformation needs " + v + " site angles, got " + alpha.length);
        }
        Lattice lattice = lattice();
        double[] out = new double[theta.length];
        for (int mu = 0; mu < Lattice.DIMENSIONS; mu++) {
            for (int site = 0; site < v; site++) {
                out[mu * v + site] = wrapToTwoPi(theta[mu * v + site] + alpha[site] - alpha[lattice.up(mu, site)]);
            }
        }
        return out;
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
            theta[i] = TWO_PI * rng.nextDouble();
        }
        return theta;
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
                theta[t * size + x] = wrapToTwoPi(-TWO_PI * q * x / v);
            }
            theta[v + t * size + size - 1] = wrapToTwoPi(TWO_PI * q * t / size);
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

    /**
     * An angle wrapped into [0, 2 pi).
     *
     * @param angle any finite angle
     * @return the equivalent angle in [0, 2 pi)
     */
    public static double wrapToTwoPi(double angle) {
        double w = angle - TWO_PI * Math.floor(angle / TWO_PI);
        return w >= TWO_PI ? 0 : w;
    }

    /**
     * The integer n with angle - 2 pi n in (-pi, pi].
     *
     * @param angle any finite angle
     * @return n
     */
    public static int winding(double angle) {
        return (int) Math.ceil((angle - Math.PI) / TWO_PI);
    }

    /**
     * arg e^{i angle} in (-pi, pi].
     *
     * @param angle any finite angle
     * @return the principal value
     */
    public static double principalAngle(double angle) {
        return angle - TWO_PI * winding(angle);
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
