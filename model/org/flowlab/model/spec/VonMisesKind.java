package org.flowlab.model.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.lattice.VonMises;
import org.flowlab.model.observe.Observable;

/** The von Mises density on the circle as a catalogue entry. */
public final class VonMisesKind implements TheoryKind {

    @Override
    public String id() {
        return "vonmises";
    }

    @Override
    public String title() {
        return "von Mises (circle)";
    }

    @Override
    public String description() {
        return "p(θ) = e^{β cos(θ − μ)} / (2π I₀(β)) on the circle: the warm-up for compact variables.";
    }

    @Override
    public List<ParamDef> params() {
        return List.of(
                ParamDef.real("beta", "β", 2, 0, 200, false, "≥ 0", "concentration in p(θ) ∝ e^{β cos(θ − μ)}"),
                ParamDef.real(
                        "mu", "μ", 0, -Math.PI, Math.PI, false, "rad", "mean direction in p(θ) ∝ e^{β cos(θ − μ)}"));
    }

    @Override
    public Target create(Settings s) {
        return new VonMises(s.real("beta"), s.real("mu"));
    }

    @Override
    public Map<String, Map<String, String>> presets() {
        Map<String, Map<String, String>> p = new LinkedHashMap<>();
        p.put("β = 2", Map.of("beta", "2", "mu", "0"));
        p.put("β = 8 (narrow)", Map.of("beta", "8", "mu", "1"));
        return p;
    }

    @Override
    public List<Observable> observables(Target target) {
        return List.of(new Observable("cos", x -> Math.cos(x[0])), new Observable("sin", x -> Math.sin(x[0])));
    }

    @Override
    public Map<String, Double> exact(Settings s) {
        VonMises v = (VonMises) create(s);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("cos", v.meanCos());
        out.put("sin", v.meanSin());
        return out;
    }

    /**
     * The mean cosine and sine, the normalisation, the first three trigonometric moments and
     * the mean squared centred angle.
     */
    @Override
    public Map<String, Object> exactTable(Settings s, Settings options) {
        VonMises v = (VonMises) create(s);
        Map<String, Object> out = new LinkedHashMap<>(exact(s));
        out.put("log_z", 0.0);
        out.put("log_normaliser", v.logNormaliser());
        out.put("mean_cos", v.meanCos());
        out.put("mean_sin", v.meanSin());
        // E[cos n(theta - mu)] = I_n / I_0 for n = 1, 2, 3
        out.put("trig_moments", new double[] {v.trigMoment(1), v.trigMoment(2), v.trigMoment(3)});
        out.put("centred_angle_squared", v.centredAngleSquared());
        return out;
    }

    @Override
    public String describe(Settings s) {
        return ((VonMises) create(s)).describe();
    }
}
