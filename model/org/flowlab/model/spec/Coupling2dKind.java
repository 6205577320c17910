package org.flowlab.model.spec;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.coupling.Coupling2d;
import org.flowlab.model.lattice.FieldGeometry;
import org.flowlab.model.lattice.Target;

/** Affine couplings with MLPs in the plane, for the 2D mixtures. */
public final class Coupling2dKind implements FlowKind {

    @Override
    public String id() {
        return "coupling2d";
    }

    @Override
    public String title() {
        return "2D coupling flow";
    }

    @Override
    public String description() {
        return "RealNVP in the plane: layers alternately update x given y and y given x with x' = x e^s + t,"
                + " s and t from small tanh MLPs.";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(
                ParamDef.integer(
                        "layers",
                        "layers",
                        8,
                        1,
                        64,
                        "couplings",
                        "number of affine couplings; they alternate between x and y"),
                ParamDef.integer(
                        "hidden", "width", 32, 1, 1024, "units", "units per hidden layer of the s, t networks"),
                ParamDef.integer("hiddenLayers", "depth", 2, 1, 8, "layers", "hidden layers of each s, t network"));
    }

    @Override
    public Set<FieldGeometry> geometries() {
        return Set.of(FieldGeometry.PLANE);
    }

    @Override
    public FlowModel create(Target target, Settings s, Device device, DataType type, long seed) {
        return Coupling2d.model(
                s.integer("layers"), s.integer("hidden"), s.integer("hiddenLayers"), device, type, seed);
    }

    @Override
    public String describe(Settings s) {
        return String.format(
                Locale.ROOT,
                "2D couplings, %d layers, MLPs %d × %d",
                s.integer("layers"),
                s.integer("hiddenLayers"),
                s.integer("hidden"));
    }
}
