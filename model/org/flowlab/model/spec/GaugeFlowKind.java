package org.flowlab.model.spec;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.flow.gauge.GaugeEquivariantFlow;
import org.flowlab.model.lattice.FieldGeometry;
import org.flowlab.model.lattice.Target;

/** The gauge-equivariant U(1) flow (plaquette couplings with circular splines) as a catalogue entry. */
public final class GaugeFlowKind implements FlowKind {

    @Override
    public String id() {
        return "gauge";
    }

    @Override
    public String title() {
        return "Gauge-equivariant (U(1))";
    }

    @Override
    public String description() {
        return "Haar-random links through couplings that map active plaquettes by circular splines conditioned,"
                + " via CNNs, on frozen plaquettes; exactly invertible and gauge equivariant (arXiv:2003.06413, 2101.08176).";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(
                ParamDef.integer(
                        "layers",
                        "coupling layers",
                        16,
                        1,
                        128,
                        "layers",
                        "number of couplings; direction μ = i mod 2, stripe offset (i / 2) mod 4"),
                ParamDef.integer(
                        "hidden",
                        "hidden channels",
                        8,
                        1,
                        512,
                        "channels",
                        "channels of each hidden convolution of the conditioner"),
                ParamDef.integer(
                        "hiddenLayers",
                        "hidden convolutions",
                        2,
                        1,
                        8,
                        "per net",
                        "hidden convolutions per conditioner network"),
                ParamDef.integer(
                        "kernel", "kernel size", 3, 1, 15, "odd", "convolution kernel size (odd), circular padding"),
                ParamDef.integer(
                        "bins",
                        "spline bins",
                        8,
                        1,
                        64,
                        "bins",
                        "bins K of each plaquette spline; the CNN outputs 3K + 1 numbers per site"));
    }

    @Override
    public Set<FieldGeometry> geometries() {
        return Set.of(FieldGeometry.U1_LINKS);
    }

    @Override
    public void check(Target target, Settings s) {
        int size = FieldGeometry.U1_LINKS.latticeSize(target.eventShape());
        if (s.integer("kernel") % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd, got " + s.integer("kernel"));
        }
        GaugeEquivariantFlow.check(size, s.integer("kernel"));
    }

    /**
     * The architecture record of settings.
     *
     * @param s checked settings
     * @return the configuration
     */
    public static GaugeEquivariantFlow.Config config(Settings s) {
        return new GaugeEquivariantFlow.Config(
                s.integer("layers"),
                s.integer("hidden"),
                s.integer("hiddenLayers"),
                s.integer("kernel"),
                s.integer("bins"));
    }

    @Override
    public FlowModel create(Target target, Settings s, Device device, DataType type, long seed) {
        check(target, s);
        return GaugeEquivariantFlow.model(
                FieldGeometry.U1_LINKS.latticeSize(target.eventShape()), config(s), device, type, seed);
    }

    @Override
    public String describe(Settings s) {
        return String.format(
                Locale.ROOT,
                "gauge-equivariant %d layers, splines %d bins, %d × %d hidden channels, kernel %d",
                s.integer("layers"),
                s.integer("bins"),
                s.integer("hiddenLayers"),
                s.integer("hidden"),
                s.integer("kernel"));
    }
}
