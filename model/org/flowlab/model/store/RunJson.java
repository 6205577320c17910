package org.flowlab.model.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.Catalog;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.Kind;
import org.flowlab.model.spec.ParamDef;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.spec.TrainingParams;
import org.flowlab.model.train.LearningRateSchedule;
import org.flowlab.model.train.TrainingConfig;

/**
 * The schema of {@code run.json}, written and read strictly: every field has a type and a
 * range, and a reading error names the field ({@code training.batch}, {@code state.steps_done}).
 * Version 2 adds the committed generation with the SHA-256 and size of each data file and the
 * history of training settings; version 1 (flat files, no checksums) is still read.
 */
final class RunJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A field of run.json that does not fit the schema. */
    static final class SchemaException extends Exception {
        private static final long serialVersionUID = 1L;

        SchemaException(String message) {
            super(message);
        }
    }

    /**
     * What run.json says.
     *
     * @param version 1 or 2
     * @param spec the run spec
     * @param stepsDone completed steps
     * @param adamUpdates Adam's update count
     * @param parameters the number of trainable parameters
     * @param history training settings over time
     * @param versions software versions
     * @param generation the committed generation (null for version 1)
     * @param files data file checksums (empty for version 1)
     */
    record Manifest(
            int version,
            RunSpec spec,
            int stepsDone,
            long adamUpdates,
            long parameters,
            List<RunStore.Change> history,
            Map<String, String> versions,
            String generation,
            Map<String, RunStore.FileCheck> files) {}

    private RunJson() {}

    static String write(
            Experiment e,
            List<RunStore.Change> history,
            String generation,
            Map<String, RunStore.FileCheck> files,
            Map<String, String> versions)
            throws JsonProcessingException {
        RunSpec spec = e.spec();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", RunStore.FORMAT);
        root.put("version", RunStore.VERSION);
        root.put("description", spec.describe());
        root.set("theory", part(spec.theory(), spec.theorySettings().asMap()));
        root.set("flow", part(spec.flow(), spec.flowSettings().asMap()));
        root.set("loss", part(spec.loss(), spec.lossSettings().asMap()));
        ObjectNode training = root.putObject("training");
        training.put("steps", spec.training().steps());
        training.put("batch", spec.training().batch());
        training.put("learning_rate", spec.training().learningRate());
        training.put("seed", spec.training().seed());
        training.put("lr_schedule", spec.training().schedule().id());
        root.put("device", spec.device().toString());
        root.put("precision", spec.precision().toString());
        ObjectNode state = root.putObject("state");
        state.put("steps_done", e.trainer().stepsDone());
        state.put("adam_updates", e.trainer().optimizer().updates());
        state.put("parameters", e.flow().parameters().count());
        ArrayNode h = root.putArray("history");
        for (RunStore.Change c : history) {
            ObjectNode n = h.addObject();
            n.put("from_step", c.fromStep());
            c.settings().forEach(n::put);
            n.put("at", c.at());
        }
        root.put("generation", generation);
        ObjectNode f = root.putObject("files");
        files.forEach((name, check) -> {
            ObjectNode n = f.putObject(name);
            n.put("sha256", check.sha256());
            n.put("bytes", check.bytes());
        });
        ObjectNode v = root.putObject("versions");
        versions.forEach(v::put);
        root.put("saved", Instant.now().toString());
        return JSON.writeValueAsString(root) + "\n";
    }

    private static ObjectNode part(String id, Map<String, String> settings) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        ObjectNode s = n.putObject("settings");
        settings.forEach(s::put);
        return n;
    }

    /**
     * Reads run.json.
     *
     * @param bytes its content
     * @return the manifest
     * @throws SchemaException naming the first field that does not fit
     */
    static Manifest read(byte[] bytes) throws SchemaException {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SchemaException("it is not UTF-8 text");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SchemaException("not valid JSON (" + oneLine(e.getOriginalMessage()) + ")");
        }
        if (root == null
                || !root.isObject()
                || !RunStore.FORMAT.equals(root.path("format").asText(null))) {
            throw new SchemaException("not a FlowLab run file (its \"format\" is not \"" + RunStore.FORMAT + "\")");
        }
        long version = integer(root, "version", 1, Integer.MAX_VALUE);
        if (version != 1 && version != RunStore.VERSION) {
            throw new SchemaException(
                    "run format version " + version + "; this FlowLab reads versions 1 and " + RunStore.VERSION);
        }
        String theory = kindId(root, "theory");
        Map<String, String> theorySettings = settings(root, "theory", Catalog.theory(theory));
        String flow = kindId(root, "flow");
        Map<String, String> flowSettings = settings(root, "flow", Catalog.flow(flow));
        String loss = kindId(root, "loss");
        Map<String, String> lossSettings = settings(root, "loss", Catalog.loss(loss));
        JsonNode t = object(root, "training");
        int steps = (int) trainingValue(t, "steps", "steps");
        int batch = (int) trainingValue(t, "batch", "batch");
        double lr = number(t, "training.learning_rate");
        checkDef("training.learning_rate", "lr", Double.toString(lr));
        long seed = integer(t, "training.seed", Long.MIN_VALUE, Long.MAX_VALUE);
        LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;
        if (t.has("lr_schedule")) {
            // runs saved before schedules existed have none: their rate was constant
            String name = text(t, "lr_schedule", "training.lr_schedule");
            checkDef("training.lr_schedule", "schedule", name);
            schedule = LearningRateSchedule.parse(name);
        }
        DeviceChoice device;
        Precision precision;
        try {
            device = DeviceChoice.parse(text(root, "device"));
            precision = Precision.parse(text(root, "precision"));
        } catch (IllegalArgumentException e) {
            throw new SchemaException(e.getMessage());
        }
        RunSpec spec;
        try {
            spec = RunSpec.create(
                    theory,
                    theorySettings,
                    flow,
                    flowSettings,
                    loss,
                    lossSettings,
                    new TrainingConfig(steps, batch, lr, seed, schedule),
                    device,
                    precision);
        } catch (IllegalArgumentException e) {
            throw new SchemaException(e.getMessage());
        }
        JsonNode state = object(root, "state");
        int stepsDone = (int) integer(state, "state.steps_done", 0, steps);
        long updates = integer(state, "state.adam_updates", 0, stepsDone);
        long parameters = state.has("parameters") ? integer(state, "state.parameters", 0, Long.MAX_VALUE) : -1;
        Map<String, String> versions = new LinkedHashMap<>();
        if (root.has("versions")) {
            scalars(object(root, "versions"), "versions", versions);
        }
        if (version == 1) {
            return new Manifest(1, spec, stepsDone, updates, parameters, List.of(), versions, null, Map.of());
        }
        List<RunStore.Change> history = history(root, stepsDone);
        String generation = text(root, "generation");
        if (!RunFiles.GENERATION.matcher(generation).matches()) {
            throw new SchemaException(
                    "\"generation\" must name a directory gen-NNNNNN, got \"" + oneLine(generation) + "\"");
        }
        JsonNode f = object(root, "files");
        Map<String, RunStore.FileCheck> files = new LinkedHashMap<>();
        for (String name : List.of(RunStore.PARAMS_FILE, RunStore.OPTIMIZER_FILE, RunStore.METRICS_FILE)) {
            String where = "files." + name;
            JsonNode n = f.get(name);
            if (n == null || !n.isObject()) {
                throw new SchemaException("the entry " + where + " is missing");
            }
            String sha = text(n, "sha256", where + ".sha256");
            if (!SHA256.matcher(sha).matches()) {
                throw new SchemaException(where + ".sha256 must be 64 hexadecimal digits");
            }
            files.put(name, new RunStore.FileCheck(sha, integer(n, where + ".bytes", 0, Long.MAX_VALUE)));
        }
        return new Manifest(2, spec, stepsDone, updates, parameters, history, versions, generation, files);
    }

    private static List<RunStore.Change> history(JsonNode root, int stepsDone) throws SchemaException {
        JsonNode h = root.get("history");
        if (h == null || !h.isArray()) {
            throw new SchemaException("the field \"history\" is missing or not a list");
        }
        List<RunStore.Change> out = new ArrayList<>();
        long previous = -1;
        for (int i = 0; i < h.size(); i++) {
            String where = "history[" + i + "]";
            JsonNode n = h.get(i);
            if (!n.isObject()) {
                throw new SchemaException(where + " must be an object");
            }
            long from = integer(n, where + ".from_step", 0, stepsDone);
            if (from < previous) {
                throw new SchemaException(where + ".from_step goes back from " + previous + " to " + from);
            }
            previous = from;
            Map<String, String> settings = new LinkedHashMap<>();
            scalars(n, where, settings);
            settings.remove("from_step");
            String at = settings.remove("at");
            out.add(new RunStore.Change((int) from, settings, at == null ? "" : at));
        }
        return out;
    }

    private static long trainingValue(JsonNode t, String field, String key) throws SchemaException {
        String where = "training." + field;
        long v = integer(t, where, Long.MIN_VALUE, Long.MAX_VALUE);
        checkDef(where, key, Long.toString(v));
        return v;
    }

    private static void checkDef(String where, String key, String value) throws SchemaException {
        for (ParamDef d : TrainingParams.params()) {
            if (d.key().equals(key)) {
                try {
                    d.canonical(value);
                } catch (IllegalArgumentException e) {
                    throw new SchemaException(where + ": " + e.getMessage());
                }
            }
        }
    }

    private static String kindId(JsonNode root, String section) throws SchemaException {
        JsonNode part = object(root, section);
        String id = text(part, "id", section + ".id");
        try {
            switch (section) {
                case "theory":
                    return Catalog.theory(id).id();
                case "flow":
                    return Catalog.flow(id).id();
                default:
                    return Catalog.loss(id).id();
            }
        } catch (IllegalArgumentException e) {
            throw new SchemaException(section + ".id: " + e.getMessage());
        }
    }

    private static Map<String, String> settings(JsonNode root, String section, Kind kind) throws SchemaException {
        JsonNode s = object(root.get(section), "settings", section + ".settings");
        Map<String, String> out = new LinkedHashMap<>();
        scalars(s, section + ".settings", out);
        try {
            kind.settings(out);
        } catch (org.flowlab.model.spec.ParamException e) {
            throw new SchemaException(section + ".settings." + e.key() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new SchemaException(section + ".settings: " + e.getMessage());
        }
        return out;
    }

    private static void scalars(JsonNode object, String where, Map<String, String> out) throws SchemaException {
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) {
                throw new SchemaException(where + "." + e.getKey() + " must be a single value");
            }
            out.put(e.getKey(), v.asText());
        }
    }

    private static JsonNode object(JsonNode parent, String field) throws SchemaException {
        return object(parent, field, field);
    }

    private static JsonNode object(JsonNode parent, String field, String where) throws SchemaException {
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || v.isNull()) {
            throw new SchemaException("the section \"" + where + "\" is missing");
        }
        if (!v.isObject()) {
            throw new SchemaException("\"" + where + "\" must be an object");
        }
        return v;
    }

    private static String text(JsonNode parent, String field) throws SchemaException {
        return text(parent, field, field);
    }

    private static String text(JsonNode parent, String field, String where) throws SchemaException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            throw new SchemaException("the field \"" + where + "\" is missing");
        }
        if (!v.isTextual()) {
            throw new SchemaException(where + " must be text, got " + oneLine(v.toString()));
        }
        return v.asText();
    }

    private static long integer(JsonNode parent, String where, long min, long max) throws SchemaException {
        String field = where.substring(where.lastIndexOf('.') + 1);
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            throw new SchemaException("the field \"" + where + "\" is missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new SchemaException(where + " must be a whole number, got " + oneLine(v.toString()));
        }
        long x = v.asLong();
        if (x < min || x > max) {
            throw new SchemaException(
                    String.format(Locale.ROOT, "%s must be between %d and %d, got %d", where, min, max, x));
        }
        return x;
    }

    private static double number(JsonNode parent, String where) throws SchemaException {
        String field = where.substring(where.lastIndexOf('.') + 1);
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            throw new SchemaException("the field \"" + where + "\" is missing");
        }
        if (!v.isNumber()) {
            throw new SchemaException(where + " must be a number, got " + oneLine(v.toString()));
        }
        double x = v.asDouble();
        if (!Double.isFinite(x)) {
            throw new SchemaException(where + " must be a finite number");
        }
        return x;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 120 ? t.substring(0, 117) + "..." : t;
    }
}
