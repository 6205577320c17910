package org.flowlab.model.anneal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.store.RunStore;

/**
 * A whole chain saved as one run directory: {@code chain.json} (the spec and every stage's
 * estimates, UTF-8 JSON, non-finite numbers as null) and {@code stage-NN.npz} (the parameters of
 * each stage's flow, NumPy archives readable from Python). The directory is written completely
 * under a temporary name next to the target and then renamed into place, so a reader sees the
 * old chain or the new one, never a part; a failed save leaves no trace and the old chain intact.
 */
public final class ChainStore {

    /** The description file. */
    public static final String CHAIN_FILE = "chain.json";
    /** Value of the "format" field. */
    public static final String FORMAT = "flowlab-chain";
    /** Version of the format. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A chain read from disk.
     *
     * @param directory where it lives
     * @param spec its spec
     * @param ess the ESS of each stage
     * @param parameters each flow's parameter archive
     */
    public record SavedChain(Path directory, ChainSpec spec, double[] ess, List<byte[]> parameters) {}

    private ChainStore() {}

    /**
     * The name of a stage's parameter archive.
     *
     * @param flow the flow's index from 1
     * @return e.g. {@code stage-01.npz}
     */
    public static String parameterFile(int flow) {
        return String.format(Locale.ROOT, "stage-%02d.npz", flow);
    }

    /**
     * Saves a chain atomically.
     *
     * @param directory the chain directory (replaced if it holds a chain; must not hold anything else)
     * @param result the chain
     * @throws IOException when writing fails (nothing is changed then)
     */
    public static void save(Path directory, ChainResult result) throws IOException {
        Path target = directory.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException("cannot save a chain to " + directory);
        }
        if (Files.exists(target) && !Files.exists(target.resolve(CHAIN_FILE)) && !isEmptyDirectory(target)) {
            throw new IOException(directory + " exists and is not a saved chain; choose another directory");
        }
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        try {
            for (int i = 0; i < result.parameters().size(); i++) {
                Files.write(
                        tmp.resolve(parameterFile(i + 1)), result.parameters().get(i));
            }
            Files.writeString(tmp.resolve(CHAIN_FILE), json(result), StandardCharsets.UTF_8);
            install(tmp, target);
        } finally {
            deleteTree(tmp);
        }
    }

    /** Renames the finished directory into place, moving an older chain aside for the moment. */
    private static void install(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            move(target, old);
        }
        try {
            move(tmp, target);
        } catch (IOException e) {
            if (old != null) {
                move(old, target);
            }
            throw e;
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String json(ChainResult result) throws JsonProcessingException {
        ChainSpec spec = result.spec();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("description", spec.describe());
        ObjectNode theory = root.putObject("theory");
        theory.put("id", spec.theory());
        spec.theorySettings().asMap().forEach(theory.putObject("settings")::put);
        ObjectNode schedule = root.putObject("schedule");
        schedule.put("key", spec.schedule().key());
        ArrayNode values = schedule.putArray("values");
        for (double v : spec.schedule().values()) {
            values.add(v);
        }
        ObjectNode flow = root.putObject("flow");
        flow.put("id", spec.flow());
        spec.flowSettings().asMap().forEach(flow.putObject("settings")::put);
        root.put("loss", spec.loss());
        root.put("base", spec.base().id());
        root.put("steps_per_stage", spec.stepsPerStage());
        root.put("batch", spec.batch());
        root.put("learning_rate", spec.learningRate());
        root.put("seed", spec.seed());
        root.put("hmc_between", spec.hmcBetween());
        root.put("warm_start", spec.warmStart());
        root.put("samples", spec.samples());
        root.put("pool", spec.pool());
        root.put("device", spec.device().toString());
        root.put("precision", spec.precision().name().toLowerCase(Locale.ROOT));
        ArrayNode stages = root.putArray("stages");
        for (StageResult s : result.stages()) {
            stages.add(stage(s));
        }
        ObjectNode versions = root.putObject("versions");
        RunStore.versions().forEach(versions::put);
        put(root, "wall_s", result.seconds());
        root.put("saved", Instant.now().toString());
        return JSON.writeValueAsString(root) + "\n";
    }

    private static ObjectNode stage(StageResult s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("stage", s.stage());
        put(n, s.key(), s.value());
        n.put("moved", s.moved());
        put(n, "ess", s.ess());
        put(n, "stage_ess", s.stageEss());
        n.set("log_z", estimate(s.logZ()));
        put(n, "log_z_exact", s.logZExact());
        n.set("log_z_over_base", estimate(s.logRatio()));
        n.set("delta_f", estimate(s.deltaF()));
        put(n, "delta_f_exact", s.deltaFExact());
        ObjectNode rw = n.putObject("reweighted");
        s.reweighted().forEach((k, v) -> rw.set(k, estimate(v)));
        ObjectNode raw = n.putObject("raw");
        s.raw().forEach((k, v) -> raw.set(k, estimate(v)));
        ObjectNode exact = n.putObject("exact");
        s.exact().forEach((k, v) -> put(exact, k, v));
        if (s.training() != null) {
            ObjectNode t = n.putObject("training");
            t.put("steps", s.training().steps());
            put(t, "final_loss", s.training().finalLoss());
            put(t, "train_ess", s.training().trainEss());
            t.put("parameters", s.training().parameters());
        }
        put(n, "move_accept", s.moveAccept());
        put(n, "wall_s", s.seconds());
        return n;
    }

    private static ObjectNode estimate(Estimate e) {
        ObjectNode n = JSON.createObjectNode();
        put(n, "mean", e.mean());
        put(n, "err", e.err());
        return n;
    }

    private static void put(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    /**
     * Reads a saved chain: its spec (checked), the ESS of every stage and the flows' parameters.
     *
     * @param directory the chain directory
     * @return the chain
     * @throws IOException with a one-line message when it is missing, damaged or foreign
     */
    public static SavedChain read(Path directory) throws IOException {
        Path file = directory.resolve(CHAIN_FILE);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IOException(directory + " is not a saved chain (no " + CHAIN_FILE + ")");
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is damaged: not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null
                || !FORMAT.equals(root.path("format").asText())
                || root.path("version").asInt(-1) != VERSION) {
            throw new IOException(file + " is not a FlowLab chain of format version " + VERSION);
        }
        ChainSpec spec;
        try {
            JsonNode schedule = root.path("schedule");
            double[] values = new double[schedule.path("values").size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = schedule.path("values").get(i).asDouble();
            }
            spec = ChainSpec.create(
                    root.path("theory").path("id").asText(),
                    settings(root.path("theory")),
                    new Schedule(schedule.path("key").asText(), values),
                    root.path("flow").path("id").asText(),
                    settings(root.path("flow")),
                    root.path("loss").asText(),
                    ChainSpec.Base.parse(root.path("base").asText()),
                    root.path("steps_per_stage").asInt(),
                    root.path("batch").asInt(),
                    root.path("learning_rate").asDouble(),
                    root.path("seed").asLong(),
                    root.path("hmc_between").asInt(),
                    root.path("warm_start").asBoolean(),
                    root.path("samples").asInt(),
                    root.path("pool").asInt(),
                    DeviceChoice.parse(root.path("device").asText("auto")),
                    Precision.parse(root.path("precision").asText("float32")));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged: " + e.getMessage());
        }
        JsonNode stages = root.path("stages");
        double[] ess = new double[stages.size()];
        for (int i = 0; i < ess.length; i++) {
            ess[i] = stages.get(i).path("ess").asDouble(Double.NaN);
        }
        List<byte[]> parameters = new ArrayList<>();
        int flows = spec.hasFlows() ? spec.moves() : 0;
        for (int i = 1; i <= flows; i++) {
            Path p = directory.resolve(parameterFile(i));
            try {
                parameters.add(Files.readAllBytes(p));
            } catch (NoSuchFileException e) {
                throw new IOException(directory + " is damaged: " + parameterFile(i) + " is missing");
            }
        }
        return new SavedChain(directory, spec, ess, parameters);
    }

    private static Map<String, String> settings(JsonNode part) {
        Map<String, String> out = new LinkedHashMap<>();
        part.path("settings")
                .fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
