package org.flowlab.app.view.form;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.FlowKind;
import org.flowlab.model.spec.Kind;
import org.flowlab.model.spec.LossKind;
import org.flowlab.model.spec.ParamDef;
import org.flowlab.model.spec.ParamException;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.spec.Settings;
import org.flowlab.model.spec.TheoryKind;
import org.flowlab.model.spec.TrainingParams;

/**
 * A run spec as {@code flowlab:} link parameters and back: every parameter of the theory, the
 * flow, the loss and the training (seed included), the precision and the device, so that a
 * link reproduces a run exactly.
 */
public final class SpecLinks {

    /** Keys that choose parts rather than set parameters. */
    private static final Set<String> CHOICES = Set.of("theory", "flow", "loss", "precision", "device");

    private SpecLinks() {}

    /**
     * Every setting of a spec by key, in a stable order.
     *
     * @param spec the spec
     * @return key to text
     */
    public static Map<String, String> parameters(RunSpec spec) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("theory", spec.theory());
        m.putAll(spec.theorySettings().asMap());
        m.put("flow", spec.flow());
        m.putAll(spec.flowSettings().asMap());
        m.put("loss", spec.loss());
        m.putAll(spec.lossSettings().asMap());
        m.putAll(TrainingParams.values(spec.training()));
        m.put("precision", spec.precision().name().toLowerCase(java.util.Locale.ROOT));
        m.put("device", spec.device().toString());
        return m;
    }

    /**
     * A link to a page with parameters, URL-encoded.
     *
     * @param page the page id, e.g. {@code lab}
     * @param parameters key to value
     * @return {@code flowlab:<page>?k=v&...}
     */
    public static String link(String page, Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((k, v) -> query.add(encode(k) + "=" + encode(v)));
        return "flowlab:" + page + (parameters.isEmpty() ? "" : "?" + query);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The spec a link describes: the link's values on top of a base spec (the parts the link
     * does not choose, and the parameters it does not set, keep the base's values when they
     * still apply, else their defaults).
     *
     * @param values the link's parameters (theory, flow, loss, precision, device, and parameter
     *     keys)
     * @param base the spec to start from, or null for the defaults
     * @return the spec
     * @throws IllegalArgumentException naming the first unknown key or bad value
     */
    public static RunSpec spec(Map<String, String> values, RunSpec base) {
        try {
            return build(values, base);
        } catch (ParamException e) {
            // name the link's key, not only the form's label
            throw new IllegalArgumentException(
                    e.key() + "=" + values.getOrDefault(e.key(), "") + ": " + e.getMessage(), e);
        }
    }

    private static RunSpec build(Map<String, String> values, RunSpec base) {
        TheoryKind theory = values.containsKey("theory")
                ? Catalog.theory(values.get("theory"))
                : base != null ? base.theoryKind() : Catalog.theories().get(0);
        List<FlowKind> flows = Catalog.flowsFor(theory.id());
        FlowKind flow;
        if (values.containsKey("flow")) {
            flow = Catalog.flow(values.get("flow"));
        } else if (base != null && base.theory().equals(theory.id())) {
            flow = base.flowKind();
        } else if (!flows.isEmpty()) {
            flow = flows.get(0);
        } else {
            throw new IllegalArgumentException("no flow can model " + theory.title());
        }
        LossKind loss = values.containsKey("loss")
                ? Catalog.loss(values.get("loss"))
                : base != null ? base.lossKind() : Catalog.losses().get(0);
        Set<String> known = new LinkedHashSet<>(CHOICES);
        for (Kind k : List.of(theory, flow, loss)) {
            k.params().forEach(p -> known.add(p.key()));
        }
        TrainingParams.params().forEach(p -> known.add(p.key()));
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' for " + theory.title() + ", "
                        + flow.title() + ", " + loss.title());
            }
        }
        boolean sameTheory = base != null && base.theory().equals(theory.id());
        Map<String, String> theoryValues =
                part(theory.params(), values, sameTheory ? base.theorySettings().asMap() : Map.of());
        Map<String, String> flowValues = part(
                flow.params(),
                values,
                sameTheory && base.flow().equals(flow.id())
                        ? base.flowSettings().asMap()
                        : Map.of());
        Map<String, String> lossValues = part(
                loss.params(),
                values,
                base != null && base.loss().equals(loss.id())
                        ? base.lossSettings().asMap()
                        : Map.of());
        Map<String, String> trainingBase = base == null ? Map.of() : TrainingParams.values(base.training());
        Settings training =
                Settings.of(TrainingParams.params(), part(TrainingParams.params(), values, trainingBase), "training");
        Precision precision = values.containsKey("precision")
                ? Precision.parse(values.get("precision"))
                : base != null ? base.precision() : Precision.FLOAT32;
        DeviceChoice device = values.containsKey("device")
                ? DeviceChoice.parse(values.get("device"))
                : base != null ? base.device() : DeviceChoice.AUTO;
        return RunSpec.create(
                theory.id(),
                theoryValues,
                flow.id(),
                flowValues,
                loss.id(),
                lossValues,
                TrainingParams.config(training),
                device,
                precision);
    }

    private static Map<String, String> part(List<ParamDef> defs, Map<String, String> values, Map<String, String> base) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ParamDef d : defs) {
            if (values.containsKey(d.key())) {
                out.put(d.key(), values.get(d.key()));
            } else if (base.containsKey(d.key())) {
                out.put(d.key(), base.get(d.key()));
            }
        }
        return out;
    }
}
