package org.flowlab.app.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExerciseProgressTest {

    @Test
    void progressSurvivesARestart(@TempDir Path dir) {
        // given: a wrong then a right answer, and a hint elsewhere
        Path file = dir.resolve("home").resolve(ExerciseProgress.FILE);
        ExerciseProgress first = ExerciseProgress.open(file);
        first.recordAttempt("a", false);
        first.recordAttempt("a", true);
        first.recordHints("b", 2);
        first.recordHints("b", 1);
        // when: the application starts again
        ExerciseProgress second = ExerciseProgress.open(file);
        // then
        assertTrue(second.solved("a"));
        assertEquals(new ExerciseProgress.Entry(true, 2, 0), second.entry("a"));
        assertEquals(new ExerciseProgress.Entry(false, 0, 2), second.entry("b"));
        assertEquals(1, second.solvedCount(List.of("a", "b", "c")));
    }

    @Test
    void resetForgetsOnlyTheGivenExercises(@TempDir Path dir) {
        // given
        Path file = dir.resolve(ExerciseProgress.FILE);
        ExerciseProgress p = ExerciseProgress.open(file);
        p.recordAttempt("a", true);
        p.recordAttempt("b", true);
        int[] calls = {0};
        p.addListener(() -> calls[0]++);
        // when
        p.reset(List.of("a"));
        // then
        assertFalse(ExerciseProgress.open(file).solved("a"));
        assertTrue(ExerciseProgress.open(file).solved("b"));
        assertEquals(1, calls[0]);
    }

    @Test
    void anUnreadableFileIsSetAsideAndProgressStartsAfresh(@TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve(ExerciseProgress.FILE);
        Files.writeString(file, "{ not json");
        // when
        ExerciseProgress p = ExerciseProgress.open(file);
        p.recordAttempt("a", true);
        // then
        assertTrue(Files.exists(dir.resolve(ExerciseProgress.FILE + ".unreadable")));
        assertTrue(ExerciseProgress.open(file).solved("a"));
    }
}
