package org.flowlab.model.spec;

import java.util.List;
import java.util.Locale;

/**
 * One parameter of a theory, flow or loss: its key, how to show it, its type and allowed
 * values, and a help text (the formula it enters). The command line, the GUI property sheet
 * and the run files all use these definitions, so validation and messages are the same
 * everywhere.
 *
 * @param key the key in settings and JSON, such as {@code m2}
 * @param label the name shown to users, such as {@code m²}
 * @param type the value type
 * @param defaultValue the default, as text
 * @param min smallest allowed value (numbers only)
 * @param max largest allowed value (numbers only)
 * @param minExclusive whether {@code min} itself is excluded
 * @param choices allowed values of a CHOICE parameter
 * @param unit a unit or short hint shown next to the field
 * @param help a sentence with the formula the parameter enters
 */
public record ParamDef(
        String key,
        String label,
        Type type,
        String defaultValue,
        double min,
        double max,
        boolean minExclusive,
        List<String> choices,
        String unit,
        String help) {

    /** Value types. */
    public enum Type {
        /** A whole number. */
        INTEGER,
        /** A finite real number. */
        REAL,
        /** One of a fixed list of words. */
        CHOICE,
        /** true or false. */
        BOOLEAN
    }

    /**
     * A whole-number parameter in [min, max].
     *
     * @param key key
     * @param label label
     * @param defaultValue default
     * @param min minimum
     * @param max maximum
     * @param unit unit or hint
     * @param help help text
     * @return the definition
     */
    public static ParamDef integer(
            String key, String label, int defaultValue, int min, int max, String unit, String help) {
        return new ParamDef(
                key, label, Type.INTEGER, Integer.toString(defaultValue), min, max, false, List.of(), unit, help);
    }

    /**
     * A real parameter in [min, max] (or (min, max] when minExclusive).
     *
     * @param key key
     * @param label label
     * @param defaultValue default
     * @param min minimum
     * @param max maximum
     * @param minExclusive whether min is excluded
     * @param unit unit or hint
     * @param help help text
     * @return the definition
     */
    public static ParamDef real(
            String key,
            String label,
            double defaultValue,
            double min,
            double max,
            boolean minExclusive,
            String unit,
            String help) {
        return new ParamDef(key, label, Type.REAL, format(defaultValue), min, max, minExclusive, List.of(), unit, help);
    }

    /**
     * A choice among words.
     *
     * @param key key
     * @param label label
     * @param defaultValue default (one of the choices)
     * @param choices the allowed words
     * @param help help text
     * @return the definition
     */
    public static ParamDef choice(String key, String label, String defaultValue, List<String> choices, String help) {
        return new ParamDef(key, label, Type.CHOICE, defaultValue, 0, 0, false, List.copyOf(choices), "", help);
    }

    /**
     * A true/false switch.
     *
     * @param key key
     * @param label label
     * @param defaultValue default
     * @param help help text
     * @return the definition
     */
    public static ParamDef bool(String key, String label, boolean defaultValue, String help) {
        return new ParamDef(key, label, Type.BOOLEAN, Boolean.toString(defaultValue), 0, 0, false, List.of(), "", help);
    }

    /**
     * Checks a text and returns its canonical form.
     *
     * @param text the value as typed
     * @return the canonical text (e.g. "8", "-0.5", "rk4", "true")
     * @throws IllegalArgumentException with a one-line message naming the parameter
     */
    public String canonical(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new ParamException(key, label + ": enter a value");
        }
        switch (type) {
            case INTEGER: {
                long v;
                try {
                    v = Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new ParamException(key, label + " must be a whole number, not '" + t + "'");
                }
                if (v < min || v > max) {
                    throw new ParamException(
                            key, label + " must be between " + format(min) + " and " + format(max) + ", got " + v);
                }
                return Long.toString(v);
            }
            case REAL: {
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new ParamException(key, label + " must be a number, not '" + t + "'");
                }
                if (!Double.isFinite(v)) {
                    throw new ParamException(key, label + " must be a finite number");
                }
                if (minExclusive ? v <= min : v < min) {
                    throw new ParamException(
                            key,
                            label + " must be " + (minExclusive ? "greater than " : "at least ") + format(min)
                                    + ", got " + t);
                }
                if (v > max) {
                    throw new ParamException(key, label + " must be at most " + format(max) + ", got " + t);
                }
                return format(v);
            }
            case CHOICE: {
                String lower = t.toLowerCase(Locale.ROOT);
                if (!choices.contains(lower)) {
                    throw new ParamException(
                            key, label + " must be one of " + String.join(", ", choices) + ", not '" + t + "'");
                }
                return lower;
            }
            case BOOLEAN: {
                String lower = t.toLowerCase(Locale.ROOT);
                if (lower.equals("true") || lower.equals("yes") || lower.equals("on")) {
                    return "true";
                }
                if (lower.equals("false") || lower.equals("no") || lower.equals("off")) {
                    return "false";
                }
                throw new ParamException(key, label + " must be true or false, not '" + t + "'");
            }
            default:
                throw new IllegalStateException("unknown type " + type);
        }
    }

    /**
     * The allowed range in words, such as "2 … 64" or "> 0".
     *
     * @return the hint
     */
    public String rangeHint() {
        switch (type) {
            case INTEGER:
            case REAL:
                if (max >= 1e9) {
                    return (minExclusive ? "> " : "≥ ") + format(min);
                }
                return format(min) + " … " + format(max);
            case CHOICE:
                return String.join(" | ", choices);
            default:
                return "";
        }
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
