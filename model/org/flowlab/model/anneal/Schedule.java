package org.flowlab.model.anneal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The values one coupling takes along a chain of targets p_0, ..., p_K, such as m^2 stepping
 * from 0 to -0.5. Written {@code from:to:n} (n equally spaced values, both ends included) or as a
 * comma-separated list {@code 0,-0.2,-0.5}.
 *
 * @param key the parameter that changes, such as {@code m2}
 * @param values its values in chain order (at least one, all finite)
 */
public record Schedule(String key, double[] values) {

    /**
     * Validates the values.
     *
     * @param key the parameter
     * @param values the values
     */
    public Schedule {
        if (values.length == 0) {
            throw new IllegalArgumentException("a schedule needs at least one value");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("schedule values must be finite numbers");
            }
        }
        values = values.clone();
    }

    /**
     * Whether a parameter text is a schedule ({@code a:b:n} or a list) rather than one value.
     *
     * @param text the text
     * @return true if it contains ':' or ','
     */
    public static boolean isSchedule(String text) {
        return text != null && (text.indexOf(':') >= 0 || text.indexOf(',') >= 0);
    }

    /**
     * Parses {@code from:to:n} or {@code v0,v1,...}.
     *
     * @param key the parameter the schedule is for
     * @param text the text
     * @return the schedule
     * @throws IllegalArgumentException with a one-line message naming the parameter
     */
    public static Schedule parse(String key, String text) {
        String t = text.trim();
        if (t.indexOf(':') >= 0) {
            String[] parts = t.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException(key + ": write a schedule as from:to:n, got '" + text + "'");
            }
            double from = number(key, parts[0]);
            double to = number(key, parts[1]);
            int n;
            try {
                n = Integer.parseInt(parts[2].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key
                        + ": the number of values in from:to:n must be a whole number, got '" + parts[2].trim() + "'");
            }
            if (n < 2 || n > 200) {
                throw new IllegalArgumentException(key + ": from:to:n needs n between 2 and 200, got " + n);
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                // computed from both ends so that the last value is exactly 'to'
                v[i] = (from * (n - 1 - i) + to * i) / (n - 1);
            }
            return new Schedule(key, v);
        }
        String[] parts = t.split(",", -1);
        if (parts.length > 200) {
            throw new IllegalArgumentException(key + ": a schedule has at most 200 values, got " + parts.length);
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = number(key, parts[i]);
        }
        return new Schedule(key, v);
    }

    private static double number(String key, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text.trim() + "' in the schedule is not a finite number");
        }
    }

    /**
     * The number of targets.
     *
     * @return K + 1
     */
    public int size() {
        return values.length;
    }

    /**
     * One value.
     *
     * @param k the index
     * @return the value of target k
     */
    public double value(int k) {
        return values[k];
    }

    /**
     * The last value.
     *
     * @return the value of the final target
     */
    public double last() {
        return values[values.length - 1];
    }

    /**
     * The values as a copy.
     *
     * @return the values
     */
    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * The schedule in list form, which {@link #parse} reads back exactly.
     *
     * @return e.g. {@code 0.0,-0.1,-0.2}
     */
    public String text() {
        return Arrays.stream(values).mapToObj(Schedule::format).collect(Collectors.joining(","));
    }

    /**
     * A number as short text: whole numbers without a decimal point, others as Java writes them.
     *
     * @param v the number
     * @return the text
     */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule s && s.key.equals(key) && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return key + "=" + text();
    }
}
