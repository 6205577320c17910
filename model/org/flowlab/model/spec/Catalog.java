package org.flowlab.model.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every theory, flow family and loss FlowLab offers, looked up by id.
 *
 * <p><b>Registering a new one takes one line.</b> FlowLab's own kinds are listed below; any other
 * implementation of {@link TheoryKind}, {@link FlowKind} or {@link LossKind} on the class path is
 * found by {@link ServiceLoader}: add its class name as one line to
 * {@code META-INF/services/org.flowlab.model.spec.TheoryKind} (or {@code .FlowKind},
 * {@code .LossKind}) in a resource directory, e.g. {@code src/test/resources} for a test. It then
 * appears in the window's menus, gets command-line options generated from its parameters, and
 * works with {@code train}, {@code hmc} and {@code exact}. Ids must be unique.
 */
public final class Catalog {

    private static final List<TheoryKind> THEORIES = withExtensions(
            TheoryKind.class, List.of(new Phi4Kind(), new U1Kind(), new MixtureKind(), new VonMisesKind()));
    private static final List<FlowKind> FLOWS = withExtensions(
            FlowKind.class,
            List.of(
                    new RealNvpKind(),
                    new GaugeFlowKind(),
                    new Coupling2dKind(),
                    new Affine2dKind(),
                    new CircleFlowKind(),
                    new CnfKind()));
    private static final List<LossKind> LOSSES = withExtensions(
            LossKind.class,
            List.of(Losses.REVERSE_KL, Losses.FORWARD_KL, Losses.PATH_GRADIENT, Losses.FORWARD_PATH_GRADIENT));

    private Catalog() {}

    private static <T extends Kind> List<T> withExtensions(Class<T> type, List<T> builtIn) {
        List<T> all = new ArrayList<>(builtIn);
        for (T extra : ServiceLoader.load(type, Catalog.class.getClassLoader())) {
            all.add(extra);
        }
        Set<String> ids = new HashSet<>();
        for (T k : all) {
            if (!ids.add(k.id().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalStateException("two " + type.getSimpleName() + "s have the id '" + k.id() + "'");
            }
        }
        return List.copyOf(all);
    }

    /**
     * The theories, in menu order (FlowLab's own, then those found on the class path).
     *
     * @return the theories
     */
    public static List<TheoryKind> theories() {
        return THEORIES;
    }

    /**
     * The flow families, in menu order.
     *
     * @return the flows
     */
    public static List<FlowKind> flows() {
        return FLOWS;
    }

    /**
     * The losses, in menu order.
     *
     * @return the losses
     */
    public static List<LossKind> losses() {
        return LOSSES;
    }

    /**
     * A theory by id.
     *
     * @param id e.g. {@code phi4}
     * @return the theory
     * @throws IllegalArgumentException naming the valid ids
     */
    public static TheoryKind theory(String id) {
        return find(THEORIES, id, "theory");
    }

    /**
     * A flow family by id.
     *
     * @param id e.g. {@code realnvp}
     * @return the flow kind
     * @throws IllegalArgumentException naming the valid ids
     */
    public static FlowKind flow(String id) {
        return find(FLOWS, id, "flow");
    }

    /**
     * A loss by id.
     *
     * @param id e.g. {@code rkl}
     * @return the loss kind
     * @throws IllegalArgumentException naming the valid ids
     */
    public static LossKind loss(String id) {
        return find(LOSSES, id, "loss");
    }

    /**
     * The flows that can model a theory: those acting on its geometry.
     *
     * @param theoryId the theory
     * @return compatible flows, in menu order
     */
    public static List<FlowKind> flowsFor(String theoryId) {
        TheoryKind theory = theory(theoryId);
        return FLOWS.stream().filter(f -> f.supports(theory)).collect(Collectors.toList());
    }

    private static <T extends Kind> T find(List<T> kinds, String id, String what) {
        for (T k : kinds) {
            if (k.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + id + "'; choose one of "
                + kinds.stream().map(Kind::id).collect(Collectors.joining(", ")));
    }
}
