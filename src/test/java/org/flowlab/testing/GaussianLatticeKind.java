package org.flowlab.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.lattice.FieldGeometry;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.spec.ParamDef;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;

/**
 * A theory that exists only in the test tree: independent Gaussian sites on an L x L lattice,
 * S = Σ_x φ_x² / (2 v), with exact ⟨φ²⟩ = v and χ = V ⟨M²⟩ = v. It is registered by one line
 * in {@code src/test/resources/META-INF/services/org.flowlab.model.spec.TheoryKind}, which is
 * all it takes for the catalogue, the command line and the flows of real lattice fields to
 * offer it.
 */
public final class GaussianLatticeKind implements TheoryKind {

    /** The id. */
    public static final String ID = "gauss-lattice";

    /** The target: the action on batches and on single configurations, and its force. */
    record GaussianLattice(int size, double variance) implements Target, HmcSystem {

        @Override
        public String name() {
            return ID;
        }

        @Override
        public Shape eventShape() {
            return new Shape(size, size);
        }

        @Override
        public FieldGeometry geometry() {
            return FieldGeometry.LATTICE_FIELD;
        }

        @Override
        public NDArray action(NDArray phi) {
            return Tensors.scale(phi.square().sum(new int[] {1, 2}), 0.5 / variance);
        }

        @Override
        public double action(double[] phi) {
            double s = 0;
            for (double p : phi) {
                s += p * p;
            }
            return 0.5 * s / variance;
        }

        @Override
        public int degreesOfFreedom() {
            return size * size;
        }

        @Override
        public void gradient(double[] phi, double[] out) {
            for (int i = 0; i < phi.length; i++) {
                out[i] = phi[i] / variance;
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Gaussian lattice (test)";
    }

    @Override
    public String description() {
        return "Independent Gaussian sites, S = Σ φ² / (2 v).";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(
                ParamDef.integer("L", "L", 4, 2, 16, "sites", "lattice size"),
                ParamDef.real("variance", "v", 1, 0, 100, true, "> 0", "variance of every site in S = Σ φ² / (2 v)"));
    }

    @Override
    public Target create(Settings s) {
        return new GaussianLattice(s.integer("L"), s.real("variance"));
    }

    @Override
    public Map<String, Map<String, String>> presets() {
        return Map.of("unit", Map.of("L", "4", "variance", "1"));
    }

    @Override
    public List<Observable> observables(Target target) {
        int volume = ((GaussianLattice) target).degreesOfFreedom();
        return List.of(
                new Observable("phi2", x -> {
                    double s = 0;
                    for (double p : x) {
                        s += p * p;
                    }
                    return s / x.length;
                }),
                new Observable("chi2", x -> {
                    double m = 0;
                    for (double p : x) {
                        m += p;
                    }
                    m /= x.length;
                    return volume * m * m;
                }));
    }

    @Override
    public Map<String, Double> exact(Settings s) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("phi2", s.real("variance"));
        out.put("chi2", s.real("variance"));
        return out;
    }
}
