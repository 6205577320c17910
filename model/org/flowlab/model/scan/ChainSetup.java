package org.flowlab.model.scan;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;

/**
 * A lattice theory set up for HMC from the catalogue: its checked settings, the system, the
 * observables measured along the chain and their exact values where known.
 *
 * @param kind the theory kind
 * @param settings its checked settings
 * @param system the HMC system
 * @param observables the observables
 * @param exact exact expectation values by observable name (may be empty)
 */
public record ChainSetup(
        TheoryKind kind, Settings settings, HmcSystem system, List<Observable> observables, Map<String, Double> exact) {

    /**
     * Sets up a theory whose target HMC can evolve (phi4, u1).
     *
     * @param theory the theory id
     * @param values raw parameter values (missing ones take defaults)
     * @return the setup
     * @throws IllegalArgumentException with a one-line message for an unknown theory, a bad
     *     value, or a theory HMC cannot sample
     */
    public static ChainSetup of(String theory, Map<String, String> values) {
        TheoryKind kind = Catalog.theory(theory);
        Settings settings = kind.settings(values);
        Target target = kind.create(settings);
        if (!(target instanceof HmcSystem system)) {
            throw new IllegalArgumentException("HMC cannot sample theory " + kind.id() + "; choose phi4 or u1");
        }
        return new ChainSetup(
                kind, settings, system, List.copyOf(kind.observables(target)), Map.copyOf(kind.exact(settings)));
    }

    /**
     * A start configuration: for U(1) Haar-random links, for phi^4 small Gaussian values.
     *
     * @param seed the seed
     * @return the configuration
     */
    public double[] start(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        if (system instanceof U1GaugeTheory u1) {
            return u1.haarRandom(rng);
        }
        double[] x = new double[system.degreesOfFreedom()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.5 * rng.nextGaussian();
        }
        return x;
    }

    /**
     * One line describing the theory.
     *
     * @return e.g. {@code U(1) L=8 beta=4}
     */
    public String describe() {
        return kind.describe(settings);
    }
}
