package org.flowlab.model.lattice;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.flowlab.model.compute.Tensors;

/**
 * The geometry of U(1) link angles on an L x L torus, shared by the theory, its flows and its
 * observables:
 *
 * <pre>
 * θ_P(x) = θ_0(x) + θ_1(x + 0̂) − θ_0(x + 1̂) − θ_1(x)          plaquette angle
 * Q      = (1/2π) Σ_x arg e^{iθ_P(x)},   arg in (−π, π]           topological charge
 * θ_μ(x) → θ_μ(x) + α(x) − α(x + μ̂)                              gauge transformation
 * </pre>
 *
 * <p>Batched links have shape {@code [batch, 2, L, L]} (μ, t, x): direction 0 = t runs along
 * axis 2, direction 1 = x along axis 3. One configuration on the Java side is a
 * {@code double[2 V]} with index {@code μ V + site}, {@code site = t L + x} as in
 * {@link Lattice}. Q is an integer on every configuration because Σ_x θ_P(x) = 0 (each link
 * enters two plaquettes with opposite signs): with arg e^{iθ_P} = θ_P − 2π n_P, Q = −Σ_x n_P.
 */
public final class U1Links {

    private U1Links() {}

    /**
     * The plaquette angles θ_P(x) (not wrapped) of a batch; differentiable.
     *
     * @param theta links of shape [batch, 2, L, L]
     * @return θ_P of shape [batch, L, L]
     */
    public static NDArray plaquetteAngles(NDArray theta) {
        NDArray theta0 = theta.get(new NDIndex().addAllDim().addIndices(0));
        NDArray theta1 = theta.get(new NDIndex().addAllDim().addIndices(1));
        // on [batch, L, L]: direction 0 (t) is axis 1, direction 1 (x) is axis 2
        return theta0.add(Tensors.forwardNeighbour(theta1, 1))
                .sub(Tensors.forwardNeighbour(theta0, 2))
                .sub(theta1);
    }

    /**
     * The plaquette angles of one configuration, unwrapped.
     *
     * @param theta the links, length 2 L²
     * @param size L
     * @return θ_P(x) for every site
     */
    public static double[] plaquetteAngles(double[] theta, int size) {
        int v = size * size;
        if (theta.length != Lattice.DIMENSIONS * v) {
            throw new IllegalArgumentException("a U(1) configuration on L=" + size + " has " + Lattice.DIMENSIONS * v
                    + " links, got " + theta.length);
        }
        double[] out = new double[v];
        for (int t = 0; t < size; t++) {
            int row = t * size;
            int rowUp = ((t + 1) % size) * size;
            for (int x = 0; x < size; x++) {
                int xUp = x + 1 == size ? 0 : x + 1;
                out[row + x] = theta[row + x] + theta[v + rowUp + x] - theta[row + xUp] - theta[v + row + x];
            }
        }
        return out;
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
        NDArray principal = angles.sin().atan2(angles.cos());
        return principal.sum(new int[] {1, 2}).div(Angles.TWO_PI).round();
    }

    /**
     * The topological charge of one configuration, the exact integer −Σ_x n_P.
     *
     * @param theta the links
     * @param size L
     * @return Q
     */
    public static int topCharge(double[] theta, int size) {
        int q = 0;
        for (double p : plaquetteAngles(theta, size)) {
            q -= Angles.winding(p);
        }
        return q;
    }

    /**
     * Applies a gauge transformation to a batch, without wrapping.
     *
     * @param theta links of shape [batch, 2, L, L]
     * @param alpha site angles of shape [batch, L, L]
     * @return θ_μ(x) + α(x) − α(x + μ̂), shape [batch, 2, L, L]
     */
    public static NDArray gaugeTransform(NDArray theta, NDArray alpha) {
        NDArray theta0 = theta.get(new NDIndex().addAllDim().addIndices(0));
        NDArray theta1 = theta.get(new NDIndex().addAllDim().addIndices(1));
        NDArray new0 = theta0.add(alpha).sub(Tensors.forwardNeighbour(alpha, 1));
        NDArray new1 = theta1.add(alpha).sub(Tensors.forwardNeighbour(alpha, 2));
        return new0.stack(new1, 1);
    }

    /**
     * Applies a gauge transformation to one configuration, wrapped into [0, 2π).
     *
     * @param theta the links (not changed), length 2 L²
     * @param alpha one angle per site
     * @param size L
     * @return θ_μ(x) + α(x) − α(x + μ̂) for every link
     */
    public static double[] gaugeTransform(double[] theta, double[] alpha, int size) {
        Lattice lattice = new Lattice(size);
        int v = lattice.volume();
        if (theta.length != Lattice.DIMENSIONS * v) {
            throw new IllegalArgumentException("a U(1) configuration on L=" + size + " has " + Lattice.DIMENSIONS * v
                    + " links, got " + theta.length);
        }
        if (alpha.length != v) {
            throw new IllegalArgumentException(
                    "a gauge transformation needs " + v + " site angles, got " + alpha.length);
        }
        double[] out = new double[theta.length];
        for (int mu = 0; mu < Lattice.DIMENSIONS; mu++) {
            for (int site = 0; site < v; site++) {
                out[mu * v + site] = Angles.wrap(theta[mu * v + site] + alpha[site] - alpha[lattice.up(mu, site)]);
            }
        }
        return out;
    }
}
