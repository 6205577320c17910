package org.flowlab.model.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.store.RunStore;
import org.flowlab.model.train.TrainingConfig;

/**
 * Trained U(1) gauge flows for flow-based MCMC: the pre-trained ladder shipped under
 * {@code assets/pretrained/} (listed in its {@code index.json}, each a run directory with
 * {@code run.json} and {@code params.npz} written by {@code flowlab train --out}; the recipe is
 * in {@code assets/pretrained/README.md}), or runs of one's own found in a directory by their
 * theory settings.
 */
public final class GaugeFlows {

    /** Class-path folder of the shipped flows. */
    public static final String RESOURCE_DIR = "assets/pretrained/";

    /** The files of a shipped run directory. */
    /**
     * One shipped flow.
     *
     * @param directory its folder under {@link #RESOURCE_DIR}
     * @param size lattice size L
     * @param beta the coupling it was trained at
     * @param acceptance its independence-Metropolis acceptance as measured when it was shipped
     * @param samples the number of proposals that measurement used
     * @param seed the seed of that measurement
     */
    public record Shipped(String directory, int size, double beta, double acceptance, int samples, long seed) {}

    /** Flow settings of the shipped ladder (and of the live training in the window). */
    public static final Map<String, String> FLOW_SETTINGS =
            Map.of("layers", "16", "hidden", "8", "hiddenLayers", "2", "kernel", "3", "bins", "8");

    /** Batch size of the shipped ladder's training. */
    public static final int BATCH = 128;

    /** Adam learning rate of the shipped ladder's training. */
    public static final double LEARNING_RATE = 2e-3;

    private GaugeFlows() {}

    /**
     * The run spec of the shipped recipe: the gauge-equivariant flow of {@link #FLOW_SETTINGS}
     * trained by reverse KL with batch {@link #BATCH} and learning rate {@link #LEARNING_RATE}.
     *
     * @param size L
     * @param beta the coupling
     * @param steps training steps
     * @param seed the seed
     * @return the spec (CPU or GPU as available, float32)
     */
    public static RunSpec recipe(int size, double beta, int steps, long seed) {
        return RunSpec.create(
                "u1",
                Map.of("L", Integer.toString(size), "beta", Double.toString(beta)),
                "gauge",
                FLOW_SETTINGS,
                "rkl",
                Map.of(),
                new TrainingConfig(steps, BATCH, LEARNING_RATE, seed),
                DeviceChoice.AUTO,
                Precision.FLOAT32);
    }

    /**
     * The shipped flows, in the order of the index (increasing beta).
     *
     * @return the list
     * @throws UncheckedIOException when the index is missing or damaged (a broken build)
     */
    public static List<Shipped> shipped() {
        try (InputStream in = resource(RESOURCE_DIR + "index.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Shipped> out = new ArrayList<>();
            for (JsonNode f : root.path("flows")) {
                out.add(new Shipped(
                        f.path("directory").asText(),
                        f.path("L").asInt(),
                        f.path("beta").asDouble(),
                        f.path("acceptance").asDouble(),
                        f.path("samples").asInt(),
                        f.path("seed").asLong()));
            }
            out.sort(Comparator.comparingDouble(Shipped::beta));
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("the pre-trained flow index is missing or damaged: " + e.getMessage(), e);
        }
    }

    /**
     * The shipped flow for a lattice and coupling.
     *
     * @param size L
     * @param beta the coupling
     * @return the entry
     * @throws IllegalArgumentException when none is shipped, naming those that are
     */
    public static Shipped shipped(int size, double beta) {
        List<Shipped> all = shipped();
        for (Shipped s : all) {
            if (s.size() == size && s.beta() == beta) {
                return s;
            }
        }
        StringBuilder have = new StringBuilder();
        for (Shipped s : all) {
            have.append(have.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "L %d beta %s", s.size(), number(s.beta())));
        }
        throw new IllegalArgumentException(String.format(
                Locale.ROOT,
                "no pre-trained flow for U(1) L %d at beta %s; shipped: %s (train one and pass its folder with --runs)",
                size,
                number(beta),
                have));
    }

    /**
     * Opens a shipped flow: copies its files from the class path to a temporary folder, builds
     * the flow on the chosen device and loads its parameters.
     *
     * @param flow the entry
     * @param device where to put it
     * @return the experiment (close it)
     * @throws IOException when the files cannot be read
     */
    public static Experiment open(Shipped flow, DeviceChoice device) throws IOException {
        Path dir = Files.createTempDirectory("flowlab-pretrained");
        List<Path> copied = new ArrayList<>();
        try {
            String base = RESOURCE_DIR + flow.directory() + "/";
            Path runFile = dir.resolve(RunStore.RUN_FILE);
            try (InputStream in = resource(base + RunStore.RUN_FILE)) {
                Files.copy(in, runFile, StandardCopyOption.REPLACE_EXISTING);
            }
            copied.add(runFile);
            // a saved run names its committed generation and that generation's files (version 2);
            // an old flat run (version 1) has the parameters beside run.json
            JsonNode run = new ObjectMapper().readTree(runFile.toFile());
            List<String> files = new ArrayList<>();
            if (run.hasNonNull("generation")) {
                String generation = run.get("generation").asText();
                run.path("files").fieldNames().forEachRemaining(name -> files.add(generation + "/" + name));
                Files.createDirectories(dir.resolve(generation));
            } else {
                files.add(RunStore.PARAMS_FILE);
            }
            for (String file : files) {
                Path target = dir.resolve(file);
                try (InputStream in = resource(base + file)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                copied.add(target);
            }
            return open(dir, device);
        } finally {
            for (int i = copied.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(copied.get(i));
            }
            try (var rest = Files.walk(dir)) {
                rest.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Opens a run directory for sampling.
     *
     * @param runDirectory a directory written by {@code train --out}
     * @param device where to put the flow
     * @return the experiment (close it)
     * @throws IOException when it is missing or damaged
     */
    public static Experiment open(Path runDirectory, DeviceChoice device) throws IOException {
        RunStore.SavedRun saved = RunStore.read(runDirectory);
        return RunStore.open(saved, saved.spec().withDevice(device));
    }

    /**
     * Finds, among the run directories directly inside a folder, a U(1) run at the given size
     * and coupling (the first in name order).
     *
     * @param folder the folder
     * @param size L
     * @param beta the coupling
     * @return the run directory
     * @throws IOException when the folder cannot be listed
     * @throws IllegalArgumentException when no run matches
     */
    public static Path find(Path folder, int size, double beta) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(folder, Files::isDirectory)) {
            list.forEach(dirs::add);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--runs: no folder " + folder);
        }
        dirs.sort(Comparator.comparing(Path::toString));
        for (Path d : dirs) {
            if (!Files.exists(d.resolve(RunStore.RUN_FILE))) {
                continue;
            }
            RunStore.SavedRun run = RunStore.read(d);
            if ("u1".equals(run.spec().theory())
                    && run.spec().theorySettings().integer("L") == size
                    && run.spec().theorySettings().real("beta") == beta) {
                return d;
            }
        }
        throw new IllegalArgumentException(String.format(
                Locale.ROOT, "--runs: no U(1) run with L %d and beta %s in %s", size, number(beta), folder));
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = GaugeFlows.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("resource " + path + " is not bundled");
        }
        return in;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
