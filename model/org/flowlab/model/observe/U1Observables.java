package org.flowlab.model.observe;

import java.util.List;
import org.flowlab.model.lattice.U1GaugeTheory;

/**
 * The standard U(1) observables measured per configuration: the mean plaquette
 * (1/V) sum_x cos theta_P(x), the topological charge Q, Q^2 (so chi_t = &lt;Q^2&gt;/V), the
 * action density S/V and the 1 x 2 Wilson loop (exact values: {@link U1Exact}). Names follow
 * {@link ObservableNames}.
 */
public final class U1Observables {

    /** Name of the mean plaquette. */
    public static final String PLAQUETTE = "plaquette";
    /** Name of the topological charge Q. */
    public static final String TOP_CHARGE = "top_charge";
    /** Name of Q^2. */
    public static final String TOP_CHARGE_SQUARED = "top_charge_squared";
    /** Name of the action density S/V. */
    public static final String ACTION_DENSITY = "action_density";
    /** Name of the 1 x 2 Wilson loop (area 2). */
    public static final String WILSON_1X2 = "wilson_1x2";

    private U1Observables() {}

    /**
     * The observables of a theory.
     *
     * @param theory the theory
     * @return plaquette, Q, Q^2, S/V, W(1, 2)
     */
    public static List<Observable> of(U1GaugeTheory theory) {
        double volume = theory.volume();
        return List.of(
                new Observable(PLAQUETTE, theory::plaquette),
                new Observable(TOP_CHARGE, theory::topCharge),
                new Observable(TOP_CHARGE_SQUARED, x -> {
                    double q = theory.topCharge(x);
                    return q * q;
                }),
                new Observable(ACTION_DENSITY, x -> theory.action(x) / volume),
                new Observable(WILSON_1X2, x -> theory.wilsonLoop(x, 1, 2)));
    }
}
