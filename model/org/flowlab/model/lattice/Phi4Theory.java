package org.flowlab.model.lattice;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.flowlab.model.compute.Tensors;

/**
 * Real scalar phi^4 theory on an L x L periodic lattice in the lecture parametrisation
 * (hep-lat/0506002):
 *
 * <pre>
 * S(phi) = sum_x [ (2 + m^2/2) phi_x^2 + (lambda/24) phi_x^4 - sum_mu phi_x phi_{x+mu} ]
 * </pre>
 *
 * <p>At lambda = 0 this is the free field with propagator 1/(p-hat^2 + m^2); the 2021 flow
 * tutorial (arXiv:2101.08176) uses a kinetic term twice ours, so its point (m^2 = -4,
 * lambda = 8) is (m^2 = -4, lambda = 48) here. Fields are {@code phi} of shape
 * {@code [batch, L, L]}; on the Java side one configuration is a row-major {@code double[V]}.
 *
 * @param size the lattice size L
 * @param m2 the bare mass squared m^2
 * @param lambda the quartic coupling lambda (at least 0)
 */
public record Phi4Theory(int size, double m2, double lambda) implements Target, HmcSystem {

    /** Preset: broken (ordered) phase, m^2 = -0.5, lambda = 1.5. */
    public static Phi4Theory broken(int size) {
        return new Phi4Theory(size, -0.5, 1.5);
    }

    /** Preset: symmetric phase, m^2 = -0.5, lambda = 4.5. */
    public static Phi4Theory symmetric(int size) {
        return new Phi4Theory(size, -0.5, 4.5);
    }

    /** Preset: the 2021 tutorial point in our parametrisation, m^2 = -4, lambda = 48. */
    public static Phi4Theory tutorial(int size) {
        return new Phi4Theory(size, -4.0, 48.0);
    }

    /**
     * Validates the parameters.
     *
     * @param size L
     * @param m2 m^2
     * @param lambda lambda
     */
    public Phi4Theory {
        if (size < 2) {
            throw new IllegalArgumentException("L must be at least 2, got " + size);
        }
        if (!Double.isFinite(m2)) {
            throw new IllegalArgumentException("m^2 must be a finite number");
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
        }
        if (lambda == 0 && m2 <= 0) {
            throw new IllegalArgumentException("at lambda = 0 the action is bounded below only for m^2 > 0");
        }
    }

    /** Coefficient of phi^2 in the action: 2 + m^2/2. */
    private double quadratic() {
        return 2.0 + m2 / 2.0;
    }

    @Override
    public String name() {
        return "phi4";
    }

    /**
     * Number of sites V = L^2.
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
        return new Shape(size, size);
    }

    @Override
    public FieldGeometry geometry() {
        return FieldGeometry.LATTICE_FIELD;
    }

    @Override
    public NDArray action(NDArray phi) {
        NDArray phi2 = phi.square();
        // tensor factors, not numbers: see Tensors.constant
        NDArray local = Tensors.scale(phi2, quadratic()).add(Tensors.scale(phi2.square(), lambda / 24.0));
        NDArray hopping = Tensors.forwardNeighbour(phi, 1)
                .add(Tensors.forwardNeighbour(phi, 2))
                .mul(phi);
        return local.sub(hopping).sum(new int[] {1, 2});
    }

    @Override
    public int degreesOfFreedom() {
        return volume();
    }

    @Override
    public double action(double[] phi) {
        int n = size;
        double c2 = quadratic();
        double c4 = lambda / 24.0;
        double s = 0;
        for (int t = 0; t < n; t++) {
            int row = t * n;
            int rowUp = ((t + 1) % n) * n;
            for (int x = 0; x < n; x++) {
                double p = phi[row + x];
                double p2 = p * p;
                double neighbours = phi[rowUp + x] + phi[row + (x + 1 == n ? 0 : x + 1)];
                s += c2 * p2 + c4 * p2 * p2 - p * neighbours;
            }
        }
        return s;
    }

    @Override
    public void gradient(double[] phi, double[] out) {
        int n = size;
        double c2 = 2.0 * quadratic();
        double c4 = lambda / 6.0;
        for (int t = 0; t < n; t++) {
            int row = t * n;
            int rowUp = ((t + 1) % n) * n;
            int rowDown = ((t - 1 + n) % n) * n;
            for (int x = 0; x < n; x++) {
                double p = phi[row + x];
                double neighbours = phi[rowUp + x]
                        + phi[rowDown + x]
                        + phi[row + (x + 1 == n ? 0 : x + 1)]
                        + phi[row + (x == 0 ? n - 1 : x - 1)];
                out[row + x] = c2 * p + c4 * p * p * p - neighbours;
            }
        }
    }

    /**
     * The magnetisation M = (1/V) sum_x phi_x of one configuration.
     *
     * @param phi the configuration
     * @return M
     */
    public static double magnetisation(double[] phi) {
        double s = 0;
        for (double p : phi) {
            s += p;
        }
        return s / phi.length;
    }

    /**
     * The site average of phi^2, (1/V) sum_x phi_x^2.
     *
     * @param phi the configuration
     * @return the average of phi^2
     */
    public static double phiSquared(double[] phi) {
        double s = 0;
        for (double p : phi) {
            s += p * p;
        }
        return s / phi.length;
    }

    /**
     * A one-line description such as {@code phi^4 L=8 m^2=-0.5 lambda=1.5}.
     *
     * @return the description
     */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "phi^4 L=%d m^2=%s lambda=%s", size, fmt(m2), fmt(lambda));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
