package org.flowlab.model.spec;

import java.util.List;
import java.util.stream.Collectors;

/** Every theory, flow family and loss FlowLab offers, looked up by id. */
public final class Catalog {

    private static final List<TheoryKind> THEORIES =
            List.of(new Phi4Kind(), new U1Kind(), new MixtureKind(), new VonMisesKind());
    private static final List<FlowKind> FLOWS = List.of(new RealNvpKind(), new GaugeFlowKind(),
            new Coupling2dKind(), new Affine2dKind(), new CircleFlowKind(), new CnfKind());

    private Catalog() {}

    /**
     * The theories, in menu order.
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
        return Losses.all();
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
        return find(Losses.all(), id, "loss");
    }

    /**
     * The flows that can model a theory.
     *
     * @param theoryId the theory
     * @return compatible flows, in menu order
     */
    public static List<FlowKind> flowsFor(String theoryId) {
        return FLOWS.stream().filter(f -> f.supports(theoryId)).collect(Collectors.toList());
    }

    private static <T extends Kind> T find(List<T> kinds, String id, String what) {
        for (T k : kinds) {
            if (k.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "unknown " + what + " '" + id + "'; choose one of "
                        + kinds.stream().map(Kind::id).collect(Collectors.joining(", ")));
    }
}
