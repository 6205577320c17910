package org.flowlab.model.ml;

import java.util.Locale;

/**
 * Parsing and range checks of the experiments' settings, shared by the command line, the
 * window's form and {@code flowlab:} links, so all three accept the same values and say the
 * same thing about a bad one. Messages are one line and start with the setting's name.
 */
public final class Ranges {

    private Ranges() {}

    /**
     * Parses an integer and checks it.
     *
     * @param name the setting's name
     * @param text the text
     * @param min smallest allowed value
     * @param max largest allowed value
     * @return the value
     * @throws IllegalArgumentException naming the setting
     */
    public static int parseInt(String name, String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + text + "'");
        }
        return checkInt(name, value, min, max);
    }

    /**
     * Checks an integer.
     *
     * @param name the setting's name
     * @param value the value
     * @param min smallest allowed value
     * @param max largest allowed value
     * @return the value
     * @throws IllegalArgumentException naming the setting
     */
    public static int checkInt(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /**
     * Parses a long (a seed).
     *
     * @param name the setting's name
     * @param text the text
     * @return the value
     * @throws IllegalArgumentException naming the setting
     */
    public static long parseLong(String name, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + text + "'");
        }
    }

    /**
     * Parses a real number and checks it.
     *
     * @param name the setting's name
     * @param text the text
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param minExclusive whether min itself is excluded
     * @return the value
     * @throws IllegalArgumentException naming the setting
     */
    public static double parseReal(String name, String text, double min, double max, boolean minExclusive) {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + text + "'");
        }
        return checkReal(name, value, min, max, minExclusive);
    }

    /**
     * Checks a real number (NaN and infinities are refused).
     *
     * @param name the setting's name
     * @param value the value
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param minExclusive whether min itself is excluded
     * @return the value
     * @throws IllegalArgumentException naming the setting
     */
    public static double checkReal(String name, double value, double min, double max, boolean minExclusive) {
        boolean aboveMin = minExclusive ? value > min : value >= min;
        if (!Double.isFinite(value) || !aboveMin || value > max) {
            String lowerBound =
                    minExclusive ? "above " + text(min) + " and at most " : "between " + text(min) + " and ";
            throw new IllegalArgumentException(name + " must be " + lowerBound + text(max) + ", got " + value);
        }
        return value;
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
