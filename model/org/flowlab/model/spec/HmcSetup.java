package org.flowlab.model.spec;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.observe.Observable;

/**
 * What Hybrid Monte Carlo needs to sample a theory at given settings: the system it evolves,
 * its start configurations, what to measure after every trajectory and the exact values to
 * compare with.
 *
 * @param description one line describing the target
 * @param system the system (action and force on plain arrays)
 * @param observables measured after every trajectory
 * @param exact exact expectation values keyed like the observables (empty when none are known)
 */
public record HmcSetup(String description, HmcSystem system, List<Observable> observables, Map<String, Double> exact) {

    /**
     * A start configuration.
     *
     * @param hot a random configuration ({@link HmcSystem#randomStart}) rather than all zeros
     * @param rng the random source of a hot start
     * @return the configuration
     */
    public double[] start(boolean hot, RandomGenerator rng) {
        return hot ? system.randomStart(rng) : new double[system.degreesOfFreedom()];
    }
}
