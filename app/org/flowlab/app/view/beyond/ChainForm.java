package org.flowlab.app.view.beyond;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.flowlab.model.anneal.ChainSpec;
import org.flowlab.model.anneal.Schedule;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.FlowKind;
import org.flowlab.model.spec.Kind;
import org.flowlab.model.spec.ParamDef;
import org.flowlab.model.spec.TheoryKind;

/**
 * The settings of a chain: theory with one coupling written as a schedule ({@code 0:-0.5:6}),
 * flow family (or none), loss, training and Monte Carlo updates. Builds a {@link ChainSpec} and
 * applies the parameters of a {@code flowlab:beyond?...} link.
 */
final class ChainForm extends VBox {

    /** The theories a chain can anneal. */
    static final List<String> THEORIES = List.of("phi4", "u1", "mixture2d");

    private static final Map<String, Map<String, String>> DEFAULTS = Map.of(
            "phi4", Map.of("L", "4", "m2", "0:-0.5:6", "lambda", "1.5"),
            "u1", Map.of("L", "4", "beta", "0:2:5"),
            "mixture2d", Map.of("mixture", "pair", "mu", "0:4:5", "sigma", "1"));

    /** Link keys of the chain's own settings (besides theory and flow parameters). */
    static final Set<String> KEYS = Set.of(
            "theory",
            "flow",
            "loss",
            "base",
            "hmcBetween",
            "stepsPerStage",
            "batch",
            "lr",
            "seed",
            "samples",
            "pool",
            "warmStart");

    private final ComboBox<String> theory = new ComboBox<>();
    private final HBox theoryFields = new HBox(8);
    private final Map<String, TextField> theoryValues = new LinkedHashMap<>();
    private final ComboBox<String> flow = new ComboBox<>();
    private final TextField flowOptions = field("flowOptions", "", 170);
    private final ComboBox<String> loss = new ComboBox<>();
    private final ComboBox<String> base = new ComboBox<>();
    private final TextField stepsPerStage = field("stepsPerStage", "200", 60);
    private final TextField hmcBetween = field("hmcBetween", "0", 45);
    private final TextField batch = field("batch", "64", 50);
    private final TextField lr = field("lr", "0.001", 72);
    private final TextField seed = field("seed", "1", 45);
    private final TextField samples = field("samples", "2048", 72);
    private final TextField pool = field("pool", "2048", 72);
    private final CheckBox warmStart = new CheckBox("warm start");
    private final Label error = new Label();

    /** Creates the form with the φ⁴ defaults. */
    ChainForm() {
        setSpacing(4);
        setPadding(new Insets(6, 10, 4, 10));
        theory.setId("beyond-theory");
        theory.getItems().setAll(THEORIES);
        flow.setId("beyond-flow");
        loss.setId("beyond-loss");
        loss.getItems().setAll(ChainSpec.LOSSES);
        loss.setValue("rkl");
        base.setId("beyond-base");
        base.getItems().setAll("hmc", "prior");
        base.setValue("hmc");
        base.setTooltip(new Tooltip(
                "hmc: start from HMC samples of the first target; prior: from the flow's prior, so log Z is absolute"));
        warmStart.setId("beyond-warmStart");
        warmStart.setSelected(true);
        warmStart.setTooltip(new Tooltip("start each stage's flow from the previous stage's parameters"));
        hmcBetween.setTooltip(
                new Tooltip("HMC (Metropolis for the mixtures) updates of every sample at each intermediate target:"
                        + " 0 is a plain chain of flows, more makes it a stochastic normalizing flow"));
        error.setId("beyond-error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        theoryFields.setAlignment(Pos.CENTER_LEFT);
        theory.valueProperty().addListener((o, was, now) -> theoryChanged(now));
        theory.setValue("phi4");
        FlowPane first = row(
                labelled("theory", theory),
                theoryFields,
                labelled("flow", flow),
                labelled("options", flowOptions),
                labelled("loss", loss));
        FlowPane second = row(
                labelled("steps / stage", stepsPerStage),
                labelled("HMC between", hmcBetween),
                labelled("start", base),
                warmStart,
                labelled("batch", batch),
                labelled("lr", lr),
                labelled("samples", samples),
                labelled("pool", pool),
                labelled("seed", seed));
        getChildren().addAll(first, second, error);
        error.managedProperty().bind(error.visibleProperty());
        error.setVisible(false);
    }

    private static FlowPane row(javafx.scene.Node... nodes) {
        FlowPane p = new FlowPane(12, 4, nodes);
        p.setAlignment(Pos.CENTER_LEFT);
        return p;
    }

    private static TextField field(String id, String text, double width) {
        TextField f = new TextField(text);
        f.setId("beyond-" + id);
        f.setPrefWidth(width);
        return f;
    }

    private static HBox labelled(String label, javafx.scene.Node node) {
        HBox b = new HBox(4, new Label(label), node);
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }

    private void theoryChanged(String id) {
        TheoryKind kind = Catalog.theory(id);
        Map<String, String> defaults = DEFAULTS.get(id);
        theoryValues.clear();
        theoryFields.getChildren().clear();
        for (ParamDef p : kind.params()) {
            TextField f =
                    field(p.key(), defaults.getOrDefault(p.key(), p.defaultValue()), "L".equals(p.key()) ? 40 : 90);
            f.setTooltip(new Tooltip(p.help()
                    + (ChainSpec.ANNEALABLE.get(id).contains(p.key()) ? " — write from:to:n to anneal it" : "")));
            theoryValues.put(p.key(), f);
            theoryFields.getChildren().add(labelled(p.label(), f));
        }
        List<String> flows =
                new ArrayList<>(Catalog.flowsFor(id).stream().map(Kind::id).collect(Collectors.toList()));
        flows.add(ChainSpec.NO_FLOW);
        flow.getItems().setAll(flows);
        flow.setValue(flows.get(0));
        flowOptions.setText("");
        flowOptions.setTooltip(
                new Tooltip("key=value pairs of the flow, e.g. layers=4 hidden=8; empty for the defaults"));
    }

    /**
     * Builds the chain from the fields.
     *
     * @return the spec
     * @throws IllegalArgumentException with a one-line message naming the field
     */
    ChainSpec spec() {
        String theoryId = theory.getValue();
        Schedule schedule = null;
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, TextField> e : theoryValues.entrySet()) {
            String text = e.getValue().getText().trim();
            if (Schedule.isSchedule(text)) {
                if (schedule != null) {
                    throw new IllegalArgumentException("only one coupling can be annealed: " + schedule.key() + " and "
                            + e.getKey() + " are both schedules");
                }
                schedule = Schedule.parse(e.getKey(), text);
            } else {
                values.put(e.getKey(), text);
            }
        }
        if (schedule == null) {
            throw new IllegalArgumentException("write the annealed coupling as a schedule, e.g. "
                    + ChainSpec.ANNEALABLE.get(theoryId).get(0) + " = 0:-0.5:6");
        }
        return ChainSpec.create(
                theoryId,
                values,
                schedule,
                flow.getValue(),
                flowValues(),
                loss.getValue(),
                ChainSpec.Base.parse(base.getValue()),
                integer("stepsPerStage", stepsPerStage),
                integer("batch", batch),
                real("lr", lr),
                integer("seed", seed),
                integer("hmcBetween", hmcBetween),
                warmStart.isSelected(),
                integer("samples", samples),
                integer("pool", pool),
                DeviceChoice.AUTO,
                Precision.FLOAT64);
    }

    private Map<String, String> flowValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String token : flowOptions.getText().trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("flow options: write key=value, got '" + token + "'");
            }
            out.put(token.substring(0, eq), token.substring(eq + 1));
        }
        return out;
    }

    private static int integer(String name, TextField f) {
        try {
            return Integer.parseInt(f.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " must be a whole number, got '" + f.getText().trim() + "'");
        }
    }

    private static double real(String name, TextField f) {
        try {
            return Double.parseDouble(f.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " must be a number, got '" + f.getText().trim() + "'");
        }
    }

    /**
     * Applies a link's parameters (the keys of this form, the theory's and the flow's
     * parameters); {@code run} and {@code start} are left to the caller.
     *
     * @param parameters decoded link parameters
     * @throws IllegalArgumentException naming an unknown key; nothing is changed then
     */
    void apply(Map<String, String> parameters) {
        String theoryId = parameters.getOrDefault("theory", theory.getValue());
        if (!THEORIES.contains(theoryId)) {
            throw new IllegalArgumentException(
                    "theory: chains anneal " + String.join(", ", THEORIES) + ", not '" + theoryId + "'");
        }
        TheoryKind kind = Catalog.theory(theoryId);
        String flowId = parameters.getOrDefault("flow", parameters.containsKey("theory") ? null : flow.getValue());
        FlowKind flowKind = flowId == null || ChainSpec.NO_FLOW.equals(flowId) ? null : Catalog.flow(flowId);
        Map<String, String> flowParams = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String key = e.getKey();
            boolean known = KEYS.contains(key)
                    || "run".equals(key)
                    || "start".equals(key)
                    || kind.params().stream().anyMatch(p -> p.key().equals(key));
            if (!known
                    && flowKind != null
                    && flowKind.params().stream().anyMatch(p -> p.key().equals(key))) {
                flowParams.put(key, e.getValue());
                known = true;
            }
            if (!known) {
                throw new IllegalArgumentException("unknown link parameter '" + key + "' for the Beyond one flow tab");
            }
        }
        if (flowKind != null && !flowKind.supports(theoryId)) {
            throw new IllegalArgumentException("flow: " + flowId + " cannot model " + theoryId);
        }
        check(parameters, "loss", ChainSpec.LOSSES);
        check(parameters, "base", List.of("hmc", "prior"));
        theory.setValue(theoryId);
        if (flowId != null) {
            flow.setValue(flowId);
        }
        for (ParamDef p : kind.params()) {
            if (parameters.containsKey(p.key())) {
                theoryValues.get(p.key()).setText(parameters.get(p.key()));
            }
        }
        flowOptions.setText(flowParams.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")));
        set(parameters, "loss", loss);
        set(parameters, "base", base);
        set(parameters, "stepsPerStage", stepsPerStage);
        set(parameters, "hmcBetween", hmcBetween);
        set(parameters, "batch", batch);
        set(parameters, "lr", lr);
        set(parameters, "seed", seed);
        set(parameters, "samples", samples);
        set(parameters, "pool", pool);
        if (parameters.containsKey("warmStart")) {
            warmStart.setSelected(Boolean.parseBoolean(parameters.get("warmStart")));
        }
    }

    private static void set(Map<String, String> parameters, String key, TextField field) {
        if (parameters.containsKey(key)) {
            field.setText(parameters.get(key));
        }
    }

    private static void set(Map<String, String> parameters, String key, ComboBox<String> box) {
        if (parameters.containsKey(key)) {
            box.setValue(parameters.get(key));
        }
    }

    private static void check(Map<String, String> parameters, String key, List<String> choices) {
        String v = parameters.get(key);
        if (v != null && !choices.contains(v)) {
            throw new IllegalArgumentException(
                    key + ": choose one of " + String.join(", ", choices) + ", not '" + v + "'");
        }
    }

    /**
     * Shows or hides a one-line problem under the form.
     *
     * @param message the message, or null to hide it
     */
    void showError(String message) {
        error.setText(message == null ? "" : message);
        error.setVisible(message != null);
    }
}
