package org.flowlab.model.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.observe.FreeFieldExact;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.observe.Phi4Observables;

/** The phi^4 theory as a catalogue entry. */
public final class Phi4Kind implements TheoryKind {

    /** The action in words, for help texts. */
    public static final String ACTION = "S = Σ_x [ (2 + m²/2) φ² + (λ/24) φ⁴ − Σ_μ φ_x φ_{x+μ} ]";

    @Override
    public String id() {
        return "phi4";
    }

    @Override
    public String title() {
        return "φ⁴ theory";
    }

    @Override
    public String description() {
        return "Real scalar field on an L × L torus with " + ACTION + " (hep-lat/0506002).";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(
                ParamDef.integer("L", "L", 8, 2, 128, "sites", "lattice size: the torus has L × L sites"),
                ParamDef.real("m2", "m²", -0.5, -50, 50, false, "±50", "bare mass squared in " + ACTION),
                ParamDef.real("lambda", "λ", 1.5, 0, 1000, false, "≥ 0", "quartic coupling in " + ACTION));
    }

    @Override
    public Target create(Settings s) {
        return new Phi4Theory(s.integer("L"), s.real("m2"), s.real("lambda"));
    }

    @Override
    public Map<String, Map<String, String>> presets() {
        Map<String, Map<String, String>> p = new LinkedHashMap<>();
        p.put("Broken phase", Map.of("L", "8", "m2", "-0.5", "lambda", "1.5"));
        p.put("Symmetric phase", Map.of("L", "8", "m2", "-0.5", "lambda", "4.5"));
        p.put("Tutorial point", Map.of("L", "8", "m2", "-4", "lambda", "48"));
        p.put("Free field", Map.of("L", "8", "m2", "1", "lambda", "0"));
        return p;
    }

    @Override
    public List<Observable> observables(Target target) {
        return Phi4Observables.of((Phi4Theory) target);
    }

    @Override
    public Map<String, Double> exact(Settings s) {
        if (s.real("lambda") != 0) {
            return Map.of();
        }
        FreeFieldExact ff = new FreeFieldExact(s.integer("L"), s.real("m2"));
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(Phi4Observables.M, 0.0);
        out.put(Phi4Observables.ABS_M, ff.absMagnetisation());
        out.put(Phi4Observables.M2, ff.chi2() / (s.integer("L") * s.integer("L")));
        out.put(Phi4Observables.CHI2, ff.chi2());
        out.put(Phi4Observables.PHI2, ff.phiSquared());
        // S = (1/2) phi K phi is quadratic in V Gaussian variables: <S> = V/2
        out.put(Phi4Observables.ACTION_DENSITY, 0.5);
        return out;
    }

    /**
     * The free field's exact values and its zero-momentum two-point function {@code G0}
     * (G(t) for t = 0 .. L − 1).
     *
     * @throws IllegalArgumentException when λ ≠ 0 (no exact solution)
     */
    @Override
    public Map<String, Object> exactTable(Settings s, Settings options) {
        if (s.real("lambda") != 0) {
            throw new IllegalArgumentException("no exact result exists for phi^4 at lambda = " + s.text("lambda")
                    + "; only the free field (lambda = 0, m2 > 0) is solvable (use hmc)");
        }
        Map<String, Object> out = new LinkedHashMap<>(exact(s));
        FreeFieldExact ff = new FreeFieldExact(s.integer("L"), s.real("m2"));
        double[] g = new double[s.integer("L")];
        for (int t = 0; t < g.length; t++) {
            g[t] = ff.zeroMomentum(t);
        }
        out.put("G0", g);
        return out;
    }

    @Override
    public String describe(Settings s) {
        return ((Phi4Theory) create(s)).describe();
    }
}
