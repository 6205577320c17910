package org.flowlab.app.lecture;

import java.util.function.Consumer;

/**
 * What rendering a lecture needs besides its text.
 *
 * @param math the shared formula renderer
 * @param links receives the targets of clicked links
 * @param dark whether formulas are typeset for the dark theme
 * @param progress where exercise progress is kept
 */
public record Rendering(MathRenderer math, Consumer<String> links, boolean dark, ExerciseProgress progress) {

    /**
     * The same with another theme.
     *
     * @param isDark whether the dark theme is active
     * @return the copy
     */
    public Rendering withDark(boolean isDark) {
        return new Rendering(math, links, isDark, progress);
    }
}
