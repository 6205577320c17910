package org.flowlab.app.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowlab.app.Resources;
import org.junit.jupiter.api.Test;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;

/**
 * Every lecture pane (the course panes of the index and every reference page), whoever wrote
 * it: it parses, its exercise blocks are well formed with ids unique across panes, every
 * formula typesets, and every exercise's checker accepts its own answer and rejects a wrong
 * one.
 */
class LecturePanesTest {

    static List<LectureDocument> allPanes() {
        List<String> paths = new ArrayList<>(LectureFiles.indexed(LectureFiles.INDEX));
        paths.addAll(LectureFiles.markdownIn(LectureFiles.REFERENCE));
        List<LectureDocument> docs = new ArrayList<>();
        for (String p : paths) {
            docs.add(LectureDocument.parse(p, Resources.text(p)));
        }
        return docs;
    }

    @Test
    void everyPaneParsesWithWellFormedExercisesAndUniqueIds() {
        List<String> problems = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (LectureDocument doc : allPanes()) {
            problems.addAll(doc.errors());
            assertFalse(doc.title().equals(doc.path()), doc.path() + " needs a '# title' line");
            for (Exercise e : doc.exercises()) {
                String before = seen.put(e.id(), doc.path());
                if (before != null) {
                    problems.add("exercise id " + e.id() + " appears in " + before + " and " + doc.path());
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyFormulaTypesets() {
        List<String> problems = new ArrayList<>();
        for (LectureDocument doc : allPanes()) {
            List<String> formulas = new ArrayList<>(doc.math().formulas());
            for (Exercise e : doc.exercises()) {
                for (String text : LectureDocument.texts(e)) {
                    formulas.addAll(MathText.of(text).formulas());
                }
            }
            for (String latex : formulas) {
                try {
                    new TeXFormula(latex).createTeXIcon(TeXConstants.STYLE_TEXT, 20);
                } catch (RuntimeException ex) {
                    problems.add(doc.path() + ": $" + latex + "$: " + ex.getMessage());
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyCheckerAcceptsItsAnswerAndRejectsAWrongOne() {
        int numbers = 0;
        int choices = 0;
        for (LectureDocument doc : allPanes()) {
            for (Exercise e : doc.exercises()) {
                if (e.type() == Exercise.Type.NUMBER) {
                    numbers++;
                    double slack = Double.isNaN(e.tolerance()) ? e.relative() * Math.abs(e.answer()) : e.tolerance();
                    assertTrue(
                            e.checkNumber(Exercise.format(e.answer())).correct(), e.id() + " rejects its own answer");
                    assertTrue(
                            e.checkNumber(Double.toString(e.answer() + 0.9 * slack))
                                    .correct(),
                            e.id() + " inside the tolerance");
                    assertFalse(
                            e.checkNumber(Double.toString(e.answer() + 1.5 * slack + 1e-9))
                                    .correct(),
                            e.id() + " accepts a wrong answer");
                    assertFalse(
                            e.checkNumber(Double.toString(-e.answer() - 10 * slack - 1))
                                    .correct(),
                            e.id());
                } else {
                    choices++;
                    assertTrue(e.checkChoices(e.correct()).correct(), e.id() + " rejects its own answer");
                    Set<Integer> wrong = new LinkedHashSet<>();
                    for (int i = 0; i < e.choices().size(); i++) {
                        if (!e.correct().contains(i)) {
                            wrong.add(i);
                            break;
                        }
                    }
                    assertFalse(wrong.isEmpty(), e.id() + " needs at least one wrong choice");
                    assertFalse(e.checkChoices(wrong).correct(), e.id() + " accepts a wrong choice");
                }
            }
        }
        assertTrue(numbers > 10 && choices > 5, numbers + " numeric and " + choices + " choice exercises");
    }

    @Test
    void theCoursePanesOfThisBranchHaveThreeExercisesFormulasAndASummary() {
        for (String name : ExerciseAnswersTest.PANES) {
            String path = "lectures/" + name + ".md";
            LectureDocument doc = LectureDocument.parse(path, Resources.text(path));
            assertTrue(
                    doc.exercises().size() >= 3,
                    path + " has " + doc.exercises().size() + " exercises");
            assertTrue(doc.math().displayed().contains(true), path + " has no displayed formula");
            assertTrue(Resources.text(path).contains("\n## Summary\n"), path + " ends without a summary");
            assertTrue(Resources.text(path).contains("What to look at in the window"), path);
            assertTrue(LectureFiles.indexed(LectureFiles.INDEX).contains(path), path + " is not in the index");
            for (Exercise e : doc.exercises()) {
                assertFalse(e.hints().isEmpty(), e.id());
            }
        }
    }

    @Test
    void theIndexListsExistingFilesOnce() {
        List<String> index = LectureFiles.indexed(LectureFiles.INDEX);
        assertEquals(index.size(), new LinkedHashSet<>(index).size(), "a pane listed twice");
        for (String p : index) {
            Resources.text(p);
        }
    }
}
