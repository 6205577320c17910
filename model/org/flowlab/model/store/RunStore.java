package org.flowlab.model.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.io.AtomicFiles;
import org.flowlab.model.io.Npy;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.TrainingStep;

/**
 * Run directories. A run directory holds {@code run.json} (the spec, the state, the history of
 * training settings, versions, and the name and checksums of the committed generation) and
 * that generation's directory {@code gen-NNNNNN/} with {@code params.npz} (parameters by name),
 * {@code optimizer.npz} (Adam's moments) and {@code metrics.csv} (one line per step).
 *
 * <p>Saving is atomic for the whole run ({@link RunFiles}): a kill at any moment leaves the
 * previous save or the new one, never a mix, and never non-finite parameters. Reading is strict
 * ({@link RunJson}): every field is typed and range-checked, every data file is checked against
 * its SHA-256 before it is parsed, and every error names the file (and the field). Version 1
 * directories (flat files, no checksums) are still read; the next save turns them into version 2.
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
    /** Version of the run format written. */
    public static final int VERSION = 2;

    private static final long MAX_RUN_JSON_BYTES = 16L << 20;
    private static final long MAX_METRICS_BYTES = 2L << 30;

    /**
     * The recorded SHA-256 checksum and size of a data file.
     *
     * @param sha256 lower-case hexadecimal digest
     * @param bytes file size
     */
    public record FileCheck(String sha256, long bytes) {}

    /**
     * One entry of a run's history of training settings: the settings used from a step on.
     *
     * @param fromStep the first step trained with them is fromStep + 1
     * @param settings batch, learning_rate, seed, precision and device, as text
     * @param at when they were first saved (ISO-8601)
     */
    public record Change(int fromStep, Map<String, String> settings, String at) {}

    /**
     * A run read from disk.
     *
     * @param directory where it lives
     * @param spec its spec
     * @param stepsDone completed steps
     * @param adamUpdates Adam's update count
     * @param history metrics of every step
     * @param versions software versions that wrote it
     * @param changes the history of training settings (empty for version 1 runs)
     * @param dataDirectory the directory of the data files (the committed generation)
     * @param files recorded checksums of the data files (empty for version 1 runs)
     * @param parameters the parameter count recorded, or -1
     */
    public record SavedRun(
            Path directory,
            RunSpec spec,
            int stepsDone,
            long adamUpdates,
            List<TrainingStep> history,
            Map<String, String> versions,
            List<Change> changes,
            Path dataDirectory,
            Map<String, FileCheck> files,
            long parameters) {}

    private RunStore() {}

    /**
     * Saves a run: the data files into a new generation, then run.json as the commit.
     *
     * @param directory the run directory (created if needed)
     * @param experiment the run
     * @throws IOException when a write fails (the previous save stays intact), naming the path
     * @throws IllegalStateException when the parameters are not finite (nothing is written)
     */
    public static synchronized void save(Path directory, Experiment experiment) throws IOException {
        FiniteCheck.parameters(experiment.flow().parameters(), "the parameters of this run");
        String metrics = MetricsCsv.write(experiment.trainer().history());
        List<Change> history = SettingsHistory.of(experiment);
        try {
            Files.createDirectories(directory);
            RunFiles.clean(directory, null);
            RunFiles.Generation g = RunFiles.newGeneration(directory);
            Map<String, FileCheck> files = new LinkedHashMap<>();
            files.put(
                    PARAMS_FILE,
                    g.write(PARAMS_FILE, out -> experiment.flow().parameters().save(out)));
            files.put(
                    OPTIMIZER_FILE,
                    g.write(
                            OPTIMIZER_FILE,
                            out -> experiment.trainer().optimizer().saveState(out)));
            files.put(METRICS_FILE, g.write(METRICS_FILE, out -> out.write(metrics.getBytes(StandardCharsets.UTF_8))));
            g.sync();
            RunFiles.commit(directory, RunJson.write(experiment, history, g.name(), files, versions()));
            RunFiles.clean(directory, g.name());
        } catch (FileSystemException e) {
            throw new IOException("cannot save the run to " + directory + ": " + reason(e), e);
        }
    }

    /**
     * Checks, before any training, that a run can be saved to a directory: the path is not
     * empty, not a file, not too long, and its directory can be created and written. An
     * existing non-empty directory must hold a FlowLab run (which a save replaces). Nothing is
     * left behind by the check.
     *
     * @param directory the intended run directory
     * @param option how the user gave it, for messages (e.g. {@code --out})
     * @throws IllegalArgumentException when the path cannot be a run directory
     * @throws IOException when it cannot be created or written
     */
    public static void checkTarget(Path directory, String option) throws IOException {
        String text = directory.toString();
        if (text.isBlank()) {
            throw new IllegalArgumentException(option + " needs a directory name, got an empty one");
        }
        String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        if (text.length() > 4000) {
            throw new IllegalArgumentException(
                    option + " " + shown + ": the path is too long (" + text.length() + " characters)");
        }
        for (Path part : directory) {
            if (part.toString().getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException(
                        option + " " + shown + ": a name in the path is longer than 255 bytes");
            }
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException(option + " " + shown + " is a file, not a directory");
        }
        Path absolute = directory.toAbsolutePath().normalize();
        if (absolute.startsWith("/proc") || absolute.startsWith("/sys") || absolute.startsWith("/dev")) {
            throw new IllegalArgumentException(
                    option + " " + shown + " is inside a system directory (/proc, /sys, /dev)");
        }
        if (Files.isDirectory(directory) && !Files.exists(directory.resolve(RUN_FILE))) {
            try (var entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(option + " " + shown
                            + " is a directory with other files and no FlowLab run; choose a new or empty directory");
                }
            }
        }
        Path created = null;
        try {
            Path missing = absolute;
            while (missing.getParent() != null && !Files.exists(missing.getParent())) {
                missing = missing.getParent();
            }
            if (!Files.exists(absolute)) {
                created = missing;
                Files.createDirectories(absolute);
            }
            Path probe = Files.createTempFile(absolute, ".write-check.", ".tmp");
            Files.delete(probe);
        } catch (FileSystemException e) {
            throw new IOException("cannot write the run to " + option + " " + shown + ": " + reason(e), e);
        } finally {
            if (created != null) {
                removeEmpty(absolute, created);
            }
        }
    }

    private static void removeEmpty(Path from, Path upTo) {
        for (Path p = from; p != null && p.startsWith(upTo); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String reason(FileSystemException e) {
        String r = e.getReason();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof NoSuchFileException) {
            return "a parent directory does not exist";
        }
        return r == null ? e.getClass().getSimpleName() : r.toLowerCase(Locale.ROOT);
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
        AtomicFiles.writeString(file, MetricsCsv.write(history));
    }

    /**
     * Reads and checks a run directory (without building the flow): run.json against its schema
     * and the metrics against their checksum and the step count. The parameter and optimiser
     * archives are checked when {@link #open} or {@link #openParameters} reads them.
     *
     * @param directory the run directory
     * @return the saved run
     * @throws IOException with a one-line message naming the file (and field) when it is
     *     missing, damaged or foreign
     */
    public static SavedRun read(Path directory) throws IOException {
        Path runFile = directory.resolve(RUN_FILE);
        if (Files.isRegularFile(directory)) {
            throw new IOException(directory + " is a file, not a FlowLab run directory");
        }
        if (!Files.exists(runFile)) {
            throw new IOException(directory + " is not a FlowLab run directory (no " + RUN_FILE + ")");
        }
        byte[] bytes = readSmall(runFile, MAX_RUN_JSON_BYTES);
        RunJson.Manifest m;
        try {
            m = RunJson.read(bytes);
        } catch (RunJson.SchemaException e) {
            throw new IOException(runFile + " is damaged: " + e.getMessage());
        }
        Path data = m.generation() == null ? directory : directory.resolve(m.generation());
        if (m.generation() != null && !Files.isDirectory(data)) {
            throw new IOException(runFile + " names the generation " + m.generation() + ", which is missing");
        }
        Path metricsFile = data.resolve(METRICS_FILE);
        List<TrainingStep> history;
        if (m.version() == 1 && !Files.exists(metricsFile)) {
            history = List.of();
        } else {
            byte[] csv = RunFiles.readChecked(metricsFile, m.files().get(METRICS_FILE), MAX_METRICS_BYTES);
            history = MetricsCsv.read(decode(csv, metricsFile), metricsFile.toString());
        }
        if (!history.isEmpty() && history.size() != m.stepsDone()) {
            throw new IOException(runFile + " is damaged: state.steps_done is " + m.stepsDone() + " but " + metricsFile
                    + " has " + history.size() + " steps");
        }
        if (history.isEmpty() && m.stepsDone() > 0 && m.version() > 1) {
            throw new IOException(runFile + " is damaged: state.steps_done is " + m.stepsDone() + " but " + metricsFile
                    + " has no steps");
        }
        return new SavedRun(
                directory,
                m.spec(),
                m.stepsDone(),
                m.adamUpdates(),
                List.copyOf(history),
                m.versions(),
                List.copyOf(m.history()),
                data,
                m.files(),
                m.parameters());
    }

    private static byte[] readSmall(Path file, long max) throws IOException {
        try {
            if (Files.isDirectory(file)) {
                throw new IOException(file + " is a directory, not a file");
            }
            long size = Files.size(file);
            if (size > max) {
                throw new IOException(file + " is damaged: " + size + " bytes is far more than a run file holds");
            }
            return Files.readAllBytes(file);
        } catch (FileSystemException e) {
            throw new IOException("cannot read " + file + ": " + reason(e), e);
        }
    }

    private static String decode(byte[] bytes, Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + " is damaged: it is not UTF-8 text");
        }
    }

    /**
     * Opens a saved run to continue training: builds the flow and trainer from its spec and
     * restores parameters, optimiser state, step count and metrics. Settings of {@code spec}
     * that differ from the saved ones (batch, learning rate, seed, precision, device) are
     * recorded in the run's history at its next save.
     *
     * @param saved a run from {@link #read}
     * @param spec the spec to build, normally {@code saved.spec()} with the device and number of
     *     steps the user wants now (theory, flow and loss must be the saved ones)
     * @return the experiment
     * @throws IOException when parameter or optimiser files are missing, damaged or not finite
     */
    public static Experiment open(SavedRun saved, RunSpec spec) throws IOException {
        return open(saved, spec, true);
    }

    /**
     * Opens a saved run to sample from it: like {@link #open} but reads only the parameters
     * (the optimiser state is neither needed nor read).
     *
     * @param saved a run from {@link #read}
     * @param spec the spec to build (theory, flow and loss must be the saved ones)
     * @return the experiment
     * @throws IOException when the parameter file is missing, damaged or not finite
     */
    public static Experiment openParameters(SavedRun saved, RunSpec spec) throws IOException {
        return open(saved, spec, false);
    }

    private static Experiment open(SavedRun saved, RunSpec spec, boolean training) throws IOException {
        if (!spec.theory().equals(saved.spec().theory())
                || !spec.theorySettings().equals(saved.spec().theorySettings())
                || !spec.flow().equals(saved.spec().flow())
                || !spec.flowSettings().equals(saved.spec().flowSettings())) {
            throw new IllegalArgumentException("a saved run continues with its own theory and flow");
        }
        Experiment e = spec.open();
        try {
            long count = e.flow().parameters().count();
            Path runFile = saved.directory().resolve(RUN_FILE);
            if (saved.parameters() >= 0 && saved.parameters() != count) {
                throw new IOException(runFile + " is damaged: state.parameters is " + saved.parameters()
                        + " but the flow it describes has " + count);
            }
            Path params = saved.dataDirectory().resolve(PARAMS_FILE);
            byte[] bytes = verifiedArchive(params, saved.files().get(PARAMS_FILE), count);
            try {
                e.flow().parameters().load(new ByteArrayInputStream(bytes));
            } catch (IOException ex) {
                throw new IOException(params + ": " + ex.getMessage(), ex);
            }
            if (training) {
                Path opt = saved.dataDirectory().resolve(OPTIMIZER_FILE);
                if (saved.files().containsKey(OPTIMIZER_FILE) || Files.exists(opt)) {
                    byte[] moments = verifiedArchive(opt, saved.files().get(OPTIMIZER_FILE), 2 * count);
                    try {
                        e.trainer().optimizer().loadState(new ByteArrayInputStream(moments));
                    } catch (IOException ex) {
                        throw new IOException(opt + ": " + ex.getMessage(), ex);
                    }
                }
            }
            e.trainer().restore(saved.history(), saved.stepsDone(), saved.adamUpdates());
            SettingsHistory.opened(e.trainer(), saved.changes(), saved.stepsDone());
            return e;
        } catch (IOException | RuntimeException ex) {
            e.close();
            if (ex instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot restore the run in " + saved.directory() + ": " + ex.getMessage(), ex);
        }
    }

    /** Reads an .npz archive, checks it against its checksum and bounds, and that every value is finite. */
    private static byte[] verifiedArchive(Path file, FileCheck check, long values) throws IOException {
        long maxBytes = 8 * values + (4L << 20);
        byte[] bytes = RunFiles.readChecked(file, check, maxBytes);
        Map<String, Npy.Array> arrays;
        try {
            arrays = Npy.readNpz(new ByteArrayInputStream(bytes), values);
        } catch (IOException ex) {
            throw new IOException(file + " is damaged: " + ex.getMessage(), ex);
        }
        FiniteCheck.arrays(arrays, file.toString());
        return bytes;
    }
}
