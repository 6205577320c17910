package org.flowlab.app.lecture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lecture Markdown with its formulas taken out: every {@code $$..$$} (display) and {@code $..$}
 * (inline) formula outside fenced code blocks is replaced by a placeholder, so that Markdown's
 * emphasis rules never touch a formula; the renderer puts the typeset formula back.
 *
 * @param text the Markdown with placeholders
 * @param formulas the LaTeX of each formula, by placeholder number
 * @param displayed whether each formula is displayed (true) or inline
 */
public record MathText(String text, List<String> formulas, List<Boolean> displayed) {

    /** A placeholder: word joiner, M, the formula's number, word joiner. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\u2060M(\\d+)\u2060");

    private static final Pattern DISPLAY_MATH = Pattern.compile("\\$\\$(.+?)\\$\\$", Pattern.DOTALL);
    private static final Pattern INLINE_MATH = Pattern.compile("(?<![\\\\$])\\$([^$\\n]+?)\\$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*$");

    /**
     * Takes the formulas out of a Markdown text.
     *
     * @param markdown the text
     * @return the protected text
     */
    public static MathText of(String markdown) {
        List<String> formulas = new ArrayList<>();
        List<Boolean> displayed = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        StringBuilder prose = new StringBuilder();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher f = FENCE.matcher(line);
            if (fence == null && f.matches()) {
                out.append(protect(prose.toString(), formulas, displayed));
                prose.setLength(0);
                fence = f.group(1);
                out.append(line).append('\n');
            } else if (fence != null) {
                out.append(line).append('\n');
                if (closes(line, fence)) {
                    fence = null;
                }
            } else {
                prose.append(line).append('\n');
            }
        }
        out.append(protect(prose.toString(), formulas, displayed));
        return new MathText(out.toString(), List.copyOf(formulas), List.copyOf(displayed));
    }

    /** A closing fence: only fence characters, at least as many as the opening one. */
    private static boolean closes(String line, String fence) {
        String t = line.trim();
        char c = fence.charAt(0);
        return t.length() >= fence.length() && t.chars().allMatch(ch -> ch == c);
    }

    private static String protect(String text, List<String> formulas, List<Boolean> displayed) {
        StringBuilder out = new StringBuilder();
        Matcher d = DISPLAY_MATH.matcher(text);
        int last = 0;
        while (d.find()) {
            out.append(protectInline(text.substring(last, d.start()), formulas, displayed));
            out.append("\n\n")
                    .append(placeholder(d.group(1).trim(), true, formulas, displayed))
                    .append("\n\n");
            last = d.end();
        }
        out.append(protectInline(text.substring(last), formulas, displayed));
        return out.toString();
    }

    private static String protectInline(String text, List<String> formulas, List<Boolean> displayed) {
        Matcher m = INLINE_MATH.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(placeholder(m.group(1), false, formulas, displayed)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String placeholder(String latex, boolean display, List<String> formulas, List<Boolean> displayed) {
        formulas.add(latex);
        displayed.add(display);
        return "\u2060M" + (formulas.size() - 1) + "\u2060";
    }

    /**
     * Puts the LaTeX back in place of the placeholders (for plain-text uses).
     *
     * @param withPlaceholders a text produced from {@link #text()}
     * @return the text with {@code $..$} formulas
     */
    public String restore(String withPlaceholders) {
        Matcher m = PLACEHOLDER.matcher(withPlaceholders);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int i = Integer.parseInt(m.group(1));
            String delim = displayed.get(i) ? "$$" : "$";
            m.appendReplacement(out, Matcher.quoteReplacement(delim + formulas.get(i) + delim));
        }
        m.appendTail(out);
        return out.toString();
    }
}
