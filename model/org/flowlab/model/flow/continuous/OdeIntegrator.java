package org.flowlab.model.flow.continuous;

import java.util.Locale;

/**
 * Explicit Runge-Kutta schemes for dx/dt = v(x, t), given by their Butcher tableaux:
 *
 * <pre>
 * k_i = v(x + h sum_{j&lt;i} a_ij k_j, t + c_i h),     x(t + h) = x + h sum_i b_i k_i
 * </pre>
 *
 * The log-determinant integral of a continuous flow and the parameter-gradient integral of the
 * adjoint method use the same stages with the same weights b_i.
 */
public enum OdeIntegrator {

    /** Forward Euler: one stage, global error O(h). */
    EULER(new double[] {0}, new double[][] {{}}, new double[] {1}),

    /** The classical fourth-order Runge-Kutta scheme: four stages, global error O(h^4). */
    RK4(new double[] {0, 0.5, 0.5, 1}, new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}}, new double[] {
        1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6
    });

    private final double[] nodes;
    private final double[][] coupling;
    private final double[] weights;

    OdeIntegrator(double[] nodes, double[][] coupling, double[] weights) {
        this.nodes = nodes;
        this.coupling = coupling;
        this.weights = weights;
    }

    /**
     * The number of stages (velocity evaluations per step).
     *
     * @return 1 for Euler, 4 for RK4
     */
    public int stages() {
        return weights.length;
    }

    /**
     * The time node c_i of a stage.
     *
     * @param stage the stage index
     * @return c_i
     */
    public double node(int stage) {
        return nodes[stage];
    }

    /**
     * The coefficient a_ij of stage j in the input of stage i (j &lt; i).
     *
     * @param stage i
     * @param earlier j
     * @return a_ij
     */
    public double coupling(int stage, int earlier) {
        return coupling[stage][earlier];
    }

    /**
     * The quadrature weight b_i of a stage.
     *
     * @param stage the stage index
     * @return b_i (non-zero for both schemes)
     */
    public double weight(int stage) {
        return weights[stage];
    }

    /**
     * Parses {@code euler} or {@code rk4}.
     *
     * @param text the name, any case
     * @return the scheme
     * @throws IllegalArgumentException naming the choices
     */
    public static OdeIntegrator parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "euler":
                return EULER;
            case "rk4":
                return RK4;
            default:
                throw new IllegalArgumentException("integrator must be euler or rk4, not '" + text + "'");
        }
    }
}
