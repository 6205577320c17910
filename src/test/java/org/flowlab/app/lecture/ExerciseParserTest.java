package org.flowlab.app.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExerciseParserTest {

    private static final String NUMBER = String.join(
            "\n",
            "id: ml-param-count            # a comment",
            "type: number",
            "question: How many trainable parameters has an MLP 1 → 32 → 32 → 1 with biases?",
            "answer: 1153",
            "tolerance: 0.5",
            "hints:",
            "  - A dense layer from n to m inputs has n·m weights and m biases.",
            "solution: |",
            "  (1·32 + 32) + (32·32 + 32) + (32·1 + 1) = 1153.");

    private static final String CHOICE = String.join(
            "\n",
            "id: ml-robust-loss",
            "type: choice",
            "question: Which loss is robust to a few outliers?",
            "choices: [\"MSE\", \"*MAE\"]",
            "hints: [\"Compare how each loss grows with a residual r.\"]",
            "solution: MAE grows like |r|, MSE like r², so one far point dominates MSE.");

    @Test
    void readsTheNumberExampleOfTheConventions() {
        // when
        Exercise e = ExerciseParser.parse(NUMBER);
        // then
        assertEquals("ml-param-count", e.id());
        assertEquals(Exercise.Type.NUMBER, e.type());
        assertEquals(1153, e.answer());
        assertEquals(0.5, e.tolerance());
        assertEquals(1, e.hints().size());
        assertTrue(e.solution().startsWith("(1·32"));
        assertTrue(e.checkNumber("1153").correct());
        assertTrue(e.checkNumber("1153.4").correct());
        assertFalse(e.checkNumber("1154").correct());
        assertFalse(e.checkNumber("lots").correct());
        assertEquals("± 0.5", e.toleranceText());
    }

    @Test
    void readsTheChoiceExampleOfTheConventions() {
        // when
        Exercise e = ExerciseParser.parse(CHOICE);
        // then
        assertEquals(List.of("MSE", "MAE"), e.choices());
        assertEquals(Set.of(1), e.correct());
        assertFalse(e.multipleAnswers());
        assertTrue(e.checkChoices(Set.of(1)).correct());
        assertFalse(e.checkChoices(Set.of(0)).correct());
        assertFalse(e.checkChoices(Set.of()).correct());
    }

    @Test
    void severalCorrectChoicesMustAllBeSelected() {
        // given
        Exercise e = ExerciseParser.parse(String.join(
                "\n",
                "id: a-b",
                "type: choice",
                "question: Which?",
                "choices: ['*one', two, '*three']",
                "hints: [h]",
                "solution: s"));
        // then
        assertTrue(e.multipleAnswers());
        assertTrue(e.checkChoices(Set.of(0, 2)).correct());
        assertFalse(e.checkChoices(Set.of(0)).correct());
        assertTrue(e.checkChoices(Set.of(0)).message().contains("more than one"));
        assertFalse(e.checkChoices(Set.of(0, 1, 2)).correct());
    }

    @Test
    void relativeToleranceScalesWithTheAnswer() {
        // given
        Exercise e = ExerciseParser.parse(String.join(
                "\n",
                "id: r",
                "type: number",
                "question: q",
                "answer: -200",
                "relative: 0.01",
                "hints: [h]",
                "solution: s"));
        // then
        assertTrue(e.checkNumber("-198.5").correct());
        assertFalse(e.checkNumber("-197").correct());
        assertEquals("within 1 %", e.toleranceText());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0.5|0.5",
                "'0,5'|0.5",
                "−2.5|-2.5",
                "4/7|0.5714285714285714",
                "2.5e-3|0.0025",
                " 1 153 |1153",
                ".5|0.5"
            })
    void parsesNumbersAsStudentsTypeThem(String typed, double expected) {
        assertEquals(expected, Exercise.parseNumber(typed).orElseThrow(), 1e-15);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"''", "abc", "NaN", "Infinity", "1/0", "0x10", "1e999", "--1"})
    void rejectsWhatIsNotANumber(String typed) {
        assertTrue(Exercise.parseNumber(typed).isEmpty(), typed);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // body (\n for new lines) | a word the message must contain
                "type: number\\nquestion: q\\nanswer: 1\\ntolerance: 1\\nhints: [h]\\nsolution: s|'id' is missing",
                "id: Bad_Id\\ntype: number\\nquestion: q\\nanswer: 1\\ntolerance: 1\\nhints: [h]\\nsolution: s|kebab-case",
                "id: x\\ntype: essay\\nquestion: q\\nhints: [h]\\nsolution: s|number or choice",
                "id: x\\ntype: number\\nquestion: q\\nanswer: 1\\nhints: [h]\\nsolution: s|exactly one of",
                "id: x\\ntype: number\\nquestion: q\\nanswer: 1\\ntolerance: 1\\nrelative: 0.1\\nhints: [h]\\nsolution: s|exactly one of",
                "id: x\\ntype: number\\nquestion: q\\nanswer: log Z\\ntolerance: 1\\nhints: [h]\\nsolution: s|number literal",
                "id: x\\ntype: number\\nquestion: q\\nanswer: 1\\ntolerance: -1\\nhints: [h]\\nsolution: s|positive",
                "id: x\\ntype: number\\nquestion: q\\nanswer: 0\\nrelative: 0.1\\nhints: [h]\\nsolution: s|cannot check the answer 0",
                "id: x\\ntype: number\\nquestion: q\\nanswer: 1\\ntolerance: 1\\nhints: []\\nsolution: s|at least one hint",
                "id: x\\ntype: number\\nquestion: q\\nanswer: 1\\ntolerance: 1\\nhints: [h]|'solution' is missing",
                "id: x\\ntype: number\\nquestion: q\\nanswer: 1\\ntolerance: 1\\nhint: [h]\\nsolution: s|unknown key 'hint'",
                "id: x\\ntype: choice\\nquestion: q\\nchoices: [a, b]\\nhints: [h]\\nsolution: s|leading '*'",
                "id: x\\ntype: choice\\nquestion: q\\nchoices: ['*a']\\nhints: [h]\\nsolution: s|at least two",
                "id: x\\ntype: choice\\nquestion: q\\nchoices: ['*a', b]\\nanswer: 1\\nhints: [h]\\nsolution: s|does not belong",
                "id: x\\ntype: number\\nquestion: q: with a colon\\nanswer: 1\\ntolerance: 1\\nhints: [h]\\nsolution: s|line 3",
                "just a sentence|key: value"
            })
    void malformedBlocksAreReportedByName(String body, String expected) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ExerciseParser.parse(body.replace("\\n", "\n")));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aPaneReportsAMalformedBlockWithItsNumberAndKeepsTheOthers() {
        // given
        String pane = "# T\n\n```exercise\n" + NUMBER + "\n```\n\ntext $x$\n\n```exercise\nid: broken\n```\n";
        // when
        LectureDocument doc = LectureDocument.parse("lectures/t.md", pane);
        // then
        assertEquals("T", doc.title());
        assertEquals(1, doc.exercises().size());
        assertEquals(1, doc.errors().size());
        assertTrue(
                doc.errors().get(0).startsWith("lectures/t.md, exercise 2: "),
                doc.errors().get(0));
    }

    @Test
    void mathInsideExerciseBlocksIsLeftToTheBlock() {
        // given: a formula in the YAML, and one in the prose
        String pane = "# T\n\nProse $a+b$.\n\n```exercise\nid: m\ntype: number\nquestion: What is $\\frac{1}{2}$?\n"
                + "answer: 0.5\ntolerance: 0.01\nhints: ['$1/2$']\nsolution: s\n```\n";
        // when
        LectureDocument doc = LectureDocument.parse("t", pane);
        // then
        assertEquals(List.of("a+b"), doc.math().formulas());
        assertEquals("What is $\\frac{1}{2}$?", doc.exercises().get(0).question());
    }
}
