package org.flowlab.model.spec;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;

/**
 * A {@code flowlab:} link, {@code flowlab:<page>?key=value&...} with URL-encoded values, as
 * lecture panes and instructors use them. For the {@code lab} and {@code compare} pages the
 * parameters describe a run completely: the keys {@code theory}, {@code flow}, {@code loss},
 * {@code precision}, every parameter of the chosen theory, flow and loss, and the training
 * parameters {@code batch}, {@code lr}, {@code steps}, {@code seed}. A {@code compare} link
 * describes run A that way, and run B by the same run with {@code lossB} (default: the same
 * loss) and, for continuous flows, {@code gradB} (the gradient route). {@code start=false}
 * sets a page up without starting it; {@code device} is allowed but never needed.
 *
 * <p>Parameters a link leaves out take the catalogue's defaults, never whatever a form shows,
 * so a complete link ({@link #missingKeys()} empty) gives the same run on every machine.
 *
 * @param page the page id, such as {@code lab}
 * @param parameters the decoded parameters, in link order
 */
public record RunLink(String page, Map<String, String> parameters) {

    /** The scheme every link starts with. */
    public static final String SCHEME = "flowlab:";

    /** Page ids a link may address (see the page list of the window). */
    public static final Set<String> PAGES = Set.of("lab", "compare", "lectures", "basics", "chains", "beyond");

    private static final Set<String> CONTROL_KEYS = Set.of("theory", "flow", "loss", "precision", "device", "start");

    /**
     * Makes the parameters immutable.
     *
     * @param page page id
     * @param parameters parameters
     */
    public RunLink {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * Parses a link.
     *
     * @param target the link text, {@code flowlab:page?k=v&...}
     * @return the link
     * @throws IllegalArgumentException with a one-line message when it is not a valid link
     */
    public static RunLink parse(String target) {
        if (target == null || !target.startsWith(SCHEME)) {
            throw new IllegalArgumentException("a FlowLab link starts with '" + SCHEME + "', got '" + target + "'");
        }
        String body = target.substring(SCHEME.length());
        int q = body.indexOf('?');
        String page = q < 0 ? body : body.substring(0, q);
        if (!PAGES.contains(page)) {
            throw new IllegalArgumentException("unknown page '" + page + "' in " + target + "; pages: "
                    + String.join(", ", PAGES.stream().sorted().toList()));
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0 && q + 1 < body.length()) {
            for (String pair : body.substring(q + 1).split("&", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + pair + "' in " + target + " is not key=value");
                }
                String key = decode(pair.substring(0, eq));
                String value = decode(pair.substring(eq + 1));
                if (value.isBlank()) {
                    throw new IllegalArgumentException("the key '" + key + "' in " + target + " has no value");
                }
                if (params.put(key, value) != null) {
                    throw new IllegalArgumentException("the key '" + key + "' appears twice in " + target);
                }
            }
        }
        return new RunLink(page, params);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad %-escape in '" + s + "'");
        }
    }

    /**
     * Whether the link describes a training run (lab or compare).
     *
     * @return true for run links
     */
    public boolean isRun() {
        return page.equals("lab") || page.equals("compare");
    }

    /**
     * Whether the link asks its page to start (no {@code start=false}).
     *
     * @return true unless start=false
     */
    public boolean starts() {
        return !"false".equalsIgnoreCase(parameters.getOrDefault("start", "true"));
    }

    /**
     * The run the link describes (run A of a compare link): catalogue defaults for what it
     * leaves out, on the CPU unless it names a device.
     *
     * @return the spec
     * @throws IllegalArgumentException with a one-line message naming a bad key or value
     */
    public RunSpec spec() {
        requireRun();
        TheoryKind theory = Catalog.theory(
                parameters.getOrDefault("theory", Catalog.theories().get(0).id()));
        String flowId = parameters.get("flow");
        if (flowId == null) {
            List<FlowKind> flows = Catalog.flowsFor(theory.id());
            flowId = flows.get(0).id();
        }
        FlowKind flow = Catalog.flow(flowId);
        LossKind loss = Catalog.loss(parameters.getOrDefault("loss", "rkl"));
        Map<String, String> theoryValues = new LinkedHashMap<>();
        Map<String, String> flowValues = new LinkedHashMap<>();
        Map<String, String> lossValues = new LinkedHashMap<>();
        Map<String, String> trainingValues = new LinkedHashMap<>();
        List<ParamDef> lossBParams = page.equals("compare") ? lossB(loss).params() : List.of();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String key = e.getKey();
            if (CONTROL_KEYS.contains(key)
                    || (page.equals("compare") && (key.equals("lossB") || key.equals("gradB")))) {
                continue;
            }
            if (has(lossBParams, key) && !has(loss.params(), key)) {
                // a parameter of run B's loss only
                continue;
            }
            if (has(theory.params(), key)) {
                theoryValues.put(key, e.getValue());
            } else if (has(flow.params(), key)) {
                flowValues.put(key, e.getValue());
            } else if (has(loss.params(), key)) {
                lossValues.put(key, e.getValue());
            } else if (has(TrainingParams.params(), key)) {
                trainingValues.put(key, e.getValue());
            } else {
                throw new IllegalArgumentException("'" + key + "' is not a parameter of " + theory.id() + ", "
                        + flow.id() + ", " + loss.id() + " or training");
            }
        }
        Settings training = Settings.of(TrainingParams.params(), trainingValues, "training");
        DeviceChoice device = DeviceChoice.parse(parameters.getOrDefault("device", "cpu"));
        Precision precision = Precision.parse(parameters.getOrDefault("precision", "float32"));
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

    /**
     * Run B of a compare link: run A with loss {@code lossB} and, for continuous flows, the
     * gradient route {@code gradB}.
     *
     * @return the spec
     * @throws IllegalArgumentException when this is not a compare link or a value is bad
     */
    public RunSpec specB() {
        if (!page.equals("compare")) {
            throw new IllegalArgumentException("only compare links describe a run B");
        }
        RunSpec a = spec();
        LossKind lossB = lossB(a.lossKind());
        Map<String, String> lossValues = new LinkedHashMap<>();
        for (ParamDef d : lossB.params()) {
            String v = parameters.containsKey(d.key())
                    ? parameters.get(d.key())
                    : a.lossSettings().asMap().get(d.key());
            if (v != null) {
                lossValues.put(d.key(), v);
            }
        }
        Map<String, String> flowValues = new LinkedHashMap<>(a.flowSettings().asMap());
        if (parameters.containsKey("gradB")) {
            if (!flowValues.containsKey("grad")) {
                throw new IllegalArgumentException("gradB applies to continuous flows only, not to " + a.flow());
            }
            flowValues.put("grad", parameters.get("gradB"));
        }
        return RunSpec.create(
                a.theory(),
                a.theorySettings().asMap(),
                a.flow(),
                flowValues,
                lossB.id(),
                lossValues,
                a.training(),
                a.device(),
                a.precision());
    }

    /**
     * The keys a run link should carry but leaves out (empty for a complete link): theory,
     * flow, loss, precision, the training parameters (the learning-rate schedule may be left out:
     * constant) and every parameter of the chosen kinds.
     *
     * @return the missing keys, in catalogue order
     */
    public List<String> missingKeys() {
        requireRun();
        RunSpec spec = spec();
        List<String> needed = new ArrayList<>(List.of("theory", "flow", "loss", "precision"));
        needed.addAll(spec.theorySettings().asMap().keySet());
        needed.addAll(spec.flowSettings().asMap().keySet());
        needed.addAll(spec.lossSettings().asMap().keySet());
        for (ParamDef d : TrainingParams.params()) {
            // a link without a schedule means a constant rate, as every link written before
            // schedules existed did: not missing
            if (!d.key().equals("schedule")) {
                needed.add(d.key());
            }
        }
        if (page.equals("compare")) {
            needed.add("lossB");
            for (ParamDef d : lossB(spec.lossKind()).params()) {
                needed.add(d.key());
            }
            if (spec.flowSettings().asMap().containsKey("grad")) {
                needed.add("gradB");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String k : needed) {
            if (!parameters.containsKey(k) && !missing.contains(k)) {
                missing.add(k);
            }
        }
        return missing;
    }

    /**
     * The complete lab link of a run (what an instructor copies to share a setup).
     *
     * @param spec the run
     * @return the link text
     */
    public static String labLink(RunSpec spec) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("theory", spec.theory());
        p.putAll(spec.theorySettings().asMap());
        p.put("flow", spec.flow());
        p.putAll(spec.flowSettings().asMap());
        p.put("loss", spec.loss());
        p.putAll(spec.lossSettings().asMap());
        p.putAll(TrainingParams.values(spec.training()));
        p.put("precision", spec.precision().toString());
        return new RunLink("lab", p).toText();
    }

    /**
     * The link as text, values URL-encoded.
     *
     * @return e.g. {@code flowlab:lab?theory=phi4&L=8}
     */
    public String toText() {
        StringBuilder b = new StringBuilder(SCHEME).append(page);
        char sep = '?';
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            b.append(sep)
                    .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return b.toString();
    }

    private LossKind lossB(LossKind lossA) {
        return Catalog.loss(parameters.getOrDefault("lossB", lossA.id()));
    }

    private void requireRun() {
        if (!isRun()) {
            throw new IllegalArgumentException("a " + page + " link describes no training run");
        }
    }

    private static boolean has(List<ParamDef> defs, String key) {
        return defs.stream().anyMatch(d -> d.key().equals(key));
    }
}
