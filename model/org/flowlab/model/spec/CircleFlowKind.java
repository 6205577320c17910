package org.flowlab.model.spec;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flowlab.model.flow.circle.CircleFlow;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.FieldGeometry;
import org.flowlab.model.lattice.Target;

/** Circular splines with rotations on uniform angles as a catalogue entry, for the von Mises density. */
public final class CircleFlowKind implements FlowKind {

    @Override
    public String id() {
        return "circle";
    }

    @Override
    public String title() {
        return "Circular splines";
    }

    @Override
    public String description() {
        return "Uniform angles on [0, 2π) through layers of circular rational-quadratic splines with"
                + " periodic knot derivatives and a rotation each; exact inverse (arXiv:1906.04032, 2002.02428).";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(
                ParamDef.integer(
                        "layers",
                        "spline layers",
                        2,
                        1,
                        32,
                        "layers",
                        "number of spline-and-rotation layers h(θ) = g(θ) + t mod 2π"),
                ParamDef.integer(
                        "bins",
                        "spline bins",
                        8,
                        1,
                        64,
                        "bins",
                        "bins K of each circular spline (3K + 1 parameters per layer)"));
    }

    @Override
    public Set<FieldGeometry> geometries() {
        return Set.of(FieldGeometry.CIRCLE);
    }

    /**
     * The architecture record of settings.
     *
     * @param s checked settings
     * @return the configuration
     */
    public static CircleFlow.Config config(Settings s) {
        return new CircleFlow.Config(s.integer("layers"), s.integer("bins"));
    }

    @Override
    public FlowModel create(Target target, Settings s, Device device, DataType type, long seed) {
        check(target, s);
        return CircleFlow.model(target.eventShape(), config(s), device, type, seed);
    }

    @Override
    public String describe(Settings s) {
        return String.format(
                Locale.ROOT,
                "circular splines %d layers, %d bins, with rotations",
                s.integer("layers"),
                s.integer("bins"));
    }
}
