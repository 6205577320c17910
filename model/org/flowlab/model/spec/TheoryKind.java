package org.flowlab.model.spec;

import org.flowlab.model.lattice.Target;
import org.flowlab.model.observe.Observable;

import java.util.List;
import java.util.Map;

/** A family of target densities (phi^4, U(1), toys) and how to build one from settings. */
public interface TheoryKind extends Kind {

    /**
     * Builds the target.
     *
     * @param settings checked settings of this kind
     * @return the target
     */
    Target create(Settings settings);

    /**
     * Named parameter sets for the preset menu, in display order.
     *
     * @return preset name to raw values (a subset of the parameters)
     */
    Map<String, Map<String, String>> presets();

    /**
     * The observables measured per configuration, for HMC, reweighting and flow MCMC.
     *
     * @param target a target of this kind
     * @return the observables
     */
    List<Observable> observables(Target target);

    /**
     * Exact expectation values where known, keyed like the observables (e.g. {@code phi2},
     * {@code chi2} of the free field); empty when none are known.
     *
     * @param settings checked settings
     * @return observable name to exact value
     */
    default Map<String, Double> exact(Settings settings) {
        return Map.of();
    }

    /**
     * A one-line description of a target with its parameters.
     *
     * @param settings checked settings
     * @return e.g. {@code phi^4 L=8 m^2=-0.5 lambda=1.5}
     */
    default String describe(Settings settings) {
        return id() + " " + settings;
    }
}
