package org.flowlab.model.observe;

import java.util.List;
import org.flowlab.model.lattice.Phi4Theory;

/**
 * The standard phi^4 observables measured per configuration: M = (1/V) sum phi, |M|, M^2
 * (and V M^2, whose mean is chi_2), the site average of phi^2 and the action density S/V.
 * Names follow {@link ObservableNames}.
 */
public final class Phi4Observables {

    /** Name of the magnetisation M. */
    public static final String M = "magnetisation";
    /** Name of |M|. */
    public static final String ABS_M = "abs_magnetisation";
    /** Name of M^2. */
    public static final String M2 = "magnetisation_squared";
    /** Name of V M^2, whose mean is chi_2. */
    public static final String CHI2 = "chi2";
    /** Name of the site average of phi^2. */
    public static final String PHI2 = "phi2";
    /** Name of the action density S/V. */
    public static final String ACTION_DENSITY = "action_density";

    private Phi4Observables() {}

    /**
     * The observables of a theory.
     *
     * @param theory the theory (for the action density)
     * @return M, |M|, M^2, phi^2, S/V
     */
    public static List<Observable> of(Phi4Theory theory) {
        double volume = theory.volume();
        return List.of(
                new Observable(M, Phi4Theory::magnetisation),
                new Observable(ABS_M, x -> Math.abs(Phi4Theory.magnetisation(x))),
                new Observable(M2, x -> square(Phi4Theory.magnetisation(x))),
                new Observable(CHI2, x -> volume * square(Phi4Theory.magnetisation(x))),
                new Observable(PHI2, Phi4Theory::phiSquared),
                new Observable(ACTION_DENSITY, x -> theory.action(x) / volume));
    }

    private static double square(double v) {
        return v * v;
    }
}
