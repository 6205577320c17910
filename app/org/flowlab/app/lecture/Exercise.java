package org.flowlab.app.lecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * One checked exercise of a lecture pane, read from an {@code exercise} block (see {@link
 * ExerciseParser} for the format). A numeric exercise accepts a typed number within its
 * tolerance; a choice exercise accepts exactly the set of correct choices.
 *
 * @param id unique id across all panes (kebab-case), the key of the user's progress
 * @param type number or choice
 * @param question the question (Markdown with {@code $..$} math)
 * @param answer the numeric answer (NaN for choice exercises)
 * @param tolerance absolute tolerance (NaN when a relative one is given or for choices)
 * @param relative relative tolerance (NaN when an absolute one is given or for choices)
 * @param choices the choices without their {@code *} marks (empty for numeric exercises)
 * @param correct indices of the correct choices (empty for numeric exercises)
 * @param hints hints, shown one at a time before the solution
 * @param solution the worked solution (Markdown), hidden until asked for
 */
public record Exercise(
        String id,
        Type type,
        String question,
        double answer,
        double tolerance,
        double relative,
        List<String> choices,
        Set<Integer> correct,
        List<String> hints,
        String solution) {

    /** The two kinds of exercise. */
    public enum Type {
        /** A number typed into a box. */
        NUMBER,
        /** One or more of a list of choices. */
        CHOICE
    }

    /**
     * The outcome of a check.
     *
     * @param correct whether the answer is right
     * @param message what to tell the student, one line
     */
    public record Verdict(boolean correct, String message) {}

    /**
     * Makes the lists immutable.
     *
     * @param id id
     * @param type type
     * @param question question
     * @param answer answer
     * @param tolerance absolute tolerance
     * @param relative relative tolerance
     * @param choices choices
     * @param correct correct indices
     * @param hints hints
     * @param solution solution
     */
    public Exercise {
        choices = List.copyOf(choices);
        correct = Set.copyOf(correct);
        hints = List.copyOf(hints);
    }

    /**
     * Checks a typed number.
     *
     * @param typed what the student typed (a decimal number, scientific notation, or a fraction
     *     such as {@code 4/7})
     * @return the verdict
     */
    public Verdict checkNumber(String typed) {
        if (type != Type.NUMBER) {
            throw new IllegalStateException("exercise " + id + " is not numeric");
        }
        OptionalDouble value = parseNumber(typed);
        if (value.isEmpty()) {
            return new Verdict(false, "Type a number, such as 0.25, 2.5e-3 or 1/4.");
        }
        return accepts(value.getAsDouble())
                ? new Verdict(true, "Correct: " + format(answer) + ".")
                : new Verdict(false, "Not quite. Try a hint, or check your algebra and rounding.");
    }

    /**
     * Whether a number is within the tolerance of the answer.
     *
     * @param value the number
     * @return true if accepted
     */
    public boolean accepts(double value) {
        if (!Double.isFinite(value)) {
            return false;
        }
        double slack = Double.isNaN(tolerance) ? relative * Math.abs(answer) : tolerance;
        // a hair of extra room so that a tolerance edge typed exactly is not lost to rounding
        return Math.abs(value - answer) <= slack * (1 + 1e-12) + 1e-300;
    }

    /**
     * Checks a selection of choices.
     *
     * @param selected indices of the selected choices
     * @return the verdict
     */
    public Verdict checkChoices(Set<Integer> selected) {
        if (type != Type.CHOICE) {
            throw new IllegalStateException("exercise " + id + " is not a choice");
        }
        if (selected.isEmpty()) {
            return new Verdict(false, correct.size() > 1 ? "Select every answer that applies." : "Select an answer.");
        }
        if (new TreeSet<>(selected).equals(new TreeSet<>(correct))) {
            return new Verdict(true, "Correct.");
        }
        if (correct.size() > 1 && correct.containsAll(selected)) {
            return new Verdict(false, "Right so far, but more than one answer applies.");
        }
        return new Verdict(false, "Not quite. Try a hint.");
    }

    /**
     * Whether several choices are correct (check boxes instead of radio buttons).
     *
     * @return true for a multiple-answer question
     */
    public boolean multipleAnswers() {
        return correct.size() > 1;
    }

    /**
     * The tolerance in words, for the answer box's prompt.
     *
     * @return e.g. "± 0.005" or "within 1 %"
     */
    public String toleranceText() {
        if (type != Type.NUMBER) {
            return "";
        }
        return Double.isNaN(tolerance) ? "within " + format(100 * relative) + " %" : "± " + format(tolerance);
    }

    /**
     * Parses a number as a student may type it: decimal point or comma, a Unicode minus,
     * scientific notation, or a fraction {@code a/b}.
     *
     * @param typed the text
     * @return the number, or empty when it is not one
     */
    public static OptionalDouble parseNumber(String typed) {
        if (typed == null) {
            return OptionalDouble.empty();
        }
        String t = typed.trim().replace('\u2212', '-').replace(',', '.').replace(" ", "");
        if (t.isEmpty()) {
            return OptionalDouble.empty();
        }
        int slash = t.indexOf('/');
        try {
            double v;
            if (slash > 0) {
                v = plain(t.substring(0, slash)) / plain(t.substring(slash + 1));
            } else {
                v = plain(t);
            }
            return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static double plain(String s) {
        // Double.parseDouble also takes "NaN", "Infinity" and hex floats: only digits here
        if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new NumberFormatException(s);
        }
        return Double.parseDouble(s);
    }

    /**
     * A number as the solution text would write it.
     *
     * @param v the number
     * @return up to six significant digits, without trailing zeros
     */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /**
     * The indices of the correct choices, in order.
     *
     * @return the sorted indices
     */
    public List<Integer> correctInOrder() {
        return new ArrayList<>(new TreeSet<>(correct));
    }
}
