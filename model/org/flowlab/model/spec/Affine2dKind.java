package org.flowlab.model.spec;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Set;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.coupling.Affine2d;
import org.flowlab.model.lattice.FieldGeometry;
import org.flowlab.model.lattice.Target;

/** The affine (Gaussian) flow in the plane: the textbook case of mode-seeking vs mode-covering. */
public final class Affine2dKind implements FlowKind {

    @Override
    public String id() {
        return "affine2d";
    }

    @Override
    public String title() {
        return "Affine (Gaussian) flow";
    }

    @Override
    public String description() {
        return "x = A z + b with A lower triangular: the model is a Gaussian (starting at a seeded random"
                + " offset). Fitted to separated modes, reverse KL picks one, forward KL covers all.";
    }

    @Override
    public List<ParamDef> params() {
        return List.of();
    }

    @Override
    public Set<FieldGeometry> geometries() {
        return Set.of(FieldGeometry.PLANE);
    }

    @Override
    public FlowModel create(Target target, Settings s, Device device, DataType type, long seed) {
        return Affine2d.model(device, type, seed);
    }

    @Override
    public String describe(Settings s) {
        return "affine (Gaussian) flow";
    }
}
