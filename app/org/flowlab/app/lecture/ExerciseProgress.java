package org.flowlab.app.lecture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flowlab.model.io.AtomicFiles;
import org.flowlab.model.io.FlowLabHome;

/**
 * The user's exercise progress, kept in a small JSON file under the FlowLab home
 * ({@code progress.json}) so that it survives restarts:
 *
 * <pre>
 * {"version": 1, "exercises": {"rkl-min-loss": {"solved": true, "attempts": 2, "hints": 1}}}
 * </pre>
 *
 * Every change is written at once (atomically). A file that cannot be read is set aside as
 * {@code progress.json.unreadable} and progress starts empty; a write that fails is logged and
 * the progress of the session is kept in memory.
 */
public final class ExerciseProgress {

    /** The file name under the FlowLab home. */
    public static final String FILE = "progress.json";

    private static final Logger LOG = Logger.getLogger(ExerciseProgress.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The state of one exercise.
     *
     * @param solved whether it was answered correctly at least once
     * @param attempts how many answers were checked
     * @param hints how many hints were shown (the most at any time)
     */
    public record Entry(boolean solved, int attempts, int hints) {}

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    private ExerciseProgress(Path file) {
        this.file = file;
    }

    /**
     * Opens the progress of the user running FlowLab (under {@link FlowLabHome}).
     *
     * @return the progress
     */
    public static ExerciseProgress forUser() {
        return open(FlowLabHome.path().resolve(FILE));
    }

    /**
     * Opens progress kept in a file (created on the first change).
     *
     * @param file the JSON file
     * @return the progress
     */
    public static ExerciseProgress open(Path file) {
        ExerciseProgress p = new ExerciseProgress(file);
        if (Files.isRegularFile(file)) {
            try {
                JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
                JsonNode ex = root == null ? null : root.get("exercises");
                if (ex == null || !ex.isObject()) {
                    throw new IOException("no 'exercises' object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = ex.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode n = e.getValue();
                    p.entries.put(
                            e.getKey(),
                            new Entry(
                                    n.path("solved").asBoolean(false),
                                    Math.max(0, n.path("attempts").asInt(0)),
                                    Math.max(0, n.path("hints").asInt(0))));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot read exercise progress " + file + "; starting afresh", e);
                p.entries.clear();
                try {
                    Files.move(
                            file,
                            file.resolveSibling(file.getFileName() + ".unreadable"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException moveFailed) {
                    LOG.log(Level.WARNING, "cannot set aside " + file, moveFailed);
                }
            }
        }
        return p;
    }

    /**
     * The file the progress lives in.
     *
     * @return the path
     */
    public Path file() {
        return file;
    }

    /**
     * The state of an exercise.
     *
     * @param id the exercise id
     * @return its entry (unsolved, no attempts, when never touched)
     */
    public synchronized Entry entry(String id) {
        return entries.getOrDefault(id, new Entry(false, 0, 0));
    }

    /**
     * Whether an exercise was solved.
     *
     * @param id the exercise id
     * @return true once answered correctly
     */
    public boolean solved(String id) {
        return entry(id).solved();
    }

    /**
     * How many of some exercises are solved.
     *
     * @param ids the exercise ids
     * @return the count
     */
    public synchronized int solvedCount(Collection<String> ids) {
        int n = 0;
        for (String id : ids) {
            if (entry(id).solved()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Records a checked answer.
     *
     * @param id the exercise id
     * @param correct whether it was right
     */
    public void recordAttempt(String id, boolean correct) {
        synchronized (this) {
            Entry e = entry(id);
            entries.put(id, new Entry(e.solved() || correct, e.attempts() + 1, e.hints()));
        }
        changed();
    }

    /**
     * Records that hints were shown.
     *
     * @param id the exercise id
     * @param shown how many hints are visible now
     */
    public void recordHints(String id, int shown) {
        synchronized (this) {
            Entry e = entry(id);
            if (shown <= e.hints()) {
                return;
            }
            entries.put(id, new Entry(e.solved(), e.attempts(), shown));
        }
        changed();
    }

    /**
     * Forgets the progress of some exercises (or of all when {@code ids} is null).
     *
     * @param ids the exercise ids, or null for every exercise
     */
    public void reset(Collection<String> ids) {
        synchronized (this) {
            if (ids == null) {
                entries.clear();
            } else {
                ids.forEach(entries::remove);
            }
        }
        changed();
    }

    /**
     * Calls back after every change (on the thread that made it).
     *
     * @param listener the callback
     */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        save();
        for (Runnable r : listeners) {
            r.run();
        }
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode ex = root.putObject("exercises");
        synchronized (this) {
            entries.forEach((id, e) -> {
                ObjectNode n = ex.putObject(id);
                n.put("solved", e.solved());
                n.put("attempts", e.attempts());
                n.put("hints", e.hints());
            });
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot save exercise progress to " + file, e);
        }
    }
}
