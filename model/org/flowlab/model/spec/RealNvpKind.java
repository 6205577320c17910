package org.flowlab.model.spec;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.coupling.RealNvp;
import org.flowlab.model.lattice.FieldGeometry;
import org.flowlab.model.lattice.Target;

/** RealNVP (checkerboard affine couplings with CNNs) as a catalogue entry, for real lattice fields. */
public final class RealNvpKind implements FlowKind {

    @Override
    public String id() {
        return "realnvp";
    }

    @Override
    public String title() {
        return "RealNVP";
    }

    @Override
    public String description() {
        return "Affine coupling layers x' = m x + (1 − m)(x e^s + t) with alternating checkerboard"
                + " masks; s, t from CNNs with circular padding (arXiv:1605.08803, 2101.08176).";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(
                ParamDef.integer(
                        "layers",
                        "layers",
                        8,
                        1,
                        128,
                        "couplings",
                        "number of affine coupling layers; masks alternate"),
                ParamDef.integer(
                        "hidden",
                        "channels",
                        8,
                        1,
                        512,
                        "hidden",
                        "channels of each hidden convolution of the s, t networks"),
                ParamDef.integer(
                        "hiddenLayers", "convolutions", 2, 1, 8, "per net", "hidden convolutions per coupling network"),
                ParamDef.integer(
                        "kernel", "kernel", 3, 1, 15, "odd", "convolution kernel size (odd), circular padding"),
                ParamDef.bool("tanh", "tanh output", true, "bound s and t with tanh, as in the 2021 tutorial"));
    }

    @Override
    public Set<FieldGeometry> geometries() {
        return Set.of(FieldGeometry.LATTICE_FIELD);
    }

    @Override
    public void check(Target target, Settings s) {
        int size = FieldGeometry.LATTICE_FIELD.latticeSize(target.eventShape());
        if (size % 2 != 0) {
            throw new ParamException("L", "RealNVP's checkerboard masks need an even lattice size L, got " + size);
        }
        if (s.integer("kernel") % 2 == 0) {
            throw new ParamException("kernel", "kernel size must be odd, got " + s.integer("kernel"));
        }
        if (s.integer("kernel") > size) {
            throw new ParamException(
                    "kernel", "kernel size " + s.integer("kernel") + " is larger than the lattice size " + size);
        }
    }

    /**
     * The architecture record of settings.
     *
     * @param s checked settings
     * @return the RealNVP configuration
     */
    public static RealNvp.Config config(Settings s) {
        return new RealNvp.Config(
                s.integer("layers"),
                s.integer("hidden"),
                s.integer("hiddenLayers"),
                s.integer("kernel"),
                s.flag("tanh"));
    }

    @Override
    public FlowModel create(Target target, Settings s, Device device, DataType type, long seed) {
        check(target, s);
        return RealNvp.model(
                FieldGeometry.LATTICE_FIELD.latticeSize(target.eventShape()), config(s), device, type, seed);
    }

    @Override
    public String describe(Settings s) {
        return String.format(
                Locale.ROOT,
                "RealNVP %d layers, %d × %d hidden channels, kernel %d%s",
                s.integer("layers"),
                s.integer("hiddenLayers"),
                s.integer("hidden"),
                s.integer("kernel"),
                s.flag("tanh") ? "" : ", no tanh");
    }
}
