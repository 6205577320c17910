package org.flowlab.model.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.observe.U1Observables;

/** Two-dimensional U(1) lattice gauge theory as a catalogue entry. */
public final class U1Kind implements TheoryKind {

    /** Name of Q^2/V, whose mean is the topological susceptibility. */
    public static final String CHI_T = "chi_t";

    @Override
    public String id() {
        return "u1";
    }

    @Override
    public String title() {
        return "U(1) gauge theory";
    }

    @Override
    public String description() {
        return "Compact U(1) links θ_μ(x) on an L × L torus with the Wilson action S = −β Σ_x cos θ_P(x);"
                + " topological charge Q = (1/2π) Σ_x arg e^{iθ_P}.";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(
                ParamDef.integer("L", "L", 8, 2, 128, "sites", "lattice size: L × L sites, 2 L² links"),
                ParamDef.real("beta", "β", 2, 0, 100, false, "≥ 0", "inverse coupling in S = −β Σ_x cos θ_P(x)"));
    }

    @Override
    public Target create(Settings s) {
        return new U1GaugeTheory(s.integer("L"), s.real("beta"));
    }

    @Override
    public Map<String, Map<String, String>> presets() {
        Map<String, Map<String, String>> p = new LinkedHashMap<>();
        p.put("β = 2 (easy)", Map.of("L", "8", "beta", "2"));
        p.put("β = 6 (frozen topology)", Map.of("L", "8", "beta", "6"));
        return p;
    }

    @Override
    public List<Observable> observables(Target target) {
        U1GaugeTheory theory = (U1GaugeTheory) target;
        List<Observable> out = new ArrayList<>(U1Observables.of(theory));
        double volume = theory.volume();
        out.add(new Observable(CHI_T, x -> {
            double q = theory.topCharge(x);
            return q * q / volume;
        }));
        return out;
    }

    @Override
    public Map<String, Double> exact(Settings s) {
        return exact(U1Exact.onLattice(s.integer("L"), s.real("beta")));
    }

    private static Map<String, Double> exact(U1Exact exact) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(U1Observables.PLAQUETTE, exact.plaquette());
        out.put(U1Observables.TOP_CHARGE, 0.0);
        out.put(U1Observables.TOP_CHARGE_SQUARED, exact.topChargeSquared());
        out.put(U1Observables.ACTION_DENSITY, exact.actionDensity());
        out.put(U1Observables.WILSON_1X2, exact.wilsonLoop(2));
        out.put(CHI_T, exact.topSusceptibility());
        return out;
    }

    @Override
    public List<ParamDef> exactParams() {
        return List.of(
                ParamDef.choice(
                        "method",
                        "method",
                        "bessel",
                        List.of("bessel", "quadrature"),
                        "bessel: Miller recurrence and Fourier-Bessel series; quadrature: direct numerical integrals, an independent cross-check"));
    }

    /**
     * The torus values by the chosen method, the 2 × 2 Wilson loop and the infinite-volume
     * plaquette and susceptibility.
     */
    @Override
    public Map<String, Object> exactTable(Settings s, Settings options) {
        int volume = s.integer("L") * s.integer("L");
        double beta = s.real("beta");
        U1Exact.Method method =
                options.text("method").equals("quadrature") ? U1Exact.Method.QUADRATURE : U1Exact.Method.BESSEL_SERIES;
        U1Exact exact = new U1Exact(volume, beta, method);
        Map<String, Object> out = new LinkedHashMap<>(exact(exact));
        out.put("wilson_2x2", exact.wilsonLoop(Math.min(4, volume)));
        out.put("plaquette_infinite_volume", U1Exact.infiniteVolumePlaquette(beta));
        out.put("chi_t_infinite_volume", U1Exact.infiniteVolumeTopSusceptibility(beta));
        return out;
    }

    @Override
    public String describe(Settings s) {
        return ((U1GaugeTheory) create(s)).describe();
    }
}
