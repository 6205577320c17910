package org.flowlab.model.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowlab.model.lattice.FieldGeometry;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.observe.Observable;

/**
 * A family of target densities (phi^4, U(1), toys) and how to build one from settings.
 *
 * <p>A new theory is one class implementing this interface plus one registration line (see
 * {@link Catalog}). Everything else follows from it: the command line options and the form's
 * fields come from {@link #params()}, the flows that fit from the target's
 * {@link Target#geometry()}, {@code hmc} from {@link #hmc} (available whenever the target is an
 * {@link HmcSystem}) and {@code exact} from {@link #exact} and {@link #exactTable}.
 */
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
     * The observables measured per configuration, for HMC, reweighting and flow MCMC, named
     * after {@link org.flowlab.model.observe.ObservableNames}.
     *
     * @param target a target of this kind
     * @return the observables
     */
    List<Observable> observables(Target target);

    /**
     * The geometry of the theory's configurations; by default that of a target built with the
     * default settings.
     *
     * @return the geometry
     */
    default FieldGeometry geometry() {
        return create(defaults()).geometry();
    }

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
     * Parameters of the exact computation itself (such as a choice of method), offered by the
     * {@code exact} command next to the theory's own; none by default.
     *
     * @return the definitions
     */
    default List<ParamDef> exactParams() {
        return List.of();
    }

    /**
     * Everything known exactly at these settings, in print order, for the {@code exact}
     * command: by default the exact expectation values ({@link #exact}); theories add more
     * (two-point functions, normalisations, infinite-volume limits). Values are numbers,
     * strings, arrays of numbers or records of them.
     *
     * @param settings checked settings of the theory
     * @param options checked settings of {@link #exactParams()}
     * @return name to value
     * @throws IllegalArgumentException with a one-line message when nothing is known exactly
     */
    default Map<String, Object> exactTable(Settings settings, Settings options) {
        Map<String, Double> values = exact(settings);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no exact result is known for " + describe(settings));
        }
        return new LinkedHashMap<>(values);
    }

    /**
     * The Hybrid Monte Carlo set-up of a target, when it can be sampled by HMC (its target is an
     * {@link HmcSystem}); empty otherwise.
     *
     * @param settings checked settings
     * @return the set-up, or empty
     */
    default Optional<HmcSetup> hmc(Settings settings) {
        Target target = create(settings);
        if (!(target instanceof HmcSystem system)) {
            return Optional.empty();
        }
        return Optional.of(new HmcSetup(describe(settings), system, observables(target), exact(settings)));
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
