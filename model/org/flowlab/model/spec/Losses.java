package org.flowlab.model.spec;

import java.util.List;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.train.DatasetCache;
import org.flowlab.model.train.ForwardKl;
import org.flowlab.model.train.ForwardPathGradient;
import org.flowlab.model.train.Objective;
import org.flowlab.model.train.PathGradient;
import org.flowlab.model.train.ReverseKl;

/** The catalogue's training objectives. */
public final class Losses {

    private Losses() {}

    /** Parameters of the training set used by forward KL. */
    static List<ParamDef> dataParams() {
        return List.of(
                ParamDef.integer(
                        "samples",
                        "data size",
                        10_000,
                        100,
                        10_000_000,
                        "configs",
                        "configurations drawn from the target (HMC or an exact sampler)"),
                ParamDef.integer(
                        "thin",
                        "thinning",
                        10,
                        1,
                        10_000,
                        "traj.",
                        "HMC trajectories between kept configurations (lattice theories)"),
                ParamDef.integer(
                        "therm",
                        "thermalise",
                        1000,
                        0,
                        10_000_000,
                        "traj.",
                        "trajectories discarded (and used to tune the step size) before keeping any"),
                ParamDef.integer(
                        "dataSeed",
                        "data seed",
                        12345,
                        0,
                        Integer.MAX_VALUE,
                        "",
                        "seed of the training set; runs with the same data seed share a cached set"));
    }

    static ForwardKl.DatasetSource source(TheoryKind theory, Settings theorySettings, Target target, Settings s) {
        return (listener, cancelled) -> DatasetCache.shared()
                .get(
                        theory.id(),
                        theorySettings.toString(),
                        target,
                        s.integer("samples"),
                        s.integer("thin"),
                        s.integer("therm"),
                        s.integer("dataSeed"),
                        listener,
                        cancelled);
    }

    /** Reverse KL. */
    public static final LossKind REVERSE_KL =
            new Simple(
                    "rkl",
                    "Reverse KL (self-training)",
                    "L = ⟨log q + S⟩_q = KL(q‖p) − log Z from the flow's own samples: no data, mode-seeking.",
                    List.of(),
                    false) {
                @Override
                public Objective create(TheoryKind theory, Settings ts, Target target, Settings s) {
                    return new ReverseKl();
                }
            };

    /** Forward KL from generated data. */
    public static final LossKind FORWARD_KL =
            new Simple(
                    "fkl",
                    "Forward KL (from data)",
                    "L = −⟨log q⟩_p on samples of the target (HMC or exact): needs data, mode-covering.",
                    dataParams(),
                    true) {
                @Override
                public Objective create(TheoryKind theory, Settings ts, Target target, Settings s) {
                    return new ForwardKl(source(theory, ts, target, s));
                }
            };

    /** Reverse-KL path gradients. */
    public static final LossKind PATH_GRADIENT =
            new Simple(
                    "pathgrad",
                    "Path gradients (reverse KL)",
                    "Reverse KL with the zero-mean score term removed from the gradient (Vaitl et al. 2022): lower variance near a good model.",
                    List.of(),
                    false) {
                @Override
                public Objective create(TheoryKind theory, Settings ts, Target target, Settings s) {
                    return new PathGradient();
                }
            };

    /** Forward-KL path gradients. */
    public static final LossKind FORWARD_PATH_GRADIENT =
            new Simple(
                    "fkl-pathgrad",
                    "Path gradients (forward KL)",
                    "Forward KL with the zero-mean score term of the pulled-back data density removed (Vaitl et al. 2022).",
                    dataParams(),
                    true) {
                @Override
                public Objective create(TheoryKind theory, Settings ts, Target target, Settings s) {
                    return new ForwardPathGradient(source(theory, ts, target, s));
                }
            };

    private abstract static class Simple implements LossKind {
        private final String id;
        private final String title;
        private final String description;
        private final List<ParamDef> params;
        private final boolean data;

        Simple(String id, String title, String description, List<ParamDef> params, boolean data) {
            this.id = id;
            this.title = title;
            this.description = description;
            this.params = params;
            this.data = data;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public List<ParamDef> params() {
            return params;
        }

        @Override
        public boolean needsData() {
            return data;
        }

        /** Every loss here has adjoint-state gradients ({@code AdjointGradients}). */
        @Override
        public boolean supportsAdjoint() {
            return true;
        }
    }
}
