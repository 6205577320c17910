package org.flowlab.app.view.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flowlab.model.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving goes into a new run folder; an earlier run is replaced only after asking; anything else is refused. */
class SaveRunDialogTest {

    @TempDir
    Path dir;

    @Test
    void theVerdictDependsOnWhatTheFolderHolds() throws Exception {
        assertEquals(SaveRunDialog.Verdict.NEW, SaveRunDialog.check(dir.resolve("new-run")));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(SaveRunDialog.Verdict.NEW, SaveRunDialog.check(empty));
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve(RunStore.RUN_FILE), "{}");
        assertEquals(SaveRunDialog.Verdict.REPLACE, SaveRunDialog.check(run));
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(photos.resolve("holiday.jpg"), "not a run");
        assertEquals(SaveRunDialog.Verdict.NOT_A_RUN, SaveRunDialog.check(photos));
        Path file = Files.writeString(dir.resolve("notes.txt"), "text");
        assertEquals(SaveRunDialog.Verdict.NOT_A_RUN, SaveRunDialog.check(file));
    }

    @Test
    void aRunNameIsOneFolderName() {
        assertEquals("", SaveRunDialog.problem("phi4-run", dir.toString()));
        assertTrue(SaveRunDialog.problem("", dir.toString()).contains("name"));
        assertTrue(SaveRunDialog.problem("a/b", dir.toString()).contains("/"));
        assertTrue(SaveRunDialog.problem("..", dir.toString()).contains("one folder"));
        assertTrue(SaveRunDialog.problem("run", " ").contains("folder"));
    }
}
