package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.flowlab.model.io.Npy;
import org.flowlab.model.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Saved runs damaged in many ways: {@code sample} (and {@code train --resume}) exit with 1 and
 * one line that names the file (and the field), never a stack trace or a silent result.
 */
class DamagedRunsTest {

    private record Case(String label, Path run, String mention) {}

    private static final List<Case> CASES = new ArrayList<>();
    private static int counter;

    private static void json(String label, String mention, Consumer<ObjectNode> change) {
        CASES.add(new Case(label, SavedRuns.withJson("json-" + (++counter), change), mention));
    }

    private static void raw(String label, String mention, byte[] runJson) {
        CASES.add(new Case(label, SavedRuns.withRunFile("raw-" + (++counter), runJson), mention));
    }

    private static void files(String label, String mention, Consumer<Path> damage) {
        Path dir = SavedRuns.copy("files-" + (++counter));
        damage.accept(dir);
        CASES.add(new Case(label, dir, mention));
    }

    private static ObjectNode at(ObjectNode root, String section) {
        return (ObjectNode) root.get(section);
    }

    static synchronized Stream<Arguments> cases() throws IOException {
        if (CASES.isEmpty()) {
            build();
        }
        return CASES.stream().map(c -> Arguments.of(c.label(), c.run(), c.mention()));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void sampleRefusesADamagedRunWithOneLineNamingTheFile(String label, Path run, String mention) {
        CliRun r = CliRun.of("sample", "--run", run.toString(), "--n", "20", "--batch", "10");
        r.assertOneLineError(1, mention, label);
        assertTrue(r.err().contains(run.toString()), label + ": the message does not name the run: " + r.err());
    }

    @Test
    void resumeRefusesADamagedOptimiserButSampleDoesNotReadIt() throws IOException {
        // given: a run whose optimiser archive is damaged
        Path dir = SavedRuns.copy("damaged-optimizer");
        Path opt = SavedRuns.data(dir).resolve(RunStore.OPTIMIZER_FILE);
        Files.write(opt, new byte[] {1, 2, 3});
        // when / then: sampling needs the parameters only
        CliRun sample = CliRun.of("sample", "--run", dir.toString(), "--n", "20", "--batch", "10", "--json");
        assertEquals(0, sample.code(), sample.err());
        // and continuing needs the optimiser: one line naming the file
        CliRun resume = CliRun.of("train", "--resume", dir.toString(), "--steps", "1");
        resume.assertOneLineError(1, RunStore.OPTIMIZER_FILE, "train --resume with a damaged optimizer.npz");
    }

    @Test
    void nonFiniteParametersAreRefusedByEveryReader() throws IOException {
        Path dir = nanParameters("nan-params");
        for (String[] args : new String[][] {
            {"sample", "--run", dir.toString(), "--n", "20"},
            {"train", "--resume", dir.toString(), "--steps", "1"},
        }) {
            CliRun r = CliRun.of(args);
            r.assertOneLineError(1, "non-finite", String.join(" ", args));
        }
    }

    /** A copy of the valid run whose parameters are NaN, with checksums that match (as an old FlowLab wrote them). */
    static Path nanParameters(String name) throws IOException {
        Path dir = SavedRuns.copy(name);
        Path params = SavedRuns.data(dir).resolve(RunStore.PARAMS_FILE);
        Map<String, Npy.Array> arrays;
        try (InputStream in = Files.newInputStream(params)) {
            arrays = Npy.readNpz(in);
        }
        Map<String, Npy.Array> poisoned = new LinkedHashMap<>();
        arrays.forEach((k, a) -> {
            double[] v = new double[a.values().length];
            Arrays.fill(v, Double.NaN);
            poisoned.put(k, new Npy.Array(a.shape(), v));
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeNpz(out, poisoned);
        byte[] bytes = out.toByteArray();
        Files.write(params, bytes);
        String sha;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path file = dir.resolve(RunStore.RUN_FILE);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(text);
        ObjectNode entry = (ObjectNode) root.get("files").get(RunStore.PARAMS_FILE);
        entry.put("sha256", sha);
        entry.put("bytes", bytes.length);
        Files.writeString(file, Json.MAPPER.writeValueAsString(root), StandardCharsets.UTF_8);
        return dir;
    }

    private static void build() throws IOException {
        json("batch is text", "training.batch", r -> at(r, "training").put("batch", "abc"));
        json("batch is 0", "training.batch", r -> at(r, "training").put("batch", 0));
        json("batch is huge", "training.batch", r -> at(r, "training").put("batch", 10_000_000_000L));
        json("steps negative", "training.steps", r -> at(r, "training").put("steps", -5));
        json("steps fractional", "training.steps", r -> at(r, "training").put("steps", 2.5));
        json(
                "learning rate is text",
                "training.learning_rate",
                r -> at(r, "training").put("learning_rate", "x"));
        json(
                "learning rate too large",
                "training.learning_rate",
                r -> at(r, "training").put("learning_rate", 5));
        json("seed is text", "training.seed", r -> at(r, "training").put("seed", "s"));
        json(
                "unknown learning-rate schedule",
                "training.lr_schedule",
                r -> at(r, "training").put("lr_schedule", "warp"));
        json(
                "learning-rate schedule is a number",
                "training.lr_schedule",
                r -> at(r, "training").put("lr_schedule", 3));
        json("no training section", "\"training\"", r -> r.remove("training"));
        json("training is a list", "\"training\"", r -> r.putArray("training"));
        json("no theory section", "\"theory\"", r -> r.remove("theory"));
        json("unknown theory", "theory.id", r -> at(r, "theory").put("id", "su3"));
        json("theory id missing", "theory.id", r -> at(r, "theory").remove("id"));
        json(
                "L is text",
                "theory.settings.L",
                r -> ((ObjectNode) at(r, "theory").get("settings")).put("L", "abc"));
        json(
                "L too large",
                "theory.settings.L",
                r -> ((ObjectNode) at(r, "theory").get("settings")).put("L", "1000"));
        json("settings is a list", "theory.settings", r -> at(r, "theory").putArray("settings"));
        json(
                "unknown setting",
                "'extra' is not a parameter",
                r -> ((ObjectNode) at(r, "theory").get("settings")).put("extra", "1"));
        json("foreign flow", "flow.settings", r -> at(r, "flow").put("id", "gauge"));
        json(
                "setting is an object",
                "flow.settings.layers",
                r -> ((ObjectNode) at(r, "flow").get("settings")).putObject("layers"));
        json("unknown loss", "loss.id", r -> at(r, "loss").put("id", "nope"));
        json("no state section", "\"state\"", r -> r.remove("state"));
        json(
                "steps_done beyond the plan",
                "state.steps_done",
                r -> at(r, "state").put("steps_done", 5));
        json("steps_done disagrees with the metrics", "steps_done is 1", r -> {
            at(r, "state").put("steps_done", 1);
            at(r, "state").put("adam_updates", 1);
        });
        json("adam_updates overflow", "state.adam_updates", r -> at(r, "state").put("adam_updates", 2147483647));
        json("adam_updates negative", "state.adam_updates", r -> at(r, "state").put("adam_updates", -1));
        json("adam_updates not whole", "state.adam_updates", r -> at(r, "state").put("adam_updates", 1e300));
        json("parameter count wrong", "state.parameters", r -> at(r, "state").put("parameters", 5));
        json("future version", "version", r -> r.put("version", 99));
        json("version is text", "version", r -> r.put("version", "2"));
        json("foreign format", "not a FlowLab run file", r -> r.put("format", "other"));
        json("unknown device", "device", r -> r.put("device", "tpu"));
        json("unknown precision", "precision", r -> r.put("precision", "float16"));
        json("precision missing", "\"precision\"", r -> r.remove("precision"));
        json("generation escapes", "\"generation\"", r -> r.put("generation", "../etc"));
        json("generation missing on disk", "gen-999999", r -> r.put("generation", "gen-999999"));
        json(
                "bad checksum text",
                "files.params.npz.sha256",
                r -> ((ObjectNode) r.get("files").get("params.npz")).put("sha256", "zz"));
        json(
                "metrics checksum wrong",
                "metrics.csv",
                r -> ((ObjectNode) r.get("files").get("metrics.csv")).put("sha256", "0".repeat(64)));
        json(
                "optimizer entry missing",
                "files.optimizer.npz",
                r -> ((ObjectNode) r.get("files")).remove("optimizer.npz"));
        json(
                "bytes is text",
                "files.params.npz.bytes",
                r -> ((ObjectNode) r.get("files").get("params.npz")).put("bytes", "x"));
        json("history is text", "\"history\"", r -> r.put("history", "nope"));
        json(
                "history from the future",
                "history[0].from_step",
                r -> ((ObjectNode) r.get("history").get(0)).put("from_step", 99));
        json("versions is text", "\"versions\"", r -> r.put("versions", "x"));
        raw(
                "duplicate field",
                "duplicate",
                "{\"format\": \"flowlab-run\", \"format\": \"x\"}".getBytes(StandardCharsets.UTF_8));
        raw("not UTF-8", "UTF-8", new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'});
        raw("empty file", "not a FlowLab run file", new byte[0]);
        raw("a JSON list", "not a FlowLab run file", "[]".getBytes(StandardCharsets.UTF_8));
        raw(
                "truncated JSON",
                "not valid JSON",
                "{\"format\": \"flowlab-run\", \"vers".getBytes(StandardCharsets.UTF_8));
        raw("far too long", "far more than", new byte[17 << 20]);
        files("run.json is a directory", "is a directory", dir -> {
            try {
                Files.delete(dir.resolve(RunStore.RUN_FILE));
                Files.createDirectory(dir.resolve(RunStore.RUN_FILE));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        files("metrics damaged", "metrics.csv", dir -> flip(SavedRuns.data(dir).resolve(RunStore.METRICS_FILE)));
        files(
                "metrics missing",
                "metrics.csv is missing",
                dir -> remove(SavedRuns.data(dir).resolve(RunStore.METRICS_FILE)));
        files("params damaged", "params.npz", dir -> flip(SavedRuns.data(dir).resolve(RunStore.PARAMS_FILE)));
        files(
                "params missing",
                "params.npz is missing",
                dir -> remove(SavedRuns.data(dir).resolve(RunStore.PARAMS_FILE)));
        files(
                "params truncated",
                "params.npz",
                dir -> truncate(SavedRuns.data(dir).resolve(RunStore.PARAMS_FILE)));
        files("generation removed", "which is missing", dir -> {
            Path data = SavedRuns.data(dir);
            remove(data.resolve(RunStore.PARAMS_FILE));
            remove(data.resolve(RunStore.OPTIMIZER_FILE));
            remove(data.resolve(RunStore.METRICS_FILE));
            remove(data);
        });
        CASES.add(new Case("non-finite parameters", nanParameters("nan-" + (++counter)), "non-finite"));
    }

    private static void flip(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            b[b.length / 2] ^= 0x55;
            Files.write(file, b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void truncate(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(b, b.length / 2));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void remove(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
