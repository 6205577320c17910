package org.flowlab.model.store;

import org.flowlab.model.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.TrainingConfig;
import org.flowlab.model.train.TrainingStep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Run directories: {@code run.json} (the full run spec, state and versions, as UTF-8 JSON),
 * {@code params.npz} (parameters by name), {@code optimizer.npz} (Adam's moments) and
 * {@code metrics.csv} (one line per step). Every file is written atomically, and run.json is
 * written last so that a directory is a complete run whenever run.json describes it; a failed
 * save leaves the previous save intact. Reading checks everything and reports a damaged or
 * foreign file with a one-line message.
 */
public final class RunStore {

    /** The run description file. */
    public static final String RUN_FILE = "run.json";
    /** The parameter archive. */
    public static final String PARAMS_FILE = "params.npz";
    /** The optimiser archive. */
    public static final String OPTIMIZER_FILE = "optimizer.npz";
    /** The metrics table. */
    public static final String METRICS_FILE = "metrics.csv";
    /** Value of the "format" field of run.json. */
    public static final String FORMAT = "flowlab-run";
    /** Version of the run format. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String CSV_HEADER = "step,loss,ess,accept,grad_norm,ms_per_step,skipped";

    /**
     * A run read from disk.
     *
     * @param directory where it lives
     * @param spec its spec
     * @param stepsDone completed steps
     * @param adamUpdates Adam's update count
     * @param history metrics of every step
     * @param versions software versions that wrote it
     */
    public record SavedRun(
            Path directory, RunSpec spec, int stepsDone, int adamUpdates, List<TrainingStep> history, Map<String, String> versions) {}

    private RunStore() {}

    /**
     * Saves a run: parameters, optimiser, metrics, then run.json.
     *
     * @param directory the run directory (created if needed)
     * @param experiment the run
     * @throws IOException when a write fails (earlier saves stay intact)
     */
    public static void save(Path directory, Experiment experiment) throws IOException {
        Files.createDirectories(directory);
        AtomicFiles.write(directory.resolve(PARAMS_FILE), out -> experiment.flow().parameters().save(out));
        AtomicFiles.write(directory.resolve(OPTIMIZER_FILE), out -> experiment.trainer().optimizer().saveState(out));
        AtomicFiles.writeString(directory.resolve(METRICS_FILE), csv(experiment.trainer().history()));
        AtomicFiles.writeString(directory.resolve(RUN_FILE), runJson(experiment));
    }

    static String runJson(Experiment e) throws JsonProcessingException {
        RunSpec spec = e.spec();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("description", spec.describe());
        root.set("theory", part(spec.theory(), spec.theorySettings().asMap()));
        root.set("flow", part(spec.flow(), spec.flowSettings().asMap()));
        root.set("loss", part(spec.loss(), spec.lossSettings().asMap()));
        ObjectNode training = root.putObject("training");
        training.put("steps", spec.training().steps());
        training.put("batch", spec.training().batch());
        training.put("learning_rate", spec.training().learningRate());
        training.put("seed", spec.training().seed());
        root.put("device", spec.device().toString());
        root.put("precision", spec.precision().name().toLowerCase(Locale.ROOT));
        ObjectNode state = root.putObject("state");
        state.put("steps_done", e.trainer().stepsDone());
        state.put("adam_updates", e.trainer().optimizer().updates());
        state.put("parameters", e.flow().parameters().count());
        ObjectNode versions = root.putObject("versions");
        versions().forEach(versions::put);
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
     * Versions of FlowLab, DJL, PyTorch and Java.
     *
     * @return name to version
     */
    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        String flowlab = RunStore.class.getPackage().getImplementationVersion();
        v.put("flowlab", flowlab == null ? "development" : flowlab);
        v.put("djl", ai.djl.engine.Engine.getDjlVersion());
        try {
            v.put("pytorch", Compute.engine().getVersion());
        } catch (RuntimeException ex) {
            v.put("pytorch", "unavailable");
        }
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    /**
     * Writes metrics as CSV (the format of metrics.csv), atomically.
     *
     * @param file the file
     * @param history the steps
     * @throws IOException when writing fails
     */
    public static void writeMetrics(Path file, List<TrainingStep> history) throws IOException {
        AtomicFiles.writeString(file, csv(history));
    }

    static String csv(List<TrainingStep> history) {
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (TrainingStep s : history) {
            b.append(s.step()).append(',').append(num(s.loss())).append(',').append(num(s.ess())).append(',')
                    .append(num(s.acceptRate())).append(',').append(num(s.gradNorm())).append(',')
                    .append(num(s.msPerStep())).append(',').append(s.skipped() ? 1 : 0).append('\n');
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "nan" : Double.toString(v);
    }

    /**
     * Reads and checks a run directory (without building the flow).
     *
     * @param directory the run directory
     * @return the saved run
     * @throws IOException with a one-line message when it is missing, damaged or foreign
     */
    public static SavedRun read(Path directory) throws IOException {
        Path runFile = directory.resolve(RUN_FILE);
        String text;
        try {
            text = Files.readString(runFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(directory + " is not a FlowLab run directory (no " + RUN_FILE + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException(runFile + " is damaged: not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(runFile + " is not a FlowLab run file (its \"format\" is not \"" + FORMAT + "\")");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IOException(runFile + " has run format version " + version + "; this FlowLab reads version " + VERSION);
        }
        RunSpec spec;
        try {
            JsonNode t = root.path("training");
            TrainingConfig training = new TrainingConfig(
                    required(t, "steps").asInt(), required(t, "batch").asInt(),
                    required(t, "learning_rate").asDouble(), required(t, "seed").asLong());
            spec = RunSpec.create(
                    required(root.path("theory"), "id").asText(), settings(root.path("theory")),
                    required(root.path("flow"), "id").asText(), settings(root.path("flow")),
                    required(root.path("loss"), "id").asText(), settings(root.path("loss")),
                    training,
                    DeviceChoice.parse(root.path("device").asText("auto")),
                    Precision.parse(root.path("precision").asText("float32")));
        } catch (IllegalArgumentException e) {
            throw new IOException(runFile + " is damaged: " + e.getMessage());
        }
        JsonNode state = root.path("state");
        int steps = state.path("steps_done").asInt(-1);
        int updates = state.path("adam_updates").asInt(-1);
        if (steps < 0 || updates < 0) {
            throw new IOException(runFile + " is damaged: the \"state\" section is missing or incomplete");
        }
        List<TrainingStep> history = readCsv(directory.resolve(METRICS_FILE));
        Map<String, String> versions = new LinkedHashMap<>();
        root.path("versions").fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asText()));
        return new SavedRun(directory, spec, steps, updates, history, versions);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("the field \"" + field + "\" is missing");
        }
        return v;
    }

    private static Map<String, String> settings(JsonNode part) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode s = part.path("settings");
        Iterator<Map.Entry<String, JsonNode>> it = s.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    static List<TrainingStep> readCsv(Path file) throws IOException {
        List<TrainingStep> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.trim().equals(CSV_HEADER)) {
                throw new IOException(file + " is damaged: unexpected header");
            }
            String line;
            int row = 1;
            while ((line = r.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 7) {
                    throw new IOException(file + " is damaged at line " + row);
                }
                try {
                    out.add(new TrainingStep(Integer.parseInt(f[0]), parse(f[1]), parse(f[2]),
                            parse(f[3]), parse(f[4]), parse(f[5]), Double.NaN, "1".equals(f[6])));
                } catch (NumberFormatException e) {
                    throw new IOException(file + " is damaged at line " + row + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    private static double parse(String text) {
        return "nan".equalsIgnoreCase(text.trim()) ? Double.NaN : Double.parseDouble(text);
    }

    /**
     * Opens a saved run: builds the flow and trainer from its spec and restores parameters,
     * optimiser state, step count and metrics, ready to continue or to sample.
     *
     * @param saved a run from {@link #read}
     * @param spec the spec to build, normally {@code saved.spec()} with the device and number of
     *     steps the user wants now (theory, flow and loss must be the saved ones)
     * @return the experiment
     * @throws IOException when parameter or optimiser files are missing or damaged
     */
    public static Experiment open(SavedRun saved, RunSpec spec) throws IOException {
        if (!spec.theory().equals(saved.spec().theory()) || !spec.theorySettings().equals(saved.spec().theorySettings())
                || !spec.flow().equals(saved.spec().flow()) || !spec.flowSettings().equals(saved.spec().flowSettings())) {
            throw new IllegalArgumentException("a saved run continues with its own theory and flow");
        }
        Experiment e = spec.open();
        try {
            try (InputStream in = Files.newInputStream(saved.directory().resolve(PARAMS_FILE))) {
                e.flow().parameters().load(in);
            } catch (NoSuchFileException ex) {
                throw new IOException(saved.directory() + " has no " + PARAMS_FILE);
            }
            Path opt = saved.directory().resolve(OPTIMIZER_FILE);
            if (Files.exists(opt)) {
                try (InputStream in = Files.newInputStream(opt)) {
                    e.trainer().optimizer().loadState(in);
                }
            }
            e.trainer().restore(saved.history(), saved.stepsDone(), saved.adamUpdates());
            return e;
        } catch (IOException | RuntimeException ex) {
            e.close();
            if (ex instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot restore the run in " + saved.directory() + ": " + ex.getMessage(), ex);
        }
    }
}
