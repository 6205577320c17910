package org.flowlab.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.flowlab.model.store.RunStore;

/** Small saved runs for command-line tests: one trained for two steps, and damaged copies of it. */
final class SavedRuns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path root;
    private static Path valid;

    private SavedRuns() {}

    /** A scratch directory for this test JVM, removed at exit. */
    static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("flowlab-cli-runs");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path r = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(r)));
        }
        return root;
    }

    /** A phi^4 L = 4 RealNVP run of two steps (trained once per JVM). */
    static synchronized Path valid() {
        if (valid == null) {
            Path dir = root().resolve("valid");
            CliRun r = CliRun.of(
                    "train",
                    "--L",
                    "4",
                    "--layers",
                    "1",
                    "--hidden",
                    "2",
                    "--steps",
                    "2",
                    "--batch",
                    "8",
                    "--eval-batch",
                    "8",
                    "--device",
                    "cpu",
                    "--out",
                    dir.toString(),
                    "--json");
            if (r.code() != 0) {
                throw new IllegalStateException("could not train the fixture run: " + r.err());
            }
            valid = dir;
        }
        return valid;
    }

    /**
     * A copy of the valid run.
     *
     * @param name the copy's directory name
     * @return its path
     */
    static Path copy(String name) {
        Path from = valid();
        Path to = root().resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /**
     * A copy of the valid run whose run.json was changed.
     *
     * @param name the copy's directory name
     * @param change edits the JSON tree
     * @return its path
     */
    static Path withJson(String name, Consumer<ObjectNode> change) {
        Path dir = copy(name);
        try {
            Path file = dir.resolve(RunStore.RUN_FILE);
            ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            change.accept(root);
            Files.writeString(file, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * A copy of the valid run whose run.json text is replaced.
     *
     * @param name the copy's directory name
     * @param bytes the new content
     * @return its path
     */
    static Path withRunFile(String name, byte[] bytes) {
        Path dir = copy(name);
        try {
            Files.write(dir.resolve(RunStore.RUN_FILE), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * The committed generation directory of a run.
     *
     * @param dir the run
     * @return the directory holding its data files
     */
    static Path data(Path dir) {
        try {
            return RunStore.read(dir).dataDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try (Stream<Path> files = Files.walk(p)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
