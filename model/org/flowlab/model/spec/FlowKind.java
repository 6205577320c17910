package org.flowlab.model.spec;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Set;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.FieldGeometry;
import org.flowlab.model.lattice.Target;

/**
 * A family of flows (RealNVP, gauge-equivariant, ...) and how to build one for a target. A flow
 * family names the field geometries it acts on, never theories: it models every theory of those
 * geometries, and reads the sizes it needs from the target's event shape.
 */
public interface FlowKind extends Kind {

    /**
     * The geometries of the fields this flow produces.
     *
     * @return e.g. {@code {LATTICE_FIELD}}
     */
    Set<FieldGeometry> geometries();

    /**
     * Whether this flow can model a theory: whether it acts on the theory's geometry.
     *
     * @param theory the theory
     * @return true if compatible
     */
    default boolean supports(TheoryKind theory) {
        return geometries().contains(theory.geometry());
    }

    /**
     * Whether this flow can model the theory with a given id.
     *
     * @param theoryId the theory's id
     * @return true if compatible
     * @throws IllegalArgumentException for an unknown theory
     */
    default boolean supports(String theoryId) {
        return supports(Catalog.theory(theoryId));
    }

    /**
     * Whether these settings train the flow by the adjoint-state method, which only losses that
     * declare {@link LossKind#supportsAdjoint()} can drive; false by default.
     *
     * @param settings checked settings
     * @return true for adjoint gradients
     */
    default boolean adjointGradients(Settings settings) {
        return false;
    }

    /**
     * Checks that the flow fits the target (e.g. even L for checkerboards); the default accepts.
     *
     * @param target the target
     * @param settings checked settings of this kind
     * @throws IllegalArgumentException with a one-line message when it does not fit
     */
    default void check(Target target, Settings settings) {}

    /**
     * Replaces choices that depend on the target (such as an automatic choice) by what they
     * mean for it, so run files record what was built; the default returns the settings.
     *
     * @param target the target
     * @param settings checked settings
     * @return settings with target-dependent choices made
     */
    default Settings resolve(Target target, Settings settings) {
        return settings;
    }

    /**
     * Builds a flow with initial weights from the seed.
     *
     * @param target the target (for its shape)
     * @param settings checked settings
     * @param device where the parameters live
     * @param type FLOAT32 or FLOAT64
     * @param seed seed of the initial weights
     * @return the flow (close it when done)
     */
    FlowModel create(Target target, Settings settings, Device device, DataType type, long seed);

    /**
     * A short description of an architecture.
     *
     * @param settings checked settings
     * @return e.g. {@code RealNVP 8 layers, 8 channels}
     */
    default String describe(Settings settings) {
        return title() + " " + settings;
    }
}
