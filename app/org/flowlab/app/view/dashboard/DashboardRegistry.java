package org.flowlab.app.view.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The dashboards of the theories, keyed by theory id: the one place the Lab and Compare look
 * them up. A new theory's pictures are its dashboard class plus one line here; a theory
 * without one gets a plain panel (the curves still show its training).
 */
public final class DashboardRegistry {

    private static final Map<String, Function<Boolean, TheoryDashboard<?>>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("phi4", Phi4Dashboard::new);
        FACTORIES.put("u1", U1Dashboard::new);
        FACTORIES.put("mixture2d", MixtureDashboard::new);
        FACTORIES.put("vonmises", VonMisesDashboard::new);
    }

    private DashboardRegistry() {}

    /**
     * Creates the dashboard of a theory.
     *
     * @param theoryId the theory's id, e.g. {@code phi4}
     * @param compact true for the narrow version shown twice side by side in Compare
     * @return a new dashboard (a plain panel for a theory without its own)
     */
    public static TheoryDashboard<?> create(String theoryId, boolean compact) {
        Function<Boolean, TheoryDashboard<?>> f = FACTORIES.get(theoryId);
        return f == null ? new PlainDashboard(theoryId) : f.apply(compact);
    }

    /**
     * The theories with their own dashboard.
     *
     * @return their ids
     */
    public static Set<String> theories() {
        return FACTORIES.keySet();
    }
}
